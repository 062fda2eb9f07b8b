package io.sreagent.cli;

import static io.sreagent.cli.CliTest.builtIn;
import static io.sreagent.cli.CliTest.cli;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.sreagent.core.support.Json;
import io.sreagent.core.tool.SafetyClass;
import io.sreagent.core.tool.Tool;
import io.sreagent.mcp.SreMcpServer;
import io.sreagent.testkit.scenario.ScenarioLoader;
import io.sreagent.workflow.WorkflowConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The MCP server with the SDK's own client: over stdio (the real `sre-agent mcp` process, as an MCP client starts it)
 * and over streamable HTTP; its tools (no mutating one), and `diagnose` giving the CLI's decision.
 */
class McpServerTest {

    static final Path SCENARIO = builtIn("cart-oom-killed");

    static McpSyncClient client(McpClientTransport transport) {
        McpSyncClient c = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(90))
                .initializationTimeout(Duration.ofSeconds(90)).build();
        c.initialize();
        return c;
    }

    static JsonNode diagnose(McpSyncClient c, Map<String, Object> trigger) throws Exception {
        McpSchema.CallToolResult r = c.callTool(McpSchema.CallToolRequest.builder(SreMcpServer.DIAGNOSE).arguments(trigger).build());
        assertThat(r.isError()).as(String.valueOf(r.content())).isFalse();
        return Json.mapper().readTree(((McpSchema.TextContent) r.content().get(0)).text());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> trigger() {
        return Json.mapper().convertValue(ScenarioLoader.load(SCENARIO).trigger(), Map.class);
    }

    /** What the CLI decides for the scenario: category, resource and action types. */
    static String outcome(JsonNode d) {
        return d.path("root_cause").path("category").asText() + " " + d.path("root_cause").path("resource") + " "
                + d.path("actions").findValuesAsText("type") + " " + d.path("confidence").asDouble();
    }

    static void assertTools(McpSyncClient c, Set<String> mutating) {
        List<String> names = c.listTools().tools().stream().map(McpSchema.Tool::name).toList();
        assertThat(names).contains(SreMcpServer.DIAGNOSE, SreMcpServer.INCIDENT, "k8s.get_pod", "k8s.events",
                "prometheus.query").doesNotContainAnyElementsOf(mutating);
    }

    static Set<String> mutatingTools() {
        try (ScenarioRun run = ScenarioRun.start(ScenarioLoader.load(SCENARIO), WorkflowConfig.defaults())) {
            Set<String> m = run.tools().tools().stream().filter(t -> t.safety() != SafetyClass.READ_ONLY).map(Tool::id)
                    .collect(Collectors.toSet());
            assertThat(m).contains("k8s.scale", "k8s.rollback", "k8s.delete_pod");
            return m;
        }
    }

    @Test
    void overStdioTheSreAgentMcpProcessServesTheCliDecision() throws Exception {
        JsonNode expected = Json.mapper().readTree(cli("diagnose", "--scenario", SCENARIO.toString(), "--output", "json").out());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ServerParameters process = ServerParameters.builder(java)
                .args("-cp", System.getProperty("java.class.path"), "io.sreagent.cli.SreAgentCli", "mcp", "--scenario",
                        SCENARIO.toString()).build();
        try (McpSyncClient c = client(new StdioClientTransport(process, new JacksonMcpJsonMapper(Json.newMapper())))) {
            assertTools(c, mutatingTools());
            JsonNode d = diagnose(c, trigger());
            assertThat(outcome(d)).isEqualTo(outcome(expected));
            // the stored decision comes back by id
            McpSchema.CallToolResult stored = c.callTool(McpSchema.CallToolRequest.builder(SreMcpServer.INCIDENT)
                    .arguments(Map.of("incident_id", d.path("incident_id").asText())).build());
            assertThat(((McpSchema.TextContent) stored.content().get(0)).text()).contains(d.path("incident_id").asText());
        }
    }

    @Test
    void overHttpTheServerDiagnosesRedactsAndOffersNoMutatingTool() throws Exception {
        JsonNode expected = Json.mapper().readTree(cli("diagnose", "--scenario", SCENARIO.toString(), "--output", "json").out());
        try (ScenarioRun run = ScenarioRun.start(ScenarioLoader.load(SCENARIO), WorkflowConfig.defaults());
             SreMcpServer server = SreMcpServer.builder(run.workflow(), run.tools()).build().http("127.0.0.1", 0);
             McpSyncClient c = client(HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + server.port())
                     .jsonMapper(new JacksonMcpJsonMapper(Json.newMapper())).build())) {
            assertTools(c, mutatingTools());
            assertThat(outcome(diagnose(c, trigger()))).isEqualTo(outcome(expected));

            Map<String, Object> secret = new java.util.HashMap<>(trigger());
            secret.put("event_data", Map.of("reason", "BackOff", "message", "login failed password=hunter2Secret! "
                    + "token ghp_abcdefghijklmnopqrstuvwxyz0123456789"));
            McpSchema.CallToolResult r = c.callTool(McpSchema.CallToolRequest.builder(SreMcpServer.DIAGNOSE).arguments(secret).build());
            String text = ((McpSchema.TextContent) r.content().get(0)).text();
            assertThat(text).contains("[REDACTED]").doesNotContain("hunter2Secret!").doesNotContain("ghp_abcdefghij");
            // a bad name is a tool error with the reason, not an exception
            McpSchema.CallToolResult bad = c.callTool(McpSchema.CallToolRequest.builder(SreMcpServer.DIAGNOSE)
                    .arguments(Map.of("resource_kind", "Pod", "resource_name", "../secrets")).build());
            assertThat(bad.isError()).isTrue();
            assertThat(((McpSchema.TextContent) bad.content().get(0)).text()).contains("not a valid Kubernetes name");
        }
        // beyond loopback the MCP endpoint refuses to listen (it takes no token)
        try (ScenarioRun run = ScenarioRun.start(ScenarioLoader.load(SCENARIO), WorkflowConfig.defaults())) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> SreMcpServer.builder(run.workflow(), run.tools())
                    .build().http("0.0.0.0", 0)).hasMessageContaining("loopback");
        }
    }
}
