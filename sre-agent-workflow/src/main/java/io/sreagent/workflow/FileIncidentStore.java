package io.sreagent.workflow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sreagent.core.incident.Decision;
import io.sreagent.core.support.Json;
import io.sreagent.core.workflow.WorkflowState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Incidents as JSON files in a directory, one per incident ({@code <id>.json}: the decision and the run's state),
 * written atomically (a temporary file renamed over the old one), so a crash never leaves half an incident and a
 * restarted server finds its pending approvals. Keeps the newest {@code keep} files. Thread-safe within one process.
 */
public final class FileIncidentStore implements IncidentStore {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,127}");

    private final Path dir;
    private final int keep;

    /**
     * A store in {@code dir} (created if missing) keeping the newest {@code keep} incidents.
     *
     * @throws UncheckedIOException when the directory cannot be created
     */
    public FileIncidentStore(Path dir, int keep) {
        this.dir = dir;
        this.keep = keep;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the incident store " + dir, e);
        }
    }

    @Override
    public synchronized void save(Stored incident) {
        String id = incident.decision().incidentId();
        Path file = file(id).orElseThrow(() -> new IllegalArgumentException("incident id '" + id + "' cannot name a file"));
        ObjectNode o = Json.object();
        o.set("decision", Json.mapper().valueToTree(incident.decision()));
        o.set("state", Json.mapper().valueToTree(incident.state()));
        Path tmp = dir.resolve("." + id + ".json.tmp");
        try {
            Files.writeString(tmp, Json.write(o));
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            prune();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write incident " + id + " to " + dir, e);
        }
    }

    @Override
    public synchronized Optional<Stored> load(String incidentId) {
        return file(incidentId).filter(Files::isRegularFile).map(this::read);
    }

    @Override
    public synchronized List<Stored> recent(int max) {
        List<Stored> out = new ArrayList<>();
        for (Path p : newestFirst()) {
            if (out.size() >= max) {
                break;
            }
            out.add(read(p));
        }
        return out;
    }

    private Optional<Path> file(String id) {
        return id != null && ID.matcher(id).matches() ? Optional.of(dir.resolve(id + ".json")) : Optional.empty();
    }

    private Stored read(Path p) {
        try {
            var n = Json.mapper().readTree(Files.readString(p));
            return new Stored(Json.mapper().treeToValue(n.get("decision"), Decision.class),
                    Json.mapper().treeToValue(n.get("state"), WorkflowState.class));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read incident file " + p, e);
        }
    }

    private List<Path> newestFirst() {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".json") && !p.getFileName().toString().startsWith("."))
                    .sorted(Comparator.comparing(FileIncidentStore::modified).reversed()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the incident store " + dir, e);
        }
    }

    private static long modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    private void prune() throws IOException {
        List<Path> all = newestFirst();
        for (Path old : all.subList(Math.min(keep, all.size()), all.size())) {
            Files.deleteIfExists(old);
        }
    }
}
