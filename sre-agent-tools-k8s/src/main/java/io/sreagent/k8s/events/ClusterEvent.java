package io.sreagent.k8s.events;

import io.sreagent.core.incident.ResourceRef;

import java.time.Instant;
import java.util.Objects;

/**
 * One observation for the correlator: a core/v1 Event or a pod status change, already attributed to the workload
 * that owns the object it is about (the event source resolves owners; the correlator needs no client).
 *
 * @param time     when it happened (the event's last timestamp)
 * @param workload the owning workload (Deployment, StatefulSet, DaemonSet, Job, CronJob), or the object itself
 *                 (a Node, a bare Pod) when it has no owner
 * @param subject  the object the event is about (a Pod, a Node...)
 * @param type     {@code Warning} or {@code Normal}
 * @param reason   the event's reason ({@code BackOff}, {@code FailedScheduling}, or a container waiting reason)
 * @param message  the event's message
 * @param count    how many occurrences this observation stands for (at least 1)
 */
public record ClusterEvent(Instant time, ResourceRef workload, ResourceRef subject, String type, String reason,
                           String message, int count) {
    public ClusterEvent {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(workload, "workload");
        if (subject == null) {
            subject = workload;
        }
        type = type == null ? "Warning" : type;
        reason = reason == null ? "" : reason;
        message = message == null ? "" : message;
        count = Math.max(1, count);
    }
}
