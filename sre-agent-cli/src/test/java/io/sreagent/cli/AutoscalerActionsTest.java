package io.sreagent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sreagent.core.incident.ActionType;
import io.sreagent.core.incident.Decision;
import io.sreagent.core.incident.ProposedAction;
import io.sreagent.core.incident.ResourceRef;
import io.sreagent.testkit.scenario.ScenarioLoader;
import io.sreagent.workflow.WorkflowConfig;
import org.junit.jupiter.api.Test;

/** What a saturation behind a broken autoscaler proposes: concrete enough for a person to approve as it stands. */
class AutoscalerActionsTest {

    private static Decision diagnose(String scenario) {
        try (ScenarioRun run = ScenarioRun.start(ScenarioLoader.load(ScenarioEvalTest.projectScenarios().resolve(scenario)),
                WorkflowConfig.defaults())) {
            return run.diagnose(e -> { });
        }
    }

    private static ProposedAction action(Decision d, ActionType type) {
        return d.actions().stream().filter(a -> a.type() == type).findFirst().orElseThrow();
    }

    @Test
    void aMissingCpuRequestGetsOneSizedFromTheUsageBeforeTheLoadRose() {
        Decision d = diagnose("reporting-api-month-end-close-autoscaler");
        ProposedAction adjust = action(d, ActionType.ADJUST_RESOURCES);
        assertThat(adjust.target()).isEqualTo(ResourceRef.of("Deployment", "finance", "reporting-api"));
        assertThat(adjust.params().path("container").asText()).isEqualTo("reporting-api");
        // The scenario's pods used about 0.6 cores each before month-end close began.
        String cpu = adjust.params().path("requests").path("cpu").asText();
        assertThat(cpu).matches("\\d+m");
        assertThat(Integer.parseInt(cpu.substring(0, cpu.length() - 1))).isBetween(550, 800);
        assertThat(action(d, ActionType.SCALE).target()).isEqualTo(adjust.target());
    }

    @Test
    void anAutoscalerThatTargetsAGoneNameIsPointedAtTheWorkload() {
        Decision d = diagnose("storefront-web-black-friday-autoscaler");
        ProposedAction fix = action(d, ActionType.FIX_CONFIG);
        assertThat(fix.target()).isEqualTo(ResourceRef.of("HorizontalPodAutoscaler", "shop", "web-frontend"));
        assertThat(fix.params().path("scale_target").asText()).isEqualTo("Deployment/storefront-web");
        assertThat(action(d, ActionType.SCALE).target()).isEqualTo(ResourceRef.of("Deployment", "shop", "storefront-web"));
        assertThat(d.rootCause().summary()).contains("web-frontend");
    }
}
