package io.sreagent.core.safety;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One attempted change, as the audit trail keeps it.
 *
 * @param at         when (run clock)
 * @param caller     the agent or person that made the call
 * @param toolId     the mutating tool
 * @param arguments  its arguments
 * @param dryRun     whether it was a dry-run
 * @param approvedBy who approved it, or null
 * @param outcome    {@code ok} or the error kind
 * @param message    the result's text
 */
public record AuditEntry(Instant at, String caller, String toolId, JsonNode arguments, boolean dryRun,
                         String approvedBy, String outcome, String message) {
}
