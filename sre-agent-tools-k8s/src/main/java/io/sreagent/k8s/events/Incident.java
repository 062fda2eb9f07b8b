package io.sreagent.k8s.events;

import io.sreagent.core.incident.ResourceRef;
import io.sreagent.core.incident.Trigger;

import java.time.Instant;

/**
 * One failing workload with one cause, as opened by the {@link IncidentCorrelator}: the first event that opened it
 * becomes the {@link Trigger} a workflow diagnoses.
 *
 * @param id        stable id ({@code inc-} and a hash of workload, cause and opening time)
 * @param workload  the failing workload (or Node)
 * @param cause     the cause class ({@code crash_loop}, {@code image_pull}, {@code config}, {@code scheduling},
 *                  {@code probe}, {@code oom}, {@code volume}, {@code create}, {@code eviction}, {@code node},
 *                  {@code job}, or the event reason in lower case)
 * @param trigger   the trigger for the workflow: the opening event, about its subject
 * @param openedAt  time of the opening event
 */
public record Incident(String id, ResourceRef workload, String cause, Trigger trigger, Instant openedAt) {
}
