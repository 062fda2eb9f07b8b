package io.sreagent.k8s.action;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.okhttp.OkHttpClientFactory;
import io.sreagent.core.support.Json;
import io.sreagent.core.tool.Approval;
import io.sreagent.core.tool.Tool;
import io.sreagent.core.tool.ToolError;
import io.sreagent.core.tool.ToolInvocation;
import io.sreagent.core.tool.ToolResult;
import io.sreagent.k8s.KubernetesToolsConfig;
import io.sreagent.testkit.k8s.EmbeddedCluster;
import io.sreagent.testkit.scenario.ScenarioLoader;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The action tools against the embedded cluster, which gives {@code dryRun=All} its real meaning: every action sends
 * a server-side dry-run first, changes nothing without approval, refuses a stale resourceVersion and a protected
 * namespace, and (rollback) puts back exactly the chosen revision's pod template.
 */
class ActionToolsTest {

    private static final Instant NOW = Instant.parse("2026-11-20T10:30:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final Approval APPROVED = new Approval("act-1", "alice", NOW);

    @TempDir
    Path dir;
    private EmbeddedCluster cluster;
    private KubernetesClient client;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<String> putBodies = new CopyOnWriteArrayList<>();
    private Map<String, Tool> tools;

    @BeforeEach
    void start() throws IOException {
        Files.writeString(dir.resolve("scenario.yaml"), SCENARIO);
        Files.writeString(dir.resolve("cluster.yaml"), CLUSTER);
        cluster = EmbeddedCluster.start(ScenarioLoader.load(dir));
        // a second client on the same server that records every request the tools send
        client = new KubernetesClientBuilder().withConfig(new ConfigBuilder(cluster.client().getConfiguration())
                        .withRequestRetryBackoffLimit(0).build())
                .withHttpClientFactory(new OkHttpClientFactory() {
                    @Override
                    protected void additionalConfig(OkHttpClient.Builder builder) {
                        builder.addInterceptor(chain -> {
                            Request r = chain.request();
                            String q = r.url().query();
                            requests.add(r.method() + " " + r.url().encodedPath() + (q == null ? "" : "?" + q));
                            if (r.body() != null && "PUT".equals(r.method())) {
                                okio.Buffer buf = new okio.Buffer();
                                r.body().writeTo(buf);
                                putBodies.add(buf.readUtf8());
                            }
                            return chain.proceed(r);
                        });
                    }
                }).build();
        tools = new ActionTools(client, KubernetesToolsConfig.defaults(), CLOCK).tools().stream()
                .collect(Collectors.toMap(Tool::id, t -> t));
    }

    @AfterEach
    void stop() {
        client.close();
        cluster.close();
    }

    private ToolResult call(String id, boolean approved, Object... kv) {
        ObjectNode args = Json.object();
        for (int i = 0; i < kv.length; i += 2) {
            args.set((String) kv[i], Json.mapper().valueToTree(kv[i + 1]));
        }
        return tools.get(id).invoke(new ToolInvocation(id, args, "test", false, approved ? APPROVED : null));
    }

    private List<String> writes() {
        return requests.stream().filter(r -> !r.startsWith("GET")).toList();
    }

    private Deployment web() {
        return cluster.client().apps().deployments().inNamespace("shop").withName("web").get();
    }

    @Test
    void scaleWithoutApprovalSendsOnlyTheDryRunAndChangesNothing() {
        ToolResult r = call("k8s.scale", false, "namespace", "shop", "name", "web", "replicas", 5);
        assertThat(r.isError()).as(r.text()).isFalse();
        assertThat(writes()).hasSize(1);
        assertThat(writes().get(0)).startsWith("PUT /apis/apps/v1/namespaces/shop/deployments/web").contains("dryRun=All");
        assertThat(r.data().path("executed").asBoolean()).isFalse();
        assertThat(r.data().path("dry_run").path("result").path("replicas").asInt()).isEqualTo(5);
        assertThat(web().getSpec().getReplicas()).isEqualTo(2);
    }

    @Test
    void scaleWithApprovalSendsTheDryRunFirstThenTheChange() {
        ToolResult r = call("k8s.scale", true, "namespace", "shop", "name", "web", "replicas", 5);
        assertThat(r.isError()).as(r.text()).isFalse();
        assertThat(writes()).hasSize(2);
        assertThat(writes().get(0)).contains("dryRun=All");
        assertThat(writes().get(1)).startsWith("PUT /apis/apps/v1/namespaces/shop/deployments/web").doesNotContain("dryRun");
        assertThat(r.data().path("before").path("replicas").asInt()).isEqualTo(2);
        assertThat(r.data().path("after").path("replicas").asInt()).isEqualTo(5);
        assertThat(r.data().path("executed").asBoolean()).isTrue();
        assertThat(web().getSpec().getReplicas()).isEqualTo(5);
    }

    @Test
    void dryRunModeChangesNothingEvenWithApproval() {
        ObjectNode args = Json.object().put("namespace", "shop").put("name", "web").put("replicas", 4);
        ToolResult r = tools.get("k8s.scale").invoke(new ToolInvocation("k8s.scale", args, "test", true, APPROVED));
        assertThat(r.data().path("executed").asBoolean()).isFalse();
        assertThat(writes()).allMatch(w -> w.contains("dryRun=All"));
        assertThat(web().getSpec().getReplicas()).isEqualTo(2);
    }

    @Test
    void staleResourceVersionIsRefusedBeforeAnyWrite() {
        String live = web().getMetadata().getResourceVersion();
        ToolResult r = call("k8s.scale", true, "namespace", "shop", "name", "web", "replicas", 5,
                "expected_resource_version", live + "0");
        assertThat(r.error().kind()).isEqualTo(ToolError.Kind.CONFLICT);
        assertThat(r.error().message()).contains(live);
        assertThat(writes()).isEmpty();
        assertThat(web().getSpec().getReplicas()).isEqualTo(2);
    }

    @Test
    void everyWriteCarriesTheResourceVersionTheGuardSawSoTheServerEnforcesIt() throws Exception {
        String live = web().getMetadata().getResourceVersion();
        call("k8s.scale", true, "namespace", "shop", "name", "web", "replicas", 4);
        assertThat(putBodies).hasSize(2);
        for (String body : putBodies) {
            assertThat(Json.mapper().readTree(body).path("metadata").path("resourceVersion").asText()).isEqualTo(live);
        }
    }

    @Test
    void matchingResourceVersionIsAccepted() {
        String live = web().getMetadata().getResourceVersion();
        ToolResult r = call("k8s.scale", true, "namespace", "shop", "name", "web", "replicas", 3,
                "expected_resource_version", live);
        assertThat(r.isError()).as(r.text()).isFalse();
        assertThat(web().getSpec().getReplicas()).isEqualTo(3);
    }

    @Test
    void protectedNamespaceIsRefusedWithoutTouchingTheApi() {
        for (String id : List.of("k8s.scale", "k8s.restart_rollout", "k8s.rollback", "k8s.delete_pod",
                "k8s.adjust_resources", "k8s.expand_pvc")) {
            requests.clear();
            ToolResult r = call(id, true, "namespace", "kube-system", "name", "coredns", "replicas", 0,
                    "container", "coredns", "limits_memory", "256Mi", "size", "20Gi");
            assertThat(r.error()).as(id).isNotNull();
            assertThat(r.error().kind()).as(id).isEqualTo(ToolError.Kind.REFUSED);
            assertThat(r.error().message()).as(id).contains("kube-system");
            assertThat(requests).as(id).isEmpty();
        }
        assertThat(cluster.client().apps().deployments().inNamespace("kube-system").withName("coredns").get()
                .getSpec().getReplicas()).isEqualTo(2);
    }

    @Test
    void protectedNamespaceIsAllowedWhenTheConfigSaysSo() {
        Tool scale = new ActionTools(client, KubernetesToolsConfig.from(
                Map.of("K8S_ALLOW_PROTECTED_NAMESPACES", "true")::get), CLOCK).scale();
        ToolResult r = scale.invoke(new ToolInvocation("k8s.scale", Json.object().put("namespace", "kube-system")
                .put("name", "coredns").put("replicas", 3), "test", false, APPROVED));
        assertThat(r.isError()).as(r.text()).isFalse();
        assertThat(cluster.client().apps().deployments().inNamespace("kube-system").withName("coredns").get()
                .getSpec().getReplicas()).isEqualTo(3);
    }

    @Test
    void rollbackPutsBackExactlyThePreviousRevisionsTemplateWithoutTheHash() {
        ReplicaSet previous = cluster.client().apps().replicaSets().inNamespace("shop").withName("web-6d8f9c7b5").get();
        ToolResult dry = call("k8s.rollback", false, "namespace", "shop", "name", "web");
        assertThat(dry.isError()).as(dry.text()).isFalse();
        assertThat(web().getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isEqualTo("registry.example.com/web:2.0.0");

        ToolResult r = call("k8s.rollback", true, "namespace", "shop", "name", "web");
        assertThat(r.isError()).as(r.text()).isFalse();
        PodTemplateSpec expected = client.getKubernetesSerialization().clone(previous.getSpec().getTemplate());
        expected.getMetadata().getLabels().remove("pod-template-hash");
        JsonNode got = Json.mapper().valueToTree(web().getSpec().getTemplate());
        assertThat(got).isEqualTo(Json.mapper().valueToTree(expected));
        assertThat(got.path("metadata").path("labels").has("pod-template-hash")).isFalse();
        assertThat(got.path("spec").path("containers").get(0).path("env").toString()).contains("CACHE_MODE");
        assertThat(writes().get(writes().size() - 2)).contains("dryRun=All");
    }

    @Test
    void rollbackToAnUnknownRevisionNamesTheKnownOnes() {
        ToolResult r = call("k8s.rollback", true, "namespace", "shop", "name", "web", "to_revision", 9);
        assertThat(r.error().kind()).isEqualTo(ToolError.Kind.INVALID_ARGUMENTS);
        assertThat(r.error().message()).contains("[2, 1]");
    }

    @Test
    void restartRolloutSetsRestartedAtFromTheClock() {
        ToolResult dry = call("k8s.restart_rollout", false, "namespace", "shop", "name", "web");
        assertThat(dry.data().path("after").path("restarted_at").asText()).isEqualTo(NOW.toString());
        Map<String, String> ann = web().getSpec().getTemplate().getMetadata().getAnnotations();
        assertThat(ann == null ? Map.<String, String>of() : ann).doesNotContainKey(ActionTools.RESTARTED_AT);
        call("k8s.restart_rollout", true, "namespace", "shop", "name", "web");
        assertThat(web().getSpec().getTemplate().getMetadata().getAnnotations())
                .containsEntry(ActionTools.RESTARTED_AT, NOW.toString());
    }

    @Test
    void deletePodDryRunKeepsThePod() {
        ToolResult dry = call("k8s.delete_pod", false, "namespace", "shop", "name", "web-7c9d8b6f4-aaaaa");
        assertThat(dry.isError()).as(dry.text()).isFalse();
        assertThat(writes()).singleElement().asString().startsWith("DELETE").contains("dryRun=All");
        assertThat(cluster.client().pods().inNamespace("shop").withName("web-7c9d8b6f4-aaaaa").get()).isNotNull();
        ToolResult real = call("k8s.delete_pod", true, "namespace", "shop", "name", "web-7c9d8b6f4-aaaaa");
        assertThat(real.data().path("executed").asBoolean()).as(real.text()).isTrue();
        assertThat(cluster.client().pods().inNamespace("shop").withName("web-7c9d8b6f4-aaaaa").get()).isNull();
    }

    @Test
    void adjustResourcesChangesOneContainerAfterTheDryRun() {
        ToolResult dry = call("k8s.adjust_resources", false, "namespace", "shop", "name", "web", "container", "web",
                "limits_memory", "512Mi");
        assertThat(dry.data().path("after").path("limits").path("memory").asText()).isEqualTo("512Mi");
        assertThat(web().getSpec().getTemplate().getSpec().getContainers().get(0).getResources().getLimits().get("memory")
                .toString()).isEqualTo("128Mi");
        call("k8s.adjust_resources", true, "namespace", "shop", "name", "web", "container", "web", "limits_memory", "512Mi");
        var res = web().getSpec().getTemplate().getSpec().getContainers().get(0).getResources();
        assertThat(res.getLimits().get("memory").toString()).isEqualTo("512Mi");
        assertThat(res.getRequests().get("memory").toString()).isEqualTo("128Mi");
        ToolResult bad = call("k8s.adjust_resources", true, "namespace", "shop", "name", "web", "container", "web",
                "limits_memory", "lots");
        assertThat(bad.error().kind()).isEqualTo(ToolError.Kind.INVALID_ARGUMENTS);
    }

    @Test
    void cordonMarksTheNodeOnlyWithApproval() {
        call("k8s.cordon", false, "name", "worker-1");
        assertThat(cluster.client().nodes().withName("worker-1").get().getSpec().getUnschedulable()).isNotEqualTo(Boolean.TRUE);
        ToolResult r = call("k8s.cordon", true, "name", "worker-1");
        assertThat(r.data().path("after").path("unschedulable").asBoolean()).as(r.text()).isTrue();
        assertThat(cluster.client().nodes().withName("worker-1").get().getSpec().getUnschedulable()).isTrue();
    }

    @Test
    void drainDryRunEvictsNothingAndCordonsNothing() {
        ToolResult r = call("k8s.drain", false, "name", "worker-1");
        assertThat(r.isError()).as(r.text()).isFalse();
        assertThat(r.data().path("evicted").toString()).contains("shop/web-7c9d8b6f4-aaaaa");
        assertThat(r.data().path("skipped").toString()).contains("kube-system/coredns-1");
        assertThat(requests).anyMatch(q -> q.startsWith("POST") && q.contains("/eviction"));
        assertThat(cluster.client().pods().inNamespace("shop").withName("web-7c9d8b6f4-aaaaa").get()).isNotNull();
        assertThat(cluster.client().nodes().withName("worker-1").get().getSpec().getUnschedulable()).isNotEqualTo(Boolean.TRUE);
    }

    @Test
    void expandPvcGrowsTheRequestAndRefusesShrinking() {
        ToolResult small = call("k8s.expand_pvc", true, "namespace", "shop", "name", "data", "size", "5Gi");
        assertThat(small.error().kind()).isEqualTo(ToolError.Kind.INVALID_ARGUMENTS);
        ToolResult r = call("k8s.expand_pvc", true, "namespace", "shop", "name", "data", "size", "20Gi");
        assertThat(r.isError()).as(r.text()).isFalse();
        assertThat(r.data().path("before").path("storage").asText()).isEqualTo("10Gi");
        assertThat(cluster.client().persistentVolumeClaims().inNamespace("shop").withName("data").get().getSpec()
                .getResources().getRequests().get("storage").toString()).isEqualTo("20Gi");
    }

    @Test
    void missingObjectIsNotFound() {
        ToolResult r = call("k8s.scale", true, "namespace", "shop", "name", "nope", "replicas", 1);
        assertThat(r.error().kind()).isEqualTo(ToolError.Kind.NOT_FOUND);
    }

    private static final String SCENARIO = """
            name: action-fixture
            description: objects for the action tools
            now: '2026-11-20T10:30:00Z'
            trigger:
              event_type: Warning
              namespace: shop
              resource_kind: Deployment
              resource_name: web
              event_data: {reason: Test, message: test}
            """;

    private static final String CLUSTER = """
            apiVersion: v1
            kind: Namespace
            metadata: {name: shop}
            ---
            apiVersion: v1
            kind: Node
            metadata: {name: worker-1, resourceVersion: '10', creationTimestamp: '2026-10-01T00:00:00Z'}
            spec: {}
            status:
              conditions:
              - {type: Ready, status: 'True'}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              namespace: shop
              uid: 11111111-1111-1111-1111-111111111111
              resourceVersion: '500'
              creationTimestamp: '2026-11-01T00:00:00Z'
              generation: 2
              annotations: {deployment.kubernetes.io/revision: '2'}
            spec:
              replicas: 2
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  containers:
                  - name: web
                    image: registry.example.com/web:2.0.0
                    resources:
                      limits: {memory: 128Mi}
                      requests: {memory: 128Mi}
            status: {replicas: 2, readyReplicas: 0, observedGeneration: 2}
            ---
            apiVersion: apps/v1
            kind: ReplicaSet
            metadata:
              name: web-6d8f9c7b5
              namespace: shop
              resourceVersion: '301'
              creationTimestamp: '2026-11-01T00:00:00Z'
              labels: {app: web, pod-template-hash: 6d8f9c7b5}
              annotations: {deployment.kubernetes.io/revision: '1'}
              ownerReferences:
              - {apiVersion: apps/v1, kind: Deployment, name: web, uid: 11111111-1111-1111-1111-111111111111, controller: true}
            spec:
              replicas: 0
              selector: {matchLabels: {app: web, pod-template-hash: 6d8f9c7b5}}
              template:
                metadata:
                  labels: {app: web, pod-template-hash: 6d8f9c7b5}
                  annotations: {prometheus.io/scrape: 'true'}
                spec:
                  containers:
                  - name: web
                    image: registry.example.com/web:1.9.3
                    env:
                    - {name: CACHE_MODE, value: lazy}
                    resources:
                      limits: {memory: 256Mi}
                      requests: {memory: 128Mi}
            status: {replicas: 0, readyReplicas: 0}
            ---
            apiVersion: apps/v1
            kind: ReplicaSet
            metadata:
              name: web-7c9d8b6f4
              namespace: shop
              resourceVersion: '302'
              creationTimestamp: '2026-11-01T00:00:00Z'
              labels: {app: web, pod-template-hash: 7c9d8b6f4}
              annotations: {deployment.kubernetes.io/revision: '2'}
              ownerReferences:
              - {apiVersion: apps/v1, kind: Deployment, name: web, uid: 11111111-1111-1111-1111-111111111111, controller: true}
            spec:
              replicas: 2
              selector: {matchLabels: {app: web, pod-template-hash: 7c9d8b6f4}}
              template:
                metadata: {labels: {app: web, pod-template-hash: 7c9d8b6f4}}
                spec:
                  containers:
                  - name: web
                    image: registry.example.com/web:2.0.0
                    resources:
                      limits: {memory: 128Mi}
                      requests: {memory: 128Mi}
            status: {replicas: 2, readyReplicas: 0}
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: web-7c9d8b6f4-aaaaa
              namespace: shop
              resourceVersion: '600'
              creationTimestamp: '2026-11-01T00:00:00Z'
              labels: {app: web, pod-template-hash: 7c9d8b6f4}
              ownerReferences:
              - {apiVersion: apps/v1, kind: ReplicaSet, name: web-7c9d8b6f4, uid: 22222222-2222-2222-2222-222222222222, controller: true}
            spec:
              nodeName: worker-1
              containers:
              - {name: web, image: registry.example.com/web:2.0.0}
            status: {phase: Running}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: coredns
              namespace: kube-system
              resourceVersion: '700'
              creationTimestamp: '2026-11-01T00:00:00Z'
              generation: 1
            spec:
              replicas: 2
              selector: {matchLabels: {k8s-app: kube-dns}}
              template:
                metadata: {labels: {k8s-app: kube-dns}}
                spec:
                  containers:
                  - {name: coredns, image: registry.k8s.io/coredns/coredns:v1.11.3}
            status: {replicas: 2, readyReplicas: 2, observedGeneration: 1}
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: coredns-1
              namespace: kube-system
              resourceVersion: '701'
              creationTimestamp: '2026-11-01T00:00:00Z'
            spec:
              nodeName: worker-1
              containers:
              - {name: coredns, image: registry.k8s.io/coredns/coredns:v1.11.3}
            status: {phase: Running}
            ---
            apiVersion: storage.k8s.io/v1
            kind: StorageClass
            metadata: {name: standard, creationTimestamp: '2026-10-01T00:00:00Z'}
            provisioner: ebs.csi.aws.com
            allowVolumeExpansion: true
            ---
            apiVersion: v1
            kind: PersistentVolumeClaim
            metadata:
              name: data
              namespace: shop
              resourceVersion: '800'
              creationTimestamp: '2026-11-01T00:00:00Z'
            spec:
              storageClassName: standard
              accessModes: [ReadWriteOnce]
              resources:
                requests: {storage: 10Gi}
            status: {phase: Bound}
            """;
}
