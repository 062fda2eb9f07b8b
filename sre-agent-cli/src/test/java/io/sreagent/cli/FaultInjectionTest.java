package io.sreagent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sreagent.core.incident.Decision;
import io.sreagent.testkit.scenario.Scenario;
import io.sreagent.testkit.scenario.ScenarioLoader;
import io.sreagent.workflow.WorkflowConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * Backends failing under a diagnosis, on the embedded servers with Prometheus and Loki replaced by servers that fail:
 * the decision still comes, {@code degraded} names what failed, confidence drops, and nothing leaks over many runs.
 */
class FaultInjectionTest {

    static final Scenario CART = ScenarioLoader.load(CliTest.builtIn("cart-oom-killed"));

    static Decision diagnose(String prometheusUrl, String lokiUrl) {
        WorkflowConfig c = WorkflowConfig.defaults().withSources(null, prometheusUrl, lokiUrl);
        try (ScenarioRun run = ScenarioRun.start(CART, c)) {
            return run.diagnose(e -> { });
        }
    }

    static MockWebServer failing(int code, String body) throws Exception {
        MockWebServer s = NoDelaySockets.server();
        s.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest r) {
                return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build();
            }
        });
        s.start();
        return s;
    }

    @Test
    void prometheusAnsweringGarbageOrErrorsAndLokiDownDegradeTheDecisionInsteadOfFailingIt() throws Exception {
        Decision healthy = diagnose(null, null);
        assertThat(healthy.degraded()).isEmpty();
        try (MockWebServer garbage = failing(200, "<html>not prometheus</html>");
             MockWebServer broken = failing(500, "{\"status\":\"error\",\"errorType\":\"internal\",\"error\":\"boom\"}")) {
            for (MockWebServer prom : new MockWebServer[] {garbage, broken}) {
                Decision d = diagnose(prom.url("/").toString(), "http://127.0.0.1:1");
                // the Kubernetes evidence still decides
                assertThat(d.rootCause().category()).isEqualTo(healthy.rootCause().category());
                assertThat(String.join(" ", d.degraded()).toLowerCase()).contains("prometheus").contains("loki");
                assertThat(d.confidence()).isLessThan(healthy.confidence());
                assertThat(prom.getRequestCount()).as("retries are bounded").isLessThan(100);
            }
        }
    }

    @Test
    void lokiAnsweringSomethingThatIsNotLokiDegradesTheDecision() throws Exception {
        try (MockWebServer proxy = failing(200, "<html><body>Sign in to continue</body></html>")) {
            Decision d = diagnose(null, proxy.url("/").toString());
            assertThat(d.rootCause().category()).isEqualTo(diagnose(null, null).rootCause().category());
            assertThat(String.join(" ", d.degraded()).toLowerCase()).contains("loki").doesNotContain("prometheus");
        }
    }

    @Test
    void aHundredDegradedRunsLeakNoThreadAndNoSocket() throws Exception {
        try (MockWebServer broken = failing(503, "{}")) {
            WorkflowConfig c = WorkflowConfig.defaults().withSources(null, broken.url("/").toString(), "http://127.0.0.1:1");
            try (ScenarioRun run = ScenarioRun.start(CART, c)) {
                for (int i = 0; i < 10; i++) {
                    run.diagnose(e -> { }); // warm-up: pools reach their size
                }
                TimeUnit.MILLISECONDS.sleep(500);
                int threads = Thread.activeCount();
                long fds = openFiles();
                for (int i = 0; i < 100; i++) {
                    assertThat(run.diagnose(e -> { }).degraded()).isNotEmpty();
                }
                TimeUnit.MILLISECONDS.sleep(500);
                assertThat(Thread.activeCount()).as("live threads after 100 runs").isLessThanOrEqualTo(threads + 8);
                if (fds >= 0) {
                    assertThat(openFiles()).as("open files and sockets after 100 runs").isLessThanOrEqualTo(fds + 16);
                }
            }
        }
    }

    /** Open file descriptors of this process (sockets included), or -1 where /proc is missing. */
    static long openFiles() throws Exception {
        Path fd = Path.of("/proc/self/fd");
        if (!Files.isDirectory(fd)) {
            return -1;
        }
        try (var s = Files.list(fd)) {
            return s.count();
        }
    }
}
