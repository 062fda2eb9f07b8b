package io.sreagent.testkit.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.sreagent.testkit.scenario.LogEntry;
import io.sreagent.testkit.scenario.LogStream;
import io.sreagent.testkit.scenario.Scenario;
import io.sreagent.testkit.scenario.ScenarioLoader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmbeddedClusterTest {

    static final Path EXAMPLES = io.sreagent.testkit.TestScenarios.dir();
    static final String POD = "cart-7d9f8b6c5-x2k4q";

    Scenario cart;
    EmbeddedCluster cluster;
    KubernetesClient client;

    @BeforeAll
    void start() {
        cart = ScenarioLoader.load(EXAMPLES.resolve("cart-oom-killed"));
        cluster = EmbeddedCluster.start(cart);
        client = cluster.client();
    }

    @AfterAll
    void stop() {
        cluster.close();
    }

    static Stream<Path> exampleScenarios() {
        return ScenarioLoader.listDirectory(EXAMPLES).stream().map(EXAMPLES::resolve);
    }

    @ParameterizedTest
    @MethodSource("exampleScenarios")
    void everyObjectCanBeReadBackWithItsIdentityAndTimestamps(Path dir) {
        Scenario s = ScenarioLoader.load(dir);
        try (EmbeddedCluster c = EmbeddedCluster.start(s)) {
            for (HasMetadata written : s.objects()) {
                HasMetadata read = c.client().resource(written).get();
                assertThat(read).as("%s %s", written.getKind(), written.getMetadata().getName()).isNotNull();
                assertThat(read.getMetadata().getUid()).isEqualTo(written.getMetadata().getUid());
                assertThat(read.getMetadata().getResourceVersion()).isEqualTo(written.getMetadata().getResourceVersion());
                assertThat(read.getMetadata().getCreationTimestamp())
                        .isEqualTo(written.getMetadata().getCreationTimestamp());
                assertThat(read.getMetadata().getOwnerReferences())
                        .isEqualTo(written.getMetadata().getOwnerReferences());
            }
            for (HasMetadata written : s.objects()) {
                List<? extends HasMetadata> listed = written.getMetadata().getNamespace() == null
                        ? c.client().resources(written.getClass()).list().getItems()
                        : c.client().resources(written.getClass()).inNamespace(written.getMetadata().getNamespace())
                                .list().getItems();
                assertThat(listed).extracting(h -> h.getMetadata().getUid()).contains(written.getMetadata().getUid());
            }
        }
    }

    @Test
    void ownerReferencesLeadFromPodToReplicaSetToDeployment() {
        Pod pod = client.pods().inNamespace("shop").withName(POD).get();
        OwnerReference toRs = pod.getMetadata().getOwnerReferences().get(0);
        ReplicaSet rs = client.apps().replicaSets().inNamespace("shop").withName(toRs.getName()).get();
        assertThat(rs.getMetadata().getUid()).isEqualTo(toRs.getUid());

        OwnerReference toDeployment = rs.getMetadata().getOwnerReferences().get(0);
        Deployment deployment = client.apps().deployments().inNamespace("shop").withName(toDeployment.getName()).get();
        assertThat(deployment.getMetadata().getUid()).isEqualTo(toDeployment.getUid());
        assertThat(deployment.getMetadata().getName()).isEqualTo("cart");
    }

    @Test
    void eventsCanBeSelectedByInvolvedObject() {
        long written = cart.objectsOfKind("Event").stream()
                .map(Event.class::cast)
                .filter(e -> POD.equals(e.getInvolvedObject().getName())).count();

        List<Event> events = client.v1().events().inNamespace("shop")
                .withField("involvedObject.name", POD).withField("involvedObject.kind", "Pod").list().getItems();

        assertThat(written).isGreaterThan(0);
        assertThat(events).hasSize((int) written)
                .allSatisfy(e -> assertThat(e.getInvolvedObject().getName()).isEqualTo(POD));
        assertThat(client.v1().events().inNamespace("shop").withoutField("involvedObject.name", POD).list().getItems())
                .isNotEmpty()
                .noneSatisfy(e -> assertThat(e.getInvolvedObject().getName()).isEqualTo(POD));
    }

    @Test
    void fieldSelectorsWorkAcrossNamespaces() {
        long written = cart.objectsOfKind("Event").stream()
                .map(Event.class::cast)
                .filter(e -> "Node".equals(e.getInvolvedObject().getKind())).count();

        List<Event> events = client.v1().events().inAnyNamespace().withField("involvedObject.kind", "Node").list()
                .getItems();

        assertThat(written).isGreaterThan(0);
        assertThat(events).hasSize((int) written)
                .allSatisfy(e -> assertThat(e.getInvolvedObject().getKind()).isEqualTo("Node"));
    }

    @Test
    void currentAndPreviousLogsComeFromTheirStreams() {
        String current = client.pods().inNamespace("shop").withName(POD).inContainer("cart").getLog();
        String previous = client.pods().inNamespace("shop").withName(POD).inContainer("cart").terminated().getLog();

        assertThat(current).isEqualTo(joined(stream(false)));
        assertThat(previous).isEqualTo(joined(stream(true)));
        assertThat(previous).isNotEqualTo(current);
    }

    @Test
    void tailLinesTimestampsAndLimitBytesShapeTheLog() {
        List<LogEntry> prev = stream(true).entries();
        String tail = client.pods().inNamespace("shop").withName(POD).terminated().tailingLines(2).getLog();
        assertThat(tail).isEqualTo(joined(prev.subList(prev.size() - 2, prev.size())));

        String stamped = client.pods().inNamespace("shop").withName(POD).inContainer("cart").usingTimestamps().terminated().getLog();
        assertThat(stamped.lines().findFirst().orElseThrow())
                .startsWith(prev.get(0).instant().toString().replace(".000Z", "Z")).endsWith(prev.get(0).line());

        String limited = client.pods().inNamespace("shop").withName(POD).inContainer("cart").limitBytes(10).getLog();
        assertThat(limited).hasSize(10);
    }

    @Test
    void sinceSecondsCountsBackFromTheScenarioClock() {
        List<LogEntry> prev = stream(true).entries();
        long cutoff = cart.now().minusSeconds(200).getEpochSecond() * 1_000_000_000L;
        List<LogEntry> expected = prev.stream().filter(e -> e.timestampNanos() >= cutoff).toList();

        String log = client.pods().inNamespace("shop").withName(POD).terminated().sinceSeconds(200).getLog();

        assertThat(expected.size()).isBetween(1, prev.size() - 1);
        assertThat(log).isEqualTo(joined(expected));
    }

    @Test
    void logsOfAMissingPodOrStreamAre404() {
        assertThatThrownBy(() -> client.pods().inNamespace("shop").withName("nope").getLog())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(404));
        assertThatThrownBy(() -> client.pods().inNamespace("shop").withName("checkout-84c7d5f6b-k2j9x").terminated()
                .getLog())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(404));
    }

    @Test
    void dryRunEditPersistsNothingButARealEditDoes() {
        var cartDeployment = client.apps().deployments().inNamespace("shop").withName("cart");
        int before = cartDeployment.get().getSpec().getReplicas();

        Deployment wouldBe = cartDeployment.dryRun().edit(d -> {
            d.getSpec().setReplicas(before + 3);
            return d;
        });
        assertThat(wouldBe.getSpec().getReplicas()).isEqualTo(before + 3);
        assertThat(cartDeployment.get().getSpec().getReplicas()).isEqualTo(before);

        try (EmbeddedCluster own = EmbeddedCluster.start(cart)) {
            var d = own.client().apps().deployments().inNamespace("shop").withName("cart");
            d.edit(x -> {
                x.getSpec().setReplicas(before + 3);
                return x;
            });
            assertThat(d.get().getSpec().getReplicas()).isEqualTo(before + 3);
        }
    }

    @Test
    void dryRunDeleteAndCreatePersistNothing() {
        client.pods().inNamespace("shop").withName(POD).dryRun().delete();
        assertThat(client.pods().inNamespace("shop").withName(POD).get()).isNotNull();

        var cm = new ConfigMapBuilder().withNewMetadata().withName("dry").withNamespace("shop").endMetadata()
                .addToData("k", "v").build();
        var created = client.configMaps().inNamespace("shop").resource(cm).dryRun().create();
        assertThat(created.getData()).containsEntry("k", "v");
        assertThat(client.configMaps().inNamespace("shop").withName("dry").get()).isNull();
    }

    @Test
    void dryRunOnScaleAndEvictionSubresourcesPersistsNothing() throws IOException {
        OkHttpClient http = new OkHttpClient();
        String base = cluster.url().replaceAll("/$", "");
        int before = client.apps().deployments().inNamespace("shop").withName("cart").get().getSpec().getReplicas();

        try (Response r = http.newCall(new Request.Builder()
                .url(base + "/apis/apps/v1/namespaces/shop/deployments/cart/scale?dryRun=All")
                .patch(RequestBody.create("{\"spec\":{\"replicas\":9}}",
                        MediaType.get("application/merge-patch+json")))
                .build()).execute()) {
            assertThat(r.code()).isEqualTo(200);
            assertThat(r.body().string()).contains("\"kind\":\"Scale\"").contains("\"replicas\":9");
        }
        try (Response r = http.newCall(new Request.Builder()
                .url(base + "/api/v1/namespaces/shop/pods/" + POD + "/eviction?dryRun=All")
                .post(RequestBody.create("{\"apiVersion\":\"policy/v1\",\"kind\":\"Eviction\",\"metadata\":{\"name\":\""
                        + POD + "\",\"namespace\":\"shop\"}}", MediaType.get("application/json")))
                .build()).execute()) {
            assertThat(r.code()).isEqualTo(201);
        }
        assertThat(client.apps().deployments().inNamespace("shop").withName("cart").get().getSpec().getReplicas())
                .isEqualTo(before);
        assertThat(client.pods().inNamespace("shop").withName(POD).get()).isNotNull();
    }

    @Test
    void realScaleAndEvictionChangeTheCluster() {
        try (EmbeddedCluster own = EmbeddedCluster.start(cart)) {
            var deployment = own.client().apps().deployments().inNamespace("shop").withName("cart");
            deployment.scale(5);
            assertThat(deployment.get().getSpec().getReplicas()).isEqualTo(5);
            assertThat(deployment.get().getMetadata().getUid()).isEqualTo("7944db8f-2fc4-5599-859b-638a1c370ef5");

            assertThat(own.client().pods().inNamespace("shop").withName(POD).evict()).isTrue();
            assertThat(own.client().pods().inNamespace("shop").withName(POD).get()).isNull();
        }
    }

    @Test
    void dryRunOnAMissingObjectIs404() {
        assertThatThrownBy(() -> client.apps().deployments().inNamespace("shop").withName("ghost").dryRun()
                .patch("{\"spec\":{\"replicas\":1}}"))
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(404));
    }

    private LogStream stream(boolean previous) {
        return cart.logs().stream()
                .filter(s -> s.pod().equals(POD) && s.container().equals("cart") && s.previous() == previous)
                .findFirst().orElseThrow();
    }

    private static String joined(LogStream s) {
        return joined(s.entries());
    }

    private static String joined(List<LogEntry> entries) {
        return entries.stream().map(e -> e.line() + "\n").collect(Collectors.joining());
    }
}
