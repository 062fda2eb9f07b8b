package io.sreagent.testkit.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sreagent.core.agent.AgentContext;
import io.sreagent.core.event.EventBus;
import io.sreagent.core.incident.Category;
import io.sreagent.core.llm.LlmAgent;
import io.sreagent.core.team.Swarm;
import io.sreagent.core.workflow.WorkflowContext;
import io.sreagent.testkit.EmbeddedScenario;
import io.sreagent.testkit.llm.ScriptedChatModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An LLM agent driven by a scripted model against a scenario's real APIs, checked with the fluent event assertions. */
class ScriptedRunTest {

    static Path cart() {
        return io.sreagent.testkit.TestScenarios.dir("cart-oom-killed");
    }

    @Test
    void aScriptedModelDrivesAnLlmAgentThroughTheRealKubernetesTools() {
        ScriptedChatModel model = new ScriptedChatModel()
                .thenCall("k8s__get_pod", "{\"namespace\":\"shop\",\"name\":\"cart-7d9f8b6c5-x2k4q\"}")
                .thenAnswer("cart-7d9f8b6c5-x2k4q was OOMKilled at its 128Mi limit.");
        try (EmbeddedScenario incident = EmbeddedScenario.start(cart())) {
            RecordingListener events = new RecordingListener();
            AgentContext ctx = AgentContext.forRun(new WorkflowContext("inc-1", incident.scenario().trigger()),
                    incident.tools(), incident.clock(), new EventBus(Runnable::run).listen(events), Runnable::run, true);
            Swarm.builder("llm").agents(LlmAgent.builder("triage", model).build()).maxTurnsWithoutHandoff(1).build()
                    .run(List.of(), ctx);

            events.assertThat().tookTurn("triage").calledTool("k8s.get_pod").terminatedBy("llm", "no_handoff").inOrder();
            assertThat(model.remaining()).isZero();
            // The tool's real answer went back to the model: the second request carries it.
            assertThat(model.requests().get(1).messages().toString()).contains("OOMKilled");
            assertThatThrownBy(() -> events.assertThat().calledTool("k8s.delete_pod"))
                    .isInstanceOf(AssertionError.class).hasMessageContaining("k8s.get_pod");
            assertThatThrownBy(() -> events.assertThat().found(Category.DNS_FAILURE)).isInstanceOf(AssertionError.class);
        }
    }

    @Test
    void anExhaustedScriptFailsLoudly() {
        ScriptedChatModel model = new ScriptedChatModel().thenAnswer("only one");
        model.chat("first");
        assertThatThrownBy(() -> model.chat("second")).hasMessageContaining("no scripted answer left");
    }
}
