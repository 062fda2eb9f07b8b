package io.sreagent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sreagent.core.incident.ActionType;
import io.sreagent.core.incident.Category;
import io.sreagent.core.incident.Decision;
import io.sreagent.core.incident.ProposedAction;
import io.sreagent.testkit.scenario.ScenarioLoader;
import io.sreagent.workflow.WorkflowConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A lost node's drain names the PodDisruptionBudgets that will hold its pods back, so a person knows before approving. */
class DrainBudgetTest {

    @Test
    void theDrainOfALostNodeNamesTheBudgetsThatAllowNoDisruption(@TempDir Path tmp) throws Exception {
        Path dir = CliTest.copyBuiltIn(tmp, "shop-node-kubelet-stopped");
        Files.writeString(dir.resolve("cluster.yaml"), """

                ---
                apiVersion: policy/v1
                kind: PodDisruptionBudget
                metadata: {name: inventory, namespace: shop, uid: 3f1e2d4c-0000-4000-8000-00000000aa01, creationTimestamp: '2026-06-01T10:00:00Z'}
                spec: {minAvailable: 2, selector: {matchLabels: {app: inventory}}}
                status: {currentHealthy: 1, desiredHealthy: 2, expectedPods: 2, disruptionsAllowed: 0}
                """, StandardOpenOption.APPEND);
        Decision d;
        try (ScenarioRun run = ScenarioRun.start(ScenarioLoader.load(dir), WorkflowConfig.defaults())) {
            d = run.diagnose(e -> { });
        }
        assertThat(d.rootCause().category()).isEqualTo(Category.NODE_FAILURE);
        ProposedAction drain = d.actions().stream().filter(a -> a.type() == ActionType.DRAIN_NODE).findFirst().orElseThrow();
        assertThat(drain.params().path("note").asText()).contains("shop/inventory");
        assertThat(drain.reason()).contains("shop/inventory");
    }
}
