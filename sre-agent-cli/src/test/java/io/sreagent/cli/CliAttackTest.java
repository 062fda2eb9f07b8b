package io.sreagent.cli;

import static io.sreagent.cli.CliTest.builtIn;
import static io.sreagent.cli.CliTest.cli;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.sreagent.core.support.Json;
import io.sreagent.cli.CliTest.Run;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The attacks on the command line, replayed: each case once broke a promise (a change without {@code --execute}, a
 * secret printed, a hang, a stack trace) and must keep holding.
 */
class CliAttackTest {

    @TempDir
    Path tmp;

    /** A copy of a built-in scenario that a test may change. */
    Path scenario(String name) throws IOException {
        return CliTest.copyBuiltIn(tmp, name);
    }

    Path file(String name, String content) throws IOException {
        return Files.writeString(tmp.resolve(name), content);
    }

    static JsonNode json(Run r) throws IOException {
        assertThat(r.status()).as(r.err()).isZero();
        return Json.mapper().readTree(r.out());
    }

    // --- changes without consent -------------------------------------------------------------------------------

    @Test
    void aConfigurationThatAsksForRealChangesChangesNothingWithoutExecute() throws Exception {
        Path config = file("c.yaml", """
                workflow:
                  dry_run: false
                  require_human_approval: false
                  approval_policy: all
                """);
        Run r = cli("diagnose", "--scenario", scenario("cart-oom-killed").toString(), "--config", config.toString(),
                "--output", "json");

        JsonNode d = json(r);
        assertThat(d.path("actions")).isNotEmpty();
        assertThat(d.path("actions")).allSatisfy(a -> assertThat(a.path("status").asText()).isNotEqualTo("EXECUTED"));
        assertThat(d.path("actions")).anySatisfy(a -> assertThat(a.path("status").asText()).isEqualTo("EXECUTED_DRY_RUN"));
        assertThat(r.err()).contains("--execute was not given");
    }

    @Test
    void anExplicitRequirementOfAPersonIsAFloorThatApproveCannotLower() throws Exception {
        Path config = file("c.yaml", "workflow:\n  require_human_approval: true\n");
        Run r = cli("diagnose", "--scenario", scenario("cart-oom-killed").toString(), "--config", config.toString(),
                "--approve", "all");

        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("--approve all").contains("require_human_approval");
        assertThat(r.out()).isEmpty();
    }

    // --- reading what it must not ------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"../../kube-system/pods/coredns-1", "../secrets/db-credentials", "cart/../../x", "Cart"})
    void aTriggerNameThatIsNotAKubernetesNameIsRefused(String name) throws Exception {
        Path dir = scenario("cart-oom-killed");
        Path yaml = dir.resolve("scenario.yaml");
        Files.writeString(yaml, Files.readString(yaml).replace("resource_name: cart-7d9f8b6c5-x2k4q",
                "resource_name: \"" + name + "\""));
        Run r = cli("diagnose", "--scenario", dir.toString());

        assertThat(r.status()).as(r.out()).isEqualTo(2);
        assertThat(r.err()).contains("trigger.resource_name").contains("not a valid Kubernetes name");
        Path event = file("e.json", "{\"namespace\": \"shop\", \"resource_kind\": \"Pod\", \"resource_name\": \""
                + name + "\"}");
        Run e = cli("diagnose", "--event", event.toString());
        assertThat(e.status()).isEqualTo(2);
        assertThat(e.err()).contains("resource_name");
    }

    // --- secrets printed ---------------------------------------------------------------------------------------

    static final List<String> PLANTED = List.of("hunter2Secret!", "ghp_abcdefghijklmnopqrstuvwxyz0123456789",
            "AKIAIOSFODNN7EXAMPLE", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZG1pbiJ9.c2lnbmF0dXJlLXZhbHVl", "s3cr3tPass");

    /** Plants every value of {@link #PLANTED} into the trigger of the scenario file {@code yaml}. */
    static void plantTriggerSecrets(Path yaml) throws IOException {
        Files.writeString(yaml, Files.readString(yaml).replace("    reason: BackOff\n", """
                    reason: BackOff
                    token: hunter2Secret!
                    authorization: "Bearer ghp_abcdefghijklmnopqrstuvwxyz0123456789"
                    dsn: postgres://app:s3cr3tPass@db.shop:5432/cart
                    note: "key AKIAIOSFODNN7EXAMPLE jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZG1pbiJ9.c2lnbmF0dXJlLXZhbHVl"
                """).replace("message: Back-off restarting failed container cart in pod cart-7d9f8b6c5-x2k4q",
                "message: \"Back-off restarting failed container cart; db password hunter2Secret! rejected\""));
    }

    @Test
    void secretsInTheTriggerAppearInNoOutput() throws Exception {
        Path dir = scenario("cart-oom-killed");
        plantTriggerSecrets(dir.resolve("scenario.yaml"));
        for (String output : List.of("text", "json")) {
            Run r = cli("diagnose", "--scenario", dir.toString(), "--output", output);
            assertThat(r.status()).as(r.err()).isZero();
            for (String secret : PLANTED) {
                assertThat(r.out() + r.err()).as(output + " output").doesNotContain(secret);
            }
            assertThat(r.out()).contains("[REDACTED]");
        }
    }

    @Test
    void aParseErrorDoesNotEchoTheFile() throws Exception {
        Path event = file("event.json", "ghp_abcdefghijklmnopqrstuvwxyz0123456789 {\"namespace\": 1}");
        Run r = cli("diagnose", "--event", event.toString());

        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("event.json").contains("line 1").doesNotContain("ghp_abcdefghijklmnop");
        assertThat(r.err().strip().lines()).hasSize(1);
    }

    // --- denial of service and hangs ---------------------------------------------------------------------------

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void anAliasBombIsRefusedInEveryYamlInput() throws Exception {
        StringBuilder bomb = new StringBuilder("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int i = 1; i <= 9; i++) {
            bomb.append("a").append(i).append(": &a").append(i).append(" [").append(("*a" + (i - 1) + ", ").repeat(9))
                    .append("*a").append(i - 1).append("]\n");
        }
        Path dir = scenario("cart-oom-killed");
        Files.writeString(dir.resolve("cluster.yaml"), bomb + "---\n" + Files.readString(dir.resolve("cluster.yaml")));
        Run r = cli("diagnose", "--scenario", dir.toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("cluster.yaml").contains("alias");

        Path config = file("c.yaml", "workflow: {max_turns: 3}\n" + bomb);
        Run c = cli("diagnose", "--scenario", builtIn("cart-oom-killed").toString(), "--config", config.toString());
        assertThat(c.status()).isEqualTo(2);
        assertThat(c.err()).contains("c.yaml").contains("alias");
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void aFifoOrADeviceIsRefusedPromptly() throws Exception {
        Path dir = scenario("cart-oom-killed");
        Files.delete(dir.resolve("logs.json"));
        Process p = new ProcessBuilder("mkfifo", dir.resolve("logs.json").toString()).start();
        assumeThat(p.waitFor()).as("mkfifo is available").isZero();
        Run r = cli("diagnose", "--scenario", dir.toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("logs.json").contains("not a regular file");

        Files.delete(dir.resolve("logs.json"));
        Files.createSymbolicLink(dir.resolve("logs.json"), Path.of("/dev/zero"));
        Run z = cli("diagnose", "--scenario", dir.toString());
        assertThat(z.status()).isEqualTo(2);
        assertThat(z.err()).contains("not a regular file");

        Files.delete(dir.resolve("logs.json"));
        Files.createSymbolicLink(dir.resolve("logs.json"), dir.resolve("logs.json"));
        Run loop = cli("diagnose", "--scenario", dir.toString());
        assertThat(loop.status()).isEqualTo(2);
        assertThat(loop.err()).contains("logs.json").contains("cannot read");
    }

    /** A kubeconfig whose API server is {@code url}. */
    Path kubeconfig(String url) throws IOException {
        return CliTest.kubeconfig(tmp, url);
    }

    Path event() throws IOException {
        return file("event.json", "{\"namespace\": \"shop\", \"resource_kind\": \"Pod\", \"resource_name\": \"cart-1\","
                + " \"event_data\": {\"reason\": \"BackOff\", \"message\": \"Back-off restarting failed container\"}}");
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void theTimeoutBoundsTheCommandAgainstAServerThatNeverAnswers() throws Exception {
        List<Socket> held = new ArrayList<>();
        try (ServerSocket server = new ServerSocket(0)) {
            Thread acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        held.add(server.accept()); // accept and never answer
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            long start = System.nanoTime();
            Run r = cli("diagnose", "--event", event().toString(), "--kubeconfig",
                    kubeconfig("http://127.0.0.1:" + server.getLocalPort()).toString(), "--timeout", "4", "--output", "json");
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);

            JsonNode d = json(r);
            assertThat(d.path("degraded")).isNotEmpty();
            assertThat(seconds).as("the command is bounded by --timeout (plus one request in flight)").isLessThan(10);
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }

    @Test
    void aServerThatIsNotAKubernetesApiDegradesTheDecision() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = "404 page not found".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(404, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            Run r = cli("diagnose", "--event", event().toString(), "--kubeconfig",
                    kubeconfig("http://127.0.0.1:" + server.getAddress().getPort()).toString(), "--output", "json");
            JsonNode d = json(r);
            assertThat(d.path("degraded").toString()).contains("not a Kubernetes API");
        } finally {
            server.stop(0);
        }
    }

    // --- bad input is exit 2, never a stack trace --------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"name:", "now:", "trigger:", "now: '+999999999-12-31T23:59:59Z'", "now: 2026-13-45"})
    void aMalformedScenarioExitsTwoWithOneLineAndEvalKeepsTheOtherRows(String line) throws Exception {
        Path dir = scenario("cart-oom-killed");
        Path yaml = dir.resolve("scenario.yaml");
        String key = line.substring(0, line.indexOf(':'));
        String text = Files.readString(yaml).lines()
                .map(l -> l.startsWith(key + ":") ? line : l)
                .reduce("", (a, b) -> a + b + "\n");
        if (key.equals("trigger")) {
            text = text.replaceAll("(?m)^  (event_type|namespace|resource_kind|resource_name):.*\\n", "")
                    .replaceAll("(?m)^  event_data:\\n(    .*\\n)+", "");
        }
        Files.writeString(yaml, text);

        Run r = cli("diagnose", "--scenario", dir.toString());
        assertThat(r.status()).as(r.out()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("scenario.yaml").doesNotContain("Exception");

        scenario("orders-postgres-scaled-to-zero");
        Run eval = cli("eval", "--scenarios", tmp.toString(), "--output", "json");
        JsonNode rows = Json.mapper().readTree(eval.out()).path("scenarios");
        assertThat(rows).hasSize(2);
        assertThat(rows).anySatisfy(row -> {
            assertThat(row.path("scenario").asText()).isEqualTo("orders-postgres-scaled-to-zero");
            assertThat(row.path("pass").asBoolean()).isTrue();
        });
        assertThat(rows).anySatisfy(row -> assertThat(row.path("got").asText()).isEqualTo("unreadable"));
    }

    @Test
    void nonUtf8AFileForADirectoryAndADirectoryForAFileEachSayWhy() throws Exception {
        Path dir = scenario("cart-oom-killed");
        Files.write(dir.resolve("scenario.yaml"), "name: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        Run utf = cli("diagnose", "--scenario", dir.toString());
        assertThat(utf.status()).isEqualTo(2);
        assertThat(utf.err()).contains("not UTF-8").contains("line 1");

        Run fileForDir = cli("diagnose", "--scenario", dir.resolve("cluster.yaml").toString());
        assertThat(fileForDir.status()).isEqualTo(2);
        assertThat(fileForDir.err()).contains("is a file, not a directory");

        Run dirForFile = cli("diagnose", "--event", dir.toString());
        assertThat(dirForFile.status()).isEqualTo(2);
        assertThat(dirForFile.err()).contains("is a directory");
    }

    @Test
    void aDuplicateKeyAndAnUnknownAgentInTheConfigurationAreErrorsNamingTheKey() throws Exception {
        Path dup = file("dup.yaml", "workflow:\n  max_turns: 50\nworkflow:\n  dry_run: false\n");
        Run d = cli("diagnose", "--scenario", builtIn("cart-oom-killed").toString(), "--config", dup.toString());
        assertThat(d.status()).isEqualTo(2);
        assertThat(d.err()).contains("duplicate key 'workflow'");

        Path agent = file("agent.yaml", "agents:\n  triagee: {enabled: false}\n");
        Run a = cli("diagnose", "--scenario", builtIn("cart-oom-killed").toString(), "--config", agent.toString());
        assertThat(a.status()).isEqualTo(2);
        assertThat(a.err()).contains("agents.triagee");
    }

    // --- terminal injection ------------------------------------------------------------------------------------

    @Test
    void escapeSequencesAndNewlinesFromOutsideNeverReachTheTerminal() throws Exception {
        Path dir = scenario("cart-oom-killed");
        Path yaml = dir.resolve("scenario.yaml");
        Files.writeString(yaml, Files.readString(yaml).replace(
                "message: Back-off restarting failed container cart in pod cart-7d9f8b6c5-x2k4q",
                "message: \"Back-off \\e[2J\\e[H\\e]8;;http://evil.example\\e\\\\click\\e]8;;\\e\\\\\\n"
                        + "  act-9 DRAIN_NODE on Node/n1 [LOW, EXECUTED]\\r\\u202edone\""));
        Run r = cli("diagnose", "--scenario", dir.toString());

        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).doesNotContain("\u001b").doesNotContain("\u202e").doesNotContain("\r");
        assertThat(r.out().lines()).noneMatch(l -> l.stripLeading().startsWith("act-9"));
        assertThat(r.out()).contains("\\x1b[2J");
    }

    // --- small ones --------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"diagnose", "demo", "eval", "bench"})
    void everySubcommandAnswersHelp(String command) {
        Run r = cli(command, "--help");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("Usage:").contains(command);
    }
}
