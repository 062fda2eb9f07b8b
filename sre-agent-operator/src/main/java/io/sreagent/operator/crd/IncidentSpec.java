package io.sreagent.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.crd.generator.annotation.PrinterColumn;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** What the incident is about, and the approvals people gave. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class IncidentSpec {

    /** The failing workload ({@code Deployment/shop/cart}). */
    @PrinterColumn(name = "Workload", priority = 0)
    public @Nullable String workload;

    /** The cause class the correlator opened it for ({@code crash_loop}, {@code oom}, {@code alert}...). */
    public @Nullable String cause;

    /** The event or alert that opened it (and, after a quiet period, the one that reopened it). */
    public @Nullable TriggerSpec trigger;

    /**
     * Approvals: a person (or GitOps) adds {@code {action: act-1, approvedBy: alice}}; the acting replica re-checks the
     * action with the guard and executes it once. Writable only by the approver role of the manifests.
     */
    public List<Approval> approvals = new ArrayList<>();

    /** The trigger, as the workflow takes it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class TriggerSpec {
        public @Nullable String eventType;
        public @Nullable String namespace;
        public @Nullable String resourceKind;
        public @Nullable String resourceName;
        public @Nullable String reason;
        public @Nullable String message;
        /** When it was seen (RFC 3339). */
        public @Nullable String seenAt;
    }

    /** One approval of one action. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Approval {
        /** The action id ({@code act-1}). */
        public @Nullable String action;
        /** Who approves it. */
        public @Nullable String approvedBy;
    }
}
