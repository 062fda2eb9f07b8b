package io.sreagent.cli.snapshot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A recorded incident in the scenario format, ready to be written as a directory.
 *
 * @param scenarioYaml {@code scenario.yaml}: name, description, now and trigger, with {@code expected} left for a person
 * @param clusterYaml  {@code cluster.yaml}: the objects, one YAML document each
 * @param metrics      {@code metrics.om}, empty when no metric was recorded (the file is then not written)
 * @param logsJson     {@code logs.json}, empty when no log was recorded (the file is then not written)
 * @param notes        what could not be recorded and why (a kind the API refused, a source that was down, a bound
 *                     that cut a list short): the recording is partial in these ways
 */
public record Recording(String scenarioYaml, String clusterYaml, String metrics, String logsJson, List<String> notes) {

    public Recording {
        notes = List.copyOf(notes);
    }

    /**
     * Writes the files into {@code dir}, which must not exist or be empty (nothing is overwritten).
     *
     * @throws IllegalArgumentException when {@code dir} is a file or a directory that is not empty
     * @throws UncheckedIOException     when a file cannot be written
     */
    public void write(Path dir) {
        try {
            if (Files.exists(dir)) {
                if (!Files.isDirectory(dir)) {
                    throw new IllegalArgumentException(dir + " is a file; give a new or empty directory");
                }
                try (var entries = Files.list(dir)) {
                    if (entries.findAny().isPresent()) {
                        throw new IllegalArgumentException(dir + " is not empty; give a new or empty directory"
                                + " (a snapshot never overwrites files)");
                    }
                }
            }
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("scenario.yaml"), scenarioYaml);
            Files.writeString(dir.resolve("cluster.yaml"), clusterYaml);
            if (!metrics.isEmpty()) {
                Files.writeString(dir.resolve("metrics.om"), metrics);
            }
            if (!logsJson.isEmpty()) {
                Files.writeString(dir.resolve("logs.json"), logsJson);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the snapshot into " + dir + ": " + e.getMessage(), e);
        }
    }
}
