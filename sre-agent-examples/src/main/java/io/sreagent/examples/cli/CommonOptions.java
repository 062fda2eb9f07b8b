package io.sreagent.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.sreagent.core.safety.ApprovalPolicy;
import io.sreagent.core.sre.InvalidConfigurationException;
import io.sreagent.core.sre.WorkflowConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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

    @Option(names = "--timeout", description = "bound on the whole workflow, in seconds", defaultValue = "60")
    int timeoutSeconds;

    @Option(names = "--llm", description = "none (default): deterministic agents", defaultValue = "none")
    String llm;

    @Option(names = "--config", description = "workflow configuration file (YAML)")
    Path config;

    boolean json() {
        return switch (output) {
            case "json" -> true;
            case "text" -> false;
            default -> throw new UsageException("--output must be text or json, was '" + output + "'");
        };
    }

    /** The workflow configuration: file, then environment, then these options. */
    WorkflowConfig workflowConfig() {
        json();
        if (!"none".equals(llm)) {
            throw new UsageException("--llm " + llm + " is not available in this build; use --llm none");
        }
        if (timeoutSeconds <= 0) {
            throw new UsageException("--timeout must be a positive number of seconds, was " + timeoutSeconds);
        }
        ApprovalPolicy policy;
        try {
            policy = ApprovalPolicy.parse(approve);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--approve: " + e.getMessage());
        }
        try {
            JsonNode tree = null;
            if (config != null) {
                try {
                    tree = new YAMLMapper().readTree(Files.readString(config));
                } catch (IOException e) {
                    throw new UsageException("cannot read --config " + config + ": " + e.getMessage().lines().findFirst().orElse(""));
                }
            }
            WorkflowConfig c = WorkflowConfig.fromTree(tree).withEnvironment(System::getenv)
                    .withTimeout(Duration.ofSeconds(timeoutSeconds));
            if (execute) {
                c = c.withSafety(c.safety().withDryRun(false));
            }
            if (policy != ApprovalPolicy.NONE) {
                c = c.withSafety(c.safety().withApproval(policy)).withRequireHumanApproval(false);
            }
            return c.withSources(kubeconfig == null ? null : kubeconfig.toString(), prometheusUrl, lokiUrl);
        } catch (InvalidConfigurationException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
