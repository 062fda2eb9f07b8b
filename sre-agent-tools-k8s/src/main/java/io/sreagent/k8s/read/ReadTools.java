package io.sreagent.k8s.read;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.sreagent.core.incident.AnalysisKeys;
import io.sreagent.core.incident.Finding;
import io.sreagent.core.incident.ResourceRef;
import io.sreagent.core.input.KubernetesNames;
import io.sreagent.core.support.Json;
import io.sreagent.core.tool.SafetyClass;
import io.sreagent.core.tool.Tool;
import io.sreagent.core.tool.ToolError;
import io.sreagent.core.tool.ToolInvocation;
import io.sreagent.core.tool.ToolResult;
import io.sreagent.core.tool.Tools;
import io.sreagent.k8s.KubernetesToolsConfig;
import io.sreagent.k8s.analysis.Analysis;
import io.sreagent.k8s.analysis.ClusterAnalyzer;
import io.sreagent.k8s.analysis.ObjectNotFoundException;
import io.sreagent.k8s.internal.InvalidArgumentException;
import io.sreagent.k8s.internal.KubernetesTool;
import io.sreagent.k8s.internal.Quantities;
import io.sreagent.k8s.internal.RawCalls;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The read-only tools ({@code k8s.get_pod}, {@code k8s.owner_chain}, {@code k8s.events}, {@code k8s.describe_*},
 * {@code k8s.pod_logs}, {@code k8s.list}, {@code k8s.analyze}, {@code k8s.analyze_dependency}). Each returns
 * structured JSON in {@link ToolResult#data()} and a compact text; Secret values are never returned.
 */
public final class ReadTools {

    private final KubernetesClient client;
    private final KubernetesToolsConfig config;
    private final Clock clock;

    public ReadTools(KubernetesClient client, KubernetesToolsConfig config, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Every read-only tool. */
    public List<Tool> tools() {
        return List.of(getPod(), ownerChain(), events(), describeDeployment(), describeNode(), describeService(),
                describePvc(), describeHpa(), describeQuota(), describeJob(), podLogs(), list(), analyze(),
                analyzeDependency());
    }

    private static Tool tool(String id, String description, ObjectNode schema, Function<ToolInvocation, ToolResult> body) {
        return new KubernetesTool(id, description, schema, SafetyClass.READ_ONLY) {
            @Override
            protected ToolResult run(ToolInvocation invocation) {
                return body.apply(invocation);
            }
        };
    }

    private static ToolResult notFound(String kind, String ns, String name) {
        return ToolResult.error(ToolError.Kind.NOT_FOUND, kind + " " + (ns == null ? "" : ns + "/") + name
                + " does not exist; check the name and namespace");
    }

    private static ObjectNode nsName() {
        return Tools.schema().required("namespace", "namespace of the object").required("name", "name of the object").build();
    }

    // ------------------------------------------------------------------ pods

    Tool getPod() {
        return tool("k8s.get_pod", "Get a pod: phase, conditions, node, and per container the image, state, last"
                + " termination (reason, exit code, finishedAt), restart count, requests/limits and probes.", nsName(), inv -> {
            String ns = required(inv, "namespace");
            String name = required(inv, "name");
            Pod p = client.pods().inNamespace(ns).withName(name).get();
            if (p == null) {
                return notFound("Pod", ns, name);
            }
            ObjectNode v = Views.pod(p);
            StringBuilder sb = new StringBuilder("Pod " + ns + "/" + name + " " + v.path("phase").asText() + " on "
                    + v.path("node").asText("?"));
            for (var c : v.withArray("containers")) {
                sb.append("\n  ").append(c.path("name").asText()).append(" ready=").append(c.path("ready").asBoolean())
                        .append(" restarts=").append(c.path("restart_count").asInt()).append(" state=")
                        .append(c.path("state").toString());
                if (c.has("last_state")) {
                    sb.append(" last=").append(c.path("last_state").toString());
                }
                sb.append(" limits=").append(c.path("limits").toString());
            }
            return ToolResult.ok(v, sb.toString());
        });
    }

    Tool ownerChain() {
        ObjectNode schema = Tools.schema().required("namespace", "namespace").required("name", "object name")
                .optional("kind", "kind of the object (default Pod)").build();
        return tool("k8s.owner_chain", "The owner chain of an object: Pod -> ReplicaSet -> Deployment, StatefulSet,"
                + " DaemonSet, Job -> CronJob.", schema, inv -> {
            String ns = required(inv, "namespace");
            String name = required(inv, "name");
            String kind = inv.arg("kind", "Pod");
            HasMetadata o = get(kind, ns, name);
            if (o == null) {
                return notFound(kind, ns, name);
            }
            ArrayNode chain = Json.mapper().createArrayNode();
            chain.addObject().put("kind", o.getKind()).put("name", o.getMetadata().getName());
            int guard = 0;
            while (guard++ < 6) {
                OwnerReference r = controller(o);
                if (r == null) {
                    break;
                }
                chain.addObject().put("kind", r.getKind()).put("name", r.getName());
                o = get(r.getKind(), ns, r.getName());
                if (o == null) {
                    break;
                }
            }
            List<String> parts = new ArrayList<>();
            chain.forEach(c -> parts.add(c.path("kind").asText() + "/" + c.path("name").asText()));
            ObjectNode data = Json.object().put("namespace", ns);
            data.set("chain", chain);
            return ToolResult.ok(data, String.join(" -> ", parts));
        });
    }

    private HasMetadata get(String kind, String ns, String name) {
        return switch (kind.toLowerCase(Locale.ROOT)) {
            case "pod" -> client.pods().inNamespace(ns).withName(name).get();
            case "replicaset" -> client.apps().replicaSets().inNamespace(ns).withName(name).get();
            case "deployment" -> client.apps().deployments().inNamespace(ns).withName(name).get();
            case "statefulset" -> client.apps().statefulSets().inNamespace(ns).withName(name).get();
            case "daemonset" -> client.apps().daemonSets().inNamespace(ns).withName(name).get();
            case "job" -> client.batch().v1().jobs().inNamespace(ns).withName(name).get();
            case "cronjob" -> client.batch().v1().cronjobs().inNamespace(ns).withName(name).get();
            default -> throw new InvalidArgumentException("kind '" + kind
                    + "' has no owner chain here; use Pod, ReplicaSet, Deployment, StatefulSet, DaemonSet, Job or CronJob");
        };
    }

    private static OwnerReference controller(HasMetadata o) {
        if (o.getMetadata().getOwnerReferences() == null) {
            return null;
        }
        return o.getMetadata().getOwnerReferences().stream().filter(r -> Boolean.TRUE.equals(r.getController()))
                .findFirst().orElse(o.getMetadata().getOwnerReferences().isEmpty() ? null
                        : o.getMetadata().getOwnerReferences().get(0));
    }

    Tool events() {
        ObjectNode schema = Tools.schema().required("namespace", "namespace of the object (Node events: default)")
                .required("name", "name of the object").optional("kind", "kind of the object (any if absent)")
                .property("limit", "integer", "most event groups to return (default 50)", false).build();
        return tool("k8s.events", "Events about one object, oldest first, de-duplicated (type, reason, message, source)"
                + " with counts summed and first/last seen.", schema, inv -> {
            String ns = required(inv, "namespace");
            String name = required(inv, "name");
            String kind = optional(inv, "kind");
            int limit = intArg(inv, "limit", 50, 1, 1000);
            List<Event> mine = new ArrayList<>();
            for (Event e : client.v1().events().inNamespace(ns).list().getItems()) {
                if (e.getInvolvedObject() != null && name.equals(e.getInvolvedObject().getName())
                        && (kind == null || kind.equalsIgnoreCase(e.getInvolvedObject().getKind()))) {
                    mine.add(e);
                }
            }
            ArrayNode ev = Views.events(mine, limit);
            ObjectNode data = Json.object().put("namespace", ns).put("name", name);
            data.set("events", ev);
            return ToolResult.ok(data, Views.eventsText(ev));
        });
    }

    // ------------------------------------------------------------------ describe

    Tool describeDeployment() {
        return tool("k8s.describe_deployment", "A Deployment: replicas desired/ready/updated, conditions, strategy, and"
                + " revision history from its ReplicaSets (revision, images, created, ready counts).", nsName(), inv -> {
            String ns = required(inv, "namespace");
            String name = required(inv, "name");
            Deployment d = client.apps().deployments().inNamespace(ns).withName(name).get();
            if (d == null) {
                return notFound("Deployment", ns, name);
            }
            ObjectNode o = Json.object().put("namespace", ns).put("name", name);
            o.put("resource_version", d.getMetadata().getResourceVersion());
            o.put("replicas", d.getSpec().getReplicas());
            var st = d.getStatus();
            o.put("ready_replicas", st == null ? null : st.getReadyReplicas());
            o.put("updated_replicas", st == null ? null : st.getUpdatedReplicas());
            o.put("available_replicas", st == null ? null : st.getAvailableReplicas());
            o.put("revision", d.getMetadata().getAnnotations() == null ? null
                    : d.getMetadata().getAnnotations().get("deployment.kubernetes.io/revision"));
            o.set("conditions", st == null ? Json.mapper().createArrayNode() : Json.mapper().valueToTree(st.getConditions()));
            o.set("selector", Json.mapper().valueToTree(d.getSpec().getSelector()));
            ArrayNode containers = o.putArray("containers");
            d.getSpec().getTemplate().getSpec().getContainers().forEach(c -> {
                ObjectNode cn = containers.addObject().put("name", c.getName()).put("image", c.getImage());
                if (c.getResources() != null) {
                    cn.set("requests", Views.quantities(c.getResources().getRequests()));
                    cn.set("limits", Views.quantities(c.getResources().getLimits()));
                }
            });
            List<ReplicaSet> rss = new ArrayList<>();
            for (ReplicaSet rs : client.apps().replicaSets().inNamespace(ns).list().getItems()) {
                OwnerReference r = controller(rs);
                if (r != null && "Deployment".equals(r.getKind()) && name.equals(r.getName())) {
                    rss.add(rs);
                }
            }
            rss.sort(Comparator.comparingLong(ReadTools::revision).reversed());
            ArrayNode history = o.putArray("revisions");
            StringBuilder sb = new StringBuilder("Deployment " + ns + "/" + name + " " + o.path("ready_replicas").asText("0")
                    + "/" + d.getSpec().getReplicas() + " ready, revision " + o.path("revision").asText("?"));
            for (ReplicaSet rs : rss) {
                ObjectNode h = history.addObject();
                h.put("revision", revision(rs));
                h.put("replica_set", rs.getMetadata().getName());
                ArrayNode imgs = h.putArray("images");
                rs.getSpec().getTemplate().getSpec().getContainers().forEach(c -> imgs.add(c.getImage()));
                h.put("created_at", rs.getMetadata().getCreationTimestamp());
                h.put("replicas", rs.getSpec().getReplicas());
                h.put("ready_replicas", rs.getStatus() == null ? null : rs.getStatus().getReadyReplicas());
                sb.append("\n  rev ").append(revision(rs)).append(' ').append(rs.getMetadata().getName()).append(' ')
                        .append(imgs).append(" created ").append(rs.getMetadata().getCreationTimestamp()).append(" ready ")
                        .append(h.path("ready_replicas").asText("0")).append('/').append(rs.getSpec().getReplicas());
            }
            return ToolResult.ok(o, sb.toString());
        });
    }

    static long revision(HasMetadata o) {
        Map<String, String> a = o.getMetadata().getAnnotations();
        try {
            return a == null || a.get("deployment.kubernetes.io/revision") == null ? -1
                    : Long.parseLong(a.get("deployment.kubernetes.io/revision"));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    Tool describeNode() {
        ObjectNode schema = Tools.schema().required("name", "node name").build();
        return tool("k8s.describe_node", "A Node: conditions, taints, unschedulable flag, allocatable vs requested by"
                + " its pods (cpu, memory), and its pods.", schema, inv -> {
            String name = required(inv, "name");
            Node n = client.nodes().withName(name).get();
            if (n == null) {
                return notFound("Node", null, name);
            }
            ObjectNode o = Json.object().put("name", name);
            o.put("unschedulable", n.getSpec() != null && Boolean.TRUE.equals(n.getSpec().getUnschedulable()));
            o.set("taints", Json.mapper().valueToTree(n.getSpec() == null ? null : n.getSpec().getTaints()));
            ArrayNode conds = o.putArray("conditions");
            if (n.getStatus() != null && n.getStatus().getConditions() != null) {
                n.getStatus().getConditions().forEach(c -> conds.addObject().put("type", c.getType())
                        .put("status", c.getStatus()).put("reason", c.getReason()).put("message", c.getMessage())
                        .put("last_transition_time", c.getLastTransitionTime()));
            }
            Map<String, Quantity> alloc = n.getStatus() == null ? null : n.getStatus().getAllocatable();
            o.set("allocatable", Views.quantities(alloc));
            BigDecimal cpu = BigDecimal.ZERO;
            BigDecimal mem = BigDecimal.ZERO;
            BigDecimal cpuLim = BigDecimal.ZERO;
            BigDecimal memLim = BigDecimal.ZERO;
            ArrayNode pods = o.putArray("pods");
            for (Pod p : client.pods().inAnyNamespace().list().getItems()) {
                if (p.getSpec() == null || !name.equals(p.getSpec().getNodeName())) {
                    continue;
                }
                String phase = p.getStatus() == null ? null : p.getStatus().getPhase();
                pods.add(p.getMetadata().getNamespace() + "/" + p.getMetadata().getName() + " " + phase);
                if ("Succeeded".equals(phase) || "Failed".equals(phase)) {
                    continue;
                }
                for (var c : p.getSpec().getContainers()) {
                    if (c.getResources() == null) {
                        continue;
                    }
                    cpu = add(cpu, Quantities.amount(c.getResources().getRequests(), "cpu"));
                    mem = add(mem, Quantities.amount(c.getResources().getRequests(), "memory"));
                    cpuLim = add(cpuLim, Quantities.amount(c.getResources().getLimits(), "cpu"));
                    memLim = add(memLim, Quantities.amount(c.getResources().getLimits(), "memory"));
                }
            }
            ObjectNode req = o.putObject("requested");
            req.put("cpu", cpu.stripTrailingZeros().toPlainString());
            req.put("memory", Quantities.bytes(mem));
            req.put("memory_bytes", mem);
            ObjectNode lim = o.putObject("limits");
            lim.put("cpu", cpuLim.stripTrailingZeros().toPlainString());
            lim.put("memory", Quantities.bytes(memLim));
            BigDecimal allocCpu = Quantities.amount(alloc, "cpu");
            BigDecimal allocMem = Quantities.amount(alloc, "memory");
            if (allocCpu != null && allocCpu.signum() > 0) {
                o.put("cpu_requested_percent", cpu.multiply(BigDecimal.valueOf(100)).divide(allocCpu, 0, java.math.RoundingMode.HALF_UP).intValue());
            }
            if (allocMem != null && allocMem.signum() > 0) {
                o.put("memory_requested_percent", mem.multiply(BigDecimal.valueOf(100)).divide(allocMem, 0, java.math.RoundingMode.HALF_UP).intValue());
            }
            StringBuilder sb = new StringBuilder("Node " + name + (o.path("unschedulable").asBoolean() ? " (cordoned)" : ""));
            conds.forEach(c -> sb.append("\n  ").append(c.path("type").asText()).append('=').append(c.path("status").asText())
                    .append(' ').append(c.path("reason").asText("")));
            sb.append("\n  requested cpu ").append(req.path("cpu").asText()).append(" of ").append(allocCpu)
                    .append(", memory ").append(req.path("memory").asText()).append(" of ").append(Quantities.bytes(allocMem))
                    .append("; ").append(pods.size()).append(" pods");
            return ToolResult.ok(o, sb.toString());
        });
    }

    private static BigDecimal add(BigDecimal a, BigDecimal b) {
        return b == null ? a : a.add(b);
    }

    Tool describeService() {
        return tool("k8s.describe_service", "A Service: type, cluster IP, ports, selector, the pods the selector matches"
                + " (ready or not) and its endpoints (ready / not ready).", nsName(), inv -> {
            String ns = required(inv, "namespace");
            String name = required(inv, "name");
            Service svc = client.services().inNamespace(ns).withName(name).get();
            if (svc == null) {
                return notFound("Service", ns, name);
            }
            ObjectNode o = Json.object().put("namespace", ns).put("name", name);
            o.put("type", svc.getSpec().getType());
            o.put("cluster_ip", svc.getSpec().getClusterIP());
            o.set("ports", Json.mapper().valueToTree(svc.getSpec().getPorts()));
            Map<String, String> sel = svc.getSpec().getSelector();
            o.set("selector", Json.mapper().valueToTree(sel));
            ArrayNode matching = o.putArray("matching_pods");
            if (sel != null && !sel.isEmpty()) {
                for (Pod p : client.pods().inNamespace(ns).withLabels(sel).list().getItems()) {
                    boolean ready = p.getStatus() != null && p.getStatus().getConditions() != null
                            && p.getStatus().getConditions().stream().anyMatch(c -> "Ready".equals(c.getType())
                            && "True".equals(c.getStatus()));
                    matching.addObject().put("name", p.getMetadata().getName())
                            .put("phase", p.getStatus() == null ? null : p.getStatus().getPhase()).put("ready", ready);
                }
            }
            Endpoints ep = client.endpoints().inNamespace(ns).withName(name).get();
            ArrayNode ready = o.putArray("ready_endpoints");
            ArrayNode notReady = o.putArray("not_ready_endpoints");
            if (ep != null && ep.getSubsets() != null) {
                for (EndpointSubset s : ep.getSubsets()) {
                    if (s.getAddresses() != null) {
                        s.getAddresses().forEach(a -> ready.add(a.getIp() + (a.getTargetRef() == null ? "" : " " + a.getTargetRef().getName())));
                    }
                    if (s.getNotReadyAddresses() != null) {
                        s.getNotReadyAddresses().forEach(a -> notReady.add(a.getIp() + (a.getTargetRef() == null ? "" : " " + a.getTargetRef().getName())));
                    }
                }
            }
            String text = "Service " + ns + "/" + name + " " + o.path("type").asText() + " " + o.path("cluster_ip").asText()
                    + " selector " + sel + ": " + matching.size() + " matching pods, " + ready.size() + " ready endpoints, "
                    + notReady.size() + " not ready";
            return ToolResult.ok(o, text);
        });
    }

    Tool describePvc() {
        return tool("k8s.describe_pvc", "A PersistentVolumeClaim: phase, storage class (and whether it exists), requested"
                + " and actual capacity, volume, access modes and its events.", nsName(), inv -> {
            String ns = required(inv, "namespace");
            String name = required(inv, "name");
            PersistentVolumeClaim pvc = client.persistentVolumeClaims().inNamespace(ns).withName(name).get();
            if (pvc == null) {
                return notFound("PersistentVolumeClaim", ns, name);
            }
            ObjectNode o = Json.object().put("namespace", ns).put("name", name);
            o.put("resource_version", pvc.getMetadata().getResourceVersion());
            o.put("phase", pvc.getStatus() == null ? null : pvc.getStatus().getPhase());
            String sc = pvc.getSpec().getStorageClassName();
            o.put("storage_class", sc);
            if (sc != null) {
                o.put("storage_class_exists", client.storage().v1().storageClasses().withName(sc).get() != null);
            }
            o.set("requested", Views.quantities(pvc.getSpec().getResources() == null ? null : pvc.getSpec().getResources().getRequests()));
            o.set("capacity", Views.quantities(pvc.getStatus() == null ? null : pvc.getStatus().getCapacity()));
            o.put("volume", pvc.getSpec().getVolumeName());
            o.set("access_modes", Json.mapper().valueToTree(pvc.getSpec().getAccessModes()));
            List<Event> mine = new ArrayList<>();
            for (Event e : client.v1().events().inNamespace(ns).list().getItems()) {
                if (e.getInvolvedObject() != null && name.equals(e.getInvolvedObject().getName())
                        && "PersistentVolumeClaim".equals(e.getInvolvedObject().getKind())) {
                    mine.add(e);
                }
            }
            ArrayNode ev = Views.events(mine, 20);
            o.set("events", ev);
            return ToolResult.ok(o, "PersistentVolumeClaim " + ns + "/" + name + " " + o.path("phase").asText()
                    + " class " + sc + " requested " + o.path("requested") + "\n" + Views.eventsText(ev));
        });
    }

    Tool describeHpa() {
        return tool("k8s.describe_hpa", "A HorizontalPodAutoscaler: target, min/max/current/desired replicas, metrics"
                + " (current vs target) and conditions (AbleToScale, ScalingActive, ScalingLimited).", nsName(), inv -> {
            String ns = required(inv, "namespace");
            String name = required(inv, "name");
            HorizontalPodAutoscaler h = client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(ns).withName(name).get();
            if (h == null) {
                return notFound("HorizontalPodAutoscaler", ns, name);
            }
            ObjectNode o = Json.object().put("namespace", ns).put("name", name);
            o.put("target", h.getSpec().getScaleTargetRef().getKind() + "/" + h.getSpec().getScaleTargetRef().getName());
            o.put("min_replicas", h.getSpec().getMinReplicas());
            o.put("max_replicas", h.getSpec().getMaxReplicas());
            o.put("current_replicas", h.getStatus() == null ? null : h.getStatus().getCurrentReplicas());
            o.put("desired_replicas", h.getStatus() == null ? null : h.getStatus().getDesiredReplicas());
            o.set("metrics", Json.mapper().valueToTree(h.getSpec().getMetrics()));
            o.set("current_metrics", Json.mapper().valueToTree(h.getStatus() == null ? null : h.getStatus().getCurrentMetrics()));
            o.set("conditions", Json.mapper().valueToTree(h.getStatus() == null ? null : h.getStatus().getConditions()));
            boolean atMax = h.getStatus() != null && h.getStatus().getCurrentReplicas() != null
                    && h.getStatus().getCurrentReplicas().equals(h.getSpec().getMaxReplicas());
            o.put("at_max_replicas", atMax);
            return ToolResult.ok(o, "HPA " + ns + "/" + name + " -> " + o.path("target").asText() + " replicas "
                    + o.path("current_replicas").asText("?") + " (min " + o.path("min_replicas").asText("1") + ", max "
                    + o.path("max_replicas").asText() + ")" + (atMax ? " AT MAX" : ""));
        });
    }

    Tool describeQuota() {
        ObjectNode schema = Tools.schema().required("namespace", "namespace")
                .optional("name", "a ResourceQuota name (all quotas of the namespace if absent)").build();
        return tool("k8s.describe_quota", "ResourceQuotas (hard vs used, per resource) and LimitRanges of a namespace.",
                schema, inv -> {
            String ns = required(inv, "namespace");
            String name = optional(inv, "name");
            List<ResourceQuota> qs = new ArrayList<>();
            if (name != null) {
                ResourceQuota q = client.resourceQuotas().inNamespace(ns).withName(name).get();
                if (q == null) {
                    return notFound("ResourceQuota", ns, name);
                }
                qs.add(q);
            } else {
                qs.addAll(client.resourceQuotas().inNamespace(ns).list().getItems());
            }
            ObjectNode o = Json.object().put("namespace", ns);
            ArrayNode quotas = o.putArray("quotas");
            StringBuilder sb = new StringBuilder();
            for (ResourceQuota q : qs) {
                ObjectNode qn = quotas.addObject().put("name", q.getMetadata().getName());
                ObjectNode res = qn.putObject("resources");
                Map<String, Quantity> hard = q.getStatus() != null && q.getStatus().getHard() != null ? q.getStatus().getHard()
                        : q.getSpec() == null ? null : q.getSpec().getHard();
                Map<String, Quantity> used = q.getStatus() == null ? null : q.getStatus().getUsed();
                sb.append("ResourceQuota ").append(q.getMetadata().getName()).append(':');
                if (hard != null) {
                    hard.forEach((k, v) -> {
                        Quantity u = used == null ? null : used.get(k);
                        res.putObject(k).put("hard", v.toString()).put("used", u == null ? null : u.toString());
                        sb.append(' ').append(k).append(' ').append(u == null ? "?" : u).append('/').append(v);
                    });
                }
                sb.append('\n');
            }
            o.set("limit_ranges", Json.mapper().valueToTree(client.limitRanges().inNamespace(ns).list().getItems().stream()
                    .map(l -> Map.of("name", l.getMetadata().getName(), "limits", l.getSpec().getLimits())).toList()));
            return ToolResult.ok(o, sb.length() == 0 ? "no ResourceQuota in " + ns : sb.toString().trim());
        });
    }

    Tool describeJob() {
        return tool("k8s.describe_job", "A Job: completions, parallelism, backoff limit, active/succeeded/failed pods,"
                + " conditions (Complete, Failed with BackoffLimitExceeded/DeadlineExceeded) and owner.", nsName(), inv -> {
            String ns = required(inv, "namespace");
            String name = required(inv, "name");
            Job j = client.batch().v1().jobs().inNamespace(ns).withName(name).get();
            if (j == null) {
                return notFound("Job", ns, name);
            }
            ObjectNode o = Json.object().put("namespace", ns).put("name", name);
            o.put("completions", j.getSpec().getCompletions());
            o.put("parallelism", j.getSpec().getParallelism());
            o.put("backoff_limit", j.getSpec().getBackoffLimit());
            o.put("active_deadline_seconds", j.getSpec().getActiveDeadlineSeconds());
            o.put("suspend", j.getSpec().getSuspend());
            o.put("active", j.getStatus() == null ? null : j.getStatus().getActive());
            o.put("succeeded", j.getStatus() == null ? null : j.getStatus().getSucceeded());
            o.put("failed", j.getStatus() == null ? null : j.getStatus().getFailed());
            o.set("conditions", Json.mapper().valueToTree(j.getStatus() == null ? null : j.getStatus().getConditions()));
            OwnerReference r = controller(j);
            o.put("owner", r == null ? null : r.getKind() + "/" + r.getName());
            return ToolResult.ok(o, "Job " + ns + "/" + name + " active " + o.path("active").asText("0") + " succeeded "
                    + o.path("succeeded").asText("0") + " failed " + o.path("failed").asText("0") + " conditions "
                    + o.path("conditions"));
        });
    }

    // ------------------------------------------------------------------ logs

    Tool podLogs() {
        ObjectNode schema = Tools.schema().required("namespace", "namespace").required("name", "pod name")
                .optional("container", "container name (the pod's only or first container if absent)")
                .property("previous", "boolean", "the log of the previous, terminated container", false)
                .property("tail_lines", "integer", "last N lines (default from config)", false)
                .property("since_seconds", "integer", "only lines newer than this many seconds", false).build();
        return tool("k8s.pod_logs", "A container's log (current, or previous=true for the terminated one), bounded by"
                + " tail lines, since seconds and a byte cap (the newest bytes are kept).", schema, inv -> {
            String ns = required(inv, "namespace");
            String name = required(inv, "name");
            String container = optional(inv, "container");
            boolean previous = boolArg(inv, "previous", false);
            int tail = intArg(inv, "tail_lines", config.logTailLines(), 1, 100_000);
            int since = intArg(inv, "since_seconds", 0, 0, 365 * 86400);
            Pod p = client.pods().inNamespace(ns).withName(name).get();
            if (p == null) {
                return notFound("Pod", ns, name);
            }
            if (container == null) {
                container = p.getSpec().getContainers().get(0).getName();
            } else {
                String c = container;
                boolean known = p.getSpec().getContainers().stream().anyMatch(x -> x.getName().equals(c))
                        || (p.getSpec().getInitContainers() != null
                        && p.getSpec().getInitContainers().stream().anyMatch(x -> x.getName().equals(c)));
                if (!known) {
                    return ToolResult.error(ToolError.Kind.INVALID_ARGUMENTS, "Pod " + ns + "/" + name
                            + " has no container '" + c + "'");
                }
            }
            String log = fetchLog(ns, name, container, previous, since, tail);
            byte[] bytes = log.getBytes(StandardCharsets.UTF_8);
            boolean truncated = false;
            int cap = config.logByteCap();
            if (bytes.length > cap) {
                // keep the newest bytes: the end of a log holds the failure
                String tailText = new String(bytes, bytes.length - cap, cap, StandardCharsets.UTF_8);
                int nl = tailText.indexOf('\n');
                log = nl >= 0 && nl < tailText.length() - 1 ? tailText.substring(nl + 1) : tailText;
                truncated = true;
            }
            ObjectNode o = Json.object().put("namespace", ns).put("pod", name).put("container", container)
                    .put("previous", previous).put("truncated", truncated).put("bytes", log.getBytes(StandardCharsets.UTF_8).length);
            o.put("lines", log.isEmpty() ? 0 : log.split("\n", -1).length - (log.endsWith("\n") ? 1 : 0));
            o.put("log", log);
            return ToolResult.ok(o, log.isEmpty() ? "(empty log)" : log);
        });
    }

    /**
     * A container's log over one GET of the pod's {@code log} subresource. fabric8's {@code getLog()} first starts an
     * informer (a list and a watch) and waits for the pod to become ready, which a crash-looping pod never is; the
     * caller has read the pod already. Errors are fabric8's own exceptions, so they map as every other call's do.
     */
    private String fetchLog(String ns, String name, String container, boolean previous, int since, int tail) {
        // ns and name were validated as Kubernetes names; the container comes from the pod and is encoded
        String what = "reading the log of pod " + ns + "/" + name;
        var request = client.getHttpClient().newHttpRequestBuilder()
                .uri(RawCalls.url(client, "api/v1/namespaces/" + ns + "/pods/" + name + "/log?pretty=false&container="
                        // the parameters in the order fabric8's own log call sends them
                        + URLEncoder.encode(container, StandardCharsets.UTF_8) + (previous ? "&previous=true" : "")
                        + (since > 0 ? "&sinceSeconds=" + since : "") + "&tailLines=" + tail))
                .build();
        var response = RawCalls.send(client, request, config.requestTimeout(), what);
        if (!response.isSuccessful()) {
            throw RawCalls.failure(client, response, what);
        }
        return response.body() == null ? "" : response.body();
    }

    // ------------------------------------------------------------------ list

    Tool list() {
        ObjectNode schema = Tools.schema().required("kind", "Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job,"
                        + " CronJob, Service, Endpoints, ConfigMap, Secret, PersistentVolumeClaim, Node, Event,"
                        + " HorizontalPodAutoscaler, ResourceQuota, Ingress")
                .optional("namespace", "namespace (all namespaces if absent)")
                .optional("label_selector", "label selector such as app=web,tier=api")
                .property("limit", "integer", "most items (default 200)", false).build();
        return tool("k8s.list", "List objects of one kind by namespace and label selector: names with a short status."
                + " Secrets show key names only.", schema, inv -> {
            String kind = required(inv, "kind");
            String ns = optional(inv, "namespace");
            String sel = optional(inv, "label_selector");
            int limit = intArg(inv, "limit", 200, 1, 5000);
            Map<String, String> labels = parseSelector(sel);
            List<? extends HasMetadata> items = listKind(kind, ns, labels);
            ArrayNode arr = Json.mapper().createArrayNode();
            StringBuilder sb = new StringBuilder();
            int n = 0;
            for (HasMetadata h : items) {
                if (n++ >= limit) {
                    break;
                }
                ObjectNode o = arr.addObject();
                o.put("namespace", h.getMetadata().getNamespace());
                o.put("name", h.getMetadata().getName());
                String status = summary(h, o);
                sb.append(h.getMetadata().getNamespace() == null ? "" : h.getMetadata().getNamespace() + "/")
                        .append(h.getMetadata().getName()).append(status.isEmpty() ? "" : " " + status).append('\n');
            }
            ObjectNode data = Json.object().put("kind", kind).put("count", items.size()).put("truncated", items.size() > limit);
            data.set("items", arr);
            return ToolResult.ok(data, sb.length() == 0 ? "no " + kind + " found" : sb.toString().trim());
        });
    }

    static Map<String, String> parseSelector(String sel) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        if (sel == null) {
            return out;
        }
        for (String part : sel.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            if (eq <= 0 || p.contains("!=")) {
                throw new InvalidArgumentException("label_selector supports key=value pairs separated by commas, was '"
                        + sel + "'");
            }
            String v = p.substring(eq + 1);
            if (v.startsWith("=")) {
                v = v.substring(1);
            }
            out.put(p.substring(0, eq).trim(), v.trim());
        }
        return out;
    }

    private List<? extends HasMetadata> listKind(String kind, String ns, Map<String, String> labels) {
        String k = kind.toLowerCase(Locale.ROOT);
        return switch (k) {
            case "pod", "pods" -> ns == null ? client.pods().inAnyNamespace().withLabels(labels).list().getItems()
                    : client.pods().inNamespace(ns).withLabels(labels).list().getItems();
            case "deployment", "deployments" -> ns == null ? client.apps().deployments().inAnyNamespace().withLabels(labels).list().getItems()
                    : client.apps().deployments().inNamespace(ns).withLabels(labels).list().getItems();
            case "statefulset", "statefulsets" -> ns == null ? client.apps().statefulSets().inAnyNamespace().withLabels(labels).list().getItems()
                    : client.apps().statefulSets().inNamespace(ns).withLabels(labels).list().getItems();
            case "daemonset", "daemonsets" -> ns == null ? client.apps().daemonSets().inAnyNamespace().withLabels(labels).list().getItems()
                    : client.apps().daemonSets().inNamespace(ns).withLabels(labels).list().getItems();
            case "replicaset", "replicasets" -> ns == null ? client.apps().replicaSets().inAnyNamespace().withLabels(labels).list().getItems()
                    : client.apps().replicaSets().inNamespace(ns).withLabels(labels).list().getItems();
            case "job", "jobs" -> ns == null ? client.batch().v1().jobs().inAnyNamespace().withLabels(labels).list().getItems()
                    : client.batch().v1().jobs().inNamespace(ns).withLabels(labels).list().getItems();
            case "cronjob", "cronjobs" -> ns == null ? client.batch().v1().cronjobs().inAnyNamespace().withLabels(labels).list().getItems()
                    : client.batch().v1().cronjobs().inNamespace(ns).withLabels(labels).list().getItems();
            case "service", "services" -> ns == null ? client.services().inAnyNamespace().withLabels(labels).list().getItems()
                    : client.services().inNamespace(ns).withLabels(labels).list().getItems();
            case "endpoints" -> ns == null ? client.endpoints().inAnyNamespace().withLabels(labels).list().getItems()
                    : client.endpoints().inNamespace(ns).withLabels(labels).list().getItems();
            case "configmap", "configmaps" -> ns == null ? client.configMaps().inAnyNamespace().withLabels(labels).list().getItems()
                    : client.configMaps().inNamespace(ns).withLabels(labels).list().getItems();
            case "secret", "secrets" -> ns == null ? client.secrets().inAnyNamespace().withLabels(labels).list().getItems()
                    : client.secrets().inNamespace(ns).withLabels(labels).list().getItems();
            case "persistentvolumeclaim", "persistentvolumeclaims", "pvc" -> ns == null
                    ? client.persistentVolumeClaims().inAnyNamespace().withLabels(labels).list().getItems()
                    : client.persistentVolumeClaims().inNamespace(ns).withLabels(labels).list().getItems();
            case "node", "nodes" -> client.nodes().withLabels(labels).list().getItems();
            case "event", "events" -> ns == null ? client.v1().events().inAnyNamespace().withLabels(labels).list().getItems()
                    : client.v1().events().inNamespace(ns).withLabels(labels).list().getItems();
            case "horizontalpodautoscaler", "hpa" -> ns == null
                    ? client.autoscaling().v2().horizontalPodAutoscalers().inAnyNamespace().withLabels(labels).list().getItems()
                    : client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(ns).withLabels(labels).list().getItems();
            case "resourcequota", "resourcequotas" -> ns == null ? client.resourceQuotas().inAnyNamespace().withLabels(labels).list().getItems()
                    : client.resourceQuotas().inNamespace(ns).withLabels(labels).list().getItems();
            case "ingress", "ingresses" -> ns == null ? client.network().v1().ingresses().inAnyNamespace().withLabels(labels).list().getItems()
                    : client.network().v1().ingresses().inNamespace(ns).withLabels(labels).list().getItems();
            default -> throw new InvalidArgumentException("kind '" + kind + "' is not supported by k8s.list");
        };
    }

    private static String summary(HasMetadata h, ObjectNode o) {
        if (h instanceof Pod p) {
            String phase = p.getStatus() == null ? null : p.getStatus().getPhase();
            int restarts = 0;
            String waiting = null;
            if (p.getStatus() != null && p.getStatus().getContainerStatuses() != null) {
                for (var cs : p.getStatus().getContainerStatuses()) {
                    restarts += cs.getRestartCount() == null ? 0 : cs.getRestartCount();
                    if (cs.getState() != null && cs.getState().getWaiting() != null) {
                        waiting = cs.getState().getWaiting().getReason();
                    }
                }
            }
            o.put("phase", phase);
            o.put("restarts", restarts);
            if (waiting != null) {
                o.put("waiting", waiting);
            }
            return phase + (waiting != null ? " " + waiting : "") + " restarts=" + restarts;
        }
        if (h instanceof Deployment d) {
            Integer ready = d.getStatus() == null ? null : d.getStatus().getReadyReplicas();
            o.put("replicas", d.getSpec().getReplicas());
            o.put("ready", ready == null ? 0 : ready);
            return (ready == null ? 0 : ready) + "/" + d.getSpec().getReplicas() + " ready";
        }
        if (h instanceof Secret s) {
            ArrayNode keys = o.putArray("keys");
            if (s.getData() != null) {
                s.getData().keySet().forEach(keys::add);
            }
            o.put("type", s.getType());
            return "keys " + keys;
        }
        if (h instanceof io.fabric8.kubernetes.api.model.ConfigMap cm) {
            ArrayNode keys = o.putArray("keys");
            if (cm.getData() != null) {
                cm.getData().keySet().forEach(keys::add);
            }
            return "keys " + keys;
        }
        if (h instanceof Event e) {
            o.put("type", e.getType()).put("reason", e.getReason()).put("message", e.getMessage());
            return e.getType() + " " + e.getReason() + ": " + e.getMessage();
        }
        if (h instanceof PersistentVolumeClaim pvc) {
            String phase = pvc.getStatus() == null ? null : pvc.getStatus().getPhase();
            o.put("phase", phase);
            return String.valueOf(phase);
        }
        if (h instanceof Node n) {
            String ready = n.getStatus() == null || n.getStatus().getConditions() == null ? "?"
                    : n.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType())).map(c -> c.getStatus())
                    .findFirst().orElse("?");
            o.put("ready", ready);
            return "Ready=" + ready;
        }
        return "";
    }

    // ------------------------------------------------------------------ analysis

    Tool analyze() {
        ObjectNode schema = Tools.schema().required("kind", "Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job,"
                        + " CronJob, Node, Service, PersistentVolumeClaim or Ingress")
                .optional("namespace", "namespace (not for Node)").required("name", "object name").build();
        return tool("k8s.analyze", "Deterministic diagnosis of an object: walks to the owning workload, checks its pods,"
                + " events, nodes, claims, quotas, rollout history and the Services it depends on; returns findings"
                + " (category, resource to change, confidence, evidence) deepest cause first.", schema, inv -> {
            String kind = required(inv, "kind");
            String ns = optional(inv, "namespace");
            String name = required(inv, "name");
            try {
                Analysis a = new ClusterAnalyzer(client, clock).analyze(new ResourceRef(kind, ns, name));
                return result(a);
            } catch (ObjectNotFoundException e) {
                return ToolResult.error(ToolError.Kind.NOT_FOUND, e.getMessage());
            } catch (IllegalArgumentException e) {
                return ToolResult.error(ToolError.Kind.INVALID_ARGUMENTS, "k8s.analyze: " + e.getMessage());
            }
        });
    }

    Tool analyzeDependency() {
        ObjectNode schema = Tools.schema().required("namespace", "namespace of the caller")
                .required("host", "the dependency as logs name it: postgres, postgres.shop.svc.cluster.local:5432,"
                        + " redis:6379 or a ClusterIP")
                .optional("caller", "the calling workload in `namespace` as Kind/name (Deployment/orders): also checks"
                        + " whether a NetworkPolicy denies it the dependency's ports").build();
        return tool("k8s.analyze_dependency", "Resolves a dependency host to its Service, endpoints and backing workload"
                + " and diagnoses why it serves nothing (scaled to zero, pods Pending or crashing, selector matching no"
                + " pods, the Service gone) or why the caller cannot reach it (a NetworkPolicy).", schema, inv -> {
            String ns = required(inv, "namespace");
            String host = required(inv, "host");
            String callerArg = optional(inv, "caller");
            ResourceRef caller = null;
            if (callerArg != null) {
                int slash = callerArg.indexOf('/');
                if (slash <= 0 || slash == callerArg.length() - 1 || callerArg.indexOf('/', slash + 1) >= 0) {
                    throw new InvalidArgumentException("argument `caller` must be Kind/name, such as Deployment/orders");
                }
                String callerName = callerArg.substring(slash + 1);
                KubernetesNames.nameProblem("caller", callerName).ifPresent(p -> {
                    throw new InvalidArgumentException(p);
                });
                caller = ResourceRef.of(callerArg.substring(0, slash), ns, callerName);
            }
            try {
                return result(new ClusterAnalyzer(client, clock).analyzeService(ns, host, caller));
            } catch (ObjectNotFoundException e) {
                return ToolResult.error(ToolError.Kind.NOT_FOUND, e.getMessage());
            } catch (IllegalArgumentException e) {
                return ToolResult.error(ToolError.Kind.INVALID_ARGUMENTS, "k8s.analyze_dependency: " + e.getMessage());
            }
        });
    }

    /** The tool result of an analysis: {@code data.findings} as snake_case findings plus a numbered text. */
    public static ToolResult result(Analysis a) {
        ObjectNode data = Json.object();
        data.set(AnalysisKeys.START, Json.mapper().valueToTree(a.start()));
        ArrayNode arr = data.putArray(AnalysisKeys.FINDINGS);
        StringBuilder sb = new StringBuilder();
        int i = 1;
        for (Finding f : a.findings()) {
            arr.add(Json.mapper().valueToTree(f));
            sb.append(i++).append(". ").append(f.category()).append(' ').append(f.resource()).append(" (")
                    .append(String.format(Locale.ROOT, "%.2f", f.confidence())).append("): ").append(f.summary()).append('\n');
        }
        data.set(AnalysisKeys.RESOLVED, a.resolved());
        data.set(AnalysisKeys.UNREADABLE, Json.mapper().valueToTree(a.unreadable()));
        String text = a.findings().isEmpty() ? "no problem found around " + a.start() : sb.toString().trim();
        if (!a.unreadable().isEmpty()) {
            text += "\n(could not read: " + String.join(", ", a.unreadable().keySet()) + ")";
        }
        return ToolResult.ok(data, text);
    }

    // ------------------------------------------------------------------ args

    private static String required(ToolInvocation inv, String name) {
        var n = inv.arguments().get(name);
        if (n == null || n.isNull() || n.asText().isBlank()) {
            throw new InvalidArgumentException("argument `" + name + "` is required");
        }
        return n.asText().trim();
    }

    private static String optional(ToolInvocation inv, String name) {
        var n = inv.arguments().get(name);
        return n == null || n.isNull() || n.asText().isBlank() ? null : n.asText().trim();
    }

    private static int intArg(ToolInvocation inv, String name, int fallback, int min, int max) {
        var n = inv.arguments().get(name);
        if (n == null || n.isNull()) {
            return fallback;
        }
        int v;
        try {
            v = n.isNumber() ? n.asInt() : Integer.parseInt(n.asText().trim());
        } catch (NumberFormatException e) {
            throw new InvalidArgumentException("argument `" + name + "` must be an integer, was '" + n.asText() + "'");
        }
        if (v < min || v > max) {
            throw new InvalidArgumentException("argument `" + name + "` must be within " + min + ".." + max + ", was " + v);
        }
        return v;
    }

    private static boolean boolArg(ToolInvocation inv, String name, boolean fallback) {
        var n = inv.arguments().get(name);
        if (n == null || n.isNull()) {
            return fallback;
        }
        String s = n.asText().trim().toLowerCase(Locale.ROOT);
        if (!s.equals("true") && !s.equals("false")) {
            throw new InvalidArgumentException("argument `" + name + "` must be true or false, was '" + n.asText() + "'");
        }
        return Boolean.parseBoolean(s);
    }
}
