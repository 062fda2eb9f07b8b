package io.sreagent.cli;

import io.sreagent.core.input.InputFiles;
import io.sreagent.core.spi.ToolProviderContext;
import io.sreagent.core.tool.ToolRegistry;
import io.sreagent.server.BackendHealth;
import io.sreagent.server.SreServer;
import io.sreagent.workflow.FileIncidentStore;
import io.sreagent.workflow.SreWorkflow;
import io.sreagent.workflow.WorkflowConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./sre-agent serve}: the HTTP API over a scenario (embedded servers) or a real cluster. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serves the HTTP API (POST /decide, /execute, GET /incidents/{id}, /workflow/info, /health).")
final class ServeCommand implements Callable<Integer> {

    @Mixin
    CommonOptions options;

    @Option(names = "--scenario", description = "serve this scenario's frozen incident (embedded Kubernetes, Prometheus, Loki)")
    Path scenario;

    @Option(names = "--host", description = "address to listen on (default ${DEFAULT-VALUE}); beyond loopback needs a token",
            defaultValue = "127.0.0.1")
    String host;

    @Option(names = "--port", description = "port (default ${DEFAULT-VALUE}; 0 for a free one)", defaultValue = "8000")
    int port;

    @Option(names = "--api-token-file", description = "file of tokens, one per line: 'identity:token' or 'token'")
    Path tokenFile;

    @Option(names = "--store", description = "directory to keep incidents in, so pending approvals survive a restart "
            + "(default: memory)")
    Path store;

    @Override
    public Integer call() throws Exception {
        WorkflowConfig config = options.workflowConfig(System.err);
        Map<String, String> tokens = tokens(tokenFile);
        if (tokens.isEmpty() && !SreServer.loopback(host)) {
            throw new UsageException("--host " + host + " is not a loopback address and no API token is set: set "
                    + "SRE_AGENT_API_TOKEN or --api-token-file to listen beyond this machine");
        }
        PrintStream out = System.out;
        var llm = options.llmMode(config, System.err);
        if (scenario != null) {
            try (ScenarioRun run = ScenarioRun.start(SreAgentCli.loadScenario(scenario), config, llm)) {
                return serve(run.workflow(), run.tools(), tokens, out);
            }
        }
        ToolProviderContext ctx = ToolProviderContext.builder().properties(System::getenv).build();
        try (ToolRegistry tools = ToolRegistry.builder().discover(ServeCommand.class.getClassLoader(), ctx).build()) {
            SreWorkflow.Builder wf = CommonOptions.workflow(config, tools, llm);
            if (store != null) {
                wf.store(new FileIncidentStore(store, SreWorkflow.KEEP_INCIDENTS));
            }
            return serve(wf.build(), tools, tokens, out);
        }
    }

    private int serve(SreWorkflow workflow, ToolRegistry tools, Map<String, String> tokens, PrintStream out)
            throws InterruptedException {
        SreServer server = SreServer.builder(workflow).tokens(tokens)
                .health(BackendHealth.of(tools, java.time.Duration.ofSeconds(15))).build();
        try (server) {
            server.start(host, port);
            out.println("sre-agent: serving on http://" + host + ":" + server.port() + (tokens.isEmpty() ? "" : " (bearer token required)"));
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
            stopped.await();
        }
        return 0;
    }

    /** Tokens from {@code --api-token-file} and {@code SRE_AGENT_API_TOKEN}, token to identity. */
    static Map<String, String> tokens(Path tokenFile) {
        Map<String, String> tokens = new LinkedHashMap<>();
        String env = System.getenv("SRE_AGENT_API_TOKEN");
        if (env != null && !env.isBlank()) {
            tokens.put(env.trim(), "default");
        }
        if (tokenFile != null) {
            int n = 0;
            for (String line : InputFiles.readString(tokenFile, 64 * 1024).split("\n")) {
                n++;
                String l = line.trim();
                if (l.isEmpty() || l.startsWith("#")) {
                    continue;
                }
                int colon = l.indexOf(':');
                String identity = colon > 0 ? l.substring(0, colon).trim() : "token-" + n;
                String token = colon > 0 ? l.substring(colon + 1).trim() : l;
                if (token.length() < 16) {
                    throw new UsageException("--api-token-file " + tokenFile + ": line " + n + ": a token needs at least 16 characters");
                }
                tokens.put(token, identity);
            }
        }
        return tokens;
    }
}
