package io.sreagent.testkit.scenario;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One log stream of a scenario: its labels and its lines in time order.
 *
 * <p>Labels {@code namespace}, {@code pod} and {@code container} are always present. A stream labelled
 * {@code previous="true"} is the log of the container's previous, terminated instance.
 *
 * @param labels  the stream labels, sorted by name
 * @param entries the lines, oldest first
 */
public record LogStream(Map<String, String> labels, List<LogEntry> entries) {

    /** The label that marks the log of a container's previous instance. */
    public static final String PREVIOUS = "previous";

    public LogStream {
        labels = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(labels, "labels")));
        entries = List.copyOf(entries);
    }

    /** The {@code namespace} label. */
    public String namespace() {
        return labels.get("namespace");
    }

    /** The {@code pod} label. */
    public String pod() {
        return labels.get("pod");
    }

    /** The {@code container} label. */
    public String container() {
        return labels.get("container");
    }

    /** Whether this is the log of the container's previous instance. */
    public boolean previous() {
        return "true".equals(labels.get(PREVIOUS));
    }
}
