package io.sreagent.k8s.analysis;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetCondition;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerCondition;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.sreagent.core.incident.AnalysisKeys;
import io.sreagent.core.incident.Category;
import io.sreagent.core.incident.ResourceRef;
import io.sreagent.core.support.EditDistance;
import io.sreagent.core.support.Json;
import io.sreagent.k8s.internal.Times;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Checks controllers (Deployment, ReplicaSet, StatefulSet, DaemonSet, Job, CronJob): replica shortfalls, stalled
 * rollouts, pod creation rejected by a ResourceQuota or LimitRange, failed and suspended Jobs, bad CronJob schedules.
 */
final class ControllerChecks {

    private static final Pattern QUOTA = Pattern.compile("exceeded quota: ([^,\\s]+)");
    /** The API server's rejection when an admission webhook cannot be called: its name and in-cluster Service. */
    private static final Pattern WEBHOOK = Pattern.compile(
            "failed calling webhook \"([^\"]{1,253})\".*?https://([a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?)\\.([a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?)\\.svc");

    private final ClusterSnapshot s;

    ControllerChecks(ClusterSnapshot s) {
        this.s = s;
    }

    List<Scored> deployment(Deployment d) {
        List<Scored> out = new ArrayList<>();
        String ns = d.getMetadata().getNamespace();
        String name = d.getMetadata().getName();
        ResourceRef ref = ResourceRef.of("Deployment", ns, name);
        Integer spec = d.getSpec() == null ? null : d.getSpec().getReplicas();
        int ready = d.getStatus() == null || d.getStatus().getReadyReplicas() == null ? 0 : d.getStatus().getReadyReplicas();
        int status = d.getStatus() == null || d.getStatus().getReplicas() == null ? 0 : d.getStatus().getReplicas();
        if (spec != null && spec != ready) {
            ObjectNode det = Json.object().put("desired", spec).put("ready", ready).put("replicas", status);
            ObjectNode r = Rollouts.describe(d, s);
            if (r != null) {
                det.set(AnalysisKeys.ROLLOUT, r);
            }
            String msg = status > spec
                    ? "Deployment " + ns + "/" + name + " has " + spec + " replicas in spec but " + status
                    + " replicas in status because status field is not updated yet after scaling and " + ready
                    + " replicas are available with status running"
                    : "Deployment " + ns + "/" + name + " has " + spec + " replicas but " + ready + " are available with status running";
            out.add(new Scored(PodChecks.finding("deployment.replicas_unavailable", Category.UNKNOWN, ref, ref, 0.3, msg, det,
                    null, List.of(msg)), 0));
        }
        if (d.getStatus() != null && d.getStatus().getConditions() != null) {
            for (DeploymentCondition c : d.getStatus().getConditions()) {
                if ("Progressing".equals(c.getType()) && "False".equals(c.getStatus())) {
                    String msg = "Deployment " + ns + "/" + name + " has condition Progressing=False, reason " + c.getReason()
                            + ": " + c.getMessage();
                    out.add(new Scored(PodChecks.finding("deployment.not_progressing", Category.UNKNOWN, ref, ref, 0.35, msg,
                            Json.object().put("reason", c.getReason()).put("message", c.getMessage()),
                            Times.parse(c.getLastTransitionTime()), List.of(msg)), 0));
                }
                if ("ReplicaFailure".equals(c.getType()) && "True".equals(c.getStatus())) {
                    out.addAll(createFailure(ref, ref, c.getMessage(), Times.parse(c.getLastTransitionTime()),
                            "Deployment " + ns + "/" + name + " ReplicaFailure"));
                }
            }
        }
        for (ReplicaSet rs : Owners.replicaSetsOf(d, s)) {
            out.addAll(replicaSet(rs, ref));
        }
        out.addAll(autoscalers(ref, d.getMetadata().getLabels()));
        return out;
    }

    /** Labels that say which application an object belongs to (chart and controller labels say nothing of it). */
    private static final List<String> APP_LABELS = List.of("app", "app.kubernetes.io/name", "app.kubernetes.io/instance",
            "app.kubernetes.io/component", "k8s-app");

    private static final Pattern MISSING_REQUEST = Pattern.compile("missing request for (\\w+)");

    /**
     * HorizontalPodAutoscalers that scale {@code workload}: at maxReplicas and still limited (load beyond what the
     * replicas can serve), or unable to read its metrics (a container without the request its utilisation target
     * is a share of). When none scales it, an autoscaler of the same application whose target does not exist (the
     * workload was renamed, the autoscaler was not): the workload is never scaled. The last two are facts for the
     * metric analysis (category UNKNOWN): they explain a saturation, they are not one.
     */
    List<Scored> autoscalers(ResourceRef workload, @Nullable Map<String, String> labels) {
        List<Scored> out = new ArrayList<>();
        boolean scaled = false;
        for (HorizontalPodAutoscaler h : s.hpas) {
            var t = h.getSpec() == null ? null : h.getSpec().getScaleTargetRef();
            if (t == null || !workload.kind().equals(t.getKind()) || !workload.name().equals(t.getName())) {
                continue;
            }
            scaled = true;
            String name = h.getMetadata().getName();
            ResourceRef ref = ResourceRef.of("HorizontalPodAutoscaler", workload.namespace(), name);
            Integer current = h.getStatus() == null ? null : h.getStatus().getCurrentReplicas();
            Integer max = h.getSpec().getMaxReplicas();
            HorizontalPodAutoscalerCondition limited = null;
            HorizontalPodAutoscalerCondition inactive = null;
            if (h.getStatus() != null && h.getStatus().getConditions() != null) {
                for (HorizontalPodAutoscalerCondition c : h.getStatus().getConditions()) {
                    if ("ScalingLimited".equals(c.getType()) && "True".equals(c.getStatus())
                            && "TooManyReplicas".equals(c.getReason())) {
                        limited = c;
                    }
                    if ("ScalingActive".equals(c.getType()) && "False".equals(c.getStatus())) {
                        inactive = c;
                    }
                }
            }
            ObjectNode d = Json.object().put("hpa", name).put("current_replicas", current).put("max_replicas", max);
            d.set("current_metrics", Json.mapper().valueToTree(h.getStatus() == null ? null : h.getStatus().getCurrentMetrics()));
            d.set("metrics", Json.mapper().valueToTree(h.getSpec().getMetrics()));
            if (current != null && max != null && current >= max) {
                String msg = "HorizontalPodAutoscaler " + workload.namespace() + "/" + name + " runs " + workload + " at its"
                        + " maximum of " + max + " replicas" + (limited != null ? " and wants more (" + limited.getMessage() + ")" : "");
                out.add(new Scored(PodChecks.finding("hpa.at_max_replicas", Category.CAPACITY_SATURATION, workload, ref,
                        limited != null ? 0.6 : 0.4, msg, d, limited == null ? null : Times.parse(limited.getLastTransitionTime()),
                        List.of(msg)), 0));
            }
            if (inactive != null) {
                String msg = "HorizontalPodAutoscaler " + workload.namespace() + "/" + name + " cannot scale: "
                        + inactive.getReason() + ": " + inactive.getMessage();
                ObjectNode detail = d.deepCopy().put("reason", inactive.getReason());
                Matcher m = MISSING_REQUEST.matcher(String.valueOf(inactive.getMessage()));
                if (m.find()) {
                    detail.put("missing_request", m.group(1));
                }
                out.add(new Scored(PodChecks.finding("hpa.inactive", Category.UNKNOWN, workload, ref, 0.4, msg,
                        detail, Times.parse(inactive.getLastTransitionTime()), List.of(msg)), 0));
            }
        }
        if (!scaled && labels != null) {
            out.addAll(orphanAutoscalers(workload, labels));
        }
        return out;
    }

    /** Autoscalers of {@code workload}'s application (same name, or the same application labels) whose target is gone. */
    private List<Scored> orphanAutoscalers(ResourceRef workload, Map<String, String> labels) {
        List<Scored> out = new ArrayList<>();
        for (HorizontalPodAutoscaler h : s.hpas) {
            var t = h.getSpec() == null ? null : h.getSpec().getScaleTargetRef();
            if (t == null || t.getName() == null || targetExists(t.getKind(), t.getName())) {
                continue;
            }
            Map<String, String> own = h.getMetadata().getLabels() == null ? Map.of() : h.getMetadata().getLabels();
            List<String> app = APP_LABELS.stream().filter(own::containsKey).toList();
            // The same application: the same name, the same application labels, or a target named almost as the
            // workload (a rename such as invoicing-api -> invoice-api).
            boolean same = h.getMetadata().getName().equals(workload.name())
                    || !app.isEmpty() && app.stream().allMatch(k -> own.get(k).equals(labels.get(k)))
                    || EditDistance.between(t.getName(), workload.name()) <= Math.min(3, workload.name().length() / 3);
            if (!same) {
                continue;
            }
            String name = h.getMetadata().getName();
            ResourceRef ref = ResourceRef.of("HorizontalPodAutoscaler", workload.namespace(), name);
            String msg = "HorizontalPodAutoscaler " + workload.namespace() + "/" + name + " scales " + t.getKind() + "/"
                    + t.getName() + ", which does not exist; no autoscaler scales " + workload;
            ObjectNode d = Json.object().put("hpa", name).put("target_kind", t.getKind()).put("target_name", t.getName())
                    .put("workload", workload.name()).put("min_replicas", h.getSpec().getMinReplicas())
                    .put("max_replicas", h.getSpec().getMaxReplicas());
            out.add(new Scored(PodChecks.finding("hpa.target_missing", Category.UNKNOWN, ref, workload, 0.4, msg, d, null,
                    List.of(msg)), 0));
        }
        return out;
    }

    private boolean targetExists(String kind, String name) {
        List<? extends HasMetadata> pool = switch (String.valueOf(kind)) {
            case "Deployment" -> s.deployments;
            case "StatefulSet" -> s.statefulSets;
            case "ReplicaSet" -> s.replicaSets;
            default -> null;
        };
        // A kind the snapshot does not hold (a custom resource with a scale subresource) is not judged.
        return pool == null || pool.stream().anyMatch(o -> name.equals(o.getMetadata().getName()));
    }

    List<Scored> replicaSet(ReplicaSet rs, ResourceRef workload) {
        List<Scored> out = new ArrayList<>();
        String ns = rs.getMetadata().getNamespace();
        String name = rs.getMetadata().getName();
        ResourceRef ref = ResourceRef.of("ReplicaSet", ns, name);
        int desired = rs.getSpec() == null || rs.getSpec().getReplicas() == null ? 1 : rs.getSpec().getReplicas();
        int have = rs.getStatus() == null || rs.getStatus().getReplicas() == null ? 0 : rs.getStatus().getReplicas();
        if (have >= desired) {
            return out;
        }
        boolean reported = false;
        if (rs.getStatus() != null && rs.getStatus().getConditions() != null) {
            for (ReplicaSetCondition c : rs.getStatus().getConditions()) {
                if ("ReplicaFailure".equals(c.getType()) && "FailedCreate".equals(c.getReason())) {
                    out.addAll(createFailure(workload, ref, c.getMessage(), Times.parse(c.getLastTransitionTime()),
                            "ReplicaSet " + ns + "/" + name + " FailedCreate"));
                    reported = true;
                }
            }
        }
        if (!reported) {
            out.addAll(failedCreateEvents(rs, workload, "ReplicaSet"));
        }
        return out;
    }

    private List<Scored> failedCreateEvents(HasMetadata o, ResourceRef workload, String kind) {
        for (Event e : s.eventsFor(kind, o.getMetadata().getName())) {
            if ("FailedCreate".equals(e.getReason()) && !"Normal".equals(e.getType())) {
                return createFailure(workload, ResourceRef.of(kind, o.getMetadata().getNamespace(), o.getMetadata().getName()),
                        e.getMessage(), Times.firstSeen(e), kind + " " + o.getMetadata().getNamespace() + "/"
                                + o.getMetadata().getName() + " FailedCreate (" + Times.count(e) + "x)");
            }
        }
        return List.of();
    }

    /**
     * A pod creation rejected by the API: quota and LimitRange rejections are QUOTA_EXCEEDED on the workload; an
     * admission webhook that cannot be called blocks every pod, and the Service it is served by is the unavailable
     * dependency.
     */
    List<Scored> createFailure(ResourceRef workload, ResourceRef subject, String message, java.time.Instant since,
                               String step) {
        String m = message == null ? "" : message;
        String lower = m.toLowerCase(Locale.ROOT);
        ObjectNode d = Json.object().put("message", m);
        if (lower.contains("exceeded quota") || lower.contains("forbidden: maximum") || lower.contains("forbidden: minimum")
                || lower.contains("must specify limits") || lower.contains("must specify requests")
                || lower.contains("limitrange")) {
            Matcher q = QUOTA.matcher(m);
            if (q.find()) {
                d.put("quota", q.group(1));
                for (ResourceQuota rq : s.quotas) {
                    if (rq.getMetadata().getName().equals(q.group(1)) && rq.getStatus() != null) {
                        ObjectNode qd = d.putObject("quota_status");
                        ObjectNode hard = qd.putObject("hard");
                        ObjectNode used = qd.putObject("used");
                        if (rq.getStatus().getHard() != null) {
                            rq.getStatus().getHard().forEach((k, v) -> hard.put(k, v.toString()));
                        }
                        if (rq.getStatus().getUsed() != null) {
                            rq.getStatus().getUsed().forEach((k, v) -> used.put(k, v.toString()));
                        }
                    }
                }
            } else {
                d.put("limit_range", true);
            }
            return List.of(new Scored(PodChecks.finding("workload.quota_exceeded", Category.QUOTA_EXCEEDED, workload, subject,
                    0.9, workload.kind() + " " + workload.namespace() + "/" + workload.name()
                            + " cannot create pods: " + m, d, since, List.of(step + ": " + m)), 0));
        }
        Matcher w = WEBHOOK.matcher(m);
        if (w.find()) {
            ResourceRef svc = ResourceRef.of("Service", w.group(3), w.group(2));
            boolean gone = lower.contains("service \"" + w.group(2) + "\" not found");
            String why = "admission webhook " + w.group(1) + " is served by Service " + svc.namespace() + "/" + svc.name()
                    + (gone ? ", which does not exist" : lower.contains("no endpoints available")
                    ? ", which has no ready endpoints" : ", which does not answer");
            d.put("webhook", w.group(1)).put("service", svc.namespace() + "/" + svc.name());
            return List.of(new Scored(PodChecks.finding("workload.admission_webhook_unavailable",
                    Category.DEPENDENCY_UNAVAILABLE, svc, subject, 0.85, workload.kind() + " " + workload.namespace()
                            + "/" + workload.name() + " cannot create pods: " + why, d, since,
                    List.of(step + ": " + m, why)), 0));
        }
        return List.of(new Scored(PodChecks.finding("workload.create_failed", Category.UNKNOWN, workload, subject, 0.45,
                workload.kind() + " " + workload.namespace() + "/" + workload.name() + " cannot create pods: " + m, d,
                since, List.of(step + ": " + m)), 0));
    }

    List<Scored> statefulSet(StatefulSet st) {
        List<Scored> out = new ArrayList<>();
        String ns = st.getMetadata().getNamespace();
        String name = st.getMetadata().getName();
        ResourceRef ref = ResourceRef.of("StatefulSet", ns, name);
        String svc = st.getSpec() == null ? null : st.getSpec().getServiceName();
        if (svc != null && !svc.isEmpty() && s.readable("services") && s.service(svc).isEmpty()) {
            String msg = "StatefulSet uses the service " + ns + "/" + svc + " which does not exist.";
            out.add(new Scored(PodChecks.finding("statefulset.service_missing", Category.CONFIG_MISSING, ref, ref, 0.6,
                    msg, Json.object().put("service", svc), null, List.of(msg)), 0));
        }
        if (st.getSpec() != null && st.getSpec().getVolumeClaimTemplates() != null) {
            for (PersistentVolumeClaim t : st.getSpec().getVolumeClaimTemplates()) {
                String sc = t.getSpec() == null ? null : t.getSpec().getStorageClassName();
                String template = t.getMetadata() == null ? null : t.getMetadata().getName();
                // A claim of this StatefulSet that is Bound proves the class provisions (the snapshot may simply
                // not list StorageClasses); only an unprovisioned class is the cause.
                boolean anyBound = template != null && s.pvcs.stream().anyMatch(c -> c.getMetadata().getName()
                        .startsWith(template + "-" + name + "-") && c.getStatus() != null
                        && "Bound".equals(c.getStatus().getPhase()));
                if (sc != null && s.readable("storageclasses") && !s.storageClasses.contains(sc) && !anyBound) {
                    String msg = "StatefulSet uses the storage class " + sc + " which does not exist.";
                    out.add(new Scored(PodChecks.finding("statefulset.storage_class_missing", Category.STORAGE, ref, ref,
                            0.85, msg, Json.object().put("storage_class", sc).put("claim_template",
                                    t.getMetadata() == null ? null : t.getMetadata().getName()), null, List.of(msg)), 0));
                }
            }
        }
        out.addAll(autoscalers(ref, st.getMetadata().getLabels()));
        int replicas = st.getSpec() == null || st.getSpec().getReplicas() == null ? 1 : st.getSpec().getReplicas();
        int available = st.getStatus() == null || st.getStatus().getAvailableReplicas() == null ? 0
                : st.getStatus().getAvailableReplicas();
        if (replicas != available) {
            boolean missingPod = false;
            for (int i = 0; i < replicas && !missingPod; i++) {
                missingPod = s.pod(name + "-" + i).isEmpty();
            }
            if (missingPod) {
                // The controller could not create a pod (any ordinal, not only -0): its FailedCreate says why.
                List<Scored> created = failedCreateEvents(st, ref, "StatefulSet");
                if (!created.isEmpty()) {
                    out.addAll(created);
                } else {
                    for (Event e : s.eventsFor("StatefulSet", name)) {
                        if (!"Normal".equals(e.getType())) {
                            String msg = "StatefulSet " + ns + "/" + name + " has event " + e.getReason() + ": " + e.getMessage();
                            out.add(new Scored(PodChecks.finding("statefulset.event", Category.UNKNOWN, ref, ref, 0.4, msg,
                                    Json.object().put("reason", e.getReason()).put("message", e.getMessage()),
                                    Times.firstSeen(e), List.of(msg)), 0));
                            break;
                        }
                    }
                }
            }
            for (int i = 0; i < replicas; i++) {
                Pod p = s.pod(name + "-" + i).orElse(null);
                if (p != null && (p.getStatus() == null || !"Running".equals(p.getStatus().getPhase()))) {
                    String msg = "Statefulset pod " + p.getMetadata().getName() + " in the namespace " + ns
                            + " is not in running state.";
                    out.add(new Scored(PodChecks.finding("statefulset.pod_not_running", Category.UNKNOWN, ref,
                            ResourceRef.of("Pod", ns, p.getMetadata().getName()), 0.3, msg,
                            Json.object().put("pod", p.getMetadata().getName()), null, List.of(msg)), 0));
                    break;
                }
            }
        }
        return out;
    }

    List<Scored> daemonSet(DaemonSet ds) {
        List<Scored> out = new ArrayList<>();
        String ns = ds.getMetadata().getNamespace();
        String name = ds.getMetadata().getName();
        ResourceRef ref = ResourceRef.of("DaemonSet", ns, name);
        int desired = ds.getStatus() == null || ds.getStatus().getDesiredNumberScheduled() == null ? 0
                : ds.getStatus().getDesiredNumberScheduled();
        int ready = ds.getStatus() == null || ds.getStatus().getNumberReady() == null ? 0 : ds.getStatus().getNumberReady();
        if (ready < desired) {
            String msg = "DaemonSet " + ns + "/" + name + " has " + ready + " ready replicas out of " + desired + " scheduled";
            out.add(new Scored(PodChecks.finding("daemonset.not_ready", Category.UNKNOWN, ref, ref, 0.3, msg,
                    Json.object().put("desired", desired).put("ready", ready), null, List.of(msg)), 0));
        }
        if (ds.getSpec() != null && ds.getSpec().getTemplate() != null && ds.getSpec().getTemplate().getSpec() != null
                && ds.getSpec().getTemplate().getSpec().getImagePullSecrets() != null && s.readable("secrets")) {
            for (LocalObjectReference r : ds.getSpec().getTemplate().getSpec().getImagePullSecrets()) {
                if (r.getName() != null && !s.secretKeys.containsKey(r.getName())) {
                    String msg = "DaemonSet " + ns + "/" + name + " references non-existent ImagePullSecret " + r.getName();
                    out.add(new Scored(PodChecks.finding("daemonset.pull_secret_missing", Category.IMAGE_PULL, ref, ref, 0.8,
                            msg, Json.object().put("secret", r.getName()), null, List.of(msg)), 0));
                }
            }
        }
        return out;
    }

    List<Scored> job(Job j, ResourceRef workload) {
        List<Scored> out = new ArrayList<>();
        String ns = j.getMetadata().getNamespace();
        String name = j.getMetadata().getName();
        ResourceRef ref = ResourceRef.of("Job", ns, name);
        if (j.getSpec() != null && Boolean.TRUE.equals(j.getSpec().getSuspend())) {
            String msg = "Job " + name + " is suspended";
            out.add(new Scored(PodChecks.finding("job.suspended", Category.UNKNOWN, workload, ref, 0.3, msg,
                    Json.object().put("job", name), null, List.of(msg)), 0));
        }
        int failed = j.getStatus() == null || j.getStatus().getFailed() == null ? 0 : j.getStatus().getFailed();
        boolean complete = false;
        JobCondition failedCond = null;
        if (j.getStatus() != null && j.getStatus().getConditions() != null) {
            for (JobCondition c : j.getStatus().getConditions()) {
                if (("Complete".equals(c.getType()) || "SuccessCriteriaMet".equals(c.getType())) && "True".equals(c.getStatus())) {
                    complete = true;
                }
                if ("Failed".equals(c.getType()) && "True".equals(c.getStatus())) {
                    failedCond = c;
                }
            }
        }
        if (!complete && (failed > 0 || failedCond != null)) {
            String msg = "Job " + name + " has failed";
            String reason = failedCond == null ? null : failedCond.getReason();
            for (Event e : s.eventsFor("Job", name)) {
                if ("BackoffLimitExceeded".equals(e.getReason()) || "DeadlineExceeded".equals(e.getReason())) {
                    msg = e.getMessage();
                    reason = reason == null ? e.getReason() : reason;
                    break;
                }
            }
            boolean gaveUp = "BackoffLimitExceeded".equals(reason) || "DeadlineExceeded".equals(reason)
                    || "PodFailurePolicy".equals(reason) || failedCond != null;
            ObjectNode d = Json.object().put("job", name).put("failed_pods", failed).put("reason", reason);
            if (j.getSpec() != null) {
                d.put("backoff_limit", j.getSpec().getBackoffLimit());
                d.put("active_deadline_seconds", j.getSpec().getActiveDeadlineSeconds());
            }
            out.add(new Scored(PodChecks.finding("job.failed", Category.JOB_FAILED, workload, ref, gaveUp ? 0.9 : 0.6,
                    "Job " + ns + "/" + name + " gave up" + (reason != null ? " (" + reason + ")" : "") + ": " + msg, d,
                    failedCond == null ? null : Times.parse(failedCond.getLastTransitionTime()),
                    List.of("Job " + ns + "/" + name + " failed: " + msg)), 0));
        }
        return out;
    }

    List<Scored> cronJob(CronJob cj) {
        List<Scored> out = new ArrayList<>();
        String ns = cj.getMetadata().getNamespace();
        String name = cj.getMetadata().getName();
        ResourceRef ref = ResourceRef.of("CronJob", ns, name);
        if (cj.getSpec() == null) {
            return out;
        }
        if (Boolean.TRUE.equals(cj.getSpec().getSuspend())) {
            String msg = "CronJob " + name + " is suspended";
            out.add(new Scored(PodChecks.finding("cronjob.suspended", Category.UNKNOWN, ref, ref, 0.3, msg,
                    Json.object().put("cronjob", name), null, List.of(msg)), 0));
            return out;
        }
        String err = CronSchedule.validate(cj.getSpec().getSchedule());
        if (err != null) {
            String msg = "CronJob " + name + " has an invalid schedule: " + err;
            out.add(new Scored(PodChecks.finding("cronjob.invalid_schedule", Category.UNKNOWN, ref, ref, 0.5, msg,
                    Json.object().put("schedule", cj.getSpec().getSchedule()).put("error", err), null, List.of(msg)), 0));
        }
        if (cj.getSpec().getStartingDeadlineSeconds() != null && cj.getSpec().getStartingDeadlineSeconds() < 0) {
            String msg = "CronJob " + name + " has a negative starting deadline";
            out.add(new Scored(PodChecks.finding("cronjob.negative_deadline", Category.UNKNOWN, ref, ref, 0.5, msg,
                    Json.object().put("starting_deadline_seconds", cj.getSpec().getStartingDeadlineSeconds()), null,
                    List.of(msg)), 0));
        }
        for (Job j : Owners.jobsOf(name, s)) {
            out.addAll(job(j, ref));
        }
        return out;
    }

    static ArrayNode names(List<? extends HasMetadata> items) {
        ArrayNode a = Json.mapper().createArrayNode();
        items.forEach(i -> a.add(i.getMetadata().getName()));
        return a;
    }
}
