package io.sreagent.k8s.events;

import io.sreagent.core.incident.ResourceRef;
import io.sreagent.core.incident.Trigger;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns a stream of cluster events into incidents: one per failing workload and cause, not one per event.
 *
 * <p>An incident stays open while events of the same workload and cause keep arriving within {@code window} of the
 * previous one; they are absorbed (counted) without opening another. Normal events never open an incident. Memory is
 * bounded: at most {@code maxOpen} incidents are remembered (the least recently active is forgotten first) and
 * incidents quiet for longer than the window are dropped as time advances; nothing grows with the number of events.
 *
 * <p>A pure function of its input (time comes from the events, never from a clock), so it can be tested and
 * benchmarked without a cluster. Not thread-safe: one thread feeds it (the event source serialises its callbacks).
 */
public final class IncidentCorrelator {

    private final Duration window;
    private final int maxOpen;
    private final Map<Key, Open> open;
    private long opened;
    private long absorbed;
    private Instant latest = Instant.EPOCH;

    /**
     * @param window  how long after its last event an incident keeps absorbing events
     * @param maxOpen most incidents remembered at once
     */
    public IncidentCorrelator(Duration window, int maxOpen) {
        if (window == null || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive, was " + window);
        }
        if (maxOpen < 1) {
            throw new IllegalArgumentException("maxOpen must be at least 1, was " + maxOpen);
        }
        this.window = window;
        this.maxOpen = maxOpen;
        // access order: the eldest entry is the least recently active incident, so expiry and eviction are O(1)
        this.open = new LinkedHashMap<>(Math.min(maxOpen, 1024) * 2, 0.75f, true);
    }

    private record Key(ResourceRef workload, String cause) {
    }

    private static final class Open {
        Instant last;
        long events;

        Open(Instant last, long events) {
            this.last = last;
            this.events = events;
        }
    }

    /**
     * Feeds one event.
     *
     * @return the incident this event opens, or empty when it was absorbed by an open incident or is not a failure
     */
    public Optional<Incident> accept(ClusterEvent e) {
        Objects.requireNonNull(e, "event");
        if (e.time().isAfter(latest)) {
            latest = e.time();
            expire();
        }
        if (!"Warning".equalsIgnoreCase(e.type())) {
            return Optional.empty();
        }
        String cause = causeOf(e.reason(), e.message());
        Key key = new Key(e.workload(), cause);
        Open o = open.get(key);
        if (o != null && !e.time().isAfter(o.last.plus(window))) {
            if (e.time().isAfter(o.last)) {
                o.last = e.time();
            }
            o.events += e.count();
            absorbed++;
            return Optional.empty();
        }
        open.put(key, new Open(e.time(), e.count()));
        if (open.size() > maxOpen) {
            Iterator<Map.Entry<Key, Open>> it = open.entrySet().iterator();
            it.next();
            it.remove();
        }
        opened++;
        Trigger trigger = Trigger.of(e.type(), e.subject(), e.reason(), e.message());
        String id = "inc-" + Long.toHexString(Objects.hash(e.workload(), cause, e.time()) & 0xffffffffL)
                + Long.toHexString(opened);
        return Optional.of(new Incident(id, e.workload(), cause, trigger, e.time()));
    }

    private void expire() {
        Instant cutoff = latest.minus(window);
        Iterator<Map.Entry<Key, Open>> it = open.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Key, Open> en = it.next();
            if (en.getValue().last.isBefore(cutoff)) {
                it.remove();
            } else {
                // entries are in order of last activity; a later one cannot be older (events arrive roughly in time order)
                break;
            }
        }
    }

    /** How many incidents are open now (bounded by {@code maxOpen}). */
    public int openIncidents() {
        return open.size();
    }

    /** How many incidents were opened so far. */
    public long incidentsOpened() {
        return opened;
    }

    /** How many failure events were absorbed into open incidents. */
    public long eventsAbsorbed() {
        return absorbed;
    }

    /** The cause class of an event: reasons that mean the same failure map to one class. */
    public static String causeOf(String reason, String message) {
        String r = reason == null ? "" : reason;
        String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
        switch (r) {
            case "BackOff", "CrashLoopBackOff", "RunContainerError", "Error":
                if (m.contains("pulling image") || m.contains("image")) {
                    return m.contains("restarting failed container") ? "crash_loop" : "image_pull";
                }
                return "crash_loop";
            case "ErrImagePull", "ImagePullBackOff", "InvalidImageName", "ErrImageNeverPull", "InspectFailed":
                return "image_pull";
            case "CreateContainerConfigError", "CreateContainerError":
                return "config";
            case "Failed":
                if (m.contains("pull") || m.contains("image")) {
                    return "image_pull";
                }
                if (m.contains("not found") || m.contains("couldn't find key")) {
                    return "config";
                }
                return "failed";
            case "FailedScheduling":
                return "scheduling";
            case "Unhealthy", "ProbeWarning":
                return "probe";
            case "OOMKilled", "OOMKilling":
                return "oom";
            case "FailedMount", "FailedAttachVolume", "ProvisioningFailed", "FailedBinding":
                return m.contains("configmap") || m.contains("secret") ? "config" : "volume";
            case "FailedCreate":
                return "create";
            case "Evicted", "Evicting", "Preempting":
                return "eviction";
            case "NodeNotReady", "NodeNotSchedulable", "Rebooted", "NodeHasDiskPressure", "NodeHasInsufficientMemory",
                 "EvictionThresholdMet":
                return "node";
            case "BackoffLimitExceeded", "DeadlineExceeded":
                return "job";
            default:
                return r.toLowerCase(Locale.ROOT);
        }
    }
}
