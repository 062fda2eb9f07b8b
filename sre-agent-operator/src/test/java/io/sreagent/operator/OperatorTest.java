package io.sreagent.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.sreagent.k8s.KubernetesToolsConfig;
import io.sreagent.operator.crd.IncidentResource;
import io.sreagent.operator.crd.IncidentSpec;
import io.sreagent.testkit.EmbeddedScenario;
import io.sreagent.testkit.scenario.ExampleScenarios;
import io.sreagent.workflow.SreWorkflow;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The operator on fabric8's mock API server (CRUD mode) over the example scenario: an event storm becomes one Incident
 * per failing workload, new evidence after the quiet period updates it, an approval written into it executes once,
 * and two replicas share the shards through Leases, the second taking over when the first dies.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperatorTest {

    static final String NS = "sre-agent";
    static final Duration LEASE = Duration.ofSeconds(3);
    static EmbeddedScenario incident;
    static KubernetesClient client;
    static Operator first;
    static Operator second;
    static Instant base;
    static final AtomicInteger names = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        incident = EmbeddedScenario.startResource(ExampleScenarios.resource("cart-oom-killed"));
        client = incident.kubernetes();
        try (InputStream crd = Files.newInputStream(Path.of("../deploy/crd/incidents.sre-agent.io-v1.yml"))) {
            client.load(crd).create();
        }
        base = incident.clock().instant();
        first = replica("replica-a").start();
        await(() -> first.ledShards().size() == 4, Duration.ofSeconds(20), "the first replica leads every shard");
        // The scenario's own incidents (cart crash-looping, the node's OOM kills) come first.
        settle(Duration.ofSeconds(60));
    }

    /** Waits until no incident appears for three seconds and every one is diagnosed. */
    static void settle(Duration within) throws InterruptedException {
        long until = System.nanoTime() + within.toNanos();
        int count = -1;
        long stableSince = System.nanoTime();
        while (System.nanoTime() < until) {
            List<IncidentResource> now = incidents();
            if (now.size() != count) {
                count = now.size();
                stableSince = System.nanoTime();
            } else if (count > 0 && now.stream().allMatch(OperatorTest::diagnosed)
                    && System.nanoTime() - stableSince > Duration.ofSeconds(3).toNanos()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the scenario's incidents did not settle within " + within.toSeconds() + " s");
    }

    @AfterAll
    static void stop() {
        if (second != null) {
            second.close();
        }
        if (first != null) {
            first.close();
        }
        incident.close();
    }

    static Operator replica(String id) {
        return Operator.builder(client, SreWorkflow.builder().tools(incident.tools()).clock(incident.clock()))
                .namespace(NS).identity(id).shards(4).leases(LEASE, Duration.ofSeconds(2), Duration.ofMillis(250))
                .events(KubernetesToolsConfig.from(Map.of("K8S_CORRELATION_WINDOW_SECONDS", "60")::get))
                .clock(incident.clock()).build();
    }

    static List<IncidentResource> incidents() {
        return client.resources(IncidentResource.class).inNamespace(NS).list().getItems();
    }

    static IncidentResource byWorkload(String workload) {
        return incidents().stream().filter(r -> workload.equals(r.getSpec().workload)).findFirst().orElse(null);
    }

    static boolean diagnosed(IncidentResource r) {
        return r.getStatus() != null && "Diagnosed".equals(r.getStatus().phase) && r.getStatus().diagnosedAt != null;
    }

    static void await(BooleanSupplier condition, Duration within, String what) throws InterruptedException {
        long until = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("not within " + within.toSeconds() + " s: " + what);
            }
            Thread.sleep(100);
        }
    }

    static Event event(String ns, String kind, String name, String type, String reason, Instant at) {
        return new EventBuilder().withNewMetadata().withNamespace(ns).withName(name + "." + names.incrementAndGet())
                .endMetadata().withNewInvolvedObject().withKind(kind).withNamespace(ns).withName(name).endInvolvedObject()
                .withType(type).withReason(reason).withMessage(reason + " for " + kind + " " + name)
                .withCount(1).withFirstTimestamp(at.toString()).withLastTimestamp(at.toString()).build();
    }

    static final List<String[]> FAILING = List.of(new String[] {"payments", "ledger", "FailedCreate"},
            new String[] {"search", "indexer", "FailedMount"}, new String[] {"mail", "sender", "ProgressDeadlineExceeded"});

    @Test
    @Order(1)
    void aStormOfTenThousandEventsBecomesOneIncidentPerFailingWorkload() throws Exception {
        int before = incidents().size();
        long diagnosesBefore = first.diagnoses();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> sent = new java.util.ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                sent.add(pool.submit(() -> {
                    for (int i = thread; i < 10_000; i += 4) {
                        Instant at = base.plusMillis(i * 4L);
                        Event e;
                        if (i % 10 == 9) {
                            // noise: normal events of many healthy workloads
                            e = event("web", "Deployment", "site-" + (i % 200), "Normal", "ScalingReplicaSet", at);
                        } else {
                            String[] f = FAILING.get(i % 3);
                            e = event(f[0], "Deployment", f[1], "Warning", f[2], at);
                        }
                        client.v1().events().inNamespace(e.getMetadata().getNamespace()).resource(e).create();
                    }
                    return null;
                }));
            }
            for (Future<?> f : sent) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        await(() -> FAILING.stream().allMatch(f -> {
            IncidentResource r = byWorkload("Deployment/" + f[0] + "/" + f[1]);
            return r != null && diagnosed(r);
        }), Duration.ofSeconds(90), "three incidents diagnosed");
        Thread.sleep(1_000);
        assertThat(incidents()).hasSize(before + 3);
        assertThat(first.diagnoses() - diagnosesBefore).isEqualTo(3);
        for (String[] f : FAILING) {
            IncidentResource r = byWorkload("Deployment/" + f[0] + "/" + f[1]);
            assertThat(r.getStatus().diagnoses).isEqualTo(1);
            assertThat(r.getStatus().category).isNotBlank();
            assertThat(r.getStatus().diagnosedBy).isEqualTo("replica-a");
            assertThat(r.getMetadata().getLabels()).containsEntry(IncidentResource.SHARD_LABEL,
                    Integer.toString(first.shards().of(f[0])));
        }
    }

    @Test
    @Order(2)
    void newEvidenceAfterTheQuietPeriodUpdatesTheSameIncident() throws Exception {
        String[] f = FAILING.get(0);
        String workload = "Deployment/" + f[0] + "/" + f[1];
        String name = byWorkload(workload).getMetadata().getName();
        int before = incidents().size();
        Event late = event(f[0], "Deployment", f[1], "Warning", f[2], base.plusSeconds(40 + 300));
        client.v1().events().inNamespace(f[0]).resource(late).create();

        await(() -> byWorkload(workload).getStatus().diagnoses == 2, Duration.ofSeconds(30), "a second diagnosis");
        assertThat(incidents()).hasSize(before);
        IncidentResource r = byWorkload(workload);
        assertThat(r.getMetadata().getName()).isEqualTo(name);
        assertThat(r.getSpec().trigger.seenAt).isEqualTo(base.plusSeconds(340).toString());
    }

    @Test
    @Order(3)
    void anApprovalWrittenIntoTheIncidentExecutesOnce() throws Exception {
        IncidentResource cart = byWorkload("Deployment/shop/cart");
        assertThat(cart).as("the scenario's cart incident").isNotNull();
        String action = cart.getStatus().actions.stream().filter(a -> "AWAITING_APPROVAL".equals(a.status))
                .map(a -> a.id).findFirst().orElseThrow();
        approve(cart.getMetadata().getName(), action, "alice");

        await(() -> byWorkload("Deployment/shop/cart").getStatus().audit.size() == 1, Duration.ofSeconds(20),
                "the approval is acted on");
        IncidentResource done = byWorkload("Deployment/shop/cart");
        assertThat(done.getStatus().handledApprovals).containsExactly(action);
        assertThat(done.getStatus().audit.get(0)).contains(action).contains("alice").contains("EXECUTED_DRY_RUN");
        assertThat(done.getStatus().actions.stream().filter(a -> action.equals(a.id)).findFirst().orElseThrow().status)
                .isEqualTo("EXECUTED_DRY_RUN");
        // The same approval written again (a GitOps re-apply, a second kubectl patch) is not acted on twice.
        approve(done.getMetadata().getName(), action, "alice");
        Thread.sleep(2_000);
        assertThat(first.executed()).isEqualTo(1);
        assertThat(byWorkload("Deployment/shop/cart").getStatus().audit).hasSize(1);
        // Nothing was changed: the approval ran as a dry-run.
        assertThat(client.apps().deployments().inNamespace("shop").withName("cart").get().getSpec().getTemplate()
                .getSpec().getContainers().get(0).getResources().getLimits().get("memory").toString()).isEqualTo("128Mi");
    }

    static void approve(String name, String action, String who) {
        client.resources(IncidentResource.class).inNamespace(NS).withName(name).edit(r -> {
            IncidentSpec.Approval a = new IncidentSpec.Approval();
            a.action = action;
            a.approvedBy = who;
            r.getSpec().approvals.add(a);
            return r;
        });
    }

    @Test
    @Order(4)
    void aSecondReplicaWaitsThenTakesOverWhenTheFirstDies() throws Exception {
        second = replica("replica-b").start();
        Thread.sleep(LEASE.toMillis() + 1_000);
        assertThat(second.ledShards()).isEmpty();
        assertThat(second.diagnoses()).isZero();

        first.halt();
        long died = System.nanoTime();
        // An incident arrives while nobody leads its shard.
        Event meanwhile = event("late", "Deployment", "importer", "Warning", "FailedCreate", base.plusSeconds(30));
        client.v1().events().inNamespace("late").resource(meanwhile).create();

        await(() -> second.ledShards().size() == 4, LEASE.plusSeconds(5), "the second replica takes every shard");
        assertThat(Duration.ofNanos(System.nanoTime() - died)).isLessThan(LEASE.plusSeconds(3));
        await(() -> {
            IncidentResource r = byWorkload("Deployment/late/importer");
            return r != null && diagnosed(r);
        }, Duration.ofSeconds(30), "the incident that arrived meanwhile is diagnosed");
        Thread.sleep(1_000);
        IncidentResource r = byWorkload("Deployment/late/importer");
        assertThat(r.getStatus().diagnoses).isEqualTo(1);
        assertThat(r.getStatus().diagnosedBy).isEqualTo("replica-b");
        assertThat(second.diagnoses()).isEqualTo(1);
    }

    @Test
    @Order(5)
    void anAlertmanagerNotificationAndAnApprovalFromTheWebPageGoThroughTheResource() throws Exception {
        String body = """
                {"version": "4", "status": "firing", "receiver": "sre-agent", "groupKey": "{}:{alertname=\\"KubePodCrashLooping\\"}",
                 "groupLabels": {"alertname": "KubePodCrashLooping"},
                 "commonLabels": {"alertname": "KubePodCrashLooping", "namespace": "billing", "pod": "invoicer-5d8f7-abcde"},
                 "commonAnnotations": {"summary": "invoicer is crash looping"}, "externalURL": "http://alertmanager:9093",
                 "alerts": [{"status": "firing", "labels": {"alertname": "KubePodCrashLooping", "namespace": "billing",
                   "pod": "invoicer-5d8f7-abcde", "severity": "warning"}, "annotations": {"summary": "invoicer is crash looping"},
                   "startsAt": "2026-11-20T10:20:00Z", "endsAt": "0001-01-01T00:00:00Z", "fingerprint": "abc123"}]}
                """;
        second.alert(body);
        await(() -> incidents().stream().anyMatch(r -> r.getSpec().cause != null && r.getSpec().cause.startsWith("alert-")
                && diagnosed(r)), Duration.ofSeconds(30), "the alert's incident is diagnosed");
        IncidentResource alert = incidents().stream().filter(r -> r.getSpec().cause.startsWith("alert-")).findFirst().orElseThrow();
        assertThat(alert.getSpec().trigger.resourceName).isEqualTo("invoicer-5d8f7-abcde");

        // New evidence about cart after the quiet period: a new diagnosis, with a new action awaiting a person; the
        // approval of the earlier action does not carry over to it.
        Event again = event("shop", "Pod", "cart-7d9f8b6c5-x2k4q", "Warning", "BackOff", base.plusSeconds(900));
        client.v1().events().inNamespace("shop").resource(again).create();
        await(() -> byWorkload("Deployment/shop/cart").getStatus().diagnoses == 2
                && "Diagnosed".equals(byWorkload("Deployment/shop/cart").getStatus().phase), Duration.ofSeconds(30),
                "cart is diagnosed again");
        IncidentResource cart = byWorkload("Deployment/shop/cart");
        assertThat(cart.getSpec().approvals).isEmpty();
        assertThat(cart.getStatus().handledApprovals).isEmpty();
        assertThat(cart.getStatus().audit).anyMatch(l -> l.contains("no longer apply"));
        String action = cart.getStatus().actions.stream().filter(a -> "AWAITING_APPROVAL".equals(a.status))
                .map(a -> a.id).findFirst().orElseThrow();

        // An approval through the HTTP API (what the web page's button calls) is written into spec.approvals and acted
        // on by the replica that leads the shard.
        try (var server = io.sreagent.server.SreServer.builder(second.workflow())
                .approver((i, a, who) -> second.approve(i, a, who, Duration.ofSeconds(15))).build().start("127.0.0.1", 0)) {
            var http = java.net.http.HttpClient.newHttpClient();
            String approval = "{\"incident_id\": \"" + cart.getMetadata().getName() + "\", \"action_id\": \""
                    + action + "\", \"approved_by\": \"bob\"}";
            var r = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + server.port()
                    + "/execute")).POST(java.net.http.HttpRequest.BodyPublishers.ofString(approval)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(r.body()).contains("EXECUTED_DRY_RUN");
            IncidentResource after = byWorkload("Deployment/shop/cart");
            assertThat(after.getSpec().approvals).extracting(a -> a.approvedBy).containsExactly("bob");
            assertThat(after.getStatus().handledApprovals).containsExactly(action);
            assertThat(after.getStatus().audit).anyMatch(l -> l.contains("replica-b") && l.contains("bob"));
            var again2 = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:"
                    + server.port() + "/execute")).POST(java.net.http.HttpRequest.BodyPublishers.ofString(approval)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(again2.statusCode()).isEqualTo(409);
        }
    }
}
