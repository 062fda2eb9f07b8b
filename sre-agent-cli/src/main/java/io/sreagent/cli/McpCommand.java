package io.sreagent.cli;

import io.sreagent.core.spi.ToolProviderContext;
import io.sreagent.core.tool.ToolRegistry;
import io.sreagent.mcp.SreMcpServer;
import io.sreagent.workflow.SreWorkflow;
import io.sreagent.workflow.WorkflowConfig;
import java.io.FilterInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./sre-agent mcp}: the MCP server, over stdio (the default: an MCP client starts it) or streamable HTTP
 * ({@code --http}), on a scenario's embedded servers or a real cluster. Over stdio, stdout carries the protocol only.
 */
@Command(name = "mcp", mixinStandardHelpOptions = true,
        description = "Serves sre-agent to MCP clients: diagnose, incident and the read-only tools, over stdio or --http.")
final class McpCommand implements Callable<Integer> {

    @Mixin
    CommonOptions options;

    @Option(names = "--scenario", description = "serve this scenario's frozen incident (embedded Kubernetes, Prometheus, Loki)")
    Path scenario;

    @Option(names = "--http", description = "serve streamable HTTP at http://HOST:PORT/mcp instead of stdio")
    boolean http;

    @Option(names = "--host", description = "HTTP address, loopback only (default ${DEFAULT-VALUE})", defaultValue = "127.0.0.1")
    String host;

    @Option(names = "--port", description = "HTTP port (default ${DEFAULT-VALUE}; 0 for a free one)", defaultValue = "8090")
    int port;

    @Option(names = "--propose", split = ",", description = "mutating tools to offer as dry-run proposals (none by default)")
    List<String> propose = List.of();

    @Override
    public Integer call() throws Exception {
        WorkflowConfig config = options.workflowConfig(System.err);
        var llm = options.llmMode(config, System.err);
        if (scenario != null) {
            try (ScenarioRun run = ScenarioRun.start(SreAgentCli.loadScenario(scenario), config, llm)) {
                return serve(run.workflow(), run.tools());
            }
        }
        ToolProviderContext ctx = ToolProviderContext.builder().properties(System::getenv)
                .properties(CommonOptions.sources(config)).build();
        try (ToolRegistry tools = ToolRegistry.builder().discover(McpCommand.class.getClassLoader(), ctx).build()) {
            return serve(CommonOptions.workflow(config, tools, llm).build(), tools);
        }
    }

    private int serve(SreWorkflow workflow, ToolRegistry tools) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        try (SreMcpServer server = SreMcpServer.builder(workflow, tools).propose(propose.toArray(String[]::new)).build()) {
            if (http) {
                try {
                    server.http(host, port);
                } catch (IllegalArgumentException e) {
                    throw new UsageException("--host: " + e.getMessage());
                }
                System.err.println("sre-agent: MCP server on http://" + host + ":" + server.port() + SreMcpServer.PATH);
                Runtime.getRuntime().addShutdownHook(new Thread(done::countDown));
            } else {
                // The client ends the session by closing our stdin: then the command ends.
                server.stdio(new FilterInputStream(System.in) {
                    @Override
                    public int read() throws IOException {
                        int b = super.read();
                        if (b < 0) {
                            done.countDown();
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] buf, int off, int len) throws IOException {
                        int n = super.read(buf, off, len);
                        if (n < 0) {
                            done.countDown();
                        }
                        return n;
                    }
                }, System.out);
            }
            done.await();
        }
        return 0;
    }

}
