package io.sreagent.k8s.analysis;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.sreagent.core.incident.AnalysisKeys;
import io.sreagent.core.incident.Category;
import io.sreagent.core.incident.Finding;
import io.sreagent.core.incident.ResourceRef;
import io.sreagent.core.support.Json;
import io.sreagent.k8s.internal.Quantities;
import io.sreagent.k8s.internal.Times;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks one Pod the way the kubelet and scheduler report failures: scheduling conditions, container waiting
 * reasons, last terminations, probe events and evictions; every finding names the pod's owning workload as the
 * resource unless the cause lies on a Node or PersistentVolumeClaim.
 */
final class PodChecks {

    static final String SOURCE = "kubernetes";
    /** An OOM kill after at least this much uptime suggests a leak rather than a limit below the normal peak. */
    static final Duration LONG_UPTIME = Duration.ofHours(1);

    private static final Pattern CM_NOT_FOUND = Pattern.compile("configmaps? \"([^\"]+)\" not found", Pattern.CASE_INSENSITIVE);
    private static final Pattern SECRET_NOT_FOUND = Pattern.compile("secrets? \"([^\"]+)\" not found", Pattern.CASE_INSENSITIVE);
    private static final Pattern KEY_NOT_FOUND = Pattern.compile(
            "couldn't find key (\\S+) in (ConfigMap|Secret) ([^/\\s]+)/(\\S+)", Pattern.CASE_INSENSITIVE);
    private static final Set<String> PULL_REASONS = Set.of("ErrImagePull", "ImagePullBackOff", "InvalidImageName",
            "ErrImageNeverPull", "ImageInspectError");
    private static final Set<String> START_ERRORS = Set.of("RunContainerError", "CreateContainerError",
            "PreStartHookError", "PreCreateHookError", "PostStartHookError");

    private final ClusterSnapshot s;
    private final Instant now;
    private final StorageChecks storage;

    PodChecks(ClusterSnapshot s, Instant now, StorageChecks storage) {
        this.s = s;
        this.now = now;
        this.storage = storage;
    }

    static Finding finding(String analyzer, Category category, ResourceRef resource, ResourceRef subject,
                           double confidence, String summary, ObjectNode detail, Instant since, List<String> chain) {
        return new Finding(SOURCE, analyzer, category, resource, subject, confidence, summary, detail, since, chain);
    }

    List<Scored> check(Pod pod) {
        List<Scored> out = new ArrayList<>();
        String ns = pod.getMetadata().getNamespace();
        String name = pod.getMetadata().getName();
        ResourceRef podRef = ResourceRef.of("Pod", ns, name);
        ResourceRef workload = Owners.workloadOf(pod, s);
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();

        // Evicted: the kubelet removed the pod because its node ran short of a resource.
        if (pod.getStatus() != null && "Evicted".equals(pod.getStatus().getReason())) {
            String node = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
            String msg = pod.getStatus().getMessage() == null ? "Pod " + name + " has been evicted" : pod.getStatus().getMessage();
            ObjectNode d = base(pod);
            d.put("message", msg);
            d.put("node", node);
            d.put("pressure", pressureOf(msg));
            out.add(new Scored(finding("pod.evicted", Category.NODE_FAILURE,
                    node != null ? ResourceRef.cluster("Node", node) : workload, podRef, node != null ? 0.75 : 0.6,
                    "Pod " + ns + "/" + name + " was evicted" + (node != null ? " from node " + node : "") + ": " + msg,
                    d, Times.parse(pod.getStatus().getStartTime()),
                    List.of("Pod " + ns + "/" + name + " Evicted", msg)), node != null ? 1 : 0));
            return out;
        }

        if ("Pending".equals(phase)) {
            out.addAll(scheduling(pod, podRef, workload));
        }

        List<Container> specs = new ArrayList<>();
        if (pod.getSpec() != null) {
            if (pod.getSpec().getInitContainers() != null) {
                specs.addAll(pod.getSpec().getInitContainers());
            }
            if (pod.getSpec().getContainers() != null) {
                specs.addAll(pod.getSpec().getContainers());
            }
        }
        for (ContainerStatus cs : Owners.statuses(pod)) {
            Container c = specs.stream().filter(x -> x.getName().equals(cs.getName())).findFirst().orElse(null);
            out.addAll(container(pod, podRef, workload, cs, c, phase));
        }
        return out;
    }

    // ---------------------------------------------------------------- scheduling

    private List<Scored> scheduling(Pod pod, ResourceRef podRef, ResourceRef workload) {
        List<Scored> out = new ArrayList<>();
        PodCondition sched = Owners.condition(pod, "PodScheduled").orElse(null);
        String ns = podRef.namespace();
        if (sched != null && "SchedulingGated".equals(sched.getReason())) {
            ObjectNode d = base(pod);
            ArrayNode gates = d.putArray("scheduling_gates");
            if (pod.getSpec().getSchedulingGates() != null) {
                pod.getSpec().getSchedulingGates().forEach(g -> gates.add(g.getName()));
            }
            String msg = sched.getMessage() != null && !sched.getMessage().isBlank() ? sched.getMessage()
                    : "Pod " + ns + "/" + podRef.name() + " is in a SchedulingGated state and is blocked from scheduling"
                    + " due to non-empty scheduling gates";
            out.add(new Scored(finding("pod.scheduling_gated", Category.UNSCHEDULABLE_CONSTRAINTS, workload, podRef, 0.6,
                    msg, d, Times.parse(sched.getLastTransitionTime()), List.of("Pod " + ns + "/" + podRef.name()
                            + " Pending: SchedulingGated")), 0));
            return out;
        }
        String msg = null;
        Instant since = null;
        if (sched != null && "False".equals(sched.getStatus()) && "Unschedulable".equals(sched.getReason())) {
            msg = sched.getMessage();
            since = Times.parse(sched.getLastTransitionTime());
        }
        int count = 0;
        for (Event e : s.eventsFor("Pod", podRef.name())) {
            if ("FailedScheduling".equals(e.getReason())) {
                if (msg == null || msg.isBlank()) {
                    msg = e.getMessage();
                }
                count += Times.count(e);
                Instant first = Times.firstSeen(e);
                if (since == null || (first != null && first.isBefore(since))) {
                    since = first;
                }
                break;
            }
        }
        if (msg == null || msg.isBlank()) {
            return out;
        }
        ObjectNode d = base(pod);
        d.put("scheduler_message", msg);
        if (count > 0) {
            d.put("event_count", count);
        }
        String lower = msg.toLowerCase(Locale.ROOT);
        String step = "Pod " + ns + "/" + podRef.name() + " Pending: " + msg;
        int resources = countMatches(lower, "insufficient ") + countMatches(lower, "too many pods");
        boolean constraints = lower.contains("node affinity") || lower.contains("node selector")
                || lower.contains("untolerated taint") || lower.contains("had taint") || lower.contains("topology spread")
                || lower.contains("pod affinity") || lower.contains("anti-affinity") || lower.contains("were unschedulable")
                || lower.contains("volume node affinity conflict") || lower.contains("didn't have free ports");
        if (lower.contains("unbound immediate persistentvolumeclaims") || lower.contains("persistentvolumeclaim")
                || lower.contains("unbound pvc")) {
            // follow the pod's claims to the PVC that is not bound: the deepest cause usually lies there
            List<Scored> deeper = new ArrayList<>();
            ArrayNode claims = d.putArray("claims");
            for (Volume v : volumes(pod)) {
                if (v.getPersistentVolumeClaim() == null) {
                    continue;
                }
                String claim = v.getPersistentVolumeClaim().getClaimName();
                claims.add(claim);
                deeper.addAll(storage.checkClaim(ns, claim, List.of(step)));
            }
            out.add(new Scored(finding("pod.unschedulable.unbound_pvc", Category.STORAGE, workload, podRef,
                    deeper.isEmpty() ? 0.75 : 0.7, "Pod " + ns + "/" + podRef.name()
                            + " cannot be scheduled because its PersistentVolumeClaim is not bound: " + msg,
                    d, since, List.of(step)), 0));
            out.addAll(deeper);
            return out;
        }
        if (resources > 0) {
            d.set("requests", requests(pod));
            d.put("largest_node_allocatable_memory", Quantities.bytes(largestAllocatable("memory")));
            d.put("largest_node_allocatable_cpu", String.valueOf(largestAllocatable("cpu")));
            d.put("also_constraints", constraints);
            out.add(new Scored(finding("pod.unschedulable.resources", Category.UNSCHEDULABLE_RESOURCES, workload, podRef,
                    0.9, "Pod " + ns + "/" + podRef.name() + " is Pending: no node has the CPU or memory it requests ("
                            + msg + ")", d, since, List.of(step)), 0));
        } else if (constraints) {
            d.set("node_selector", Json.mapper().valueToTree(pod.getSpec().getNodeSelector()));
            d.set("tolerations", Json.mapper().valueToTree(pod.getSpec().getTolerations()));
            d.put("has_affinity", pod.getSpec().getAffinity() != null);
            d.put("has_topology_spread", pod.getSpec().getTopologySpreadConstraints() != null
                    && !pod.getSpec().getTopologySpreadConstraints().isEmpty());
            out.add(new Scored(finding("pod.unschedulable.constraints", Category.UNSCHEDULABLE_CONSTRAINTS, workload,
                    podRef, 0.85, "Pod " + ns + "/" + podRef.name()
                            + " is Pending: its selectors, affinity, tolerations or spread constraints exclude every node ("
                            + msg + ")", d, since, List.of(step)), 0));
        } else {
            out.add(new Scored(finding("pod.unschedulable", Category.UNKNOWN, workload, podRef, 0.4,
                    "Pod " + ns + "/" + podRef.name() + " is Pending: " + msg, d, since, List.of(step)), 0));
        }
        return out;
    }

    private static int countMatches(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    private BigDecimal largestAllocatable(String resource) {
        BigDecimal max = null;
        for (var n : s.nodes) {
            if (n.getStatus() == null) {
                continue;
            }
            BigDecimal v = Quantities.amount(n.getStatus().getAllocatable(), resource);
            if (v != null && (max == null || v.compareTo(max) > 0)) {
                max = v;
            }
        }
        return max;
    }

    private static ObjectNode requests(Pod pod) {
        ObjectNode r = Json.object();
        if (pod.getSpec() != null && pod.getSpec().getContainers() != null) {
            for (Container c : pod.getSpec().getContainers()) {
                if (c.getResources() != null && c.getResources().getRequests() != null) {
                    ObjectNode cr = r.putObject(c.getName());
                    c.getResources().getRequests().forEach((k, v) -> cr.put(k, v.toString()));
                }
            }
        }
        return r;
    }

    static List<Volume> volumes(Pod pod) {
        return pod.getSpec() == null || pod.getSpec().getVolumes() == null ? List.of() : pod.getSpec().getVolumes();
    }

    // ---------------------------------------------------------------- containers

    private List<Scored> container(Pod pod, ResourceRef podRef, ResourceRef workload, ContainerStatus cs, Container c,
                                   String phase) {
        List<Scored> out = new ArrayList<>();
        String ns = podRef.namespace();
        ContainerStateWaiting waiting = cs.getState() == null ? null : cs.getState().getWaiting();
        ContainerStateTerminated current = cs.getState() == null ? null : cs.getState().getTerminated();
        ContainerStateTerminated last = cs.getLastState() == null ? null : cs.getLastState().getTerminated();
        int restarts = cs.getRestartCount() == null ? 0 : cs.getRestartCount();
        String reason = waiting == null ? null : waiting.getReason();
        String wmsg = waiting == null || waiting.getMessage() == null ? "" : waiting.getMessage();
        String where = "Pod " + ns + "/" + podRef.name() + " container " + cs.getName();

        if ("CreateContainerConfigError".equals(reason)
                || ("CreateContainerError".equals(reason) && wmsg.toLowerCase(Locale.ROOT).contains("not found"))) {
            out.add(configMissing(pod, podRef, workload, cs, where + " " + reason + ": " + wmsg, wmsg));
            return out;
        }
        if (reason != null && PULL_REASONS.contains(reason)) {
            out.add(imagePull(pod, podRef, workload, cs, reason, wmsg, where));
            return out;
        }
        if (("ContainerCreating".equals(reason) || "PodInitializing".equals(reason)) && "Pending".equals(phase)) {
            out.addAll(creating(pod, podRef, workload, where));
            return out;
        }
        ContainerStateTerminated term = last != null ? last : current;
        boolean crashing = "CrashLoopBackOff".equals(reason) || (reason != null && START_ERRORS.contains(reason))
                || (current != null && current.getExitCode() != null && current.getExitCode() != 0)
                || (last != null && restarts > 0);
        if (crashing && term != null) {
            out.addAll(termination(pod, podRef, workload, cs, c, term, reason, where));
            return out;
        }
        if (reason != null && START_ERRORS.contains(reason)) {
            ObjectNode d = base(pod);
            d.put("container", cs.getName());
            d.put("reason", reason);
            d.put("message", wmsg);
            out.add(new Scored(finding("pod.start_error", Category.APP_CRASH, workload, podRef, 0.5,
                    where + " cannot start (" + reason + "): " + wmsg, d, null, List.of(where + " " + reason)), 0));
            return out;
        }
        if ("CrashLoopBackOff".equals(reason)) {
            ObjectNode d = base(pod);
            d.put("container", cs.getName());
            d.put("message", wmsg);
            d.put("restart_count", restarts);
            out.add(new Scored(finding("pod.crash_loop", Category.APP_CRASH, workload, podRef, 0.45,
                    where + " is in CrashLoopBackOff (" + restarts + " restarts); no last termination is recorded",
                    d, null, List.of(where + " CrashLoopBackOff")), 0));
            return out;
        }
        boolean running = cs.getState() != null && cs.getState().getRunning() != null;
        if (running && "Running".equals(phase) && !Boolean.TRUE.equals(cs.getReady())) {
            Scored probe = probe(pod, podRef, workload, cs, c, where, false);
            if (probe != null) {
                out.add(probe);
            }
        }
        return out;
    }

    private Scored configMissing(Pod pod, ResourceRef podRef, ResourceRef workload, ContainerStatus cs, String step,
                                 String message) {
        String ns = podRef.namespace();
        ObjectNode d = base(pod);
        d.put("container", cs.getName());
        d.put("message", message);
        String kind = null;
        String missing = null;
        String key = null;
        Matcher m;
        if ((m = KEY_NOT_FOUND.matcher(message)).find()) {
            key = m.group(1);
            kind = m.group(2).equalsIgnoreCase("secret") ? "Secret" : "ConfigMap";
            missing = m.group(4);
        } else if ((m = CM_NOT_FOUND.matcher(message)).find()) {
            kind = "ConfigMap";
            missing = m.group(1);
        } else if ((m = SECRET_NOT_FOUND.matcher(message)).find()) {
            kind = "Secret";
            missing = m.group(1);
        }
        List<String[]> unresolved = unresolvedReferences(pod);
        if (missing == null && !unresolved.isEmpty()) {
            kind = unresolved.get(0)[0];
            missing = unresolved.get(0)[1];
            key = unresolved.get(0)[2];
        }
        Boolean confirmed = null;
        if (missing != null) {
            Map<String, Set<String>> store = "Secret".equals(kind) ? s.secretKeys : s.configMapKeys;
            boolean readable = s.readable("Secret".equals(kind) ? "secrets" : "configmaps");
            if (readable) {
                Set<String> keys = store.get(missing);
                confirmed = key == null ? keys == null : keys == null || !keys.contains(key);
            }
            d.put("missing_kind", kind);
            d.put("missing_name", missing);
            if (key != null) {
                d.put("missing_key", key);
            }
            d.put("confirmed_missing", confirmed);
            ArrayNode similar = d.putArray("similar_existing");
            for (String existing : store.keySet()) {
                if (!existing.equals(missing) && (existing.startsWith(missing) || missing.startsWith(existing))) {
                    similar.add(existing);
                }
            }
        }
        String what = missing == null ? "a ConfigMap, Secret or key it references"
                : kind + " " + ns + "/" + missing + (key != null ? " key " + key : "");
        double conf = missing == null ? 0.6 : Boolean.TRUE.equals(confirmed) ? 0.95 : Boolean.FALSE.equals(confirmed) ? 0.5 : 0.8;
        Instant since = earliest(s.eventsFor("Pod", podRef.name()), "Failed");
        if (since == null) {
            since = Times.parse(pod.getMetadata().getCreationTimestamp());
        }
        List<String> chain = new ArrayList<>(List.of(step));
        if (missing != null) {
            chain.add(what + (Boolean.TRUE.equals(confirmed) ? " does not exist in the cluster" : " is reported missing"));
        }
        addRollout(d, pod, workload);
        return new Scored(finding("pod.config_missing", Category.CONFIG_MISSING, workload, podRef, conf,
                podRef.kind() + " " + ns + "/" + podRef.name() + " cannot start: " + what + " is missing", d, since, chain), 0);
    }

    /** References (kind, name, key-or-null) of the pod's spec that the snapshot cannot resolve; optional ones skipped. */
    List<String[]> unresolvedReferences(Pod pod) {
        List<String[]> out = new ArrayList<>();
        if (pod.getSpec() == null) {
            return out;
        }
        List<Container> all = new ArrayList<>();
        if (pod.getSpec().getInitContainers() != null) {
            all.addAll(pod.getSpec().getInitContainers());
        }
        if (pod.getSpec().getContainers() != null) {
            all.addAll(pod.getSpec().getContainers());
        }
        for (Container c : all) {
            if (c.getEnvFrom() != null) {
                for (EnvFromSource ef : c.getEnvFrom()) {
                    if (ef.getConfigMapRef() != null && !Boolean.TRUE.equals(ef.getConfigMapRef().getOptional())) {
                        check(out, "ConfigMap", ef.getConfigMapRef().getName(), null);
                    }
                    if (ef.getSecretRef() != null && !Boolean.TRUE.equals(ef.getSecretRef().getOptional())) {
                        check(out, "Secret", ef.getSecretRef().getName(), null);
                    }
                }
            }
            if (c.getEnv() != null) {
                for (EnvVar ev : c.getEnv()) {
                    if (ev.getValueFrom() == null) {
                        continue;
                    }
                    var cmk = ev.getValueFrom().getConfigMapKeyRef();
                    if (cmk != null && !Boolean.TRUE.equals(cmk.getOptional())) {
                        check(out, "ConfigMap", cmk.getName(), cmk.getKey());
                    }
                    var sk = ev.getValueFrom().getSecretKeyRef();
                    if (sk != null && !Boolean.TRUE.equals(sk.getOptional())) {
                        check(out, "Secret", sk.getName(), sk.getKey());
                    }
                }
            }
        }
        for (Volume v : volumes(pod)) {
            if (v.getConfigMap() != null && !Boolean.TRUE.equals(v.getConfigMap().getOptional())) {
                check(out, "ConfigMap", v.getConfigMap().getName(), null);
            }
            if (v.getSecret() != null && !Boolean.TRUE.equals(v.getSecret().getOptional())) {
                check(out, "Secret", v.getSecret().getSecretName(), null);
            }
            if (v.getProjected() != null && v.getProjected().getSources() != null) {
                for (VolumeProjection p : v.getProjected().getSources()) {
                    if (p.getConfigMap() != null && !Boolean.TRUE.equals(p.getConfigMap().getOptional())
                            && !"kube-root-ca.crt".equals(p.getConfigMap().getName())) {
                        check(out, "ConfigMap", p.getConfigMap().getName(), null);
                    }
                    if (p.getSecret() != null && !Boolean.TRUE.equals(p.getSecret().getOptional())) {
                        check(out, "Secret", p.getSecret().getName(), null);
                    }
                }
            }
        }
        return out;
    }

    private void check(List<String[]> out, String kind, String name, String key) {
        if (name == null) {
            return;
        }
        boolean secret = "Secret".equals(kind);
        if (!s.readable(secret ? "secrets" : "configmaps")) {
            return;
        }
        Set<String> keys = (secret ? s.secretKeys : s.configMapKeys).get(name);
        if (keys == null || (key != null && !keys.contains(key))) {
            out.add(new String[]{kind, name, keys == null ? null : key});
        }
    }

    private Scored imagePull(Pod pod, ResourceRef podRef, ResourceRef workload, ContainerStatus cs, String reason,
                             String msg, String where) {
        ObjectNode d = base(pod);
        String image = cs.getImage();
        d.put("container", cs.getName());
        d.put("image", image);
        d.put("reason", reason);
        d.put("message", msg);
        String eventMsg = null;
        for (Event e : s.eventsFor("Pod", podRef.name())) {
            if ("Failed".equals(e.getReason()) && e.getMessage() != null && e.getMessage().contains("pull")) {
                eventMsg = e.getMessage();
                break;
            }
        }
        String all = (msg + " " + (eventMsg == null ? "" : eventMsg)).toLowerCase(Locale.ROOT);
        String cause = all.contains("unauthorized") || all.contains("pull access denied") || all.contains("authentication required")
                || all.contains("403 forbidden") ? "credentials"
                : all.contains("manifest unknown") || all.contains("not found") ? "image_not_found"
                : "InvalidImageName".equals(reason) ? "invalid_name" : "unknown";
        d.put("cause", cause);
        if (eventMsg != null) {
            d.put("event_message", eventMsg);
        }
        List<String> chain = new ArrayList<>(List.of(where + " " + reason + " for image " + image));
        String summary = where + " cannot pull image " + image + " (" + cause.replace('_', ' ') + ")";
        if ("Deployment".equals(workload.kind())) {
            s.deployment(workload.name()).ifPresent(dep -> {
                List<ReplicaSet> rss = Owners.replicaSetsOf(dep, s);
                for (ReplicaSet rs : rss) {
                    List<String> imgs = Owners.images(rs.getSpec().getTemplate());
                    if (!imgs.contains(image) && Owners.revision(rs) >= 0) {
                        d.put("suggested_action", "ROLLBACK");
                        d.put("rollback_to_revision", Owners.revision(rs));
                        d.set("rollback_images", Json.mapper().valueToTree(imgs));
                        chain.add("revision " + Owners.revision(rs) + " ran " + String.join(", ", imgs));
                        break;
                    }
                }
            });
        }
        if (!d.has("suggested_action")) {
            d.put("suggested_action", "FIX_IMAGE");
        }
        addRollout(d, pod, workload);
        Instant since = earliest(s.eventsFor("Pod", podRef.name()), "Failed");
        return new Scored(finding("pod.image_pull", Category.IMAGE_PULL, workload, podRef, 0.9, summary, d,
                since != null ? since : Times.parse(pod.getMetadata().getCreationTimestamp()), chain), 0);
    }

    private List<Scored> creating(Pod pod, ResourceRef podRef, ResourceRef workload, String where) {
        List<Scored> out = new ArrayList<>();
        // kubelet alternates a volume's precise error ("secret x not found") with a generic timeout; the precise
        // one decides, whichever came last.
        for (Event e : s.eventsFor("Pod", podRef.name())) {
            String r = e.getReason();
            String m = e.getMessage() == null ? "" : e.getMessage();
            if (("FailedMount".equals(r) || "FailedAttachVolume".equals(r))
                    && (CM_NOT_FOUND.matcher(m).find() || SECRET_NOT_FOUND.matcher(m).find())) {
                ContainerStatus any = Owners.statuses(pod).get(0);
                out.add(configMissing(pod, podRef, workload, any, where + " " + r + ": " + m, m));
                return out;
            }
        }
        for (Event e : s.eventsFor("Pod", podRef.name())) {
            String r = e.getReason();
            String m = e.getMessage() == null ? "" : e.getMessage();
            if ("FailedMount".equals(r) || "FailedAttachVolume".equals(r)) {
                ObjectNode d = base(pod);
                d.put("reason", r);
                d.put("message", m);
                d.put("count", Times.count(e));
                ArrayNode claims = d.putArray("claims");
                List<Scored> deeper = new ArrayList<>();
                for (Volume v : volumes(pod)) {
                    if (v.getPersistentVolumeClaim() != null) {
                        claims.add(v.getPersistentVolumeClaim().getClaimName());
                        deeper.addAll(storage.checkClaim(podRef.namespace(), v.getPersistentVolumeClaim().getClaimName(),
                                List.of(where + " " + r)));
                    }
                }
                // The cause lies with the volume: with one claim, that claim is what an operator has to fix.
                ResourceRef target = claims.size() == 1
                        ? ResourceRef.of("PersistentVolumeClaim", podRef.namespace(), claims.get(0).asText()) : workload;
                out.add(new Scored(finding("pod.volume_mount", Category.STORAGE, target, podRef, 0.8,
                        "Pod " + podRef.namespace() + "/" + podRef.name() + " cannot mount a volume: " + m, d,
                        Times.firstSeen(e), List.of(where + " waiting: " + r + " " + m)), 0));
                out.addAll(deeper);
                return out;
            }
            if ("FailedCreatePodSandBox".equals(r)) {
                String node = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
                ObjectNode d = base(pod);
                d.put("message", m);
                d.put("node", node);
                out.add(new Scored(finding("pod.sandbox", Category.NODE_FAILURE,
                        node != null ? ResourceRef.cluster("Node", node) : workload, podRef, 0.5,
                        "The node cannot create the sandbox of Pod " + podRef.namespace() + "/" + podRef.name() + ": " + m,
                        d, Times.firstSeen(e), List.of(where + " waiting: FailedCreatePodSandBox " + m)), 1));
                return out;
            }
        }
        return out;
    }

    private List<Scored> termination(Pod pod, ResourceRef podRef, ResourceRef workload, ContainerStatus cs, Container c,
                                     ContainerStateTerminated term, String waitingReason, String where) {
        List<Scored> out = new ArrayList<>();
        int exit = term.getExitCode() == null ? -1 : term.getExitCode();
        String reason = term.getReason() == null ? "" : term.getReason();
        int restarts = cs.getRestartCount() == null ? 0 : cs.getRestartCount();
        Instant started = Times.parse(term.getStartedAt());
        Instant finished = Times.parse(term.getFinishedAt());
        Duration uptime = started != null && finished != null ? Duration.between(started, finished) : null;
        ObjectNode d = base(pod);
        d.put("container", cs.getName());
        d.put("restart_count", restarts);
        d.put("exit_code", exit);
        d.put("reason", reason);
        if (waitingReason != null) {
            d.put("waiting_reason", waitingReason);
        }
        d.put("started_at", term.getStartedAt());
        d.put("finished_at", term.getFinishedAt());
        if (uptime != null) {
            d.put("uptime_seconds", uptime.getSeconds());
        }
        if (term.getMessage() != null && !term.getMessage().isBlank()) {
            d.put("termination_message", term.getMessage());
        }
        addRollout(d, pod, workload);
        String state = waitingReason != null ? waitingReason + ", " : "";
        String step1 = where + " " + state + restarts + " restarts";
        // the first back-off says when the crashing began; the pod's start time is the fallback
        Instant since = earliest(s.eventsFor("Pod", podRef.name()), "BackOff");
        if (since == null) {
            since = Times.parse(pod.getStatus() == null ? null : pod.getStatus().getStartTime());
        }
        String termMsg = term.getMessage() == null ? "" : term.getMessage().toLowerCase(Locale.ROOT);

        if ("OOMKilled".equals(reason)) {
            Quantity limit = c == null || c.getResources() == null || c.getResources().getLimits() == null ? null
                    : c.getResources().getLimits().get("memory");
            Quantity request = c == null || c.getResources() == null || c.getResources().getRequests() == null ? null
                    : c.getResources().getRequests().get("memory");
            d.put("memory_limit", Quantities.text(limit));
            d.put("memory_limit_bytes", Quantities.amount(limit));
            d.put("memory_request", Quantities.text(request));
            boolean nodeOom = false;
            String node = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
            if (node != null) {
                for (Event e : s.eventsFor("Node", node)) {
                    if ("OOMKilling".equals(e.getReason())) {
                        nodeOom = true;
                        d.put("node_oom_event", e.getMessage());
                        break;
                    }
                }
            }
            boolean longUptime = uptime != null && uptime.compareTo(LONG_UPTIME) >= 0;
            d.put("long_uptime_before_kill", longUptime);
            double conf = longUptime ? 0.7 : exit == 137 ? (nodeOom ? 0.95 : 0.93) : 0.88;
            String lim = limit == null ? "no memory limit (node memory ran out)" : "its memory limit " + limit;
            String step2 = "last termination OOMKilled (exit " + exit + ") after " + Times.human(uptime) + " at " + lim;
            out.add(new Scored(finding("pod.oom_killed", Category.OOM_KILLED, workload, podRef, conf,
                    where + " was OOMKilled " + restarts + " times; it reaches " + lim + " after "
                            + Times.human(uptime) + " of uptime", d, since, List.of(step1, step2)), 0));
            if (longUptime) {
                ObjectNode ld = d.deepCopy();
                ld.put("note", "OOMKilled only after a long uptime; confirm a steadily rising working set with metrics");
                out.add(new Scored(finding("pod.oom_after_long_uptime", Category.MEMORY_LEAK, workload, podRef, 0.5,
                        where + " was OOMKilled after " + Times.human(uptime)
                                + " of uptime, which suggests memory grows until the limit (a leak)", ld, since,
                        List.of(step1, step2)), 0));
            }
            return out;
        }
        if (termMsg.contains("no space left on device")) {
            out.add(new Scored(finding("pod.disk_full", Category.DISK_FULL, workload, podRef, 0.8,
                    where + " failed with 'No space left on device'", d, since,
                    List.of(step1, "termination message: No space left on device")), 0));
            return out;
        }
        if (exit == 137 || exit == 143) {
            Scored probe = probe(pod, podRef, workload, cs, c, where, true);
            if (probe != null) {
                out.add(probe);
                return out;
            }
            out.add(new Scored(finding("pod.killed", Category.UNKNOWN, workload, podRef, 0.4,
                    where + " was killed by signal (exit " + exit + ") with no OOM and no failing probe recorded", d, since,
                    List.of(step1, "last termination exit " + exit + " (" + reason + ")")), 0));
            return out;
        }
        if (exit == 0 && waitingReason == null) {
            // A clean exit of a container that runs again is not a crash (a deliberate restart, a finished task).
            out.add(new Scored(finding("pod.clean_exit", Category.UNKNOWN, workload, podRef, 0.2,
                    where + " exited cleanly (exit 0) after " + Times.human(uptime) + " and runs again", d, since,
                    List.of(step1, "last termination exit 0 (" + reason + ")")), 0));
            return out;
        }
        double conf = exit == 1 || exit == 2 ? 0.6 : exit == 0 ? 0.45 : 0.5;
        String step2 = "last termination " + (reason.isEmpty() ? "" : reason + " ") + "exit " + exit + " after "
                + Times.human(uptime);
        out.add(new Scored(finding("pod.app_crash", Category.APP_CRASH, workload, podRef, conf,
                where + " exits with code " + exit + " after " + Times.human(uptime) + " (" + restarts
                        + " restarts); check the previous container's log for the error", d, since,
                List.of(step1, step2)), 0));
        return out;
    }

    /** A probe failure from Unhealthy / Killing events, with the probe's definition; null when there is none. */
    private Scored probe(Pod pod, ResourceRef podRef, ResourceRef workload, ContainerStatus cs, Container c, String where,
                         boolean killed) {
        Event unhealthy = null;
        Event killing = null;
        for (Event e : s.eventsFor("Pod", podRef.name())) {
            String m = e.getMessage() == null ? "" : e.getMessage();
            if (unhealthy == null && "Unhealthy".equals(e.getReason())) {
                if (!killed || m.startsWith("Liveness") || m.startsWith("Startup")) {
                    unhealthy = e;
                }
            }
            if (killing == null && "Killing".equals(e.getReason()) && (m.contains("liveness probe") || m.contains("startup probe"))) {
                killing = e;
            }
        }
        if (unhealthy == null && killing == null) {
            return null;
        }
        String m = unhealthy != null ? unhealthy.getMessage() : killing.getMessage();
        String kind = m.startsWith("Liveness") || (killing != null && killing.getMessage().contains("liveness")) ? "liveness"
                : m.startsWith("Startup") ? "startup" : "readiness";
        Probe probe = c == null ? null : switch (kind) {
            case "liveness" -> c.getLivenessProbe();
            case "startup" -> c.getStartupProbe();
            default -> c.getReadinessProbe();
        };
        ObjectNode d = base(pod);
        d.put("container", cs.getName());
        d.put("probe", kind);
        d.set("probe_definition", Json.mapper().valueToTree(probe));
        d.put("event_message", m);
        d.put("event_count", unhealthy != null ? Times.count(unhealthy) : Times.count(killing));
        d.put("restart_count", cs.getRestartCount());
        addRollout(d, pod, workload);
        double conf = killed ? 0.85 : "readiness".equals(kind) ? 0.65 : 0.75;
        Instant since = unhealthy != null ? Times.firstSeen(unhealthy) : Times.firstSeen(killing);
        List<String> chain = new ArrayList<>();
        chain.add(where + (killed ? " killed and restarted" : " not ready"));
        chain.add(kind + " probe failing: " + m);
        return new Scored(finding("pod.probe_failure", Category.PROBE_FAILURE, workload, podRef, conf,
                where + "'s " + kind + " probe fails (" + m + ")" + (killed ? " and the kubelet restarts it" : ""),
                d, since, chain), 0);
    }

    // ---------------------------------------------------------------- helpers

    static ObjectNode base(Pod pod) {
        ObjectNode d = Json.object();
        d.put("pod", pod.getMetadata().getName());
        if (pod.getSpec() != null && pod.getSpec().getNodeName() != null) {
            d.put("node", pod.getSpec().getNodeName());
        }
        return d;
    }

    private static String pressureOf(String msg) {
        String m = msg.toLowerCase(Locale.ROOT);
        if (m.contains("ephemeral-storage") || m.contains("disk")) {
            return "disk";
        }
        if (m.contains("memory")) {
            return "memory";
        }
        if (m.contains("pid")) {
            return "pid";
        }
        return "unknown";
    }

    private static Instant earliest(List<Event> events, String reason) {
        Instant min = null;
        for (Event e : events) {
            if (reason.equals(e.getReason())) {
                Instant t = Times.firstSeen(e);
                if (t != null && (min == null || t.isBefore(min))) {
                    min = t;
                }
            }
        }
        return min;
    }

    /** Adds which revision of a Deployment the failures started with, when the pod belongs to one. */
    private void addRollout(ObjectNode d, Pod pod, ResourceRef workload) {
        if (!"Deployment".equals(workload.kind())) {
            return;
        }
        s.deployment(workload.name()).ifPresent(dep -> {
            ObjectNode r = Rollouts.describe(dep, s);
            if (r != null) {
                d.set(AnalysisKeys.ROLLOUT, r);
            }
        });
    }

    /** Whether the pod's Ready condition is True. */
    static boolean ready(Pod pod) {
        return pod.getStatus() != null && pod.getStatus().getConditions() != null && pod.getStatus().getConditions()
                .stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    static Set<String> names(List<Pod> pods) {
        Set<String> out = new LinkedHashSet<>();
        pods.forEach(p -> out.add(p.getMetadata().getName()));
        return out;
    }

    static boolean isDeployment(ResourceRef r, Deployment d) {
        return "Deployment".equals(r.kind()) && d.getMetadata().getName().equals(r.name());
    }
}
