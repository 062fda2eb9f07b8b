package io.sreagent.core.safety;

import io.sreagent.core.incident.ActionType;
import io.sreagent.core.incident.EvidenceSource;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The rules the {@link Guard} applies, set by the host; defaults are the safe ones (dry-run, a person approves
 * everything, the system namespaces protected).
 *
 * @param dryRun                  when true nothing is changed, whatever is approved
 * @param approval                what is approved without a person
 * @param humanApprovalTypes      action types that always wait for a person, whatever the policy
 * @param protectedNamespaces     namespaces where every action is HIGH risk; always includes {@link #SYSTEM_NAMESPACES}
 * @param maxActionsPerIncident   executable actions allowed per incident
 * @param maxReplicas             upper bound of a SCALE
 * @param maxResourceFactor       bound on how much ADJUST_RESOURCES may multiply a current value
 * @param maxMemoryBytes          absolute cap on a memory request/limit ADJUST_RESOURCES may set
 * @param maxCpuMillis            absolute cap on a CPU request/limit ADJUST_RESOURCES may set
 * @param trustedSources          evidence sources whose findings may name an action's target
 *                                ({@link EvidenceSource#TRUSTED_FOR_TARGETS} by default)
 */
public record SafetyPolicy(boolean dryRun, ApprovalPolicy approval, Set<ActionType> humanApprovalTypes,
                           Set<String> protectedNamespaces, int maxActionsPerIncident, int maxReplicas,
                           double maxResourceFactor, long maxMemoryBytes, long maxCpuMillis, Set<String> trustedSources) {

    /** The system namespaces: always protected, whatever the host configures. */
    public static final List<String> SYSTEM_NAMESPACES = List.of("kube-system", "kube-public", "kube-node-lease");

    public SafetyPolicy {
        Objects.requireNonNull(approval, "approval");
        humanApprovalTypes = Set.copyOf(humanApprovalTypes);
        // A host may add protected namespaces, never remove the system ones.
        Set<String> ns = new java.util.HashSet<>(protectedNamespaces);
        ns.addAll(SYSTEM_NAMESPACES);
        protectedNamespaces = Set.copyOf(ns);
        trustedSources = Set.copyOf(trustedSources);
        if (trustedSources.contains(EvidenceSource.LOKI) || trustedSources.contains(EvidenceSource.LLM)) {
            throw new IllegalArgumentException("trusted sources may not include loki or llm: what a log line or a model "
                    + "says must never name an action's target");
        }
        if (maxActionsPerIncident < 0) {
            throw new IllegalArgumentException("max_actions_per_incident must be >= 0, was " + maxActionsPerIncident);
        }
        if (maxReplicas < 1) {
            throw new IllegalArgumentException("max_replicas must be >= 1, was " + maxReplicas);
        }
        if (maxResourceFactor < 1) {
            throw new IllegalArgumentException("max_resource_factor must be >= 1, was " + maxResourceFactor);
        }
    }

    /** Dry-run, every action waits for a person, system namespaces protected, 3 actions, 50 replicas, ×4, 32Gi, 16 CPU. */
    public static SafetyPolicy defaults() {
        return new SafetyPolicy(true, ApprovalPolicy.NONE, Set.of(ActionType.DRAIN_NODE), Set.copyOf(SYSTEM_NAMESPACES),
                3, 50, 4.0, 32L << 30, 16_000, EvidenceSource.TRUSTED_FOR_TARGETS);
    }

    /** A copy with another dry-run setting. */
    public SafetyPolicy withDryRun(boolean d) {
        return new SafetyPolicy(d, approval, humanApprovalTypes, protectedNamespaces, maxActionsPerIncident, maxReplicas,
                maxResourceFactor, maxMemoryBytes, maxCpuMillis, trustedSources);
    }

    /** A copy with another approval policy. */
    public SafetyPolicy withApproval(ApprovalPolicy a) {
        return new SafetyPolicy(dryRun, a, humanApprovalTypes, protectedNamespaces, maxActionsPerIncident, maxReplicas,
                maxResourceFactor, maxMemoryBytes, maxCpuMillis, trustedSources);
    }

    /** A copy with other protected namespaces (the system namespaces stay protected). */
    public SafetyPolicy withProtectedNamespaces(Set<String> ns) {
        return new SafetyPolicy(dryRun, approval, humanApprovalTypes, ns, maxActionsPerIncident, maxReplicas,
                maxResourceFactor, maxMemoryBytes, maxCpuMillis, trustedSources);
    }

    /** A copy with other action types that always need a person. */
    public SafetyPolicy withHumanApprovalTypes(Set<ActionType> types) {
        return new SafetyPolicy(dryRun, approval, types, protectedNamespaces, maxActionsPerIncident, maxReplicas,
                maxResourceFactor, maxMemoryBytes, maxCpuMillis, trustedSources);
    }

    /**
     * A copy that also trusts findings of {@code sources} (a host's own source, for instance) to name an action's
     * target. Loki and LLM findings can never be trusted so.
     */
    public SafetyPolicy withTrustedSources(Set<String> sources) {
        Set<String> all = new java.util.HashSet<>(trustedSources);
        all.addAll(sources);
        return new SafetyPolicy(dryRun, approval, humanApprovalTypes, protectedNamespaces, maxActionsPerIncident,
                maxReplicas, maxResourceFactor, maxMemoryBytes, maxCpuMillis, all);
    }

    /** A copy with another bound on actions per incident. */
    public SafetyPolicy withMaxActionsPerIncident(int n) {
        return new SafetyPolicy(dryRun, approval, humanApprovalTypes, protectedNamespaces, n, maxReplicas,
                maxResourceFactor, maxMemoryBytes, maxCpuMillis, trustedSources);
    }
}
