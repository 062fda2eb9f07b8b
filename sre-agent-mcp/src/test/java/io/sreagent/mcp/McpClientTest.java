package io.sreagent.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.sreagent.core.agent.Agent;
import io.sreagent.core.agent.AgentContext;
import io.sreagent.core.agent.AgentResponse;
import io.sreagent.core.incident.Trigger;
import io.sreagent.core.message.Message;
import io.sreagent.core.message.TextMessage;
import io.sreagent.core.spi.ToolProviderContext;
import io.sreagent.core.support.Json;
import io.sreagent.core.tool.SafetyClass;
import io.sreagent.core.tool.Tool;
import io.sreagent.core.tool.ToolRegistry;
import io.sreagent.core.tool.ToolResult;
import io.sreagent.core.workflow.WorkflowContext;
import io.sreagent.testkit.EmbeddedScenario;
import io.sreagent.testkit.scenario.ExampleScenarios;
import io.sreagent.workflow.SreWorkflow;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The MCP client: a remote MCP server (our own, over streamable HTTP, on the example scenario) has its tools imported
 * under a namespace, and an agent calls one through the registry.
 */
class McpClientTest {

    @Test
    void aRemotesToolsAreImportedUnderANamespaceAndAnAgentCallsOne() throws Exception {
        try (EmbeddedScenario s = EmbeddedScenario.startResource(ExampleScenarios.resource("cart-oom-killed"));
             SreMcpServer remote = SreMcpServer.builder(SreWorkflow.builder().tools(s.tools()).clock(s.clock()).build(),
                     s.tools()).build().http("127.0.0.1", 0)) {
            McpToolProvider provider = McpToolProvider.http("remote", "http://127.0.0.1:" + remote.port())
                    .declare("k8s.scale", SafetyClass.MUTATING);
            // Untrusted by default: the registry does not take a remote's word that a tool only reads.
            try (ToolRegistry untrusted = ToolRegistry.builder().provider(provider, ToolProviderContext.empty()).build()) {
                assertThat(untrusted.tools()).isNotEmpty().noneMatch(t -> t.safety() == SafetyClass.READ_ONLY);
            }
            try (ToolRegistry imported = ToolRegistry.builder().trustDeclaredSafety("mcp-remote")
                    .provider(provider, ToolProviderContext.empty()).build()) {
                List<String> ids = imported.tools().stream().map(Tool::id).toList();
                assertThat(ids).contains("remote.diagnose", "remote.incident", "remote.k8s_get_pod", "remote.k8s_events")
                        .allMatch(id -> id.startsWith("remote."))
                        // the remote serves no mutating tool by default, so none is imported
                        .doesNotContain("remote.k8s_scale");
                assertThat(imported.tools()).allMatch(t -> t.safety() == SafetyClass.READ_ONLY);

                Agent agent = new Agent() {
                    @Override public String name() { return "pod_checker"; }
                    @Override public String description() { return "reads a pod through the remote"; }
                    @Override public AgentResponse respond(List<Message> in, AgentContext ctx) {
                        ToolResult r = ctx.tools().call(name(), "remote.k8s_get_pod",
                                Json.object().put("namespace", "shop").put("name", "cart-7d9f8b6c5-x2k4q"));
                        return AgentResponse.of(new TextMessage(name(), ctx.clock().instant(),
                                r.isError() ? "failed: " + r.error().message() : r.text()));
                    }
                };
                WorkflowContext wf = new WorkflowContext("inc-mcp", new Trigger("Warning", "shop", "Pod",
                        "cart-7d9f8b6c5-x2k4q", null));
                AgentResponse r = agent.respond(List.of(), AgentContext.forRun(wf, imported));
                String text = r.messages().get(0).render();
                assertThat(text).doesNotStartWith("failed").contains("cart-7d9f8b6c5-x2k4q").contains("OOMKilled");
                // the call is on the run's record, under the agent's name
                assertThat(wf.transcript()).extracting(Message::render).anyMatch(m -> m.contains("remote.k8s_get_pod"));
            }
        }
    }

    @Test
    void aRemoteThatIsGoneIsReportedAndSkippedNotThrown() {
        McpToolProvider provider = McpToolProvider.http("gone", "http://127.0.0.1:9").timeout(java.time.Duration.ofSeconds(2));
        try (ToolRegistry r = ToolRegistry.builder().provider(provider, ToolProviderContext.empty()).build()) {
            // the provider could not list the remote's tools: the registry reports it skipped, with why
            assertThat(r.tools()).isEmpty();
            assertThat(r.providers()).anySatisfy(p -> {
                assertThat(p.id()).isEqualTo("mcp-gone");
                assertThat(p.loaded()).isFalse();
            });
        }
    }
}
