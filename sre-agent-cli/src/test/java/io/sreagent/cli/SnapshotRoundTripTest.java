package io.sreagent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Secret;
import io.sreagent.cli.snapshot.IncidentRecorder;
import io.sreagent.cli.snapshot.Recording;
import io.sreagent.core.incident.Decision;
import io.sreagent.core.redaction.Redactor;
import io.sreagent.loki.LokiClient;
import io.sreagent.loki.LokiConfig;
import io.sreagent.prometheus.client.PrometheusClient;
import io.sreagent.prometheus.client.PrometheusConfig;
import io.sreagent.testkit.scenario.Scenario;
import io.sreagent.testkit.scenario.ScenarioLoader;
import io.sreagent.workflow.WorkflowConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The snapshot round trip: serve a project scenario on the embedded Kubernetes, Prometheus and Loki APIs, record it
 * with the snapshot recorder as a live incident would be recorded, load the recording as a scenario and diagnose it.
 * The decision (category, resource, proposed actions) must be the one the original gives, and no Secret value of the
 * original may appear in any recorded file.
 */
class SnapshotRoundTripTest {

    static Stream<Path> scenarios() {
        return ScenarioEvalTest.scenarios();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void aRecordedIncidentIsDiagnosedAsTheOriginal(Path dir, @TempDir Path tmp) throws Exception {
        roundTrip(dir, tmp, true);
    }

    /** Without Loki the logs come from the pod-log API: the pods the cluster still has, current and previous. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void recordingLogsThroughThePodLogApiGivesTheSameDecision(Path dir, @TempDir Path tmp) throws Exception {
        roundTrip(dir, tmp, false);
    }

    private static void roundTrip(Path dir, Path tmp, boolean withLoki) throws Exception {
        Scenario original = ScenarioLoader.load(dir);
        WorkflowConfig config = WorkflowConfig.defaults();
        Decision before;
        Recording rec;
        try (ScenarioRun run = ScenarioRun.start(original, config)) {
            before = run.diagnose(e -> { });
            var servers = run.servers();
            PrometheusClient prometheus = new PrometheusClient(PrometheusConfig.of(servers.prometheusUrl()));
            LokiClient loki = withLoki ? new LokiClient(LokiConfig.fromEnv(Map.of("LOKI_URL", servers.lokiUrl())::get)) : null;
            var t = original.trigger();
            rec = new IncidentRecorder(servers.kubernetes(), prometheus, loki, original.clock(), new Redactor())
                    .record(new IncidentRecorder.Request(t.namespace() == null ? "" : t.namespace(), t.resourceKind(),
                            t.resourceName(), Duration.ofHours(7), t, original.name(), Set.of()));
        }
        Path out = tmp.resolve(original.name());
        rec.write(out);
        Scenario recorded = ScenarioLoader.load(out);
        assertThat(recorded.expected()).as("expected is left for a person").isEmpty();
        Decision after;
        try (ScenarioRun run = ScenarioRun.start(recorded, config)) {
            after = run.diagnose(e -> { });
        }
        assertThat(describe(after)).as(original.name() + " recorded (notes: " + rec.notes() + ")")
                .isEqualTo(describe(before));

        // A Secret value may also be public (a user name that is a namespace's name): only what the original shows
        // outside its Secrets may appear in the recording.
        String publicText = original.metrics().text() + original.logs() + original.objects().stream()
                .filter(o -> !(o instanceof Secret)).map(String::valueOf).reduce("", String::concat);
        for (String v : secretValues(original)) {
            if (v.length() >= 4 && !publicText.contains(v)) {
                assertThat(recordedText(out)).as("the recording holds no Secret value").doesNotContain(v);
            }
        }
    }

    /** Values planted in a Secret, in its last-applied annotation and in a ConfigMap never reach the recording. */
    @Test
    void secretAndConfigValuesAreLeftOutAndTheirKeysKept(@TempDir Path tmp) throws Exception {
        Path dir = CliTest.copyBuiltIn(tmp, "cart-oom-killed");
        String secret = "Zq8v" + Long.toHexString(System.nanoTime()) + "Xk2";
        String config = "cfg" + Long.toHexString(System.nanoTime() * 31) + "Vw";
        String b64 = Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8));
        Files.writeString(dir.resolve("cluster.yaml"), """

                ---
                apiVersion: v1
                kind: Secret
                metadata:
                  name: cart-db
                  namespace: shop
                  uid: 0b9c7c1e-5f57-4d3b-9d0e-3c1f8d1b2a10
                  annotations:
                    kubectl.kubernetes.io/last-applied-configuration: '{"data":{"password":"%s"}}'
                type: Opaque
                data:
                  password: %s
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: cart-tuning
                  namespace: shop
                  uid: 4c2e1f0a-8b7d-4e6f-a5c4-b3a2918f7e6d
                data:
                  cache.size: %s
                """.formatted(b64, b64, config), java.nio.file.StandardOpenOption.APPEND);
        Scenario original = ScenarioLoader.load(dir);
        Path out = tmp.resolve("out");
        try (ScenarioRun run = ScenarioRun.start(original, WorkflowConfig.defaults())) {
            var t = original.trigger();
            new IncidentRecorder(run.servers().kubernetes(), null, null, original.clock(), new Redactor())
                    .record(new IncidentRecorder.Request(t.namespace(), t.resourceKind(), t.resourceName(),
                            Duration.ofHours(7), t, null, Set.of()))
                    .write(out);
        }
        String text = recordedText(out);
        assertThat(text).doesNotContain(secret).doesNotContain(b64).doesNotContain(config);
        Scenario recorded = ScenarioLoader.load(out);
        Secret s = (Secret) recorded.objects().stream().filter(o -> o instanceof Secret
                && "cart-db".equals(o.getMetadata().getName())).findFirst().orElseThrow();
        assertThat(s.getData()).containsOnlyKeys("password");
        assertThat(recorded.objects()).anySatisfy(o -> assertThat(o.getMetadata().getName()).isEqualTo("cart-tuning"));
        assertThat(recorded.name()).startsWith("shop-");
    }

    private static List<String> secretValues(Scenario s) {
        List<String> out = new ArrayList<>();
        for (var o : s.objects()) {
            if (o instanceof Secret secret) {
                if (secret.getData() != null) {
                    secret.getData().values().forEach(v -> {
                        out.add(v);
                        out.add(new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8));
                    });
                }
                if (secret.getStringData() != null) {
                    out.addAll(secret.getStringData().values());
                }
            }
        }
        return out;
    }

    private static String recordedText(Path dir) throws java.io.IOException {
        StringBuilder sb = new StringBuilder();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                sb.append(Files.readString(f));
            }
        }
        return sb.toString();
    }

    private static String describe(Decision d) {
        StringBuilder sb = new StringBuilder(d.rootCause().category() + " on " + d.rootCause().resource());
        d.actions().stream().map(a -> a.type() + " " + a.target()).sorted().forEach(a -> sb.append("; ").append(a));
        return sb.toString();
    }
}
