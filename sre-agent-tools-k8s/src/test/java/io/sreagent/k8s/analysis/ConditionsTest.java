package io.sreagent.k8s.analysis;

import io.sreagent.core.incident.Category;
import io.sreagent.core.incident.Finding;
import io.sreagent.core.incident.ResourceRef;
import io.sreagent.k8s.MockCluster;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One test per analyzer condition with the exact objects that trigger it, and a negative case that must not. Objects
 * are written as {@code kubectl get -o yaml} shows them; the fabric8 CRUD mock server serves them to the real client.
 */
class ConditionsTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-20T10:30:00Z"), ZoneOffset.UTC);
    private static final ResourceRef WEB = ResourceRef.of("Deployment", "shop", "web");

    private static List<Finding> analyze(String yaml, ResourceRef start) {
        try (MockCluster c = MockCluster.crud().load(yaml)) {
            return new ClusterAnalyzer(c.client, CLOCK).analyze(start).findings();
        }
    }

    private static List<Finding> analyzePod(String yaml) {
        return analyze(yaml, ResourceRef.of("Pod", "shop", "web-5f6d7c8b9-a1"));
    }

    private static Optional<Finding> find(List<Finding> fs, String analyzer) {
        return fs.stream().filter(f -> f.analyzer().equals(analyzer)).findFirst();
    }

    /** A Deployment {@code web} (revision 1) with one pod whose status (and extra spec) is given. */
    static String web(String podStatus) {
        return web(podStatus, "", "");
    }

    static String web(String podStatus, String containerExtra, String podSpecExtra) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, namespace: shop, uid: d-1, annotations: {deployment.kubernetes.io/revision: '1'}}
                spec:
                  replicas: 1
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec:
                      containers:
                      - {name: web, image: 'registry.example.com/web:1.0'}
                status: {replicas: 1, readyReplicas: 0}
                ---
                apiVersion: apps/v1
                kind: ReplicaSet
                metadata:
                  name: web-5f6d7c8b9
                  namespace: shop
                  labels: {app: web, pod-template-hash: 5f6d7c8b9}
                  annotations: {deployment.kubernetes.io/revision: '1'}
                  ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: web, uid: d-1, controller: true}]
                spec:
                  replicas: 1
                  selector: {matchLabels: {app: web, pod-template-hash: 5f6d7c8b9}}
                  template:
                    metadata: {labels: {app: web, pod-template-hash: 5f6d7c8b9}}
                    spec:
                      containers:
                      - {name: web, image: 'registry.example.com/web:1.0'}
                status: {replicas: 1, readyReplicas: 0}
                ---
                apiVersion: v1
                kind: Pod
                metadata:
                  name: web-5f6d7c8b9-a1
                  namespace: shop
                  labels: {app: web, pod-template-hash: 5f6d7c8b9}
                  ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web-5f6d7c8b9, uid: rs-1, controller: true}]
                spec:
                  nodeName: worker-1
                  containers:
                  - name: web
                    image: 'registry.example.com/web:1.0'
                    resources:
                      limits: {memory: 256Mi, cpu: 500m}
                      requests: {memory: 256Mi, cpu: 100m}
                    livenessProbe:
                      httpGet: {path: /healthz, port: 8080}
                      periodSeconds: 10
                      failureThreshold: 3
                """ + indent(containerExtra, "    ") + indent(podSpecExtra, "  ") + "status:\n" + indent(podStatus, "  ") + """
                ---
                apiVersion: v1
                kind: Node
                metadata: {name: worker-1}
                status:
                  allocatable: {cpu: '4', memory: 16Gi}
                  conditions:
                  - {type: Ready, status: 'True', reason: KubeletReady}
                  - {type: MemoryPressure, status: 'False'}
                """;
    }

    private static String indent(String s, String by) {
        if (s.isBlank()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (String line : s.stripTrailing().split("\n")) {
            out.append(by).append(line).append('\n');
        }
        return out.toString();
    }

    private static String crashing(String reason, int exit, String started, String finished) {
        return """
                phase: Running
                conditions: [{type: Ready, status: 'False'}]
                containerStatuses:
                - name: web
                  image: 'registry.example.com/web:1.0'
                  ready: false
                  restartCount: 7
                  state: {waiting: {reason: CrashLoopBackOff, message: back-off 5m0s restarting failed container}}
                  lastState:
                    terminated: {reason: %s, exitCode: %d, startedAt: '%s', finishedAt: '%s'}
                """.formatted(reason, exit, started, finished);
    }

    private static String event(String name, String kind, String object, String type, String reason, String message,
                                int count) {
        return """
                ---
                apiVersion: v1
                kind: Event
                metadata: {name: %s, namespace: shop}
                involvedObject: {kind: %s, name: %s, namespace: shop}
                type: %s
                reason: %s
                message: '%s'
                count: %d
                firstTimestamp: '2026-11-20T10:00:00Z'
                lastTimestamp: '2026-11-20T10:29:00Z'
                """.formatted(name, kind, object, type, reason, message.replace("'", "''"), count);
    }

    // ------------------------------------------------------------------ OOM, leak, crash, probe

    @Test
    void oomKilledSoonAfterStartIsOomKilledWithTheLimit() {
        List<Finding> fs = analyzePod(web(crashing("OOMKilled", 137, "2026-11-20T10:25:00Z", "2026-11-20T10:25:40Z")));
        Finding f = fs.get(0);
        assertThat(f.category()).isEqualTo(Category.OOM_KILLED);
        assertThat(f.resource()).isEqualTo(WEB);
        assertThat(f.detail().path("memory_limit").asText()).isEqualTo("256Mi");
        assertThat(f.detail().path("uptime_seconds").asLong()).isEqualTo(40);
        assertThat(f.confidence()).isGreaterThanOrEqualTo(0.9);
        assertThat(find(fs, "pod.oom_after_long_uptime")).isEmpty();
    }

    @Test
    void oomKilledAfterHoursOfUptimeAlsoHintsAMemoryLeak() {
        List<Finding> fs = analyzePod(web(crashing("OOMKilled", 137, "2026-11-20T02:00:00Z", "2026-11-20T10:20:00Z")));
        Finding oom = find(fs, "pod.oom_killed").orElseThrow();
        assertThat(oom.detail().path("long_uptime_before_kill").asBoolean()).isTrue();
        assertThat(oom.confidence()).isLessThan(0.9);
        assertThat(find(fs, "pod.oom_after_long_uptime").orElseThrow().category()).isEqualTo(Category.MEMORY_LEAK);
    }

    @Test
    void exitCodeOneIsAppCrashNotOom() {
        List<Finding> fs = analyzePod(web(crashing("Error", 1, "2026-11-20T10:25:00Z", "2026-11-20T10:25:02Z")));
        assertThat(fs.get(0).category()).isEqualTo(Category.APP_CRASH);
        assertThat(fs).noneMatch(f -> f.category() == Category.OOM_KILLED);
    }

    @Test
    void killsWithFailingLivenessProbeAreProbeFailureWithTheProbeDefinition() {
        String yaml = web(crashing("Error", 137, "2026-11-20T10:25:00Z", "2026-11-20T10:25:35Z"))
                + event("e1", "Pod", "web-5f6d7c8b9-a1", "Warning", "Unhealthy",
                "Liveness probe failed: HTTP probe failed with statuscode: 404", 21)
                + event("e2", "Pod", "web-5f6d7c8b9-a1", "Normal", "Killing",
                "Container web failed liveness probe, will be restarted", 7);
        Finding f = analyzePod(yaml).get(0);
        assertThat(f.category()).isEqualTo(Category.PROBE_FAILURE);
        assertThat(f.detail().path("probe").asText()).isEqualTo("liveness");
        assertThat(f.detail().path("probe_definition").path("httpGet").path("path").asText()).isEqualTo("/healthz");
        assertThat(f.confidence()).isGreaterThanOrEqualTo(0.8);
    }

    @Test
    void killWithoutProbeEventsIsNotProbeFailure() {
        List<Finding> fs = analyzePod(web(crashing("Error", 137, "2026-11-20T10:25:00Z", "2026-11-20T10:25:35Z")));
        assertThat(fs).noneMatch(f -> f.category() == Category.PROBE_FAILURE);
        assertThat(find(fs, "pod.killed")).isPresent();
    }

    @Test
    void notReadyRunningPodWithFailingReadinessProbeIsProbeFailure() {
        String status = """
                phase: Running
                conditions: [{type: Ready, status: 'False'}]
                containerStatuses:
                - {name: web, ready: false, restartCount: 0, state: {running: {startedAt: '2026-11-20T10:00:00Z'}}}
                """;
        List<Finding> fs = analyzePod(web(status) + event("e1", "Pod", "web-5f6d7c8b9-a1", "Warning", "Unhealthy",
                "Readiness probe failed: Get \"http://10.0.0.1:8080/ready\": connection refused", 40));
        assertThat(find(fs, "pod.probe_failure").orElseThrow().detail().path("probe").asText()).isEqualTo("readiness");
        assertThat(analyzePod(web(status))).noneMatch(f -> f.category() == Category.PROBE_FAILURE);
    }

    @Test
    void noSpaceLeftOnDeviceIsDiskFull() {
        String status = """
                phase: Running
                containerStatuses:
                - name: web
                  ready: false
                  restartCount: 3
                  state: {waiting: {reason: CrashLoopBackOff}}
                  lastState: {terminated: {reason: Error, exitCode: 1, message: 'write /data/x: No space left on device',
                    startedAt: '2026-11-20T10:25:00Z', finishedAt: '2026-11-20T10:25:09Z'}}
                """;
        assertThat(analyzePod(web(status)).get(0).category()).isEqualTo(Category.DISK_FULL);
    }

    // ------------------------------------------------------------------ config, image

    @Test
    void missingSecretKeyIsConfigMissingNamingSecretAndKey() {
        String status = """
                phase: Pending
                containerStatuses:
                - name: web
                  ready: false
                  restartCount: 0
                  state: {waiting: {reason: CreateContainerConfigError, message: couldn't find key token in Secret shop/api-keys}}
                """;
        String extra = """
                env:
                - name: TOKEN
                  valueFrom: {secretKeyRef: {name: api-keys, key: token}}
                """;
        String secret = """
                ---
                apiVersion: v1
                kind: Secret
                metadata: {name: api-keys, namespace: shop}
                data: {other: dmFsdWU=}
                """;
        Finding f = analyzePod(web(status, extra, "") + secret).get(0);
        assertThat(f.category()).isEqualTo(Category.CONFIG_MISSING);
        assertThat(f.detail().path("missing_kind").asText()).isEqualTo("Secret");
        assertThat(f.detail().path("missing_name").asText()).isEqualTo("api-keys");
        assertThat(f.detail().path("missing_key").asText()).isEqualTo("token");
        assertThat(f.detail().path("confirmed_missing").asBoolean()).isTrue();
        assertThat(f.confidence()).isGreaterThanOrEqualTo(0.9);
        assertThat(f.detail().toString()).doesNotContain("dmFsdWU=");
    }

    @Test
    void configErrorWhoseObjectNowExistsIsNotConfirmed() {
        String status = """
                phase: Pending
                containerStatuses:
                - {name: web, ready: false, restartCount: 0, state: {waiting: {reason: CreateContainerConfigError, message: configmap "web-config" not found}}}
                """;
        String cm = """
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: web-config, namespace: shop}
                data: {A: b}
                """;
        Finding f = find(analyzePod(web(status) + cm), "pod.config_missing").orElseThrow();
        assertThat(f.detail().path("confirmed_missing").asBoolean()).isFalse();
        assertThat(f.confidence()).isLessThan(0.6);
    }

    @Test
    void failedMountOfAMissingConfigMapIsConfigMissing() {
        String status = """
                phase: Pending
                containerStatuses:
                - {name: web, ready: false, restartCount: 0, state: {waiting: {reason: ContainerCreating}}}
                """;
        String vol = """
                volumes:
                - name: cfg
                  configMap: {name: web-files}
                """;
        Finding f = analyzePod(web(status, "", vol) + event("e1", "Pod", "web-5f6d7c8b9-a1", "Warning", "FailedMount",
                "MountVolume.SetUp failed for volume \"cfg\" : configmap \"web-files\" not found", 12)).get(0);
        assertThat(f.category()).isEqualTo(Category.CONFIG_MISSING);
        assertThat(f.detail().path("missing_name").asText()).isEqualTo("web-files");
    }

    @Test
    void imagePullWithAnEarlierGoodRevisionSuggestsRollback() {
        String status = """
                phase: Pending
                containerStatuses:
                - {name: web, image: 'registry.example.com/web:1.0', ready: false, restartCount: 0,
                   state: {waiting: {reason: ImagePullBackOff, message: Back-off pulling image "registry.example.com/web:1.0"}}}
                """;
        String older = """
                ---
                apiVersion: apps/v1
                kind: ReplicaSet
                metadata:
                  name: web-4b5c6d7e8
                  namespace: shop
                  labels: {app: web, pod-template-hash: 4b5c6d7e8}
                  annotations: {deployment.kubernetes.io/revision: '0'}
                  ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: web, uid: d-1, controller: true}]
                spec:
                  replicas: 0
                  selector: {matchLabels: {app: web, pod-template-hash: 4b5c6d7e8}}
                  template:
                    metadata: {labels: {app: web, pod-template-hash: 4b5c6d7e8}}
                    spec:
                      containers:
                      - {name: web, image: 'registry.example.com/web:0.9'}
                status: {replicas: 0}
                """;
        String ev = event("e1", "Pod", "web-5f6d7c8b9-a1", "Warning", "Failed",
                "Failed to pull image \"registry.example.com/web:1.0\": rpc error: manifest unknown", 9);
        Finding f = analyzePod(web(status) + older + ev).get(0);
        assertThat(f.category()).isEqualTo(Category.IMAGE_PULL);
        assertThat(f.detail().path("cause").asText()).isEqualTo("image_not_found");
        assertThat(f.detail().path("suggested_action").asText()).isEqualTo("ROLLBACK");
        assertThat(f.detail().path("rollback_to_revision").asLong()).isZero();

        Finding alone = analyzePod(web(status) + ev).get(0);
        assertThat(alone.detail().path("suggested_action").asText()).isEqualTo("FIX_IMAGE");
    }

    // ------------------------------------------------------------------ scheduling

    private static final String PENDING = """
            phase: Pending
            conditions:
            - {type: PodScheduled, status: 'False', reason: Unschedulable, message: '%s'}
            """;

    @Test
    void insufficientMemoryIsUnschedulableResources() {
        Finding f = analyzePod(web(PENDING.formatted("0/3 nodes are available: 3 Insufficient memory. preemption: 0/3 nodes are available."))).get(0);
        assertThat(f.category()).isEqualTo(Category.UNSCHEDULABLE_RESOURCES);
        assertThat(f.resource()).isEqualTo(WEB);
        assertThat(f.detail().path("requests").path("web").path("memory").asText()).isEqualTo("256Mi");
    }

    @Test
    void untoleratedTaintAndAffinityAreUnschedulableConstraints() {
        Finding f = analyzePod(web(PENDING.formatted("0/3 nodes are available: 1 node(s) had untolerated taint "
                + "{dedicated: gpu}, 2 node(s) didn''t match Pod''s node affinity/selector."))).get(0);
        assertThat(f.category()).isEqualTo(Category.UNSCHEDULABLE_CONSTRAINTS);
    }

    @Test
    void unboundClaimLeadsToTheClaimWhoseStorageClassIsMissing() {
        String vol = """
                volumes:
                - name: data
                  persistentVolumeClaim: {claimName: web-data}
                """;
        String pvc = """
                ---
                apiVersion: v1
                kind: PersistentVolumeClaim
                metadata: {name: web-data, namespace: shop}
                spec:
                  storageClassName: fast-ssd
                  accessModes: [ReadWriteOnce]
                  resources: {requests: {storage: 10Gi}}
                status: {phase: Pending}
                """;
        List<Finding> fs = analyzePod(web(PENDING.formatted("0/3 nodes are available: pod has unbound immediate "
                + "PersistentVolumeClaims. preemption: 0/3 nodes are available."), "", vol) + pvc);
        Finding top = fs.get(0);
        assertThat(top.category()).isEqualTo(Category.STORAGE);
        assertThat(top.resource()).isEqualTo(ResourceRef.of("PersistentVolumeClaim", "shop", "web-data"));
        assertThat(top.analyzer()).isEqualTo("pvc.storage_class_missing");
        assertThat(top.chain()).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void schedulingGatedPodIsReportedWithItsGates() {
        Finding f = find(analyzePod(web("phase: Pending\nconditions: [{type: PodScheduled, status: 'False', reason: SchedulingGated}]\n",
                "", "schedulingGates: [{name: example.com/quota-check}]\n")), "pod.scheduling_gated").orElseThrow();
        assertThat(f.summary()).contains("SchedulingGated");
        assertThat(f.detail().path("scheduling_gates").get(0).asText()).isEqualTo("example.com/quota-check");
    }

    @Test
    void failedPodWithANonZeroExitIsAppCrash() {
        String status = """
                phase: Failed
                containerStatuses:
                - {name: web, ready: false, restartCount: 0, state: {terminated: {reason: Error, exitCode: 2,
                   startedAt: '2026-11-20T10:00:00Z', finishedAt: '2026-11-20T10:00:01Z'}}}
                """;
        Finding f = analyzePod(web(status)).get(0);
        assertThat(f.category()).isEqualTo(Category.APP_CRASH);
        assertThat(f.detail().path("exit_code").asInt()).isEqualTo(2);
        String succeeded = """
                phase: Succeeded
                containerStatuses:
                - {name: web, ready: false, restartCount: 0, state: {terminated: {reason: Completed, exitCode: 0}}}
                """;
        assertThat(analyzePod(web(succeeded))).noneMatch(x -> x.category() == Category.APP_CRASH);
    }

    @Test
    void pendingWithoutAnUnschedulableConditionHasNoSchedulingFinding() {
        List<Finding> fs = analyzePod(web("phase: Pending\nconditions: [{type: PodScheduled, status: 'True'}]\n"));
        assertThat(fs).noneMatch(f -> f.analyzer().startsWith("pod.unschedulable"));
    }

    // ------------------------------------------------------------------ quota, replica sets, deployments

    @Test
    void replicaSetRejectedByQuotaIsQuotaExceededOnTheDeployment() {
        String yaml = web("phase: Running\nconditions: [{type: Ready, status: 'True'}]\n").replace(
                "status: {replicas: 1, readyReplicas: 0}\n---\napiVersion: v1\nkind: Pod",
                "status: {replicas: 0, conditions: [{type: ReplicaFailure, status: 'True', reason: FailedCreate,"
                        + " message: 'pods \"web-5f6d7c8b9-zz\" is forbidden: exceeded quota: compute, requested:"
                        + " limits.memory=256Mi, used: limits.memory=4Gi, limited: limits.memory=4Gi'}]}\n---\napiVersion: v1\nkind: Pod")
                .replace("spec:\n  replicas: 1\n  selector: {matchLabels: {app: web, pod", "spec:\n  replicas: 2\n  selector: {matchLabels: {app: web, pod");
        String quota = """
                ---
                apiVersion: v1
                kind: ResourceQuota
                metadata: {name: compute, namespace: shop}
                spec: {hard: {limits.memory: 4Gi}}
                status: {hard: {limits.memory: 4Gi}, used: {limits.memory: 4Gi}}
                """;
        Finding f = analyze(yaml + quota, WEB).get(0);
        assertThat(f.category()).isEqualTo(Category.QUOTA_EXCEEDED);
        assertThat(f.resource()).isEqualTo(WEB);
        assertThat(f.detail().path("quota").asText()).isEqualTo("compute");
        assertThat(f.detail().path("quota_status").path("used").path("limits.memory").asText()).isEqualTo("4Gi");
    }

    @Test
    void limitRangeRejectionFromEventsIsQuotaExceeded() {
        String yaml = web("phase: Running\nconditions: [{type: Ready, status: 'True'}]\n")
                .replace("spec:\n  replicas: 1\n  selector: {matchLabels: {app: web, pod", "spec:\n  replicas: 3\n  selector: {matchLabels: {app: web, pod")
                + event("e1", "ReplicaSet", "web-5f6d7c8b9", "Warning", "FailedCreate",
                "Error creating: pods \"web-5f6d7c8b9-x\" is forbidden: maximum memory usage per Container is 1Gi, but limit is 2Gi", 14);
        assertThat(analyze(yaml, WEB)).anyMatch(f -> f.category() == Category.QUOTA_EXCEEDED && f.resource().equals(WEB));
    }

    @Test
    void replicaSetWithAllItsReplicasHasNoCreateFinding() {
        String yaml = web("phase: Running\nconditions: [{type: Ready, status: 'True'}]\ncontainerStatuses: [{name: web, ready: true, restartCount: 0, state: {running: {}}}]\n")
                + event("e1", "ReplicaSet", "web-5f6d7c8b9", "Warning", "FailedCreate", "exceeded quota: compute", 1);
        assertThat(analyze(yaml, WEB)).noneMatch(f -> f.category() == Category.QUOTA_EXCEEDED);
    }

    @Test
    void deploymentNotProgressingIsReportedEvenWhenReplicasMatch() {
        String yaml = web("phase: Running\n").replace("status: {replicas: 1, readyReplicas: 0}\n---\napiVersion: apps/v1",
                "status: {replicas: 1, readyReplicas: 1, conditions: [{type: Progressing, status: 'False', reason: "
                        + "ProgressDeadlineExceeded, message: 'ReplicaSet \"web-5f6d7c8b9\" has timed out progressing.'}]}\n---\napiVersion: apps/v1");
        List<Finding> fs = analyze(yaml, WEB);
        assertThat(find(fs, "deployment.not_progressing")).isPresent();
        assertThat(find(fs, "deployment.replicas_unavailable")).isEmpty();
    }

    @Test
    void autoscalerAtMaxReplicasAndStillLimitedIsCapacitySaturation() {
        String hpa = """
                ---
                apiVersion: autoscaling/v2
                kind: HorizontalPodAutoscaler
                metadata: {name: web, namespace: shop}
                spec:
                  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
                  minReplicas: 1
                  maxReplicas: %d
                  metrics: [{type: Resource, resource: {name: cpu, target: {type: Utilization, averageUtilization: 60}}}]
                status:
                  currentReplicas: 1
                  desiredReplicas: 1
                  conditions:
                  - {type: ScalingLimited, status: 'True', reason: TooManyReplicas, message: the desired replica count is more than the maximum replica count}
                """;
        String ok = "phase: Running\nconditions: [{type: Ready, status: 'True'}]\ncontainerStatuses: [{name: web, ready: true, restartCount: 0, state: {running: {}}}]\n";
        List<Finding> fs = analyze(web(ok) + hpa.formatted(1), WEB);
        Finding f = find(fs, "hpa.at_max_replicas").orElseThrow();
        assertThat(f.category()).isEqualTo(Category.CAPACITY_SATURATION);
        assertThat(f.resource()).isEqualTo(WEB);
        assertThat(find(analyze(web(ok) + hpa.formatted(5).replace("status: 'True', reason: TooManyReplicas",
                "status: 'False', reason: DesiredWithinRange"), WEB), "hpa.at_max_replicas")).isEmpty();
    }

    @Test
    void anAutoscalerOfTheSameApplicationWhoseTargetIsGoneIsReportedForTheWorkloadWithoutOne() {
        String hpa = """
                ---
                apiVersion: autoscaling/v2
                kind: HorizontalPodAutoscaler
                metadata: {name: %s, namespace: shop, labels: {%s}}
                spec:
                  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web-frontend}
                  minReplicas: 2
                  maxReplicas: 10
                status:
                  currentReplicas: 0
                  desiredReplicas: 0
                  conditions:
                  - {type: AbleToScale, status: 'False', reason: FailedGetScale, message: 'deployments/scale.apps "web-frontend" not found'}
                """;
        String ok = "phase: Running\nconditions: [{type: Ready, status: 'True'}]\ncontainerStatuses: [{name: web, ready: true, restartCount: 0, state: {running: {}}}]\n";
        String labelled = web(ok).replaceFirst("metadata: \\{name: web, namespace: shop, uid: d-1,",
                "metadata: {name: web, namespace: shop, uid: d-1, labels: {app.kubernetes.io/name: storefront},");
        // By name, and by the application's labels.
        for (String yaml : List.of(web(ok) + hpa.formatted("web", "team: a"),
                labelled + hpa.formatted("storefront-hpa", "app.kubernetes.io/name: storefront, helm.sh/chart: storefront-1.0"))) {
            Finding f = find(analyze(yaml, WEB), "hpa.target_missing").orElseThrow();
            assertThat(f.resource().kind()).isEqualTo("HorizontalPodAutoscaler");
            assertThat(f.subject()).isEqualTo(WEB);
            assertThat(f.summary()).contains("Deployment/web-frontend").contains("does not exist");
        }
        // A target named almost as the workload (a rename), whatever the autoscaler is called.
        assertThat(find(analyze(web(ok) + hpa.formatted("frontend-hpa", "team: a").replace("name: web-frontend}", "name: webs}"), WEB),
                "hpa.target_missing")).isPresent();
        // Another application's autoscaler, and one whose target exists, say nothing about web.
        assertThat(find(analyze(labelled + hpa.formatted("other", "app.kubernetes.io/name: billing"), WEB),
                "hpa.target_missing")).isEmpty();
        assertThat(find(analyze(web(ok) + hpa.formatted("web", "team: a").replace("name: web-frontend}", "name: web}"), WEB),
                "hpa.target_missing")).isEmpty();
    }

    @Test
    void anAutoscalerThatLacksTheContainersRequestSaysWhichRequest() {
        String hpa = """
                ---
                apiVersion: autoscaling/v2
                kind: HorizontalPodAutoscaler
                metadata: {name: web, namespace: shop}
                spec:
                  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
                  minReplicas: 2
                  maxReplicas: 8
                status:
                  currentReplicas: 2
                  desiredReplicas: 2
                  conditions:
                  - {type: ScalingActive, status: 'False', reason: FailedGetResourceMetric, message: 'the HPA was unable to compute the replica count: failed to get cpu utilization: missing request for cpu in container "web" of Pod "web-5f6d7c8b9-abcde"'}
                """;
        String ok = "phase: Running\nconditions: [{type: Ready, status: 'True'}]\ncontainerStatuses: [{name: web, ready: true, restartCount: 0, state: {running: {}}}]\n";
        Finding f = find(analyze(web(ok) + hpa, WEB), "hpa.inactive").orElseThrow();
        assertThat(f.detail().path("missing_request").asText()).isEqualTo("cpu");
        assertThat(f.detail().path("reason").asText()).isEqualTo("FailedGetResourceMetric");
    }

    // ------------------------------------------------------------------ nodes

    @Test
    void notReadyNodeWithEvictedPodsIsNodeFailureOnTheNode() {
        String yaml = web("""
                phase: Failed
                reason: Evicted
                message: 'The node was low on resource: memory. Threshold quantity: 100Mi, available: 50Mi.'
                """).replace("- {type: Ready, status: 'True', reason: KubeletReady}",
                "- {type: Ready, status: Unknown, reason: NodeStatusUnknown, message: Kubelet stopped posting node status.}");
        List<Finding> fs = analyzePod(yaml);
        assertThat(fs).anyMatch(f -> f.category() == Category.NODE_FAILURE
                && f.resource().equals(ResourceRef.cluster("Node", "worker-1")) && f.analyzer().equals("node.not_ready"));
        Finding evicted = find(fs, "pod.evicted").orElseThrow();
        assertThat(evicted.detail().path("pressure").asText()).isEqualTo("memory");
        Finding nr = find(analyze(yaml, ResourceRef.cluster("Node", "worker-1")), "node.not_ready").orElseThrow();
        assertThat(nr.detail().path("evicted_pods").toString()).contains("web-5f6d7c8b9-a1");
    }

    @Test
    void diskPressureIsNodeFailureAndAHealthyNodeHasNoFinding() {
        String healthy = web("phase: Running\n");
        assertThat(analyze(healthy, ResourceRef.cluster("Node", "worker-1"))).isEmpty();
        String pressured = healthy.replace("- {type: MemoryPressure, status: 'False'}",
                "- {type: DiskPressure, status: 'True', reason: KubeletHasDiskPressure, message: kubelet has disk pressure}");
        Finding f = analyze(pressured, ResourceRef.cluster("Node", "worker-1")).get(0);
        assertThat(f.analyzer()).isEqualTo("node.disk_pressure");
        assertThat(f.category()).isEqualTo(Category.NODE_FAILURE);
    }

    @Test
    void aBudgetThatAllowsNoDisruptionIsNamedForACordonedOrFailingNodeOnly() {
        String pdb = """
                ---
                apiVersion: policy/v1
                kind: PodDisruptionBudget
                metadata: {name: web, namespace: shop}
                spec: {minAvailable: 1, selector: {matchLabels: {app: web}}}
                status: {currentHealthy: 1, desiredHealthy: 1, expectedPods: 1, disruptionsAllowed: %d}
                """;
        String running = web("phase: Running\n");
        ResourceRef node = ResourceRef.cluster("Node", "worker-1");
        String cordoned = running.replace("metadata: {name: worker-1}", "metadata: {name: worker-1}\nspec: {unschedulable: true}");
        Finding f = find(analyze(cordoned + pdb.formatted(0), node), "pdb.blocks_drain").orElseThrow();
        assertThat(f.resource()).isEqualTo(ResourceRef.of("PodDisruptionBudget", "shop", "web"));
        assertThat(f.category()).isEqualTo(Category.UNKNOWN);
        assertThat(f.summary()).contains("minAvailable 1").contains("web-5f6d7c8b9-a1").contains("worker-1");

        String notReady = running.replace("- {type: Ready, status: 'True', reason: KubeletReady}",
                "- {type: Ready, status: Unknown, reason: NodeStatusUnknown, message: Kubelet stopped posting node status.}");
        Finding nr = find(analyze(notReady + pdb.formatted(0), node), "node.not_ready").orElseThrow();
        assertThat(nr.detail().path("drain_blocked_by").toString()).contains("shop/web");

        assertThat(find(analyze(running + pdb.formatted(0), node), "pdb.blocks_drain")).as("a healthy node is not drained").isEmpty();
        assertThat(find(analyze(cordoned + pdb.formatted(1), node), "pdb.blocks_drain")).as("one disruption allowed").isEmpty();
    }

    // ------------------------------------------------------------------ services and dependencies

    private static final String SERVICE = """
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: web, namespace: shop}
            spec: {selector: {%s}, ports: [{port: 80, targetPort: 8080}], clusterIP: 10.96.0.20}
            ---
            apiVersion: v1
            kind: Endpoints
            metadata: {name: web, namespace: shop}
            """;

    @Test
    void serviceWhoseSelectorMatchesNothingIsServiceNoEndpoints() {
        List<Finding> fs = analyze(web("phase: Running\n") + SERVICE.formatted("app: webb"), ResourceRef.of("Service", "shop", "web"));
        assertThat(fs.get(0).category()).isEqualTo(Category.SERVICE_NO_ENDPOINTS);
        assertThat(fs.get(0).resource()).isEqualTo(ResourceRef.of("Service", "shop", "web"));
    }

    @Test
    void serviceWithPendingPodsLeadsToWhyTheyArePending() {
        String yaml = web(PENDING.formatted("0/3 nodes are available: 3 Insufficient cpu.")) + SERVICE.formatted("app: web");
        List<Finding> fs = analyze(yaml, ResourceRef.of("Service", "shop", "web"));
        assertThat(fs.get(0).category()).isEqualTo(Category.UNSCHEDULABLE_RESOURCES);
        assertThat(fs.get(0).resource()).isEqualTo(WEB);
        assertThat(fs.get(0).chain().get(0)).contains("Service shop/web has no ready endpoints");
    }

    @Test
    void dependencyHostOfAWorkloadScaledToZeroIsDependencyUnavailable() {
        String yaml = web("phase: Running\n").replace("spec:\n  replicas: 1\n  selector: {matchLabels: {app: web}}",
                "spec:\n  replicas: 0\n  selector: {matchLabels: {app: web}}").replaceAll("(?s)---\napiVersion: v1\nkind: Pod.*?---\n", "---\n")
                + SERVICE.formatted("app: web");
        try (MockCluster c = MockCluster.crud().load(yaml)) {
            Analysis a = new ClusterAnalyzer(c.client, CLOCK).analyzeService("shop", "web.shop.svc.cluster.local:80");
            assertThat(a.findings().get(0).category()).isEqualTo(Category.DEPENDENCY_UNAVAILABLE);
            assertThat(a.findings().get(0).resource()).isEqualTo(WEB);
            Analysis byIp = new ClusterAnalyzer(c.client, CLOCK).analyzeService("shop", "10.96.0.20");
            assertThat(byIp.findings().get(0).resource()).isEqualTo(WEB);
            // a cluster name with no Service behind it: the dependency is gone (not a DNS failure)
            Analysis unknown = new ClusterAnalyzer(c.client, CLOCK).analyzeService("shop", "nothere:5432");
            assertThat(unknown.findings().get(0).category()).isEqualTo(Category.DEPENDENCY_UNAVAILABLE);
            assertThat(unknown.findings().get(0).resource()).isEqualTo(ResourceRef.of("Service", "shop", "nothere"));
            assertThat(unknown.resolved().path("note").asText()).contains("no Service");
        }
    }

    @Test
    void notReadyPodWhoseDeclaredDependencyHasNoEndpointsLeadsToTheDependency() {
        String status = """
                phase: Running
                conditions: [{type: Ready, status: 'False'}]
                containerStatuses:
                - {name: web, ready: false, restartCount: 0, state: {running: {startedAt: '2026-11-20T10:00:00Z'}}}
                """;
        String env = """
                env:
                - {name: REDIS_ADDR, value: 'cache:6379'}
                """;
        String cache = """
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: cache, namespace: shop}
                spec:
                  replicas: 0
                  selector: {matchLabels: {app: cache}}
                  template: {metadata: {labels: {app: cache}}, spec: {containers: [{name: redis, image: 'redis:7'}]}}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: cache, namespace: shop}
                spec: {selector: {app: cache}, ports: [{port: 6379}]}
                ---
                apiVersion: v1
                kind: Endpoints
                metadata: {name: cache, namespace: shop}
                """;
        String yaml = web(status, env, "") + cache + event("e1", "Pod", "web-5f6d7c8b9-a1", "Warning", "Unhealthy",
                "Readiness probe failed: HTTP probe failed with statuscode: 503", 30);
        List<Finding> fs = analyzePod(yaml);
        assertThat(fs.get(0).category()).isEqualTo(Category.DEPENDENCY_UNAVAILABLE);
        assertThat(fs.get(0).resource()).isEqualTo(ResourceRef.of("Deployment", "shop", "cache"));
        assertThat(fs.get(0).detail().path("discovered_via").asText()).contains("REDIS_ADDR");
        // without the dependency in view, the probe failure stays the top finding
        assertThat(analyzePod(web(status, env, "") + event("e1", "Pod", "web-5f6d7c8b9-a1", "Warning", "Unhealthy",
                "Readiness probe failed: HTTP probe failed with statuscode: 503", 30)).get(0).category())
                .isEqualTo(Category.PROBE_FAILURE);
    }

    // ------------------------------------------------------------------ jobs and cron jobs

    private static final String JOB = """
            apiVersion: batch/v1
            kind: Job
            metadata: {name: report, namespace: shop}
            spec: {backoffLimit: 3, template: {spec: {restartPolicy: Never, containers: [{name: r, image: r:1}]}}}
            status: %s
            """;

    @Test
    void jobThatGaveUpIsJobFailed() {
        Finding f = analyze(JOB.formatted("{failed: 4, conditions: [{type: Failed, status: 'True', reason: BackoffLimitExceeded,"
                + " message: Job has reached the specified backoff limit}]}"), ResourceRef.of("Job", "shop", "report")).get(0);
        assertThat(f.category()).isEqualTo(Category.JOB_FAILED);
        assertThat(f.confidence()).isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void jobThatCompletedDespiteFailedPodsIsFine() {
        assertThat(analyze(JOB.formatted("{failed: 2, succeeded: 1, conditions: [{type: Complete, status: 'True'}]}"),
                ResourceRef.of("Job", "shop", "report"))).isEmpty();
    }

    @Test
    void cronJobWithAnInvalidScheduleIsReportedAndAValidOneIsNot() {
        String cj = """
                apiVersion: batch/v1
                kind: CronJob
                metadata: {name: nightly, namespace: shop}
                spec: {schedule: '%s', jobTemplate: {spec: {template: {spec: {restartPolicy: Never, containers: [{name: n, image: n:1}]}}}}}
                """;
        assertThat(analyze(cj.formatted("61 * * * *"), ResourceRef.of("CronJob", "shop", "nightly")))
                .anyMatch(f -> f.analyzer().equals("cronjob.invalid_schedule"));
        assertThat(analyze(cj.formatted("*/5 * * * *"), ResourceRef.of("CronJob", "shop", "nightly"))).isEmpty();
    }

    @Test
    void cronScheduleValidation() {
        assertThat(CronSchedule.validate("*/5 * * * *")).isNull();
        assertThat(CronSchedule.validate("0 2 * * *")).isNull();
        assertThat(CronSchedule.validate("0 0 1,15 * 3")).isNull();
        assertThat(CronSchedule.validate("@daily")).isNull();
        assertThat(CronSchedule.validate("0 9 * * mon-fri")).isNull();
        assertThat(CronSchedule.validate("invalid-cron")).contains("5 fields");
        assertThat(CronSchedule.validate("0 0 * * * *")).contains("found 6");
        assertThat(CronSchedule.validate("")).isNotNull();
    }

    // ------------------------------------------------------------------ statefulsets, daemonsets, pvc, ingress

    @Test
    void statefulSetWithMissingServiceAndStorageClass() {
        String sts = """
                apiVersion: apps/v1
                kind: StatefulSet
                metadata: {name: db, namespace: shop}
                spec:
                  replicas: 1
                  serviceName: db-headless
                  selector: {matchLabels: {app: db}}
                  template: {metadata: {labels: {app: db}}, spec: {containers: [{name: db, image: 'postgres:16'}]}}
                  volumeClaimTemplates:
                  - metadata: {name: data}
                    spec: {storageClassName: premium, accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
                status: {replicas: 1, availableReplicas: 1}
                """;
        List<Finding> fs = analyze(sts, ResourceRef.of("StatefulSet", "shop", "db"));
        assertThat(find(fs, "statefulset.service_missing")).isPresent();
        assertThat(find(fs, "statefulset.storage_class_missing").orElseThrow().category()).isEqualTo(Category.STORAGE);
    }

    @Test
    void daemonSetNotReadyWithMissingPullSecret() {
        String ds = """
                apiVersion: apps/v1
                kind: DaemonSet
                metadata: {name: agent, namespace: shop}
                spec:
                  selector: {matchLabels: {app: agent}}
                  template:
                    metadata: {labels: {app: agent}}
                    spec: {imagePullSecrets: [{name: regcred}], containers: [{name: a, image: 'agent:1'}]}
                status: {desiredNumberScheduled: 3, numberReady: 2}
                """;
        List<Finding> fs = analyze(ds, ResourceRef.of("DaemonSet", "shop", "agent"));
        assertThat(find(fs, "daemonset.not_ready")).isPresent();
        assertThat(find(fs, "daemonset.pull_secret_missing").orElseThrow().category()).isEqualTo(Category.IMAGE_PULL);
        String healthy = ds.replace("numberReady: 2", "numberReady: 3") + """
                ---
                apiVersion: v1
                kind: Secret
                metadata: {name: regcred, namespace: shop}
                data: {.dockerconfigjson: e30=}
                """;
        assertThat(analyze(healthy, ResourceRef.of("DaemonSet", "shop", "agent"))).isEmpty();
    }

    @Test
    void pvcProvisioningFailedIsStorageButWaitingForFirstConsumerIsNot() {
        String pvc = """
                apiVersion: v1
                kind: PersistentVolumeClaim
                metadata: {name: data, namespace: shop}
                spec: {storageClassName: standard, accessModes: [ReadWriteOnce], resources: {requests: {storage: 5Gi}}}
                status: {phase: Pending}
                ---
                apiVersion: storage.k8s.io/v1
                kind: StorageClass
                metadata: {name: standard}
                provisioner: ebs.csi.aws.com
                """;
        ResourceRef ref = ResourceRef.of("PersistentVolumeClaim", "shop", "data");
        Finding f = analyze(pvc + event("e1", "PersistentVolumeClaim", "data", "Warning", "ProvisioningFailed",
                "failed to provision volume with StorageClass \"standard\": rpc error: InvalidParameterValue", 5), ref).get(0);
        assertThat(f.category()).isEqualTo(Category.STORAGE);
        assertThat(f.analyzer()).isEqualTo("pvc.provisioning_failed");
        assertThat(analyze(pvc + event("e1", "PersistentVolumeClaim", "data", "Normal", "WaitForFirstConsumer",
                "waiting for first consumer to be created before binding", 5), ref)).isEmpty();
    }

    @Test
    void ingressChecks() {
        String ing = """
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata: {name: shop, namespace: shop}
                spec:
                  ingressClassName: %s
                  tls: [{hosts: [shop.example.com], secretName: shop-tls}]
                  rules:
                  - host: shop.example.com
                    http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}
                """;
        ResourceRef ref = ResourceRef.of("Ingress", "shop", "shop");
        List<Finding> fs = analyze(ing.formatted("nginx"), ref);
        assertThat(find(fs, "ingress.class_missing")).isPresent();
        assertThat(find(fs, "ingress.tls_secret_missing")).isPresent();
        assertThat(find(fs, "ingress.service_missing")).isPresent();
        assertThat(fs).allSatisfy(f -> {
            assertThat(f.category()).isEqualTo(Category.INGRESS_MISCONFIGURED);
            assertThat(f.resource()).isEqualTo(ref);
        });
        String fine = ing.formatted("gce") + """
                ---
                apiVersion: v1
                kind: Secret
                metadata: {name: shop-tls, namespace: shop}
                type: kubernetes.io/tls
                data: {tls.crt: eA==, tls.key: eA==}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: web, namespace: shop}
                spec: {selector: {app: web}, ports: [{port: 80}]}
                ---
                apiVersion: v1
                kind: Endpoints
                metadata: {name: web, namespace: shop}
                subsets: [{addresses: [{ip: 10.0.0.5}], ports: [{port: 80}]}]
                """;
        assertThat(analyze(fine, ref)).isEmpty();
    }
}
