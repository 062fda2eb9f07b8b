package io.sreagent.core.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.sreagent.core.message.Message;
import io.sreagent.core.message.ToolCallMessage;
import io.sreagent.core.support.Json;
import io.sreagent.core.testing.Fixtures;
import io.sreagent.core.tool.SafetyClass;
import io.sreagent.core.tool.ToolError;
import io.sreagent.core.tool.ToolRegistry;
import io.sreagent.core.tool.ToolResult;
import io.sreagent.core.tool.Tools;
import io.sreagent.core.workflow.WorkflowContext;
import java.util.List;
import org.junit.jupiter.api.Test;

class BaseAgentTest {

    static class Probe extends BaseAgent {
        Probe() {
            super("probe", "calls acme tools");
        }

        @Override
        public AgentResponse respond(List<Message> in, AgentContext ctx) {
            tools(ctx).call("acme.ok", Json.object());
            boolean down = call(ctx, "acme.down", Json.object()).isEmpty();
            boolean missing = call(ctx, "acme.missing", Json.object()).isEmpty();
            return AgentResponse.of(text(ctx, "down=" + down + " missing=" + missing));
        }
    }

    @Test
    void callsAreMadeUnderTheAgentsNameAndASourceThatIsDownDegradesTheRun() {
        ToolRegistry tools = ToolRegistry.builder().register(
                Tools.of("acme.ok", "ok", Tools.schema().build(), SafetyClass.READ_ONLY, inv -> ToolResult.ok(Json.object(), "ok")),
                Tools.of("acme.down", "down", Tools.schema().build(), SafetyClass.READ_ONLY,
                        inv -> ToolResult.error(ToolError.Kind.UNAVAILABLE, "acme is down"))).build();
        WorkflowContext wf = new WorkflowContext("inc-1", Fixtures.trigger());

        AgentResponse r = new Probe().respond(List.of(), AgentContext.forRun(wf, tools));

        assertThat(r.messages()).singleElement().satisfies(m -> {
            assertThat(m.source()).isEqualTo("probe");
            assertThat(m.render()).contains("down=true missing=true");
        });
        assertThat(wf.transcript()).filteredOn(m -> m instanceof ToolCallMessage)
                .allSatisfy(m -> assertThat(m.source()).isEqualTo("probe")).hasSize(2);
        assertThat(wf.degraded()).containsExactly("acme: acme is down");
    }
}
