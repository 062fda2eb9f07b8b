package io.sreagent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.sreagent.core.input.InputFiles;
import io.sreagent.core.input.YamlInput;
import io.sreagent.core.safety.ApprovalPolicy;
import io.sreagent.workflow.InvalidConfigurationException;
import io.sreagent.workflow.WorkflowConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The options that diagnose, eval, demo and serve share. */
final class CommonOptions {

    @Option(names = "--output", description = "text or json (json prints exactly one decision object on stdout)",
            defaultValue = "text")
    String output;

    @Option(names = "--prometheus-url", description = "use a real Prometheus instead of the embedded one")
    String prometheusUrl;

    @Option(names = "--loki-url", description = "use a real Loki instead of the embedded one")
    String lokiUrl;

    @Option(names = "--kubeconfig", description = "kubeconfig of a real cluster (else KUBECONFIG, else in-cluster)")
    Path kubeconfig;

    @Option(names = "--execute", description = "carry out approved actions; without it nothing is changed (dry-run)")
    boolean execute;

    @Option(names = "--approve", description = "none (default), low or all: what is approved without a person; HIGH always waits",
            defaultValue = "none")
    String approve;

    @Option(names = "--timeout", description = "bound on the whole command, in seconds (default: the configuration's "
            + "timeout_seconds, else 60)")
    Integer timeoutSeconds;

    @Option(names = "--llm", description = "none, openai, azure-openai or ollama (default: openai when OPENAI_API_KEY "
            + "is set, azure-openai when AZURE_OPENAI_ENDPOINT and AZURE_OPENAI_API_KEY are, else none: deterministic agents)")
    String llm;

    @Option(names = "--model", description = "the model (openai: default gpt-4o-mini; azure-openai: the deployment; "
            + "ollama: required)")
    String model;

    @Option(names = "--openai-base-url", description = "any OpenAI-compatible server (vLLM, LM Studio, Ollama's /v1)")
    String openaiBaseUrl;

    @Option(names = "--small-model", description = "short prompts, few tools, small budgets (on with --llm ollama)")
    boolean smallModel;

    @Option(names = "--llm-token-budget", description = "tokens one diagnosis may spend on models (default 40000; "
            + "16000 with --small-model)")
    long llmTokenBudget;

    @Option(names = "--config", description = "workflow configuration file (YAML)")
    Path config;

    @Option(names = {"-v", "--verbose"}, description = "log more on stderr: -v provider discovery and the embedded "
            + "servers (INFO), -vv everything (DEBUG)")
    boolean[] verbose = new boolean[0];

    boolean json() {
        return switch (output) {
            case "json" -> true;
            case "text" -> false;
            default -> throw new UsageException("--output must be text or json, was '" + output + "'");
        };
    }

    /**
     * The model mode the options and the environment choose, or null for the deterministic agents; says which on
     * {@code err} in one line.
     */
    io.sreagent.workflow.LlmMode llmMode(WorkflowConfig config, PrintStream err) {
        if (llmTokenBudget < 0) {
            throw new UsageException("--llm-token-budget must be positive, was " + llmTokenBudget);
        }
        // A fifth of the run's limit (1 to 60 s): a model that does not answer costs triage at most two of them (one
        // retry), and the deterministic investigation keeps the rest of the run.
        Duration fifth = config.timeout().dividedBy(5);
        Duration perCall = fifth.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1)
                : fifth.compareTo(Duration.ofSeconds(60)) > 0 ? Duration.ofSeconds(60) : fifth;
        var choice = Providers.choose(llm, model, openaiBaseUrl, perCall, System::getenv);
        if (choice.isEmpty()) {
            if (model != null || openaiBaseUrl != null) {
                throw new UsageException("--model and --openai-base-url need a model provider: add --llm openai "
                        + "(or azure-openai, ollama)");
            }
            err.println("sre-agent: agents: deterministic (no model; --llm openai|azure-openai|ollama to reason with one)");
            return null;
        }
        err.println("sre-agent: model: " + choice.get().describe() + (smallModel || choice.get().small()
                ? " (small-model mode)" : ""));
        return Providers.mode(choice.get(), config, smallModel, llmTokenBudget);
    }

    /**
     * The workflow every command runs: the configuration, the tools, the model mode when one is chosen, and the
     * OpenTelemetry the process has (a no-op unless the OpenTelemetry Java agent, or a host, installed one).
     */
    static io.sreagent.workflow.SreWorkflow.Builder workflow(WorkflowConfig config, io.sreagent.core.tool.ToolRegistry tools,
                                                            io.sreagent.workflow.@org.jspecify.annotations.Nullable LlmMode llm) {
        io.sreagent.workflow.SreWorkflow.Builder b = io.sreagent.workflow.SreWorkflow.builder().config(config).tools(tools)
                .openTelemetry(io.opentelemetry.api.GlobalOpenTelemetry.get());
        if (llm != null) {
            b.llm(llm);
        }
        return b;
    }

    /** The sources the configuration names, as the tool providers' properties (KUBECONFIG, PROMETHEUS_URL, LOKI_URL). */
    static java.util.Map<String, String> sources(WorkflowConfig config) {
        java.util.Map<String, String> props = new java.util.HashMap<>();
        if (config.kubeconfig() != null) {
            props.put("KUBECONFIG", config.kubeconfig());
        }
        if (config.prometheusUrl() != null) {
            props.put("PROMETHEUS_URL", config.prometheusUrl());
        }
        if (config.lokiUrl() != null) {
            props.put("LOKI_URL", config.lokiUrl());
        }
        return props;
    }

    /** The size limit of a configuration file. */
    static final long MAX_CONFIG_BYTES = 1L << 20;

    /**
     * The workflow configuration: file, then environment, then these options; warnings go to {@code err}.
     *
     * <p>The command line's contract, whatever the file and the environment say: without {@code --execute} nothing
     * is changed, and an explicit requirement of a person ({@code require_human_approval: true} or
     * {@code REQUIRE_HUMAN_APPROVAL=true}) is a floor that {@code --approve} cannot lower.
     */
    WorkflowConfig workflowConfig(PrintStream err) {
        json();
        Logging.verbosity(verbose.length);
        if (timeoutSeconds != null && timeoutSeconds <= 0) {
            throw new UsageException("--timeout must be a positive number of seconds, was " + timeoutSeconds);
        }
        ApprovalPolicy policy;
        try {
            policy = ApprovalPolicy.parse(approve);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--approve: " + e.getMessage());
        }
        try {
            JsonNode tree = config == null ? null
                    : YamlInput.single(InputFiles.readString(config, MAX_CONFIG_BYTES), config.toString());
            WorkflowConfig c = WorkflowConfig.fromTree(tree).withEnvironment(System::getenv);
            if (timeoutSeconds != null) {
                c = c.withTimeout(Duration.ofSeconds(timeoutSeconds));
            }
            if (!execute && !c.safety().dryRun()) {
                err.println("sre-agent: warning: the configuration (workflow.dry_run or ENABLE_DRY_RUN) asks for real "
                        + "changes, but --execute was not given: nothing will be changed (dry-run)");
            }
            c = c.withSafety(c.safety().withDryRun(!execute));
            if (policy != ApprovalPolicy.NONE) {
                List<String> floor = new ArrayList<>();
                // The environment overrides the file, so each counts only when the requirement is in force.
                if (c.requireHumanApproval() && tree != null
                        && tree.path("workflow").path("require_human_approval").asBoolean(false)) {
                    floor.add("workflow.require_human_approval: true in " + config);
                }
                String env = System.getenv("REQUIRE_HUMAN_APPROVAL");
                if (env != null && !env.isBlank() && c.requireHumanApproval()) {
                    floor.add("REQUIRE_HUMAN_APPROVAL=" + env.trim());
                }
                if (!floor.isEmpty()) {
                    throw new UsageException("--approve " + approve + " conflicts with " + String.join(" and ", floor)
                            + ": a person must approve every action; drop --approve or that setting");
                }
                c = c.withSafety(c.safety().withApproval(policy)).withRequireHumanApproval(false);
            }
            return c.withSources(kubeconfig == null ? null : kubeconfig.toString(), prometheusUrl, lokiUrl);
        } catch (InvalidConfigurationException e) {
            throw new UsageException((config == null ? "" : config + ": ") + e.getMessage());
        }
    }
}
