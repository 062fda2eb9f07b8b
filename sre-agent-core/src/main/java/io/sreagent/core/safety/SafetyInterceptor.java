package io.sreagent.core.safety;

import io.sreagent.core.tool.SafetyClass;
import io.sreagent.core.tool.ToolInterceptor;
import io.sreagent.core.tool.ToolInvocation;
import io.sreagent.core.tool.ToolResult;
import java.time.Clock;
import java.util.Objects;

/**
 * Enforces dry-run on every mutating or destructive tool call that is not approved or happens while the policy is
 * in dry-run, and records every such call in the audit trail, whatever the tool itself does.
 */
public final class SafetyInterceptor implements ToolInterceptor {

    private final SafetyPolicy policy;
    private final AuditTrail audit;
    private final Clock clock;

    /** An interceptor applying {@code policy} and recording to {@code audit}. */
    public SafetyInterceptor(SafetyPolicy policy, AuditTrail audit, Clock clock) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public ToolResult intercept(Chain chain) {
        if (chain.tool().safety() == SafetyClass.READ_ONLY) {
            return chain.proceed(chain.invocation());
        }
        ToolInvocation inv = chain.invocation();
        boolean dryRun = inv.dryRun() || policy.dryRun() || inv.approval() == null;
        ToolInvocation safe = new ToolInvocation(inv.toolId(), inv.arguments(), inv.caller(), dryRun, inv.approval());
        ToolResult r = chain.proceed(safe);
        audit.record(new AuditEntry(clock.instant(), inv.caller(), inv.toolId(), inv.arguments(), dryRun,
                inv.approval() == null ? null : inv.approval().approvedBy(),
                r.isError() ? r.error().kind().name() : "ok", r.text()));
        return r;
    }
}
