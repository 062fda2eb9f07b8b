package io.sreagent.testkit.scenario;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.sreagent.core.incident.Trigger;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A frozen incident, loaded by {@link ScenarioLoader}: the cluster as the API server showed it, the metrics and logs
 * of the time, the event that started it and what a correct diagnosis says.
 *
 * <p>Immutable apart from the fabric8 objects in {@link #objects()}, which are mutable by fabric8's design: treat them
 * as read-only (the embedded cluster copies them).
 *
 * @param name        unique kebab-case name
 * @param description one line on what happened
 * @param now         the scenario clock; every sample, log line and event is at or before it
 * @param trigger     the event that started the incident
 * @param expected    what a correct diagnosis says, empty when the scenario does not say
 * @param source      where it was loaded from: a directory path or {@code classpath:<resource base>}
 * @param directory   the directory it was loaded from, empty when loaded from the class path
 * @param objects     the Kubernetes objects of {@code cluster.yaml}, in file order, each with a {@code metadata.uid}
 * @param metrics     the metrics of {@code metrics.om}, empty when the file is absent
 * @param logs        the log streams of {@code logs.json}, empty when the file is absent
 */
public record Scenario(String name, String description, Instant now, Trigger trigger, Optional<Expected> expected,
                       String source, Optional<Path> directory, List<HasMetadata> objects, Metrics metrics,
                       List<LogStream> logs) {

    public Scenario {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(trigger, "trigger");
        description = description == null ? "" : description;
        expected = expected == null ? Optional.empty() : expected;
        directory = directory == null ? Optional.empty() : directory;
        objects = List.copyOf(objects);
        metrics = metrics == null ? Metrics.empty() : metrics;
        logs = List.copyOf(logs);
    }

    /** A clock fixed at {@link #now()} in UTC: what agents and tools must read instead of the wall clock. */
    public Clock clock() {
        return ScenarioClock.of(this);
    }

    /** The objects of the given kind (as written in {@code kind}), in file order. */
    public List<HasMetadata> objectsOfKind(String kind) {
        return objects.stream().filter(o -> kind.equals(o.getKind())).toList();
    }
}
