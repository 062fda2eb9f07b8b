package io.sreagent.workflow.internal.agents;

import com.fasterxml.jackson.databind.JsonNode;
import io.sreagent.core.agent.AgentContext;
import io.sreagent.core.agent.AgentResponse;
import io.sreagent.core.incident.AnalysisKeys;
import io.sreagent.core.incident.Finding;
import io.sreagent.core.incident.ResourceRef;
import io.sreagent.core.incident.Trigger;
import io.sreagent.core.message.Message;
import io.sreagent.core.support.Json;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the cluster around the trigger through {@code k8s.analyze}: the object, its owners, pods, events, nodes,
 * volumes and quotas; records the workload under investigation and its pods for the other teams.
 */
public final class ClusterAnalysisAgent extends SreAgent {

    /** The agent's name in the workflow. */
    public static final String NAME = "cluster_analysis";

    private static final Set<String> WORKLOAD_KINDS = Set.of("Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob",
            "ReplicaSet");

    public ClusterAnalysisAgent() {
        super(NAME, "Analyses Kubernetes state: the object, owner chain, pods, events, rollout history, nodes, volumes");
    }

    @Override
    public AgentResponse respond(List<Message> newMessages, AgentContext ctx) {
        Trigger t = ctx.workflow().trigger();
        List<Message> out = new ArrayList<>();
        ResourceRef start = startingPoint(ctx, t.resource());
        Optional<JsonNode> result = analyze(ctx, start);
        if (result.isEmpty() && "Pod".equals(start.kind())) {
            // The pod may be gone (evicted, replaced): its controller, named by the pod's prefix, is still there.
            Optional<ResourceRef> owner = ownerByName(ctx, start);
            if (owner.isPresent()) {
                start = owner.get();
                result = analyze(ctx, start);
            }
        }
        if (result.isEmpty()) {
            if (!ctx.tools().has("k8s.analyze")) {
                ctx.workflow().markDegraded("kubernetes: no k8s.analyze tool (add io.sreagent:sre-agent-tools-k8s)");
            }
            out.add(text(ctx, "Could not analyse the cluster around " + start));
            return new AgentResponse(out);
        }
        JsonNode data = result.get();
        List<Finding> findings = findingsFrom(data.path(AnalysisKeys.FINDINGS));
        ResourceRef workload = ref(data.path(AnalysisKeys.RESOLVED).path(AnalysisKeys.WORKLOAD));
        JsonNode chain = data.path(AnalysisKeys.RESOLVED).path(AnalysisKeys.OWNER_CHAIN);
        if (workload == null && chain.isArray() && chain.size() > 0) {
            workload = ref(chain.get(chain.size() - 1));
        }
        if (workload == null) {
            workload = workloadFrom(t, findings);
        }
        Facts.putWorkload(ctx.workflow(), workload);
        Set<String> pods = new LinkedHashSet<>();
        for (Finding f : findings) {
            pods.addAll(Facts.podsNamedBy(f));
        }
        if ("Pod".equals(t.resourceKind())) {
            pods.add(t.resourceName());
        }
        for (Finding f : findings) {
            if (f.subject() != null && "Pod".equals(f.subject().kind()) && java.util.Objects.equals(f.subject().namespace(), workload.namespace())) {
                pods.add(f.subject().name());
            }
        }
        pods.remove("");
        if (pods.isEmpty() && WORKLOAD_KINDS.contains(workload.kind())) {
            pods.addAll(podsOf(ctx, workload));
        }
        if (pods.isEmpty()) {
            // An Ingress or a Service: the pods behind it are the callers whose logs say what fails.
            List<String> services = new ArrayList<>();
            data.path(AnalysisKeys.RESOLVED).path(AnalysisKeys.BACKEND_SERVICES).forEach(n -> services.add(n.asText()));
            if ("Service".equals(workload.kind())) {
                services.add(workload.name());
            }
            for (String svc : services) {
                call(ctx, "k8s.describe_service", Json.object().put("namespace", workload.namespace()).put("name", svc))
                        .ifPresent(d -> {
                            d.path("matching_pods").forEach(p -> pods.add(p.path("name").asText()));
                            // Endpoints name their pods too ("10.0.1.7 web-5d8f-abcde").
                            d.path("ready_endpoints").forEach(e -> {
                                String[] parts = e.asText().split(" ");
                                if (parts.length == 2) {
                                    pods.add(parts[1]);
                                }
                            });
                        });
            }
            pods.remove("");
        }
        Facts.putPods(ctx.workflow(), List.copyOf(pods));
        findings.stream().map(f -> f.detail().path(AnalysisKeys.ROLLOUT)).filter(JsonNode::isObject).findFirst()
                .ifPresent(r -> ctx.workflow().putFact(Facts.ROLLOUT, r));
        for (Finding f : findings) {
            out.add(finding(ctx, f));
        }
        out.add(text(ctx, findings.isEmpty()
                ? "Kubernetes shows nothing wrong around " + t.resource() + " (workload " + workload + ")."
                : findings.size() + " Kubernetes finding(s) around " + workload + "; strongest: "
                + findings.stream().max(java.util.Comparator.comparingDouble(Finding::confidence)).orElseThrow().summary()));
        return new AgentResponse(out);
    }

    private Optional<JsonNode> analyze(AgentContext ctx, ResourceRef r) {
        return call(ctx, "k8s.analyze", Json.object().put("kind", r.kind()).put("namespace", r.namespace()).put("name", r.name()));
    }

    /** An autoscaler is analysed through the workload it scales; anything else as it is. */
    private ResourceRef startingPoint(AgentContext ctx, ResourceRef trigger) {
        if (!trigger.kind().equalsIgnoreCase("HorizontalPodAutoscaler")) {
            return trigger;
        }
        return call(ctx, "k8s.describe_hpa", Json.object().put("namespace", trigger.namespace()).put("name", trigger.name()))
                .map(d -> d.path("target").asText(""))
                .filter(target -> target.contains("/"))
                .map(target -> ResourceRef.of(target.substring(0, target.indexOf('/')), trigger.namespace(),
                        target.substring(target.indexOf('/') + 1)))
                .orElse(trigger);
    }

    /** The controller whose name is the longest prefix of {@code pod}'s (controllers name their pods that way). */
    private Optional<ResourceRef> ownerByName(AgentContext ctx, ResourceRef pod) {
        ResourceRef best = null;
        for (String kind : List.of("Deployment", "StatefulSet", "DaemonSet", "Job")) {
            Optional<JsonNode> list = call(ctx, "k8s.list", Json.object().put("kind", kind).put("namespace", pod.namespace()));
            if (list.isEmpty()) {
                continue;
            }
            for (JsonNode i : list.get().path("items")) {
                String n = i.path("name").asText();
                if (pod.name().startsWith(n + "-") && (best == null || n.length() > best.name().length())) {
                    best = ResourceRef.of(kind, pod.namespace(), n);
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /** Pods named after the workload, as every controller names its pods ({@code <name>-...}). */
    private List<String> podsOf(AgentContext ctx, ResourceRef workload) {
        List<String> out = new ArrayList<>();
        call(ctx, "k8s.list", Json.object().put("kind", "Pod").put("namespace", workload.namespace()).put("limit", 500))
                .ifPresent(d -> d.path("items").forEach(i -> {
                    String n = i.path("name").asText();
                    if (n.startsWith(workload.name() + "-") && out.size() < 10) {
                        out.add(n);
                    }
                }));
        return out;
    }

    /** The owning workload named by the findings for the trigger, else the trigger's own object. */
    private static ResourceRef workloadFrom(Trigger t, List<Finding> findings) {
        if (WORKLOAD_KINDS.contains(t.resourceKind()) || !"Pod".equals(t.resourceKind())) {
            return t.resource();
        }
        for (Finding f : findings) {
            if (f.subject() != null && f.subject().equals(t.resource()) && WORKLOAD_KINDS.contains(f.resource().kind())) {
                return f.resource();
            }
        }
        for (Finding f : findings) {
            if (WORKLOAD_KINDS.contains(f.resource().kind()) && java.util.Objects.equals(f.resource().namespace(), t.namespace())
                    && t.resourceName().startsWith(f.resource().name() + "-")) {
                return f.resource();
            }
        }
        return t.resource();
    }
}
