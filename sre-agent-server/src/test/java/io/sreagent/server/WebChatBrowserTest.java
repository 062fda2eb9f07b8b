package io.sreagent.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sreagent.core.support.Json;
import io.sreagent.testkit.EmbeddedScenario;
import io.sreagent.testkit.scenario.ExampleScenarios;
import io.sreagent.workflow.SreWorkflow;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web chat in a real browser: Debian's Chromium driven by playwright-core (from npm, no browser download) through
 * {@code src/test/browser/webchat.mjs}, against a server with a token over a scenario whose logs and event carry
 * markup. Skipped, saying how to enable it, when Node, Chromium or playwright-core are missing.
 */
class WebChatBrowserTest {

    static final Path BROWSER_DIR = Path.of("src/test/browser").toAbsolutePath();
    static final String TOKEN = "webchat-token-0123456789";
    static final String XSS_LOG = "<img src=x onerror=alert(1)>";

    @TempDir
    Path tmp;

    /** The example scenario, with markup planted in its logs. */
    Path scenario() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("cart-oom-killed"));
        for (String f : List.of("scenario.yaml", "cluster.yaml", "logs.json", "metrics.om")) {
            try (InputStream in = getClass().getClassLoader().getResourceAsStream(ExampleScenarios.resource("cart-oom-killed") + "/" + f)) {
                Files.copy(in, dir.resolve(f));
            }
        }
        ObjectNode logs = (ObjectNode) Json.mapper().readTree(Files.readString(dir.resolve("logs.json")));
        for (JsonNode stream : logs.path("streams")) {
            ArrayNode values = (ArrayNode) stream.path("values");
            String t = values.get(values.size() - 1).get(0).asText();
            values.addArray().add(t).add("WARN request from " + XSS_LOG + " rejected");
            values.addArray().add(t).add("ERROR <script>alert(2)</script> in header");
        }
        Files.writeString(dir.resolve("logs.json"), logs.toString());
        Files.writeString(dir.resolve("metrics.om"), withPreviousRevision(Files.readString(dir.resolve("metrics.om"))));
        return dir;
    }

    /**
     * The hour before the scenario's data, when the previous revision's pod ran steadily at 42% of the same limit:
     * the workload's memory then changes at the rollout, which the chart must mark.
     */
    static String withPreviousRevision(String om) {
        String old = "namespace=\"shop\",pod=\"cart-5b7c9d8f6-q8w2e\",container=\"cart\"";
        long first = om.lines().filter(l -> l.startsWith("container_memory_working_set_bytes{"))
                .mapToLong(l -> Long.parseLong(l.substring(l.lastIndexOf(' ') + 1))).min().orElseThrow();
        StringBuilder memory = new StringBuilder();
        StringBuilder limits = new StringBuilder();
        for (long t = first - 3600; t < first; t += 30) {
            memory.append("container_memory_working_set_bytes{").append(old).append("} ")
                    .append(134217728L * (42 + (t / 30) % 3) / 100).append(' ').append(t).append('\n');
            limits.append("kube_pod_container_resource_limits{").append(old)
                    .append(",resource=\"memory\",unit=\"byte\"} 134217728 ").append(t).append('\n');
        }
        return om.replaceFirst("(# TYPE container_memory_working_set_bytes gauge\n)", "$1" + memory)
                .replaceFirst("(# TYPE kube_pod_container_resource_limits gauge\n)", "$1" + limits);
    }

    @Test
    void theWebChatWorksInARealBrowser() throws Exception {
        Path node = which("node");
        assumeThat(node).as("Node.js is not installed; install it (apt-get install -y nodejs npm) to run this test").isNotNull();
        assumeThat(RenderedDocsTest.chromium()).as("Chromium is not installed; install it (apt-get install -y chromium) "
                + "to run this test").isNotNull();
        assumeThat(BROWSER_DIR.resolve("node_modules/playwright-core")).as("playwright-core is not installed; run "
                + "npm ci --prefix sre-agent-server/src/test/browser to run this test").exists();

        Path out = Files.createDirectories(Path.of("target/screenshots").toAbsolutePath());
        try (EmbeddedScenario incident = EmbeddedScenario.start(scenario())) {
            SreWorkflow wf = SreWorkflow.builder().tools(incident.tools()).clock(incident.clock()).build();
            try (SreServer server = SreServer.create(wf, Map.of(TOKEN, "tester")).start("127.0.0.1", 0)) {
                ObjectNode body = Json.mapper().valueToTree(incident.scenario().trigger());
                body.withObjectProperty("event_data").put("message", "Back-off restarting failed container "
                        + "<script>alert(3)</script>");
                Path bodyFile = Files.writeString(tmp.resolve("decide.json"), body.toString());
                Process p = new ProcessBuilder(node.toString(), BROWSER_DIR.resolve("webchat.mjs").toString(),
                        "http://127.0.0.1:" + server.port(), TOKEN, out.toString(), bodyFile.toString())
                        .directory(BROWSER_DIR.toFile()).redirectErrorStream(false).start();
                byte[] stdout = p.getInputStream().readAllBytes();
                assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("the browser script finished").isTrue();
                String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
                String text = new String(stdout, StandardCharsets.UTF_8).strip();
                assertThat(p.exitValue()).as(err).isZero();
                JsonNode r = Json.mapper().readTree(text.substring(text.lastIndexOf("\n{") + 1));
                Files.writeString(out.resolve("result.json"), r.toPrettyString());

                assertThat(r.path("failure").isMissingNode()).as(r.path("failure").asText()).isTrue();
                // Without the token: a prompt, and no API call succeeded; the token is never put in a URL.
                assertThat(r.path("tokenPromptShown").asBoolean()).isTrue();
                assertThat(r.path("apiOkWithoutToken")).isEmpty();
                assertThat(r.path("urlHasToken").asBoolean()).isFalse();
                // The run streamed in: agent turns were on the page before the decision.
                assertThat(r.path("decideStatus").asInt()).isEqualTo(200);
                assertThat(r.path("turnsBeforeDecision").asBoolean()).isTrue();
                assertThat(r.path("agentsShown").toString()).contains("triage", "cluster_analysis", "guard");
                assertThat(r.path("toolCallsFolded").asInt()).isPositive();
                assertThat(r.path("rootCause").asText()).contains("OOM_KILLED").contains("Deployment/shop/cart");
                assertThat(r.path("chartWithChangePointAndLimit").asBoolean()).isTrue();
                assertThat(r.path("logTemplates").asInt()).isPositive();
                // Markup from the cluster is shown as text, never run.
                assertThat(r.path("xssShownAsText").asBoolean()).isTrue();
                assertThat(r.path("xssImgElements").asInt()).isZero();
                assertThat(r.path("scriptElements").asInt()).isZero();
                assertThat(r.path("dialogs")).isEmpty();
                // An approval (dry-run) and its outcome; a question and its answer.
                assertThat(r.path("hadAwaitingAction").asBoolean()).isTrue();
                assertThat(r.path("approvalOutcome").asText()).contains("EXECUTED_DRY_RUN");
                assertThat(r.path("chatAnswer").asText()).contains("OOM_KILLED").contains("evidence");
                assertThat(r.path("pageErrors")).isEmpty();
                assertThat(r.path("consoleErrors")).isEmpty();
                // No horizontal scrolling, wide or narrow.
                assertThat(r.path("narrowOverflow").asInt()).isLessThanOrEqualTo(0);
                assertThat(r.path("wideOverflow").asInt()).isLessThanOrEqualTo(0);
                assertThat(out.resolve("incident-1280.png")).exists();
                assertThat(out.resolve("incident-390.png")).exists();
                // The approval is on the server's record too, by the name given and the token's identity.
                assertThat(wf.approvals(r.path("incidentId").asText())).anySatisfy(a ->
                        assertThat(a.agent()).contains("alice").contains("tester"));
            }
        }
    }

    static Path which(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path p = Path.of(dir, program);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }
}
