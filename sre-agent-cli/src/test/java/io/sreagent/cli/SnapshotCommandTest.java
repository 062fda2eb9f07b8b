package io.sreagent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sreagent.testkit.EmbeddedScenario;
import io.sreagent.testkit.scenario.Scenario;
import io.sreagent.testkit.scenario.ScenarioLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./sre-agent snapshot} as a person runs it: against an API server named by a kubeconfig, with its usage errors. */
class SnapshotCommandTest {

    @TempDir
    Path dir;

    @Test
    void recordsADeploymentIntoADirectoryThatDiagnoseReads() throws Exception {
        try (EmbeddedScenario s = EmbeddedScenario.startResource("scenarios/cart-oom-killed")) {
            Path out = dir.resolve("recorded");
            CliTest.Run r = CliTest.cli("snapshot", "--kubeconfig", CliTest.kubeconfig(dir, s.cluster().url()).toString(),
                    "--prometheus-url", s.prometheusUrl(), "--namespace", "shop", "--resource", "deploy/cart",
                    "--out", out.toString(), "--name", "cart-recorded");
            assertThat(r.status()).as(r.err()).isZero();
            assertThat(r.out()).contains("Deployment shop/cart").contains("diagnose --scenario");
            Scenario recorded = ScenarioLoader.load(out);
            assertThat(recorded.name()).isEqualTo("cart-recorded");
            assertThat(recorded.trigger().resourceKind()).isEqualTo("Deployment");
            // The newest Warning event about the Deployment's pods becomes the trigger.
            assertThat(recorded.trigger().reason()).isNotBlank().isNotEqualTo("Snapshot");
            assertThat(recorded.objectsOfKind("Pod")).isNotEmpty();
            assertThat(Files.readString(out.resolve("scenario.yaml"))).contains("# expected:");

            CliTest.Run again = CliTest.cli("snapshot", "--kubeconfig", CliTest.kubeconfig(dir, s.cluster().url()).toString(),
                    "--namespace", "shop", "--resource", "deployment/cart", "--out", out.toString());
            assertThat(again.status()).isEqualTo(2);
            assertThat(again.err()).contains("not empty");

            CliTest.Run d = CliTest.cli("diagnose", "--scenario", out.toString(), "--output", "json");
            assertThat(d.status()).as(d.err()).isZero();
        }
    }

    @Test
    void badArgumentsAreUsageErrors() {
        CliTest.Run noKind = CliTest.cli("snapshot", "--namespace", "shop", "--resource", "cart", "--out", dir.resolve("a").toString());
        assertThat(noKind.status()).isEqualTo(2);
        assertThat(noKind.err()).contains("KIND/NAME");
        CliTest.Run kind = CliTest.cli("snapshot", "--namespace", "shop", "--resource", "gadget/cart", "--out", dir.resolve("a").toString());
        assertThat(kind.status()).isEqualTo(2);
        assertThat(kind.err()).contains("unknown kind");
        CliTest.Run ns = CliTest.cli("snapshot", "--resource", "deployment/cart", "--out", dir.resolve("a").toString());
        assertThat(ns.status()).isEqualTo(2);
        assertThat(ns.err()).contains("--namespace is required");
        CliTest.Run window = CliTest.cli("snapshot", "--namespace", "shop", "--resource", "deployment/cart",
                "--window", "forever", "--out", dir.resolve("a").toString());
        assertThat(window.status()).isEqualTo(2);
        assertThat(window.err()).contains("--window");
        CliTest.Run name = CliTest.cli("snapshot", "--namespace", "shop", "--resource", "deployment/Cart_1",
                "--out", dir.resolve("a").toString());
        assertThat(name.status()).isEqualTo(2);
        assertThat(Files.exists(dir.resolve("a"))).as("nothing is written on a usage error").isFalse();
    }
}
