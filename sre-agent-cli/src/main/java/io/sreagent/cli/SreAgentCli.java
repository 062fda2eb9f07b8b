package io.sreagent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.sreagent.core.event.EventListener;
import io.sreagent.core.incident.Decision;
import io.sreagent.core.incident.Trigger;
import io.sreagent.core.input.InputException;
import io.sreagent.core.input.InputFiles;
import io.sreagent.core.input.JsonInput;
import io.sreagent.core.input.KubernetesNames;
import io.sreagent.core.redaction.Redactor;
import io.sreagent.core.spi.ToolProviderContext;
import io.sreagent.workflow.SreWorkflow;
import io.sreagent.workflow.WorkflowConfig;
import io.sreagent.core.support.Json;
import io.sreagent.core.tool.ToolRegistry;
import io.sreagent.testkit.scenario.Scenario;
import io.sreagent.testkit.scenario.ScenarioLoader;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./sre-agent}: the command line of the examples application (demo, diagnose, eval, bench).
 *
 * <p>Exit status: 0 a decision was made (eval: every scenario passed), 2 bad usage or unreadable input (one line on
 * stderr), 1 an internal failure (or, for eval, a scenario that did not pass).
 */
@Command(name = "sre-agent", mixinStandardHelpOptions = true, version = "sre-agent 0.1.0",
        description = "A team of agents that diagnoses Kubernetes incidents and proposes safe fixes.",
        subcommands = {SreAgentCli.Demo.class, SreAgentCli.Diagnose.class, EvalCommand.class, ServeCommand.class,
                OperatorCommand.class, McpCommand.class, SnapshotCommand.class, BenchCommand.class})
public final class SreAgentCli implements Callable<Integer> {

    /** The default demo scenario, shipped in the jar. */
    static final String DEMO_SCENARIO = "cart-oom-killed";

    @Override
    public Integer call() {
        new CommandLine(this).usage(System.out);
        return 0;
    }

    /** Kept so the JUL configuration below is not garbage-collected. */
    private static final java.util.logging.Logger MOCK_SERVER_LOG = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

    public static void main(String[] args) {
        // The embedded API server logs every request through java.util.logging; a person wants the report.
        MOCK_SERVER_LOG.setLevel(java.util.logging.Level.WARNING);
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command line; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine cmd = new CommandLine(new SreAgentCli());
        cmd.setOut(new java.io.PrintWriter(out, true));
        cmd.setErr(new java.io.PrintWriter(err, true));
        Redactor redactor = new Redactor();
        cmd.setParameterExceptionHandler((ex, a) -> {
            err.println("sre-agent: " + Report.oneLine(redactor.redact(String.valueOf(ex.getMessage())), 500));
            return 2;
        });
        cmd.setExecutionExceptionHandler((ex, c, parsed) -> {
            // What reaches the terminal is one line, redacted and with control characters escaped: a message may
            // carry a piece of the bad input.
            if (ex instanceof UsageException || ex instanceof InputException) {
                err.println("sre-agent: " + Report.oneLine(redactor.redact(String.valueOf(ex.getMessage())), 500));
                return 2;
            }
            err.println("sre-agent: internal failure: " + Report.oneLine(redactor.redact(ex.toString()), 500));
            if ("1".equals(System.getenv("SRE_AGENT_DEBUG"))) {
                ex.printStackTrace(err);
            } else {
                err.println("sre-agent: set SRE_AGENT_DEBUG=1 for the stack trace");
            }
            return 1;
        });
        return cmd.execute(args);
    }

    static Scenario loadScenario(Path dir) {
        return ScenarioLoader.load(dir);
    }

    static EventListener progressIfTerminal(PrintStream err) {
        return System.console() != null || "1".equals(System.getenv("SRE_AGENT_PROGRESS")) ? Report.progress(err) : e -> { };
    }

    static void print(Decision d, boolean json, PrintStream out) {
        out.println(json ? Json.writePretty(d) : Report.render(d));
    }

    /** Runs a built-in scenario on the embedded cluster and prints the investigation. */
    @Command(name = "demo", mixinStandardHelpOptions = true, description = "Runs a built-in scenario on the embedded cluster and prints a readable report.")
    static final class Demo implements Callable<Integer> {
        @Mixin
        CommonOptions options;

        @Option(names = "--scenario-name", description = "built-in scenario to run (default ${DEFAULT-VALUE})",
                defaultValue = DEMO_SCENARIO)
        String name;

        @Override
        public Integer call() {
            WorkflowConfig config = options.workflowConfig(System.err);
            var llm = options.llmMode(config, System.err);
            List<String> names = ScenarioLoader.listResources("scenarios");
            if (!names.contains(name)) {
                throw new UsageException("no built-in scenario '" + name + "'; available: " + names);
            }
            Scenario s = ScenarioLoader.loadResource("scenarios/" + name);
            PrintStream out = System.out;
            if (!options.json()) {
                out.println("sre-agent demo: " + s.name() + " - " + s.description());
                out.println("(embedded Kubernetes, Prometheus and Loki APIs serving a frozen incident)\n");
            }
            try (ScenarioRun run = ScenarioRun.start(s, config, llm)) {
                Decision d = run.diagnose(options.json() ? e -> { } : Report.progress(out));
                print(d, options.json(), out);
                s.expected().ifPresent(e -> {
                    if (!options.json()) {
                        out.println("Expected by the scenario: " + e.category().map(Enum::name).orElse("?") + " on "
                                + e.resource().map(Object::toString).orElse("?"));
                    }
                });
            }
            return 0;
        }
    }

    /** Diagnoses one scenario on the embedded servers, or one event against a real cluster. */
    @Command(name = "diagnose", mixinStandardHelpOptions = true, description = "Diagnoses a scenario (embedded servers) or a /decide body against a real cluster.")
    static final class Diagnose implements Callable<Integer> {
        @Mixin
        CommonOptions options;

        @Option(names = "--scenario", description = "scenario directory")
        Path scenario;

        @Option(names = "--event", description = "a /decide body (JSON) to diagnose against a real cluster")
        Path event;

        @Override
        public Integer call() {
            WorkflowConfig config = options.workflowConfig(System.err);
            PrintStream out = System.out;
            if ((scenario == null) == (event == null)) {
                throw new UsageException("give exactly one of --scenario DIR or --event FILE");
            }
            // Input first: bad input is one line on stderr, before anything else is said.
            Scenario s = scenario == null ? null : loadScenario(scenario);
            Trigger trigger = event == null ? null : readTrigger(event);
            var llm = options.llmMode(config, System.err);
            if (s != null) {
                try (ScenarioRun run = ScenarioRun.start(s, config, llm)) {
                    print(run.diagnose(progressIfTerminal(System.err)), options.json(), out);
                }
                return 0;
            }
            Map<String, String> props = CommonOptions.sources(config);
            // Each request gets a share of the command's timeout, so that a slow or unreachable API server cannot
            // hold the command past it (the host may still set K8S_REQUEST_TIMEOUT_SECONDS lower).
            long share = Math.max(1, Math.min(10, config.timeout().toSeconds() / 8));
            if (System.getenv("K8S_REQUEST_TIMEOUT_SECONDS") == null) {
                props.put("K8S_REQUEST_TIMEOUT_SECONDS", Long.toString(share));
            }
            ToolProviderContext ctx = ToolProviderContext.builder().properties(System::getenv).properties(props).build();
            try (ToolRegistry tools = ToolRegistry.builder().discover(SreAgentCli.class.getClassLoader(), ctx).build()) {
                SreWorkflow wf = CommonOptions.workflow(config, tools, llm).build();
                print(wf.processIncident(trigger, progressIfTerminal(System.err)), options.json(), out);
            }
            return 0;
        }
    }

    /** The size limit of an event file. */
    static final long MAX_EVENT_BYTES = 1L << 20;

    /** Reads and checks a /decide body. */
    static Trigger readTrigger(Path file) {
        JsonNode n = JsonInput.parse(InputFiles.readString(file, MAX_EVENT_BYTES), file.toString());
        if (n == null || !n.isObject()) {
            throw new UsageException("event file " + file + " must hold a JSON object");
        }
        for (String f : List.of("namespace", "resource_kind", "resource_name")) {
            if (!n.path(f).isTextual() || n.path(f).asText().isBlank()) {
                throw new UsageException("event file " + file + ": field '" + f + "' is missing or not a string");
            }
        }
        KubernetesNames.namespaceProblem("namespace", n.get("namespace").asText())
                .or(() -> KubernetesNames.nameProblem("resource_name", n.get("resource_name").asText()))
                .ifPresent(p -> {
                    throw new UsageException("event file " + file + ": " + p);
                });
        if (n.has("event_data") && !n.get("event_data").isObject()) {
            throw new UsageException("event file " + file + ": field 'event_data' must be an object");
        }
        return new Trigger(n.path("event_type").asText("Warning"), n.get("namespace").asText(),
                n.get("resource_kind").asText(), n.get("resource_name").asText(), n.get("event_data"));
    }
}
