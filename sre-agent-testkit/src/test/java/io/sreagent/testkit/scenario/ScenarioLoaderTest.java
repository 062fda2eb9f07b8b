package io.sreagent.testkit.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.sreagent.core.incident.ActionType;
import io.sreagent.core.incident.Category;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ScenarioLoaderTest {

    static final Path EXAMPLES = io.sreagent.testkit.TestScenarios.dir();

    static Stream<Path> exampleScenarios() throws IOException {
        return ScenarioLoader.listDirectory(EXAMPLES).stream().map(EXAMPLES::resolve);
    }

    @TempDir
    Path tmp;

    @Test
    void theExampleScenariosAreListed() {
        assertThat(ScenarioLoader.listDirectory(EXAMPLES))
                .contains("cart-oom-killed", "orders-postgres-scaled-to-zero", "payments-configmap-missing");
    }

    @ParameterizedTest
    @MethodSource("exampleScenarios")
    void everyExampleScenarioLoadsWithUidsAndATriggerObject(Path dir) {
        Scenario s = ScenarioLoader.load(dir);

        assertThat(s.name()).isEqualTo(dir.getFileName().toString());
        assertThat(s.objects()).isNotEmpty();
        assertThat(s.objects()).allSatisfy(o -> assertThat(o.getMetadata().getUid()).isNotBlank());
        assertThat(s.objects()).anySatisfy(o -> {
            assertThat(o.getKind()).isEqualTo(s.trigger().resourceKind());
            assertThat(o.getMetadata().getName()).isEqualTo(s.trigger().resourceName());
        });
        assertThat(s.clock().instant()).isEqualTo(s.now());
    }

    @Test
    void cartScenarioCarriesExpectationMetricsAndLogs() {
        Scenario s = ScenarioLoader.load(EXAMPLES.resolve("cart-oom-killed"));

        assertThat(s.now()).isEqualTo(Instant.parse("2026-11-20T10:30:00Z"));
        assertThat(s.expected()).hasValueSatisfying(e -> {
            assertThat(e.category()).contains(Category.OOM_KILLED);
            assertThat(e.actions()).containsExactly(ActionType.ADJUST_RESOURCES);
            assertThat(e.resource()).hasValueSatisfying(r -> assertThat(r.name()).isEqualTo("cart"));
        });
        assertThat(s.objectsOfKind("Pod")).allSatisfy(p -> assertThat(p).isInstanceOf(Pod.class));
        assertThat(s.metrics().families()).extracting(MetricFamily::name)
                .contains("container_memory_working_set_bytes", "kube_pod_container_status_restarts");
        assertThat(s.metrics().series()).allSatisfy(series -> assertThat(series.samples())
                .allSatisfy(sample -> assertThat(sample.timestampMillis()).isLessThanOrEqualTo(s.now().toEpochMilli())));
        assertThat(s.logs()).anySatisfy(l -> assertThat(l.previous()).isTrue());
        assertThat(s.logs()).anySatisfy(l -> assertThat(l.previous()).isFalse());
    }

    @Test
    void objectsKeepTheirUidResourceVersionAndOwnerReferences() {
        Scenario s = ScenarioLoader.load(EXAMPLES.resolve("cart-oom-killed"));
        HasMetadata pod = s.objects().stream()
                .filter(o -> o.getMetadata().getName().equals("cart-7d9f8b6c5-x2k4q")).findFirst().orElseThrow();

        assertThat(pod.getMetadata().getUid()).isEqualTo("72c61771-320c-5694-8149-c3fd363ec19e");
        assertThat(pod.getMetadata().getResourceVersion()).isEqualTo("5000");
        assertThat(pod.getMetadata().getCreationTimestamp()).isEqualTo("2026-11-20T09:46:00Z");
        assertThat(pod.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(r -> assertThat(r.getName()).isEqualTo("cart-7d9f8b6c5"));
    }

    @Test
    void aMissingUidIsFilledInDeterministically() throws IOException {
        Path dir = minimal("name: x\nnow: '2026-01-01T00:00:00Z'\ntrigger: {resource_kind: Pod, resource_name: p, namespace: n}\n",
                "apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: n}\n");

        String first = ScenarioLoader.load(dir).objects().get(0).getMetadata().getUid();
        String second = ScenarioLoader.load(dir).objects().get(0).getMetadata().getUid();

        assertThat(first).isEqualTo(second).isEqualTo(ScenarioLoader.uidFor("Pod", "n", "p"));
        assertThat(ScenarioLoader.uidFor("Pod", "n", "q")).isNotEqualTo(first);
    }

    @Test
    void malformedScenarioYamlNamesFileAndLine() throws IOException {
        Path dir = minimal("name: x\nnow: '2026-01-01T00:00:00Z'\ntrigger:\n  resource_kind: Pod\n  resource_name: [p\n",
                "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n");

        assertThatThrownBy(() -> ScenarioLoader.load(dir))
                .isInstanceOfSatisfying(ScenarioException.class, e -> {
                    assertThat(e.file()).endsWith("scenario.yaml");
                    assertThat(e.position()).startsWith("line ");
                });
    }

    @Test
    void unknownCategoryIsRejectedWithItsLine() throws IOException {
        Path dir = minimal("name: x\nnow: '2026-01-01T00:00:00Z'\ntrigger: {resource_kind: Pod, resource_name: p}\n"
                        + "expected:\n  category: OUT_OF_MEMORY\n",
                "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n");

        assertThatThrownBy(() -> ScenarioLoader.load(dir))
                .isInstanceOfSatisfying(ScenarioException.class, e -> {
                    assertThat(e.file()).endsWith("scenario.yaml");
                    assertThat(e.position()).contains("line 5").contains("expected.category");
                    assertThat(e.problem()).contains("OUT_OF_MEMORY").contains("OOM_KILLED");
                });
    }

    @Test
    void unknownActionTypeIsRejected() throws IOException {
        Path dir = minimal("name: x\nnow: '2026-01-01T00:00:00Z'\ntrigger: {resource_kind: Pod, resource_name: p}\n"
                        + "expected:\n  actions: [REBOOT]\n",
                "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n");

        assertThatThrownBy(() -> ScenarioLoader.load(dir))
                .isInstanceOfSatisfying(ScenarioException.class, e -> assertThat(e.problem()).contains("REBOOT"));
    }

    @Test
    void clusterYamlErrorNamesTheDocument() throws IOException {
        Path dir = minimal("name: x\nnow: '2026-01-01T00:00:00Z'\ntrigger: {resource_kind: Pod, resource_name: p}\n",
                "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n---\napiVersion: v1\nkind: Pod\nmetadata: {namespace: n}\n");

        assertThatThrownBy(() -> ScenarioLoader.load(dir))
                .isInstanceOfSatisfying(ScenarioException.class, e -> {
                    assertThat(e.file()).endsWith("cluster.yaml");
                    assertThat(e.position()).isEqualTo("document 2 (line 5)");
                    assertThat(e.problem()).contains("metadata.name");
                });
    }

    @Test
    void clusterYamlSyntaxErrorNamesTheLine() throws IOException {
        Path dir = minimal("name: x\nnow: '2026-01-01T00:00:00Z'\ntrigger: {resource_kind: Pod, resource_name: p}\n",
                "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n---\napiVersion: v1\nkind: Pod\n  metadata: : x\n");

        assertThatThrownBy(() -> ScenarioLoader.load(dir))
                .isInstanceOfSatisfying(ScenarioException.class, e -> {
                    assertThat(e.file()).endsWith("cluster.yaml");
                    assertThat(e.position()).contains("document 2").contains("line 7");
                });
    }

    @Test
    void metricsErrorNamesTheLine() throws IOException {
        Path dir = minimal("name: x\nnow: '2026-01-01T00:00:00Z'\ntrigger: {resource_kind: Pod, resource_name: p}\n",
                "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n");
        Files.writeString(dir.resolve("metrics.om"), "# TYPE up gauge\nup{job=\"a\"} 1 1700000000\nup{job=\"a\"} one 1700000030\n# EOF\n");

        assertThatThrownBy(() -> ScenarioLoader.load(dir))
                .isInstanceOfSatisfying(ScenarioException.class, e -> {
                    assertThat(e.file()).endsWith("metrics.om");
                    assertThat(e.position()).isEqualTo("line 3");
                    assertThat(e.problem()).contains("'one'");
                });
    }

    @Test
    void logsErrorNamesThePlace() throws IOException {
        Path dir = minimal("name: x\nnow: '2026-01-01T00:00:00Z'\ntrigger: {resource_kind: Pod, resource_name: p}\n",
                "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n");
        Files.writeString(dir.resolve("logs.json"),
                "{\"streams\":[{\"stream\":{\"namespace\":\"n\",\"pod\":\"p\",\"container\":\"c\"},\n"
                        + "\"values\":[[\"1700000000000000000\",\"ok\"],[1700000000000000001,\"bad\"]]}]}");

        assertThatThrownBy(() -> ScenarioLoader.load(dir))
                .isInstanceOfSatisfying(ScenarioException.class, e -> {
                    assertThat(e.file()).endsWith("logs.json");
                    assertThat(e.position()).isEqualTo("streams[0].values[1][0]");
                });
    }

    @Test
    void logsSyntaxErrorNamesLineAndColumn() throws IOException {
        Path dir = minimal("name: x\nnow: '2026-01-01T00:00:00Z'\ntrigger: {resource_kind: Pod, resource_name: p}\n",
                "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n");
        Files.writeString(dir.resolve("logs.json"), "{\"streams\":[\n{\"stream\": }]}");

        assertThatThrownBy(() -> ScenarioLoader.load(dir))
                .isInstanceOfSatisfying(ScenarioException.class, e -> {
                    assertThat(e.file()).endsWith("logs.json");
                    assertThat(e.position()).startsWith("line 2, column");
                });
    }

    @Test
    void missingClusterYamlIsAnError() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("s"));
        Files.writeString(dir.resolve("scenario.yaml"), "name: x\nnow: '2026-01-01T00:00:00Z'\n"
                + "trigger: {resource_kind: Pod, resource_name: p}\n");

        assertThatThrownBy(() -> ScenarioLoader.load(dir))
                .isInstanceOfSatisfying(ScenarioException.class, e -> assertThat(e.file()).endsWith("cluster.yaml"));
    }

    @Test
    void scenariosLoadFromTheClassPathThroughTheirIndex() {
        assertThat(ScenarioLoader.listResources("scenarios")).containsExactly("web-latency-fixture");

        Scenario s = ScenarioLoader.loadResource("scenarios/web-latency-fixture");

        assertThat(s.source()).isEqualTo("classpath:scenarios/web-latency-fixture");
        assertThat(s.directory()).isEmpty();
        assertThat(s.metrics().series()).isNotEmpty();
        assertThat(s.logs()).hasSize(3);
    }

    @Test
    void aMissingResourceScenarioNamesTheFile() {
        assertThatThrownBy(() -> ScenarioLoader.loadResource("scenarios/nope"))
                .isInstanceOfSatisfying(ScenarioException.class,
                        e -> assertThat(e.file()).isEqualTo("classpath:scenarios/nope/scenario.yaml"));
    }

    private Path minimal(String scenarioYaml, String clusterYaml) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("s"));
        Files.writeString(dir.resolve("scenario.yaml"), scenarioYaml);
        Files.writeString(dir.resolve("cluster.yaml"), clusterYaml);
        return dir;
    }
}
