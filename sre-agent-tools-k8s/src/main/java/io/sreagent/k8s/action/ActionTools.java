package io.sreagent.k8s.action;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.StatusDetails;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.Eviction;
import io.fabric8.kubernetes.api.model.policy.v1.EvictionBuilder;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.sreagent.core.support.Json;
import io.sreagent.core.tool.SafetyClass;
import io.sreagent.core.tool.Tool;
import io.sreagent.core.tool.ToolError;
import io.sreagent.core.tool.ToolInvocation;
import io.sreagent.core.tool.ToolResult;
import io.sreagent.core.tool.Tools;
import io.sreagent.k8s.KubernetesToolsConfig;
import io.sreagent.k8s.internal.ApiErrors;
import io.sreagent.k8s.internal.RawCalls;
import io.sreagent.k8s.internal.InvalidArgumentException;
import io.sreagent.k8s.internal.KubernetesTool;
import io.sreagent.k8s.internal.Quantities;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The mutating and destructive tools: {@code k8s.restart_rollout}, {@code k8s.delete_pod}, {@code k8s.rollback},
 * {@code k8s.scale}, {@code k8s.adjust_resources}, {@code k8s.cordon}, {@code k8s.drain}, {@code k8s.expand_pvc}.
 *
 * <p>Every action follows the same protocol: refuse a protected namespace (REFUSED) unless the config allows it;
 * read the live object; refuse when {@code expected_resource_version} differs from it (CONFLICT); send the change
 * as a server-side dry-run ({@code dryRun=All}) carrying the resourceVersion so the server enforces it too, and
 * report the dry-run's result; only when {@link ToolInvocation#mayMutate()} (dry-run off and an approval present)
 * send the real change. Results carry {@code before} and {@code after} of what changed.
 */
public final class ActionTools {

    static final String RESTARTED_AT = "kubectl.kubernetes.io/restartedAt";

    private final KubernetesClient client;
    private final KubernetesToolsConfig config;
    private final Clock clock;

    public ActionTools(KubernetesClient client, KubernetesToolsConfig config, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Every action tool. */
    public List<Tool> tools() {
        return List.of(restartRollout(), deletePod(), rollback(), scale(), adjustResources(), cordon(), drain(), expandPvc());
    }

    // ------------------------------------------------------------------ protocol

    /** A change of one object: how to compute the desired object and what to report as before/after. */
    private interface Change<T extends HasMetadata> {
        T apply(T live);

        ObjectNode view(T object);
    }

    private abstract static class Action extends KubernetesTool {
        Action(String id, String description, ObjectNode schema, SafetyClass safety) {
            super(id, description, schema, safety);
        }
    }

    private static Tools.SchemaBuilder base(boolean namespaced) {
        Tools.SchemaBuilder b = Tools.schema();
        if (namespaced) {
            b.required("namespace", "namespace of the object");
        }
        return b.required("name", "name of the object")
                .optional("expected_resource_version", "the resourceVersion the caller saw; the action is refused if the"
                        + " live object differs");
    }

    private void guardNamespace(String ns) {
        if (ns != null && config.protectedNamespaces().contains(ns) && !config.allowProtectedNamespaces()) {
            throw new Refused("namespace " + ns + " is protected (" + String.join(", ",
                    config.protectedNamespaces().stream().sorted().toList())
                    + "); actions there are refused unless K8S_ALLOW_PROTECTED_NAMESPACES=true");
        }
    }

    /** Thrown inside an action to answer REFUSED. */
    private static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refused(String m) {
            super(m);
        }
    }

    /** Thrown inside an action to answer CONFLICT. */
    private static final class Conflict extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Conflict(String m) {
            super(m);
        }
    }

    private ToolResult guarded(String id, ToolInvocation inv, java.util.function.Supplier<ToolResult> body) {
        try {
            return body.get();
        } catch (Refused e) {
            return ToolResult.error(ToolError.Kind.REFUSED, id + ": " + e.getMessage());
        } catch (Conflict e) {
            return ToolResult.error(ToolError.Kind.CONFLICT, id + ": " + e.getMessage());
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                String why = e.getStatus() == null || e.getStatus().getMessage() == null ? e.getMessage()
                        : e.getStatus().getMessage();
                return ToolResult.error(ToolError.Kind.CONFLICT, id + ": the object changed since it was read (" + why
                        + "); read it again and retry with the new resourceVersion");
            }
            return ApiErrors.toResult(e, id);
        }
    }

    private static void checkVersion(HasMetadata live, String expected, String what) {
        if (expected != null && !expected.equals(live.getMetadata().getResourceVersion())) {
            throw new Conflict(what + " has resourceVersion " + live.getMetadata().getResourceVersion()
                    + " but the caller expected " + expected + ": it changed since it was read; read it again");
        }
    }

    /** Runs the dry-run then (if allowed) the real update of {@code live} transformed by {@code change}. */
    private <T extends HasMetadata> ToolResult update(String id, ToolInvocation inv, T live, Change<T> change,
                                                      String describe) {
        String what = live.getKind() + " " + (live.getMetadata().getNamespace() == null ? ""
                : live.getMetadata().getNamespace() + "/") + live.getMetadata().getName();
        String expected = optionalArg(inv, "expected_resource_version");
        checkVersion(live, expected, what);
        T desired = change.apply(client.getKubernetesSerialization().clone(live));
        // the update carries the resourceVersion the guard saw, so the server refuses it if the object moved on
        desired.getMetadata().setResourceVersion(expected != null ? expected : live.getMetadata().getResourceVersion());
        ObjectNode data = Json.object().put("action", id);
        data.set("target", target(live));
        data.put("resource_version_before", live.getMetadata().getResourceVersion());
        data.set("before", change.view(live));
        T dry = client.resource(client.getKubernetesSerialization().clone(desired)).dryRun().update();
        ObjectNode dryNode = data.putObject("dry_run");
        dryNode.put("ok", true);
        dryNode.set("result", change.view(dry));
        data.set("after", change.view(dry));
        if (!inv.mayMutate()) {
            data.put("executed", false);
            data.put("reason", inv.dryRun() ? "dry-run mode" : "no approval");
            return ToolResult.ok(data, "dry-run of " + describe + " on " + what + " accepted by the API server: "
                    + change.view(live) + " -> " + change.view(dry) + "; nothing changed (" + data.path("reason").asText() + ")");
        }
        T done = client.resource(desired).update();
        data.put("executed", true);
        data.set("after", change.view(done));
        data.put("resource_version_after", done.getMetadata().getResourceVersion());
        return ToolResult.ok(data, describe + " on " + what + " done: " + change.view(live) + " -> " + change.view(done));
    }

    private static ObjectNode target(HasMetadata o) {
        ObjectNode t = Json.object().put("kind", o.getKind());
        t.put("namespace", o.getMetadata().getNamespace());
        t.put("name", o.getMetadata().getName());
        return t;
    }

    private static String optionalArg(ToolInvocation inv, String name) {
        JsonNode n = inv.arguments().get(name);
        return n == null || n.isNull() || n.asText().isBlank() ? null : n.asText().trim();
    }

    private static String req(ToolInvocation inv, String name) {
        String v = optionalArg(inv, name);
        if (v == null) {
            throw new InvalidArgumentException("argument `" + name + "` is required");
        }
        return v;
    }

    private static ToolResult notFound(String kind, String ns, String name) {
        return ToolResult.error(ToolError.Kind.NOT_FOUND, kind + " " + (ns == null ? "" : ns + "/") + name
                + " does not exist; check the name and namespace");
    }

    /** A workload with a pod template: Deployment, StatefulSet or DaemonSet. */
    private HasMetadata workload(String kind, String ns, String name) {
        return switch (kind.toLowerCase(Locale.ROOT)) {
            case "deployment" -> client.apps().deployments().inNamespace(ns).withName(name).get();
            case "statefulset" -> client.apps().statefulSets().inNamespace(ns).withName(name).get();
            case "daemonset" -> client.apps().daemonSets().inNamespace(ns).withName(name).get();
            default -> throw new InvalidArgumentException("kind must be Deployment, StatefulSet or DaemonSet, was '"
                    + kind + "'");
        };
    }

    private static PodTemplateSpec template(HasMetadata w) {
        if (w instanceof Deployment d) {
            return d.getSpec().getTemplate();
        }
        if (w instanceof StatefulSet s) {
            return s.getSpec().getTemplate();
        }
        if (w instanceof DaemonSet d) {
            return d.getSpec().getTemplate();
        }
        throw new IllegalStateException("no pod template on " + w.getKind());
    }

    // ------------------------------------------------------------------ actions

    Tool restartRollout() {
        ObjectNode schema = base(true).optional("kind", "Deployment (default), StatefulSet or DaemonSet").build();
        return new Action("k8s.restart_rollout", "Restarts a workload's pods the way `kubectl rollout restart` does"
                + " (sets the pod template's restartedAt annotation). Server-side dry-run first; changes only with approval.",
                schema, SafetyClass.MUTATING) {
            @Override
            protected ToolResult run(ToolInvocation inv) {
                return guarded(id(), inv, () -> {
                    String ns = req(inv, "namespace");
                    String name = req(inv, "name");
                    String kind = inv.arg("kind", "Deployment");
                    guardNamespace(ns);
                    HasMetadata live = workload(kind, ns, name);
                    if (live == null) {
                        return notFound(kind, ns, name);
                    }
                    String now = clock.instant().toString();
                    return update(id(), inv, live, new Change<>() {
                        @Override
                        public HasMetadata apply(HasMetadata w) {
                            PodTemplateSpec t = template(w);
                            if (t.getMetadata() == null) {
                                t.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMeta());
                            }
                            Map<String, String> ann = t.getMetadata().getAnnotations() == null ? new LinkedHashMap<>()
                                    : new LinkedHashMap<>(t.getMetadata().getAnnotations());
                            ann.put(RESTARTED_AT, now);
                            t.getMetadata().setAnnotations(ann);
                            return w;
                        }

                        @Override
                        public ObjectNode view(HasMetadata w) {
                            PodTemplateSpec t = template(w);
                            String v = t.getMetadata() == null || t.getMetadata().getAnnotations() == null ? null
                                    : t.getMetadata().getAnnotations().get(RESTARTED_AT);
                            return Json.object().put("restarted_at", v);
                        }
                    }, "rollout restart");
                });
            }
        };
    }

    Tool deletePod() {
        return new Action("k8s.delete_pod", "Deletes one pod so its controller recreates it. Server-side dry-run first;"
                + " deletes only with approval.", base(true).build(), SafetyClass.DESTRUCTIVE) {
            @Override
            protected ToolResult run(ToolInvocation inv) {
                return guarded(id(), inv, () -> {
                    String ns = req(inv, "namespace");
                    String name = req(inv, "name");
                    guardNamespace(ns);
                    Pod live = client.pods().inNamespace(ns).withName(name).get();
                    if (live == null) {
                        return notFound("Pod", ns, name);
                    }
                    String expected = optionalArg(inv, "expected_resource_version");
                    checkVersion(live, expected, "Pod " + ns + "/" + name);
                    String rv = expected != null ? expected : live.getMetadata().getResourceVersion();
                    OwnerReference owner = live.getMetadata().getOwnerReferences() == null ? null
                            : live.getMetadata().getOwnerReferences().stream()
                            .filter(r -> Boolean.TRUE.equals(r.getController())).findFirst().orElse(null);
                    ObjectNode data = Json.object().put("action", id());
                    data.set("target", target(live));
                    data.put("resource_version_before", live.getMetadata().getResourceVersion());
                    data.set("before", Json.object().put("exists", true).put("phase", live.getStatus() == null ? null
                            : live.getStatus().getPhase()).put("owner", owner == null ? null : owner.getKind() + "/" + owner.getName()));
                    List<StatusDetails> dry = client.pods().inNamespace(ns).withName(name).dryRun().delete();
                    data.putObject("dry_run").put("ok", true).put("deleted", dry != null && !dry.isEmpty());
                    data.set("after", Json.object().put("exists", false));
                    if (owner == null) {
                        data.put("warning", "the pod has no controller: it will not be recreated");
                    }
                    if (!inv.mayMutate()) {
                        data.put("executed", false);
                        data.put("reason", inv.dryRun() ? "dry-run mode" : "no approval");
                        return ToolResult.ok(data, "dry-run delete of Pod " + ns + "/" + name
                                + " accepted by the API server; nothing changed (" + data.path("reason").asText() + ")");
                    }
                    client.pods().inNamespace(ns).withName(name).lockResourceVersion(rv).delete();
                    data.put("executed", true);
                    return ToolResult.ok(data, "deleted Pod " + ns + "/" + name
                            + (owner == null ? "" : "; " + owner.getKind() + " " + owner.getName() + " recreates it"));
                });
            }
        };
    }

    Tool rollback() {
        ObjectNode schema = base(true).property("to_revision", "integer",
                "the revision to go back to; absent: the newest earlier revision known healthy (else the previous one)",
                false).build();
        return new Action("k8s.rollback", "Rolls a Deployment back to an earlier revision: puts back exactly that"
                + " ReplicaSet's pod template (minus pod-template-hash). Server-side dry-run first; changes only with"
                + " approval.", schema, SafetyClass.MUTATING) {
            @Override
            protected ToolResult run(ToolInvocation inv) {
                return guarded(id(), inv, () -> {
                    String ns = req(inv, "namespace");
                    String name = req(inv, "name");
                    guardNamespace(ns);
                    Deployment live = client.apps().deployments().inNamespace(ns).withName(name).get();
                    if (live == null) {
                        return notFound("Deployment", ns, name);
                    }
                    String toArg = optionalArg(inv, "to_revision");
                    List<ReplicaSet> rss = new ArrayList<>();
                    for (ReplicaSet rs : client.apps().replicaSets().inNamespace(ns).list().getItems()) {
                        OwnerReference r = rs.getMetadata().getOwnerReferences() == null ? null
                                : rs.getMetadata().getOwnerReferences().stream().filter(o -> "Deployment".equals(o.getKind())
                                && name.equals(o.getName())).findFirst().orElse(null);
                        if (r != null) {
                            rss.add(rs);
                        }
                    }
                    rss.sort(Comparator.comparingLong(ActionTools::revision).reversed());
                    if (rss.size() < 2 && toArg == null) {
                        return ToolResult.error(ToolError.Kind.INVALID_ARGUMENTS, "Deployment " + ns + "/" + name
                                + " has no earlier revision to roll back to");
                    }
                    long current = revision(live);
                    ReplicaSet target = null;
                    if (toArg != null) {
                        long to;
                        try {
                            to = Long.parseLong(toArg);
                        } catch (NumberFormatException e) {
                            throw new InvalidArgumentException("to_revision must be an integer, was '" + toArg + "'");
                        }
                        for (ReplicaSet rs : rss) {
                            if (revision(rs) == to) {
                                target = rs;
                            }
                        }
                        if (target == null) {
                            List<Long> known = rss.stream().map(ActionTools::revision).toList();
                            return ToolResult.error(ToolError.Kind.INVALID_ARGUMENTS, "Deployment " + ns + "/" + name
                                    + " has no revision " + to + "; known revisions: " + known);
                        }
                    } else {
                        for (ReplicaSet rs : rss.subList(1, rss.size())) {
                            if (rs.getStatus() != null && rs.getStatus().getReadyReplicas() != null
                                    && rs.getStatus().getReadyReplicas() > 0) {
                                target = rs;
                                break;
                            }
                        }
                        if (target == null) {
                            target = rss.get(1);
                        }
                    }
                    ReplicaSet chosen = target;
                    long to = revision(chosen);
                    return update(id(), inv, live, new Change<>() {
                        @Override
                        public Deployment apply(Deployment d) {
                            PodTemplateSpec t = client.getKubernetesSerialization().clone(chosen.getSpec().getTemplate());
                            if (t.getMetadata() != null && t.getMetadata().getLabels() != null) {
                                Map<String, String> labels = new LinkedHashMap<>(t.getMetadata().getLabels());
                                labels.remove("pod-template-hash");
                                t.getMetadata().setLabels(labels);
                            }
                            d.getSpec().setTemplate(t);
                            return d;
                        }

                        @Override
                        public ObjectNode view(Deployment d) {
                            ObjectNode o = Json.object();
                            ArrayNode imgs = o.putArray("images");
                            d.getSpec().getTemplate().getSpec().getContainers().forEach(c -> imgs.add(c.getImage()));
                            o.set("template", Json.mapper().valueToTree(d.getSpec().getTemplate()));
                            return o;
                        }
                    }, "rollback from revision " + current + " to revision " + to);
                });
            }
        };
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

    Tool scale() {
        ObjectNode schema = base(true).optional("kind", "Deployment (default), StatefulSet or ReplicaSet")
                .property("replicas", "integer", "the new number of replicas", true).build();
        return new Action("k8s.scale", "Sets a workload's replicas. Server-side dry-run first; changes only with approval.",
                schema, SafetyClass.MUTATING) {
            @Override
            protected ToolResult run(ToolInvocation inv) {
                return guarded(id(), inv, () -> {
                    String ns = req(inv, "namespace");
                    String name = req(inv, "name");
                    String kind = inv.arg("kind", "Deployment");
                    int replicas = intArg(inv, "replicas", -1, 0, 10_000);
                    if (replicas < 0) {
                        throw new InvalidArgumentException("argument `replicas` is required");
                    }
                    guardNamespace(ns);
                    HasMetadata live = switch (kind.toLowerCase(Locale.ROOT)) {
                        case "deployment" -> client.apps().deployments().inNamespace(ns).withName(name).get();
                        case "statefulset" -> client.apps().statefulSets().inNamespace(ns).withName(name).get();
                        case "replicaset" -> client.apps().replicaSets().inNamespace(ns).withName(name).get();
                        default -> throw new InvalidArgumentException("kind must be Deployment, StatefulSet or ReplicaSet,"
                                + " was '" + kind + "'");
                    };
                    if (live == null) {
                        return notFound(kind, ns, name);
                    }
                    return update(id(), inv, live, new Change<>() {
                        @Override
                        public HasMetadata apply(HasMetadata w) {
                            if (w instanceof Deployment d) {
                                d.getSpec().setReplicas(replicas);
                            } else if (w instanceof StatefulSet s) {
                                s.getSpec().setReplicas(replicas);
                            } else if (w instanceof ReplicaSet r) {
                                r.getSpec().setReplicas(replicas);
                            }
                            return w;
                        }

                        @Override
                        public ObjectNode view(HasMetadata w) {
                            Integer r = w instanceof Deployment d ? d.getSpec().getReplicas()
                                    : w instanceof StatefulSet s ? s.getSpec().getReplicas()
                                    : ((ReplicaSet) w).getSpec().getReplicas();
                            return Json.object().put("replicas", r == null ? 1 : r);
                        }
                    }, "scale to " + replicas);
                });
            }
        };
    }

    Tool adjustResources() {
        ObjectNode schema = base(true).optional("kind", "Deployment (default), StatefulSet or DaemonSet")
                .required("container", "the container to change")
                .optional("requests_cpu", "new CPU request, such as 250m").optional("requests_memory", "new memory request, such as 256Mi")
                .optional("limits_cpu", "new CPU limit").optional("limits_memory", "new memory limit, such as 512Mi").build();
        return new Action("k8s.adjust_resources", "Changes the requests and/or limits of one container of a workload's"
                + " pod template. Server-side dry-run first; changes only with approval.", schema, SafetyClass.MUTATING) {
            @Override
            protected ToolResult run(ToolInvocation inv) {
                return guarded(id(), inv, () -> {
                    String ns = req(inv, "namespace");
                    String name = req(inv, "name");
                    String kind = inv.arg("kind", "Deployment");
                    String container = req(inv, "container");
                    Map<String, Quantity> req = new LinkedHashMap<>();
                    Map<String, Quantity> lim = new LinkedHashMap<>();
                    quantity(inv, "requests_cpu", "cpu", req);
                    quantity(inv, "requests_memory", "memory", req);
                    quantity(inv, "limits_cpu", "cpu", lim);
                    quantity(inv, "limits_memory", "memory", lim);
                    if (req.isEmpty() && lim.isEmpty()) {
                        throw new InvalidArgumentException("give at least one of requests_cpu, requests_memory, limits_cpu,"
                                + " limits_memory");
                    }
                    guardNamespace(ns);
                    HasMetadata live = workload(kind, ns, name);
                    if (live == null) {
                        return notFound(kind, ns, name);
                    }
                    if (template(live).getSpec().getContainers().stream().noneMatch(c -> c.getName().equals(container))) {
                        return ToolResult.error(ToolError.Kind.INVALID_ARGUMENTS, kind + " " + ns + "/" + name
                                + " has no container '" + container + "'");
                    }
                    return update(id(), inv, live, new Change<>() {
                        @Override
                        public HasMetadata apply(HasMetadata w) {
                            for (Container c : template(w).getSpec().getContainers()) {
                                if (!c.getName().equals(container)) {
                                    continue;
                                }
                                ResourceRequirements r = c.getResources() == null ? new ResourceRequirements() : c.getResources();
                                Map<String, Quantity> rq = r.getRequests() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(r.getRequests());
                                Map<String, Quantity> lm = r.getLimits() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(r.getLimits());
                                rq.putAll(req);
                                lm.putAll(lim);
                                r.setRequests(rq);
                                r.setLimits(lm);
                                c.setResources(r);
                            }
                            return w;
                        }

                        @Override
                        public ObjectNode view(HasMetadata w) {
                            ObjectNode o = Json.object().put("container", container);
                            for (Container c : template(w).getSpec().getContainers()) {
                                if (c.getName().equals(container) && c.getResources() != null) {
                                    ObjectNode rq = o.putObject("requests");
                                    ObjectNode lm = o.putObject("limits");
                                    if (c.getResources().getRequests() != null) {
                                        c.getResources().getRequests().forEach((k, v) -> rq.put(k, v.toString()));
                                    }
                                    if (c.getResources().getLimits() != null) {
                                        c.getResources().getLimits().forEach((k, v) -> lm.put(k, v.toString()));
                                    }
                                }
                            }
                            return o;
                        }
                    }, "resource change of container " + container);
                });
            }
        };
    }

    private static void quantity(ToolInvocation inv, String arg, String key, Map<String, Quantity> into) {
        String v = optionalArg(inv, arg);
        if (v == null) {
            return;
        }
        Quantity q;
        try {
            q = new Quantity(v);
            BigDecimal amount = q.getNumericalAmount();
            if (amount.signum() <= 0) {
                throw new InvalidArgumentException("argument `" + arg + "` must be positive, was '" + v + "'");
            }
        } catch (ArithmeticException | IllegalArgumentException e) {
            if (e instanceof InvalidArgumentException ie) {
                throw ie;
            }
            throw new InvalidArgumentException("argument `" + arg + "` is not a Kubernetes quantity (such as 500m, 256Mi):"
                    + " '" + v + "'");
        }
        into.put(key, q);
    }

    private Change<Node> cordonChange(boolean unschedulable) {
        return new Change<>() {
            @Override
            public Node apply(Node n) {
                n.getSpec().setUnschedulable(unschedulable ? Boolean.TRUE : null);
                return n;
            }

            @Override
            public ObjectNode view(Node n) {
                return Json.object().put("unschedulable", n.getSpec() != null && Boolean.TRUE.equals(n.getSpec().getUnschedulable()));
            }
        };
    }

    Tool cordon() {
        ObjectNode schema = base(false).property("unschedulable", "boolean",
                "true (default) cordons, false uncordons", false).build();
        return new Action("k8s.cordon", "Marks a node unschedulable (or schedulable again). Server-side dry-run first;"
                + " changes only with approval.", schema, SafetyClass.MUTATING) {
            @Override
            protected ToolResult run(ToolInvocation inv) {
                return guarded(id(), inv, () -> {
                    String name = req(inv, "name");
                    boolean un = boolArg(inv, "unschedulable", true);
                    Node live = client.nodes().withName(name).get();
                    if (live == null) {
                        return notFound("Node", null, name);
                    }
                    if (live.getSpec() == null) {
                        live.setSpec(new io.fabric8.kubernetes.api.model.NodeSpec());
                    }
                    return update(id(), inv, live, cordonChange(un), un ? "cordon" : "uncordon");
                });
            }
        };
    }

    Tool drain() {
        return new Action("k8s.drain", "Cordons a node and evicts its pods through the Eviction API, which respects"
                + " PodDisruptionBudgets (DaemonSet pods and pods in protected namespaces are skipped). Server-side dry-run"
                + " first; evicts only with approval.", base(false).build(), SafetyClass.DESTRUCTIVE) {
            @Override
            protected ToolResult run(ToolInvocation inv) {
                return guarded(id(), inv, () -> {
                    String name = req(inv, "name");
                    Node live = client.nodes().withName(name).get();
                    if (live == null) {
                        return notFound("Node", null, name);
                    }
                    if (live.getSpec() == null) {
                        live.setSpec(new io.fabric8.kubernetes.api.model.NodeSpec());
                    }
                    ToolResult cordoned = update(id(), inv, live, cordonChange(true), "cordon");
                    if (cordoned.isError()) {
                        return cordoned;
                    }
                    ObjectNode data = ((ObjectNode) cordoned.data()).deepCopy();
                    ArrayNode evicted = data.putArray("evicted");
                    ArrayNode blocked = data.putArray("blocked_by_disruption_budget");
                    ArrayNode skipped = data.putArray("skipped");
                    boolean real = inv.mayMutate();
                    for (Pod p : client.pods().inAnyNamespace().list().getItems()) {
                        if (p.getSpec() == null || !name.equals(p.getSpec().getNodeName())) {
                            continue;
                        }
                        String ref = p.getMetadata().getNamespace() + "/" + p.getMetadata().getName();
                        String phase = p.getStatus() == null ? null : p.getStatus().getPhase();
                        boolean daemon = p.getMetadata().getOwnerReferences() != null && p.getMetadata().getOwnerReferences()
                                .stream().anyMatch(r -> "DaemonSet".equals(r.getKind()));
                        boolean mirror = p.getMetadata().getAnnotations() != null
                                && p.getMetadata().getAnnotations().containsKey("kubernetes.io/config.mirror");
                        boolean prot = config.protectedNamespaces().contains(p.getMetadata().getNamespace())
                                && !config.allowProtectedNamespaces();
                        if (daemon || mirror || prot || "Succeeded".equals(phase) || "Failed".equals(phase)) {
                            skipped.add(ref + (daemon ? " (DaemonSet)" : mirror ? " (mirror pod)" : prot ? " (protected namespace)"
                                    : " (" + phase + ")"));
                            continue;
                        }
                        int code = evict(p.getMetadata().getNamespace(), p.getMetadata().getName(), !real);
                        if (code == 429) {
                            blocked.add(ref);
                        } else if (code == 404) {
                            skipped.add(ref + " (already gone)");
                        } else {
                            evicted.add(ref);
                        }
                    }
                    String text = (real ? "drained" : "dry-run drain of") + " node " + name + ": " + evicted.size()
                            + (real ? " evicted" : " would be evicted") + ", " + blocked.size()
                            + " blocked by a PodDisruptionBudget, " + skipped.size() + " skipped"
                            + (real ? "" : "; nothing changed (" + (inv.dryRun() ? "dry-run mode" : "no approval") + ")");
                    return ToolResult.ok(data, text);
                });
            }
        };
    }

    /**
     * POSTs an Eviction for one pod and returns the status code (429 = a PodDisruptionBudget forbids it now). A
     * dry-run carries {@code dryRun=All} both as query parameter and in the eviction's deleteOptions, as kubectl does.
     *
     * @throws KubernetesClientException for any answer other than 2xx, 404 and 429
     */
    private int evict(String ns, String name, boolean dryRun) {
        Eviction ev = new EvictionBuilder().withNewMetadata().withName(name).withNamespace(ns).endMetadata()
                .withDeleteOptions(new io.fabric8.kubernetes.api.model.DeleteOptionsBuilder()
                        .withDryRun(dryRun ? List.of("All") : List.of()).build()).build();
        String what = "evicting pod " + ns + "/" + name;
        var request = client.getHttpClient().newHttpRequestBuilder()
                .uri(RawCalls.url(client, "api/v1/namespaces/" + ns + "/pods/" + name + "/eviction"
                        + (dryRun ? "?dryRun=All" : "")))
                .post("application/json", client.getKubernetesSerialization().asJson(ev)).build();
        var response = RawCalls.send(client, request, config.requestTimeout(), what);
        int code = response.code();
        if (code / 100 == 2 || code == 404 || code == 429) {
            return code;
        }
        throw RawCalls.failure(client, response, what);
    }

    Tool expandPvc() {
        ObjectNode schema = base(true).required("size", "the new requested storage, larger than the current one (such as 20Gi)")
                .build();
        return new Action("k8s.expand_pvc", "Raises a PersistentVolumeClaim's requested storage (its StorageClass must"
                + " allow volume expansion). Server-side dry-run first; changes only with approval.", schema,
                SafetyClass.MUTATING) {
            @Override
            protected ToolResult run(ToolInvocation inv) {
                return guarded(id(), inv, () -> {
                    String ns = req(inv, "namespace");
                    String name = req(inv, "name");
                    Map<String, Quantity> q = new LinkedHashMap<>();
                    quantity(inv, "size", "storage", q);
                    if (q.isEmpty()) {
                        throw new InvalidArgumentException("argument `size` is required");
                    }
                    Quantity size = q.get("storage");
                    guardNamespace(ns);
                    PersistentVolumeClaim live = client.persistentVolumeClaims().inNamespace(ns).withName(name).get();
                    if (live == null) {
                        return notFound("PersistentVolumeClaim", ns, name);
                    }
                    Quantity current = live.getSpec().getResources() == null || live.getSpec().getResources().getRequests() == null
                            ? null : live.getSpec().getResources().getRequests().get("storage");
                    BigDecimal cur = Quantities.amount(current);
                    if (cur != null && size.getNumericalAmount().compareTo(cur) <= 0) {
                        return ToolResult.error(ToolError.Kind.INVALID_ARGUMENTS, "size " + size + " is not larger than the"
                                + " current request " + current + " of PersistentVolumeClaim " + ns + "/" + name
                                + " (volumes can only grow)");
                    }
                    String sc = live.getSpec().getStorageClassName();
                    if (sc != null) {
                        StorageClass cls = client.storage().v1().storageClasses().withName(sc).get();
                        if (cls != null && !Boolean.TRUE.equals(cls.getAllowVolumeExpansion())) {
                            return ToolResult.error(ToolError.Kind.REFUSED, "StorageClass " + sc
                                    + " does not allow volume expansion (allowVolumeExpansion is not true)");
                        }
                    }
                    return update(id(), inv, live, new Change<>() {
                        @Override
                        public PersistentVolumeClaim apply(PersistentVolumeClaim p) {
                            if (p.getSpec().getResources() == null) {
                                p.getSpec().setResources(new io.fabric8.kubernetes.api.model.VolumeResourceRequirements());
                            }
                            Map<String, Quantity> r = p.getSpec().getResources().getRequests() == null ? new LinkedHashMap<>()
                                    : new LinkedHashMap<>(p.getSpec().getResources().getRequests());
                            r.put("storage", size);
                            p.getSpec().getResources().setRequests(r);
                            return p;
                        }

                        @Override
                        public ObjectNode view(PersistentVolumeClaim p) {
                            Quantity s = p.getSpec().getResources() == null || p.getSpec().getResources().getRequests() == null
                                    ? null : p.getSpec().getResources().getRequests().get("storage");
                            return Json.object().put("storage", s == null ? null : s.toString());
                        }
                    }, "expand to " + size);
                });
            }
        };
    }
}
