package io.sreagent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sreagent.core.incident.Decision;
import io.sreagent.core.incident.ProposedAction;
import io.sreagent.testkit.scenario.ScenarioLoader;
import io.sreagent.workflow.WorkflowConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * 100 incidents diagnosed concurrently in one JVM, over one workflow, give the decisions one at a time gives: no state
 * is shared between runs.
 */
class ConcurrentDiagnosesTest {

    static final List<String> SCENARIOS = List.of("cart-oom-killed", "billing-postgres-volume-full",
            "api-gateway-tls-secret-missing", "accounts-api-sigterm-restarts-after-drain");

    /** What must not depend on what else runs: cause, where, how sure, the actions and their states. */
    static String outcome(Decision d) {
        return d.rootCause().category() + " " + d.rootCause().resource() + " " + d.confidence() + " "
                + d.actions().stream().map(a -> a.type() + ":" + a.target() + ":" + a.status() + ":" + a.risk()).toList()
                + " " + d.degraded() + " " + d.evidence().size();
    }

    @Test
    void aHundredConcurrentDiagnosesDecideAsOneAtATime() throws Exception {
        for (String name : SCENARIOS) {
            try (ScenarioRun run = ScenarioRun.start(ScenarioLoader.load(CliTest.builtIn(name)), WorkflowConfig.defaults())) {
                String alone = outcome(run.diagnose(e -> { }));
                ExecutorService pool = Executors.newFixedThreadPool(8);
                try {
                    List<Future<Decision>> all = new ArrayList<>();
                    for (int i = 0; i < 25; i++) {
                        all.add(pool.submit(() -> run.diagnose(e -> { })));
                    }
                    List<String> ids = new ArrayList<>();
                    for (Future<Decision> f : all) {
                        Decision d = f.get();
                        assertThat(outcome(d)).as(name).isEqualTo(alone);
                        assertThat(d.actions()).extracting(ProposedAction::approvedBy).containsOnlyNulls();
                        ids.add(d.incidentId());
                    }
                    assertThat(ids).doesNotHaveDuplicates();
                } finally {
                    pool.shutdown();
                }
            }
        }
    }
}
