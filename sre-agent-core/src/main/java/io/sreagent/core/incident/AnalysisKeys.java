package io.sreagent.core.incident;

/**
 * The field names of the Kubernetes analysis output ({@code k8s.analyze} and {@code k8s.analyze_dependency}), the
 * contract between the tool that writes it and the workflow's agents that read it. Both sides compile against these
 * constants, so renaming one changes both, and removing one breaks the side that still uses it.
 *
 * <pre>
 * data: {start, findings: [Finding...], unreadable: {what: why},
 *        resolved: {workload, owner_chain: [...], service, backend_services: [...]}}
 * a finding's detail.rollout: {current_revision, previous_healthy, failures_started_with_revision,
 *                              rollback_candidate_revision, ...}
 * </pre>
 */
public final class AnalysisKeys {

    /** The object the analysis started from. */
    public static final String START = "start";
    /** The findings, as snake_case {@link Finding}s. */
    public static final String FINDINGS = "findings";
    /** What could not be read, and why. */
    public static final String UNREADABLE = "unreadable";
    /** What the start object resolved to. */
    public static final String RESOLVED = "resolved";
    /** {@code resolved.workload}: the controller that owns the start object (a {@link ResourceRef}). */
    public static final String WORKLOAD = "workload";
    /** {@code resolved.owner_chain}: pod, ReplicaSet, Deployment, ... */
    public static final String OWNER_CHAIN = "owner_chain";
    /** {@code resolved.service}: the Service a dependency host resolved to. */
    public static final String SERVICE = "service";
    /** {@code resolved.backend_services}: the Services an Ingress routes to. */
    public static final String BACKEND_SERVICES = "backend_services";
    /** A finding's {@code detail.rollout}: the workload's newest revisions. */
    public static final String ROLLOUT = "rollout";
    /** {@code rollout.current_revision}. */
    public static final String CURRENT_REVISION = "current_revision";
    /** {@code rollout.previous_healthy}: whether the revision before ran healthy (null when unknown). */
    public static final String PREVIOUS_HEALTHY = "previous_healthy";
    /** {@code rollout.failures_started_with_revision}, set only when the previous revision is known healthy. */
    public static final String FAILURES_STARTED_WITH_REVISION = "failures_started_with_revision";
    /** {@code rollout.rollback_candidate_revision}: the healthy revision a rollback would restore. */
    public static final String ROLLBACK_CANDIDATE_REVISION = "rollback_candidate_revision";

    private AnalysisKeys() {
    }
}
