package io.sreagent.workflow.internal.agents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sreagent.core.agent.AgentContext;
import io.sreagent.core.agent.AgentResponse;
import io.sreagent.core.incident.AnalysisKeys;
import io.sreagent.core.incident.ActionStatus;
import io.sreagent.core.incident.ActionType;
import io.sreagent.core.incident.Category;
import io.sreagent.core.incident.Finding;
import io.sreagent.core.incident.Hypothesis;
import io.sreagent.core.incident.ProposedAction;
import io.sreagent.core.incident.ResourceRef;
import io.sreagent.core.message.Message;
import io.sreagent.core.safety.Quantities;
import io.sreagent.core.support.Json;
import io.sreagent.core.workflow.WorkflowContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Proposes actions for the leading hypothesis (the taxonomy's default action, with concrete parameters read from the
 * evidence, plus a rollback where the failure began with a rollout); after the guard rejects an action it proposes
 * the advisory fallback instead. Then hands off to the guard.
 */
public final class RecommendationAgent extends SreAgent {

    /** The agent's name in the workflow. */
    public static final String NAME = "recommendation";

    public RecommendationAgent() {
        super(NAME, "Proposes remediation actions for the leading hypothesis");
    }

    @Override
    public AgentResponse respond(List<Message> newMessages, AgentContext ctx) {
        WorkflowContext wf = ctx.workflow();
        List<ProposedAction> existing = wf.actions();
        if (!existing.isEmpty()) {
            // Back from the guard: replace each rejection with a person's investigation, once.
            boolean anyRejected = existing.stream().anyMatch(a -> a.status() == ActionStatus.REJECTED);
            boolean hasAdvisory = existing.stream().anyMatch(a -> a.type() == ActionType.INVESTIGATE);
            if (anyRejected && !hasAdvisory) {
                ProposedAction rejected = existing.stream().filter(a -> a.status() == ActionStatus.REJECTED).findFirst().orElseThrow();
                wf.putAction(ProposedAction.propose(nextId(wf), ActionType.INVESTIGATE, rejected.target(), null,
                        "the guard rejected " + rejected.type() + " (" + String.join("; ", rejected.guard().reasons())
                                + "); a person should look"));
                return AgentResponse.of(text(ctx, "Proposed an investigation instead of the rejected " + rejected.type()),
                        handoff(ctx, GuardAgent.NAME, "review the replacement"));
            }
            return AgentResponse.of(handoff(ctx, GuardAgent.NAME, "nothing more to propose"));
        }
        Optional<Hypothesis> best = wf.bestHypothesis();
        if (best.isEmpty()) {
            return AgentResponse.of(stop(ctx, "no hypothesis to act on"));
        }
        Hypothesis h = best.get();
        for (ProposedAction a : propose(h, wf)) {
            wf.putAction(a);
        }
        List<String> names = wf.actions().stream().map(a -> a.type() + " " + a.target()).toList();
        return AgentResponse.of(text(ctx, "Proposed: " + String.join(", ", names)), handoff(ctx, GuardAgent.NAME, "review the proposals"));
    }

    private static String nextId(WorkflowContext wf) {
        return "act-" + (wf.actions().size() + 1);
    }

    private List<ProposedAction> propose(Hypothesis h, WorkflowContext wf) {
        List<ProposedAction> out = new ArrayList<>();
        ResourceRef target = h.resource();
        List<Finding> support = wf.findings().stream()
                .filter(f -> f.category() == h.category() || target.equals(f.resource())).toList();
        Optional<JsonNode> rollback = rollbackInfo(wf);
        String why = h.summary();
        switch (h.category()) {
            case OOM_KILLED -> out.add(adjustMemory(wf, target, support, why));
            case MEMORY_LEAK -> {
                out.add(ProposedAction.propose(nextIdAfter(wf, out), ActionType.RESTART_ROLLOUT, target, null,
                        "restart to release leaked memory while the leak is fixed: " + why));
                rollback.ifPresent(rb -> out.add(rollbackAction(wf, out, target, rb, "the leak began with a rollout")));
            }
            case APP_CRASH, BAD_ROLLOUT, CONFIG_MISSING, IMAGE_PULL -> {
                if (rollback.isPresent() && isWorkload(target)) {
                    out.add(rollbackAction(wf, out, target, rollback.get(), "the failures began with revision "
                            + rollback.get().path("current_revision").asText("?")));
                }
                ActionType advisory = switch (h.category()) {
                    case CONFIG_MISSING -> ActionType.FIX_CONFIG;
                    case IMAGE_PULL -> ActionType.FIX_IMAGE;
                    case BAD_ROLLOUT -> rollback.isPresent() ? null : ActionType.INVESTIGATE;
                    default -> ActionType.INVESTIGATE;
                };
                if (advisory != null) {
                    out.add(ProposedAction.propose(nextIdAfter(wf, out), advisory, target, null, why));
                }
            }
            case DEPENDENCY_UNAVAILABLE -> {
                boolean scaledToZero = support.stream().anyMatch(f -> target.equals(f.resource())
                        && f.detail().path("replicas").isInt() && f.detail().path("replicas").asInt() == 0);
                if (scaledToZero && isWorkload(target)) {
                    int to = support.stream().mapToInt(f -> previousReplicas(f.detail().path("last_scale_event").asText(""))).max().orElse(1);
                    ObjectNode p = Json.object().put("replicas", Math.max(1, to)).put("current_replicas", 0);
                    out.add(ProposedAction.propose(nextIdAfter(wf, out), ActionType.SCALE, target, p,
                            target + " is scaled to 0; scale it back up"));
                } else if (isWorkload(target)) {
                    out.add(ProposedAction.propose(nextIdAfter(wf, out), ActionType.RESTART_ROLLOUT, target, null,
                            "restart the unavailable dependency: " + why));
                }
                out.add(ProposedAction.propose(nextIdAfter(wf, out), ActionType.INVESTIGATE, target, null, why));
            }
            case DNS_FAILURE -> {
                // What keeps the DNS pods from serving decides: a restart helps crashing pods, not Pending ones.
                Set<ActionType> underlying = new LinkedHashSet<>();
                support.forEach(f -> {
                    try {
                        underlying.add(Category.valueOf(f.detail().path("underlying_category").asText("")).defaultAction());
                    } catch (IllegalArgumentException e) {
                        // not a finding about the DNS pods themselves
                    }
                });
                boolean notRunning = underlying.stream().anyMatch(t -> t == ActionType.ADJUST_RESOURCES
                        || t == ActionType.FIX_SCHEDULING || t == ActionType.FIX_STORAGE || t == ActionType.FIX_QUOTA
                        || t == ActionType.FIX_IMAGE || t == ActionType.FIX_CONFIG);
                if (!notRunning) {
                    out.add(ProposedAction.propose(nextIdAfter(wf, out), ActionType.RESTART_ROLLOUT, target, null,
                            "restart the cluster DNS: " + why));
                }
                for (ActionType t : underlying) {
                    if (t != ActionType.RESTART_ROLLOUT && t != ActionType.INVESTIGATE) {
                        out.add(ProposedAction.propose(nextIdAfter(wf, out), t, target, null, "the DNS pods' own cause: " + why));
                    }
                }
                out.add(ProposedAction.propose(nextIdAfter(wf, out), ActionType.INVESTIGATE, target, null, why));
            }
            case CPU_THROTTLING -> out.add(adjustCpu(wf, target, support, why));
            case CAPACITY_SATURATION -> {
                int current = support.stream().mapToInt(f -> f.detail().path("current_replicas").asInt(-1)).max().orElse(-1);
                ObjectNode p = Json.object();
                if (current > 0) {
                    p.put("current_replicas", current).put("replicas", (int) Math.ceil(current * 1.5));
                } else {
                    p.put("replicas", 4);
                }
                // An autoscaler meant for the workload that scales something that does not exist: point it at the
                // workload, and scale the workload by hand meanwhile.
                support.stream().filter(f -> target.equals(f.resource()) && f.detail().path("autoscaler_target_missing").asBoolean())
                        .map(f -> f.detail().path("autoscaler").asText("")).filter(n -> !n.isEmpty()).findFirst()
                        .ifPresent(hpa -> out.add(ProposedAction.propose(nextIdAfter(wf, out), ActionType.FIX_CONFIG,
                                ResourceRef.of("HorizontalPodAutoscaler", target.namespace(), hpa),
                                Json.object().put("scale_target", target.kind() + "/" + target.name()),
                                "point the autoscaler's scaleTargetRef at " + target + ": " + why)));
                support.stream().filter(f -> f.detail().hasNonNull("missing_request"))
                        .max(Comparator.comparing(f -> f.detail().hasNonNull("suggested_requests_cpu"))).ifPresent(f -> {
                    String r = f.detail().get("missing_request").asText();
                    ObjectNode params = Json.object().put("note", "set a " + r
                            + " request on every container, so the autoscaler can compute its utilisation");
                    if (f.detail().hasNonNull("suggested_requests_cpu")) {
                        // The usage before the load rose: the autoscaler then reads about 100% at normal load.
                        params.put("container", f.detail().path("container").asText());
                        params.putObject("requests").put("cpu", f.detail().get("suggested_requests_cpu").asText());
                    }
                    out.add(ProposedAction.propose(nextIdAfter(wf, out), ActionType.ADJUST_RESOURCES, target, params,
                            "the autoscaler cannot scale without a " + r + " request: " + why));
                });
                out.add(ProposedAction.propose(nextIdAfter(wf, out), ActionType.SCALE, target, p, "add capacity: " + why));
            }
            case NODE_FAILURE -> {
                out.add(ProposedAction.propose(nextIdAfter(wf, out), ActionType.CORDON_NODE, target, null,
                        "keep new pods off the failing node: " + why));
                // Evicting what still runs there moves it sooner than the node lifecycle would; always a person's call.
                Set<String> blockers = new LinkedHashSet<>();
                support.forEach(f -> f.detail().path("drain_blocked_by").forEach(n -> blockers.add(n.asText())));
                out.add(ProposedAction.propose(nextIdAfter(wf, out), ActionType.DRAIN_NODE, target,
                        blockers.isEmpty() ? null : Json.object().put("note", "PodDisruptionBudgets " + blockers
                                + " allow no disruption now: their pods stay on the node until they do"),
                        "move the pods still bound to the failing node elsewhere (respects PodDisruptionBudgets"
                                + (blockers.isEmpty() ? "" : "; " + blockers + " allow no disruption now, so their pods stay until they do")
                                + "): " + why));
            }
            case DISK_FULL -> {
                ObjectNode p = Json.object();
                support.stream().map(f -> f.detail().path("capacity").asText("")).filter(s -> !s.isEmpty()).findFirst()
                        .ifPresent(cap -> p.put("current_size", cap).put("size", grow(cap, 1.5)));
                out.add(ProposedAction.propose(nextIdAfter(wf, out), ActionType.EXPAND_VOLUME, target, p, why));
            }
            case UNSCHEDULABLE_RESOURCES -> {
                out.add(ProposedAction.propose(nextIdAfter(wf, out), ActionType.ADJUST_RESOURCES, target,
                        Json.object().put("note", "lower the requests to fit the nodes' allocatable capacity, or add nodes"), why));
                out.add(ProposedAction.propose(nextIdAfter(wf, out), ActionType.INVESTIGATE, target, null, "check cluster capacity"));
            }
            default -> out.add(ProposedAction.propose(nextIdAfter(wf, out), h.category().defaultAction(), target, null, why));
        }
        return out;
    }

    /** "Scaled down replica set x to 0 from 2" → 2; 1 when the event does not say. */
    private static int previousReplicas(String event) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("from (\\d+)").matcher(event);
        return m.find() ? Integer.parseInt(m.group(1)) : 1;
    }

    private static String nextIdAfter(WorkflowContext wf, List<ProposedAction> pending) {
        return "act-" + (wf.actions().size() + pending.size() + 1);
    }

    private static boolean isWorkload(ResourceRef r) {
        return List.of("Deployment", "StatefulSet", "DaemonSet").contains(r.kind());
    }

    /**
     * Where to roll back to, when the evidence says the failures began with a rollout and the previous revision was
     * healthy: {@code {to_revision, current_revision}}.
     */
    private static Optional<JsonNode> rollbackInfo(WorkflowContext wf) {
        for (Finding f : wf.findings()) {
            JsonNode d = f.detail();
            if (d.hasNonNull("rollback_to_revision")) {
                return Optional.of(Json.object().put("to_revision", d.get("rollback_to_revision").asText())
                        .put("current_revision", d.path(AnalysisKeys.ROLLOUT).path(AnalysisKeys.CURRENT_REVISION).asText("")));
            }
            JsonNode r = d.path(AnalysisKeys.ROLLOUT);
            if (d.path("failures_began_with_rollout").asBoolean(false)) {
                return Optional.of(Json.object().put("to_revision", d.path("previous_revision").asText(""))
                        .put("current_revision", d.path("current_revision").asText("")));
            }
            if (r.path(AnalysisKeys.PREVIOUS_HEALTHY).asBoolean(false) && r.hasNonNull(AnalysisKeys.ROLLBACK_CANDIDATE_REVISION)
                    && r.hasNonNull(AnalysisKeys.FAILURES_STARTED_WITH_REVISION)) {
                return Optional.of(Json.object().put("to_revision", r.get(AnalysisKeys.ROLLBACK_CANDIDATE_REVISION).asText())
                        .put("current_revision", r.get(AnalysisKeys.FAILURES_STARTED_WITH_REVISION).asText()));
            }
        }
        return wf.fact(Facts.ROLLOUT).filter(r -> r.path(AnalysisKeys.PREVIOUS_HEALTHY).asBoolean(false)
                        && r.hasNonNull(AnalysisKeys.ROLLBACK_CANDIDATE_REVISION))
                .map(r -> Json.object().put("to_revision", r.get(AnalysisKeys.ROLLBACK_CANDIDATE_REVISION).asText())
                        .put("current_revision", r.path(AnalysisKeys.CURRENT_REVISION).asText("")));
    }

    private static ProposedAction rollbackAction(WorkflowContext wf, List<ProposedAction> pending, ResourceRef target,
                                                 JsonNode rb, String why) {
        ObjectNode p = Json.object();
        String to = rb.path("to_revision").asText("");
        if (!to.isEmpty()) {
            p.put("to_revision", to);
        }
        return ProposedAction.propose(nextIdAfter(wf, pending), ActionType.ROLLBACK, target, p, why);
    }

    private static ProposedAction adjustMemory(WorkflowContext wf, ResourceRef target, List<Finding> support, String why) {
        ObjectNode p = Json.object();
        for (Finding f : support) {
            JsonNode d = f.detail();
            String limit = firstText(d, "memory_limit", "limit");
            if (limit != null) {
                p.put("container", d.path("container").asText(null));
                p.putObject("current_limits").put("memory", limit);
                p.putObject("limits").put("memory", grow(limit, 2));
                break;
            }
        }
        return ProposedAction.propose(nextIdAfter(wf, List.of()), ActionType.ADJUST_RESOURCES, target, p,
                "raise the memory limit above the container's peak: " + why);
    }

    private static ProposedAction adjustCpu(WorkflowContext wf, ResourceRef target, List<Finding> support, String why) {
        ObjectNode p = Json.object();
        for (Finding f : support) {
            String limit = firstText(f.detail(), "cpu_limit");
            if (limit != null) {
                p.put("container", f.detail().path("container").asText(null));
                p.putObject("current_limits").put("cpu", limit);
                p.putObject("limits").put("cpu", Quantities.millis(limit) * 2 + "m");
                break;
            }
        }
        return ProposedAction.propose(nextIdAfter(wf, List.of()), ActionType.ADJUST_RESOURCES, target, p,
                "raise the CPU limit: " + why);
    }

    private static String firstText(JsonNode d, String... keys) {
        for (String k : keys) {
            JsonNode v = d.get(k);
            if (v != null && v.isTextual() && !v.asText().isBlank()) {
                return v.asText();
            }
        }
        return null;
    }

    /** {@code quantity} times {@code factor}, in Mi (memory/storage). */
    static String grow(String quantity, double factor) {
        try {
            long bytes = Quantities.bytes(quantity);
            long mi = (long) Math.ceil(bytes * factor / (1 << 20));
            return mi % 1024 == 0 ? (mi / 1024) + "Gi" : mi + "Mi";
        } catch (IllegalArgumentException e) {
            return quantity;
        }
    }
}
