package io.sreagent.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.sreagent.core.spi.ToolProviderContext;
import io.sreagent.core.tool.ToolRegistry;
import io.sreagent.core.support.Json;
import io.sreagent.k8s.KubernetesTools;
import io.sreagent.k8s.KubernetesToolsConfig;
import io.sreagent.operator.Operator;
import io.sreagent.prometheus.alertmanager.WebhookParseException;
import io.sreagent.server.BackendHealth;
import io.sreagent.server.SreServer;
import io.sreagent.workflow.SreWorkflow;
import io.sreagent.workflow.WorkflowConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./sre-agent operator}: the Kubernetes operator, with the HTTP API and the web page over its Incident
 * resources, {@code POST /alertmanager} for Alertmanager's webhook, and {@code /healthz}, {@code /readyz} for probes.
 */
@Command(name = "operator", mixinStandardHelpOptions = true,
        description = "Runs the Kubernetes operator: Warning events and Alertmanager alerts become Incident resources, "
                + "diagnosed once; approvals are taken on the resources; replicas share the work through Leases.")
final class OperatorCommand implements Callable<Integer> {

    @Mixin
    CommonOptions options;

    @Option(names = "--namespace", description = "where Incident resources and Leases live (default ${DEFAULT-VALUE})",
            defaultValue = "sre-agent")
    String namespace;

    @Option(names = "--shards", description = "shards the namespaces spread over; the same in every replica (default ${DEFAULT-VALUE})",
            defaultValue = "4")
    int shards;

    @Option(names = "--identity", description = "this replica's Lease holder name (default: POD_NAME, else the host name)")
    String identity;

    @Option(names = "--host", description = "address to listen on (default ${DEFAULT-VALUE}); beyond loopback needs a token",
            defaultValue = "127.0.0.1")
    String host;

    @Option(names = "--port", description = "port of the API, the web page and /alertmanager (default ${DEFAULT-VALUE})",
            defaultValue = "8080")
    int port;

    @Option(names = "--api-token-file", description = "file of tokens, one per line: 'identity:token' or 'token'")
    Path tokenFile;

    @Override
    public Integer call() throws Exception {
        WorkflowConfig config = options.workflowConfig(System.err);
        Map<String, String> tokens = ServeCommand.tokens(tokenFile);
        if (tokens.isEmpty() && !SreServer.loopback(host)) {
            throw new UsageException("--host " + host + " is not a loopback address and no API token is set: set "
                    + "SRE_AGENT_API_TOKEN or --api-token-file to listen beyond this machine");
        }
        var llm = options.llmMode(config, System.err);
        Map<String, String> props = CommonOptions.sources(config);
        ToolProviderContext ctx = ToolProviderContext.builder().properties(System::getenv).properties(props).build();
        KubernetesToolsConfig k8s = KubernetesToolsConfig.from(key -> props.getOrDefault(key, System.getenv(key)));
        PrintStream out = System.out;
        try (KubernetesClient client = KubernetesTools.buildClient(k8s);
             ToolRegistry tools = ToolRegistry.builder().discover(OperatorCommand.class.getClassLoader(), ctx).build()) {
            SreWorkflow.Builder wf = CommonOptions.workflow(config, tools, llm);
            Operator.Builder b = Operator.builder(client, wf).namespace(namespace).shards(shards).events(k8s);
            if (identity != null) {
                b.identity(identity);
            }
            try (Operator operator = b.build().start()) {
                SreServer server = SreServer.builder(operator.workflow()).tokens(tokens)
                        .health(BackendHealth.of(tools, Duration.ofSeconds(15)))
                        .approver((incident, action, who) -> operator.approve(incident, action, who, Duration.ofSeconds(20)))
                        .build();
                server.app().post("/alertmanager", c -> {
                    try {
                        operator.alert(c.body());
                        c.status(202).contentType("application/json").result("{\"status\":\"accepted\"}");
                    } catch (WebhookParseException e) {
                        c.status(400).contentType("application/json")
                                .result(Json.write(Json.object().put("error", e.getMessage()).put("field", "body")));
                    }
                });
                server.app().get("/healthz", c -> c.result("ok"));
                server.app().get("/readyz", c -> c.result(operator.identity() + " leads shards " + operator.ledShards()));
                try (server) {
                    server.start(host, port);
                    out.println("sre-agent operator " + operator.identity() + ": Incident resources in " + namespace
                            + ", " + shards + " shards, serving on http://" + host + ":" + server.port()
                            + (config.safety().dryRun() ? " (dry-run: --execute to carry out approved actions)" : ""));
                    CountDownLatch stopped = new CountDownLatch(1);
                    Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
                    stopped.await();
                }
            }
        }
        return 0;
    }
}
