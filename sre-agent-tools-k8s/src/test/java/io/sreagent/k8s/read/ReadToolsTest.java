package io.sreagent.k8s.read;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sreagent.core.support.Json;
import io.sreagent.core.tool.Tool;
import io.sreagent.core.tool.ToolInvocation;
import io.sreagent.core.tool.ToolResult;
import io.sreagent.k8s.KubernetesToolsConfig;
import io.sreagent.k8s.MockCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The read tools with a real client against the CRUD mock server loaded with a recorded cluster. */
class ReadToolsTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-20T10:30:00Z"), ZoneOffset.UTC);
    private MockCluster cluster;
    private Map<String, Tool> tools;

    @BeforeEach
    void start() {
        cluster = MockCluster.fromResource("clusters/cart-oom-killed.yaml");
        cluster.load(resource("clusters/payments-configmap-missing.yaml"));
        tools = tools(cluster, KubernetesToolsConfig.from(Map.of("K8S_LOG_BYTE_CAP", "1024")::get));
    }

    static Map<String, Tool> tools(MockCluster c, KubernetesToolsConfig config) {
        Map<String, Tool> m = new java.util.HashMap<>();
        new ReadTools(c.client, config, CLOCK).tools().forEach(t -> m.put(t.id(), t));
        return m;
    }

    static String resource(String name) {
        try (var in = ReadToolsTest.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private ToolResult call(String id, Object... kv) {
        ObjectNode args = Json.object();
        for (int i = 0; i < kv.length; i += 2) {
            args.set((String) kv[i], Json.mapper().valueToTree(kv[i + 1]));
        }
        return tools.get(id).invoke(ToolInvocation.of(id, args));
    }

    @Test
    void getPodShowsLastTerminationRestartsAndLimits() {
        ToolResult r = call("k8s.get_pod", "namespace", "shop", "name", "cart-7d9f8b6c5-x2k4q");
        assertThat(r.isError()).isFalse();
        JsonNode c = r.data().path("containers").get(0);
        assertThat(c.path("restart_count").asInt()).isEqualTo(6);
        assertThat(c.path("last_state").path("terminated").path("reason").asText()).isEqualTo("OOMKilled");
        assertThat(c.path("last_state").path("terminated").path("exit_code").asInt()).isEqualTo(137);
        assertThat(c.path("last_state").path("terminated").path("finished_at").asText()).isEqualTo("2026-11-20T10:27:54Z");
        assertThat(c.path("limits").path("memory").asText()).isEqualTo("128Mi");
        assertThat(c.path("readiness_probe").path("httpGet").path("path").asText()).isEqualTo("/ready");
        assertThat(r.text()).contains("OOMKilled");
    }

    @Test
    void ownerChainGoesFromPodToDeployment() {
        ToolResult r = call("k8s.owner_chain", "namespace", "shop", "name", "cart-7d9f8b6c5-x2k4q");
        assertThat(r.text()).isEqualTo("Pod/cart-7d9f8b6c5-x2k4q -> ReplicaSet/cart-7d9f8b6c5 -> Deployment/cart");
    }

    @Test
    void eventsAreDeduplicatedWithCountsSummedAndSortedOldestFirst() {
        cluster.load("""
                apiVersion: v1
                kind: Event
                metadata: {name: dup-1, namespace: shop}
                involvedObject: {kind: Pod, name: cart-7d9f8b6c5-x2k4q, namespace: shop}
                reason: BackOff
                message: Back-off restarting failed container cart in pod cart-7d9f8b6c5-x2k4q_shop(72c61771-320c-5694-8149-c3fd363ec19e)
                type: Warning
                count: 4
                firstTimestamp: '2026-11-20T09:40:00Z'
                lastTimestamp: '2026-11-20T10:29:50Z'
                source: {component: kubelet}
                """);
        ToolResult r = call("k8s.events", "namespace", "shop", "name", "cart-7d9f8b6c5-x2k4q", "kind", "Pod");
        JsonNode ev = r.data().path("events");
        assertThat(ev).hasSize(3);
        JsonNode backoff = ev.get(2);
        assertThat(backoff.path("reason").asText()).isEqualTo("BackOff");
        assertThat(backoff.path("count").asInt()).isEqualTo(27);
        assertThat(backoff.path("first_seen").asText()).isEqualTo("2026-11-20T09:40:00Z");
        assertThat(backoff.path("last_seen").asText()).isEqualTo("2026-11-20T10:29:50Z");
        assertThat(ev.get(0).path("last_seen").asText()).isLessThanOrEqualTo(ev.get(1).path("last_seen").asText());
    }

    @Test
    void describeDeploymentListsRevisionsNewestFirst() {
        ToolResult r = call("k8s.describe_deployment", "namespace", "payments", "name", "payments-api");
        JsonNode rev = r.data().path("revisions");
        assertThat(rev).hasSize(2);
        assertThat(rev.get(0).path("revision").asLong()).isEqualTo(12);
        assertThat(rev.get(0).path("ready_replicas").asInt()).isZero();
        assertThat(rev.get(1).path("revision").asLong()).isEqualTo(11);
        assertThat(rev.get(1).path("ready_replicas").asInt()).isEqualTo(3);
        assertThat(rev.get(1).path("images").get(0).asText()).isEqualTo("registry.example.com/payments/api:3.2.0");
    }

    @Test
    void describeNodeComparesRequestedWithAllocatable() {
        ToolResult r = call("k8s.describe_node", "name", "worker-1");
        assertThat(r.isError()).isFalse();
        assertThat(r.data().path("allocatable").path("memory").asText()).isEqualTo("16Gi");
        assertThat(r.data().path("pods").size()).isGreaterThan(0);
        assertThat(r.data().path("requested").path("memory_bytes").asLong()).isGreaterThan(0);
        assertThat(r.data().path("conditions").toString()).contains("KubeletReady");
    }

    @Test
    void describeServiceShowsSelectorMatchesAndEndpoints() {
        ToolResult r = call("k8s.describe_service", "namespace", "shop", "name", "cart");
        assertThat(r.data().path("matching_pods")).hasSize(2);
        assertThat(r.data().path("selector").path("app").asText()).isEqualTo("cart");
    }

    @Test
    void secretsShowKeyNamesButNeverValues() {
        ToolResult r = call("k8s.list", "kind", "Secret", "namespace", "payments");
        assertThat(r.data().path("items").get(0).path("keys").get(0).asText()).isEqualTo("password");
        assertThat(r.data().toString()).doesNotContain("czNjcjN0");
        assertThat(r.text()).doesNotContain("czNjcjN0");
    }

    @Test
    void listFiltersByLabelSelector() {
        ToolResult r = call("k8s.list", "kind", "Pod", "namespace", "shop", "label_selector", "app=cart");
        assertThat(r.data().path("count").asInt()).isEqualTo(2);
        ToolResult bad = call("k8s.list", "kind", "Widget", "namespace", "shop");
        assertThat(bad.error().kind()).isEqualTo(io.sreagent.core.tool.ToolError.Kind.INVALID_ARGUMENTS);
    }

    @Test
    void analyzeReturnsSnakeCaseFindingsDeepestFirst() {
        ToolResult r = call("k8s.analyze", "kind", "Pod", "namespace", "shop", "name", "cart-7d9f8b6c5-x2k4q");
        JsonNode f = r.data().path("findings").get(0);
        assertThat(f.path("category").asText()).isEqualTo("OOM_KILLED");
        assertThat(f.path("resource").path("kind").asText()).isEqualTo("Deployment");
        assertThat(f.path("source").asText()).isEqualTo("kubernetes");
        assertThat(f.path("analyzer").asText()).isEqualTo("pod.oom_killed");
        assertThat(f.has("confidence") && f.has("summary") && f.has("detail") && f.has("chain")).isTrue();
        assertThat(r.text()).startsWith("1. OOM_KILLED Deployment/shop/cart");
    }

    @Test
    void analyzeOfAMissingObjectIsNotFound() {
        ToolResult r = call("k8s.analyze", "kind", "Pod", "namespace", "shop", "name", "nope");
        assertThat(r.error().kind()).isEqualTo(io.sreagent.core.tool.ToolError.Kind.NOT_FOUND);
        assertThat(r.error().message()).contains("shop/nope");
    }

    @Test
    void podLogsReadsThePreviousContainerAndKeepsTheNewestBytesUnderTheCap() {
        StringBuilder big = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            big.append("line ").append(i).append(" some padding to grow the log\n");
        }
        cluster.server.expect().get()
                .withPath("/api/v1/namespaces/shop/pods/cart-7d9f8b6c5-x2k4q/log?pretty=false&container=cart&previous=true&tailLines=200")
                .andReturn(200, big.toString()).always();
        cluster.server.expect().get()
                .withPath("/api/v1/namespaces/shop/pods/cart-7d9f8b6c5-x2k4q/log?pretty=false&container=cart&tailLines=200")
                .andReturn(200, "current only\n").always();
        ToolResult prev = call("k8s.pod_logs", "namespace", "shop", "name", "cart-7d9f8b6c5-x2k4q", "previous", true);
        assertThat(prev.isError()).as(prev.text()).isFalse();
        assertThat(prev.data().path("truncated").asBoolean()).isTrue();
        assertThat(prev.data().path("bytes").asInt()).isLessThanOrEqualTo(1024);
        assertThat(prev.data().path("log").asText()).endsWith("line 199 some padding to grow the log\n");
        assertThat(prev.data().path("log").asText()).doesNotContain("line 0 ");
        ToolResult cur = call("k8s.pod_logs", "namespace", "shop", "name", "cart-7d9f8b6c5-x2k4q");
        assertThat(cur.data().path("log").asText()).isEqualTo("current only\n");
        assertThat(cur.data().path("truncated").asBoolean()).isFalse();
    }
}
