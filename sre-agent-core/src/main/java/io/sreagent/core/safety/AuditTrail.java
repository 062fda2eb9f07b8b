package io.sreagent.core.safety;

import java.util.ArrayList;
import java.util.List;

/**
 * Where attempted changes are recorded. The in-memory trail keeps them for the decision and the API; hosts can
 * add their own sink (a database, a SIEM) by implementing {@link #record}.
 */
public interface AuditTrail {

    /** Records one attempted change. Thread-safe. */
    void record(AuditEntry entry);

    /** Everything recorded, in order, if this trail keeps entries (empty otherwise). */
    List<AuditEntry> entries();

    /** A trail that keeps entries in memory and logs each one. */
    static AuditTrail inMemory() {
        return new AuditTrail() {
            private final List<AuditEntry> entries = new ArrayList<>();
            private final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger("io.sreagent.audit");

            @Override
            public synchronized void record(AuditEntry e) {
                entries.add(e);
                log.info("audit: {} {} dry_run={} approved_by={} outcome={} args={}", e.caller(), e.toolId(), e.dryRun(),
                        e.approvedBy(), e.outcome(), e.arguments());
            }

            @Override
            public synchronized List<AuditEntry> entries() {
                return List.copyOf(entries);
            }
        };
    }
}
