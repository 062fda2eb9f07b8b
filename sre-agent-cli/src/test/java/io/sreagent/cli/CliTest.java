package io.sreagent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sreagent.core.support.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's outside contract: exit codes, one JSON object on stdout, one line on stderr. */
class CliTest {

    @TempDir
    Path tmp;

    record Run(int status, String out, String err) {
    }

    static Run cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        System.setOut(o);
        System.setErr(e);
        try {
            int status = SreAgentCli.run(args, o, e);
            return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    /** A kubeconfig file in {@code dir} whose API server is {@code url} (with a token that means nothing). */
    static Path kubeconfig(Path dir, String url) throws java.io.IOException {
        Path f = dir.resolve("kubeconfig-" + Integer.toHexString(url.hashCode()));
        java.nio.file.Files.writeString(f, """
                apiVersion: v1
                kind: Config
                clusters: [{name: c, cluster: {server: "%s"}}]
                users: [{name: u, user: {token: not-a-real-token}}]
                contexts: [{name: x, context: {cluster: c, user: u}}]
                current-context: x
                """.formatted(url));
        return f;
    }

    /** A copy of the built-in scenario {@code name} under {@code dir}, to modify. */
    static Path copyBuiltIn(Path dir, String name) throws java.io.IOException {
        Path copy = dir.resolve(name);
        java.nio.file.Files.createDirectories(copy);
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(builtIn(name))) {
            for (Path f : files.toList()) {
                java.nio.file.Files.copy(f, copy.resolve(f.getFileName().toString()));
            }
        }
        return copy;
    }

    /** A scenario shipped with the command line, as a directory on the test class path. */
    static Path builtIn(String name) {
        try {
            return Path.of(CliTest.class.getResource("/scenarios/" + name + "/scenario.yaml").toURI()).getParent();
        } catch (java.net.URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("built-in scenario " + name + " is not on the class path", e);
        }
    }

    @Test
    void diagnoseJsonPrintsExactlyOneDecisionObject() throws Exception {
        Run r = cli("diagnose", "--scenario", builtIn("cart-oom-killed").toString(), "--output", "json");

        assertThat(r.status()).as(r.err()).isZero();
        JsonNode d = Json.mapper().readTree(r.out());
        assertThat(d.path("root_cause").path("category").asText()).isEqualTo("OOM_KILLED");
        assertThat(d.path("root_cause").path("resource").path("kind").asText()).isEqualTo("Deployment");
        assertThat(d.path("root_cause").path("resource").path("namespace").asText()).isEqualTo("shop");
        assertThat(d.path("root_cause").path("resource").path("name").asText()).isEqualTo("cart");
        assertThat(d.path("incident_id").asText()).startsWith("inc-");
        assertThat(d.path("actions")).anySatisfy(a -> assertThat(a.path("type").asText()).isEqualTo("ADJUST_RESOURCES"));
        assertThat(d.path("actions")).allSatisfy(a -> assertThat(a.path("status").asText())
                .isIn("PROPOSED", "AWAITING_APPROVAL", "REJECTED"));
        assertThat(d.has("transcript")).isTrue();
        assertThat(d.path("duration_ms").isNumber()).isTrue();
    }

    @Test
    void anUnreadableScenarioExitsTwoWithOneLine() throws Exception {
        Path broken = tmp.resolve("broken");
        Files.createDirectories(broken);
        Files.writeString(broken.resolve("scenario.yaml"), "name: broken\nnow: [not a time\n");
        Files.writeString(broken.resolve("cluster.yaml"), "");

        Run r = cli("diagnose", "--scenario", broken.toString());

        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("scenario.yaml");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aMissingScenarioDirectoryExitsTwo() {
        Run r = cli("diagnose", "--scenario", tmp.resolve("nope").toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("does not exist");
    }

    @Test
    void aMalformedEventFileExitsTwoWithOneLine() throws Exception {
        Path event = tmp.resolve("event.json");
        Files.writeString(event, "{\"namespace\": \"shop\", \"resource_kind\": \"Pod\"");

        Run r = cli("diagnose", "--event", event.toString());

        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("event.json");
    }

    @Test
    void anEventWithoutAResourceNameExitsTwoNamingTheField() throws Exception {
        Path event = tmp.resolve("event.json");
        Files.writeString(event, "{\"namespace\": \"shop\", \"resource_kind\": \"Pod\", \"event_data\": {}}");

        Run r = cli("diagnose", "--event", event.toString());

        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("resource_name");
    }

    @Test
    void anUnknownOptionExitsTwo() {
        Run r = cli("diagnose", "--frobnicate");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("--frobnicate");
    }

    @Test
    void aBadOptionValueExitsTwo() {
        Run r = cli("diagnose", "--scenario", builtIn("cart-oom-killed").toString(), "--approve", "most");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("--approve");
    }

    @Test
    void theLogIsQuietByDefaultAndVerboseShowsDiscoveryOnStderr() {
        try {
            Run quiet = cli("diagnose", "--scenario", builtIn("cart-oom-killed").toString(), "--output", "json");
            assertThat(quiet.err()).doesNotContain("tool provider");
            Run verbose = cli("diagnose", "--scenario", builtIn("cart-oom-killed").toString(), "--output", "json", "-v");
            assertThat(verbose.err()).contains("tool provider k8s").contains("0.1.0");
            assertThat(verbose.out()).doesNotContain("tool provider"); // stdout stays one JSON object
        } finally {
            ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                    .setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }

    @Test
    void serveBeyondLoopbackWithoutATokenExitsTwo() {
        Run r = cli("serve", "--scenario", builtIn("cart-oom-killed").toString(), "--host", "0.0.0.0", "--port", "0");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("SRE_AGENT_API_TOKEN");
    }

    @Test
    void logLinesAreRedactedAndOnOneLine() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream old = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            org.slf4j.LoggerFactory.getLogger("test").warn("connecting with password=hunter2pass\n\u001b[2Jforged line",
                    new IllegalStateException("token: ghp_abcdefghijklmnopqrstuvwxyz0123456789"));
        } finally {
            System.setErr(old);
        }
        String line = err.toString(StandardCharsets.UTF_8);
        assertThat(line).doesNotContain("hunter2pass").doesNotContain("ghp_abcdefghijklmnopqrstuvwxyz0123456789")
                .doesNotContain("\u001b").contains("[REDACTED]");
        assertThat(line.strip().lines()).hasSize(1);
    }

    @Test
    void theOperatorRefusesToListenBeyondLoopbackWithoutAToken() {
        Run r = cli("operator", "--host", "0.0.0.0", "--port", "0");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("no API token is set").contains("SRE_AGENT_API_TOKEN");
        assertThat(r.err().strip().lines()).hasSize(1);
    }
}
