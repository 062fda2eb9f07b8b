package io.sreagent.core.safety;

import com.fasterxml.jackson.databind.JsonNode;
import io.sreagent.core.incident.ActionType;
import io.sreagent.core.incident.Finding;
import io.sreagent.core.incident.GuardVerdict;
import io.sreagent.core.incident.ProposedAction;
import io.sreagent.core.incident.ResourceRef;
import io.sreagent.core.incident.Risk;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The deterministic policy that has the last word on every action: it assigns the risk and allows or denies.
 *
 * <p>Rules: risk by action type; scaling down (or to zero) is HIGH; any action in a protected namespace is HIGH;
 * node-wide actions are at least MEDIUM (blast radius); replica and resource bounds; at most N executable actions per
 * incident; and the target of an executable action must be an object that evidence from a trusted source names
 * (Kubernetes and Prometheus unless the host trusts more, never Loki or a model), so nothing a log line, a model or
 * an untrusted host source says can point an action anywhere else. Stateless and thread-safe.
 */
public final class Guard {

    private final SafetyPolicy policy;

    /** A guard applying {@code policy}. */
    public Guard(SafetyPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /** The policy. */
    public SafetyPolicy policy() {
        return policy;
    }

    /** The guard's ruling and the risk it assigns. */
    public record Review(GuardVerdict verdict, Risk risk) {
    }

    /**
     * Reviews one action given the incident's findings and the executable actions already allowed for it.
     */
    public Review review(ProposedAction action, List<Finding> findings, int executableAlreadyAllowed) {
        List<String> deny = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        ActionType type = action.type();
        Risk risk = type.baseRisk();
        ResourceRef target = action.target();
        JsonNode p = action.params();

        if (target.namespace() != null && policy.protectedNamespaces().contains(target.namespace())) {
            risk = Risk.HIGH;
            notes.add("namespace " + target.namespace() + " is protected: HIGH risk, a person must approve");
        }
        if (type == ActionType.SCALE) {
            if (!p.has("replicas") || !p.get("replicas").canConvertToInt()) {
                deny.add("SCALE needs an integer 'replicas' parameter");
            } else {
                int to = p.get("replicas").asInt();
                int from = p.path("current_replicas").asInt(-1);
                if (to < 0 || to > policy.maxReplicas()) {
                    deny.add("replicas " + to + " is outside 0.." + policy.maxReplicas());
                }
                if (to == 0 || (from >= 0 && to < from)) {
                    risk = Risk.HIGH;
                    notes.add("scaling down to " + to + " is HIGH risk");
                }
            }
        }
        if (type == ActionType.ADJUST_RESOURCES) {
            checkResources(p, deny);
        }
        if (type == ActionType.CORDON_NODE || type == ActionType.DRAIN_NODE) {
            risk = risk.max(Risk.MEDIUM);
            notes.add("blast radius: every pod on node " + target.name());
        }
        if (type.executable()) {
            if (executableAlreadyAllowed >= policy.maxActionsPerIncident()) {
                deny.add("at most " + policy.maxActionsPerIncident() + " executable actions per incident");
            }
            boolean evidenced = findings.stream().anyMatch(f -> policy.trustedSources().contains(f.source())
                    && (sameObject(f.resource(), target) || sameObject(f.subject(), target)));
            if (!evidenced) {
                deny.add("target " + target + " is not named by evidence from a trusted source "
                        + new java.util.TreeSet<>(policy.trustedSources()));
            }
        }
        if (deny.isEmpty()) {
            notes.add(0, type + " on " + target + ": " + risk + " risk");
            return new Review(GuardVerdict.allow(notes), risk);
        }
        deny.addAll(notes);
        return new Review(GuardVerdict.deny(deny), risk);
    }

    private void checkResources(JsonNode p, List<String> deny) {
        for (String kind : List.of("requests", "limits")) {
            JsonNode to = p.path(kind);
            JsonNode from = p.path("current_" + kind);
            for (String res : List.of("memory", "cpu")) {
                if (!to.hasNonNull(res)) {
                    continue;
                }
                try {
                    boolean memory = res.equals("memory");
                    long next = memory ? Quantities.bytes(to.get(res).asText()) : Quantities.millis(to.get(res).asText());
                    long cap = memory ? policy.maxMemoryBytes() : policy.maxCpuMillis();
                    if (next <= 0 || next > cap) {
                        deny.add(kind + "." + res + " " + to.get(res).asText() + " is outside the allowed range (cap "
                                + (memory ? cap / (1 << 20) + "Mi" : cap + "m") + ")");
                    }
                    if (from.hasNonNull(res)) {
                        long prev = memory ? Quantities.bytes(from.get(res).asText()) : Quantities.millis(from.get(res).asText());
                        if (prev > 0 && next > prev * policy.maxResourceFactor()) {
                            deny.add(kind + "." + res + " " + to.get(res).asText() + " is more than "
                                    + policy.maxResourceFactor() + "x the current " + from.get(res).asText());
                        }
                    }
                } catch (IllegalArgumentException e) {
                    deny.add(kind + "." + res + ": " + e.getMessage());
                }
            }
        }
    }

    private static boolean sameObject(ResourceRef a, ResourceRef b) {
        return a != null && b != null && a.kind().equalsIgnoreCase(b.kind()) && a.name().equals(b.name())
                && Objects.equals(a.namespace(), b.namespace());
    }

    /**
     * Why an allowed action waits for a person, or empty when the policy approves it: HIGH risk, a type that always
     * needs a person, a risk the approval policy does not cover, or a target outside the incident's namespace (what
     * one workload's evidence says is never enough to change another namespace without a person).
     *
     * @param incidentNamespace the trigger's namespace, or null for a cluster-scoped trigger
     */
    public Optional<String> whyPerson(ProposedAction action, String incidentNamespace) {
        if (action.risk() == Risk.HIGH) {
            return Optional.of("HIGH risk");
        }
        if (action.proposedByModel()) {
            return Optional.of("a model proposed it");
        }
        if (policy.humanApprovalTypes().contains(action.type())) {
            return Optional.of(action.type() + " always needs a person");
        }
        if (!Objects.equals(action.target().namespace(), incidentNamespace)) {
            return Optional.of("target " + action.target() + " is outside the incident's namespace "
                    + (incidentNamespace == null ? "(cluster-scoped)" : incidentNamespace));
        }
        if (!policy.approval().autoApproves(action.risk())) {
            return Optional.of(action.risk() + " risk and approval policy " + policy.approval().name().toLowerCase(java.util.Locale.ROOT));
        }
        return Optional.empty();
    }
}
