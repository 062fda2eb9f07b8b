package io.sreagent.core.incident;

import java.util.Set;

/**
 * The evidence sources a {@link Finding#source()} names, and what each may do.
 *
 * <p>The contract: findings are grouped per root-cause candidate and, within a candidate, the strongest finding of
 * each source counts once, so two sources agreeing raise a candidate's score more than one source repeating itself
 * (see {@code RootCauseResolver}). Only a finding from a <em>trusted</em> source may name the target of an
 * executable action ({@link #TRUSTED_FOR_TARGETS}, the guard's default): Kubernetes and Prometheus report objects
 * that exist; a log line ({@link #LOKI}), a model ({@link #LLM}) or a host's own source could be steered by what it
 * reads, so their findings are evidence but never a target. A host that trusts its own source adds it through
 * {@code SafetyPolicy.withTrustedSources}.
 */
public final class EvidenceSource {

    /** The Kubernetes API: objects, status, events. */
    public static final String KUBERNETES = "kubernetes";
    /** Prometheus: metric series. */
    public static final String PROMETHEUS = "prometheus";
    /** Loki or pod logs: log lines and their templates. */
    public static final String LOKI = "loki";
    /** A language model's reasoning. */
    public static final String LLM = "llm";
    /** The triage agent's reading of the trigger (a Kubernetes event or alert). */
    public static final String TRIAGE = "triage";

    /** The sources whose findings may name an action's target by default. */
    public static final Set<String> TRUSTED_FOR_TARGETS = Set.of(KUBERNETES, PROMETHEUS, TRIAGE);

    private EvidenceSource() {
    }
}
