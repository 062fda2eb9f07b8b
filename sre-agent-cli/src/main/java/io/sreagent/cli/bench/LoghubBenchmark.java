package io.sreagent.cli.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sreagent.core.analysis.logs.TemplateMiner;
import io.sreagent.core.support.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Measures the template miner on Loghub-2k: grouping accuracy, parsing accuracy and lines per second per dataset.
 *
 * <p>Input per dataset is the {@code Content} column of {@code <Dataset>/<Dataset>_2k.log_structured.csv}; the
 * ground truth is its {@code EventId} (groups) and {@code EventTemplate} (templates). The data is read from the
 * directory given at run time and never copied into the repository or a jar (its licence allows research use only).
 *
 * <p>Grouping accuracy (GA): a line is correct iff the set of lines in its predicted group equals the set of lines
 * in its ground-truth group. Parsing accuracy (PA): a line is correct iff its predicted template string equals the
 * ground-truth template exactly. Throughput: after a warm-up, a fresh miner parses the dataset's lines repeated to
 * {@value #TIMED_LINES} lines (so learning is included), on the calling thread.
 */
public final class LoghubBenchmark {

    /** Lines parsed per timed run. */
    static final int TIMED_LINES = 1_000_000;

    private LoghubBenchmark() {
    }

    /** One dataset: its name and, per line, the content and the ground-truth group and template. */
    record Dataset(String name, List<String> lineIds, List<String> contents, List<String> eventIds,
                   List<String> templates) {
    }

    /** Grouping and parsing accuracy of a prediction. */
    record Accuracy(double grouping, double parsing) {
    }

    /**
     * Runs the benchmark over every dataset directory under {@code loghubDir} that has a structured CSV; when
     * {@code groupsOutOrNull} is given, writes {@code <Dataset>.csv} there with columns
     * {@code LineId,EventId,EventTemplate}.
     *
     * @return {@code {"datasets":[{name, grouping_accuracy, parsing_accuracy, templates, lines_per_second}],
     *         "average":{grouping_accuracy, parsing_accuracy, lines_per_second}}}
     * @throws IllegalArgumentException when the directory holds no dataset or a CSV is malformed
     */
    public static ObjectNode run(Path loghubDir, Path groupsOutOrNull) {
        List<Dataset> datasets = load(loghubDir);
        ObjectNode out = Json.object();
        ArrayNode arr = out.putArray("datasets");
        double ga = 0;
        double pa = 0;
        double lps = 0;
        for (Dataset d : datasets) {
            TemplateMiner miner = new TemplateMiner();
            int[] predicted = new int[d.contents().size()];
            for (int i = 0; i < predicted.length; i++) {
                predicted[i] = miner.add(d.contents().get(i));
            }
            for (int i = 0; i < predicted.length; i++) {
                // templates found to be one (a word that proved to be a value) were merged after the line was added
                predicted[i] = miner.resolve(predicted[i]);
            }
            String[] predictedTemplates = new String[predicted.length];
            for (int i = 0; i < predicted.length; i++) {
                predictedTemplates[i] = miner.templateText(predicted[i]);
            }
            Accuracy acc = score(predicted, predictedTemplates, d.eventIds(), d.templates());
            double speed = linesPerSecond(d.contents());
            ObjectNode row = arr.addObject();
            row.put("name", d.name());
            row.put("grouping_accuracy", round(acc.grouping()));
            row.put("parsing_accuracy", round(acc.parsing()));
            row.put("templates", miner.templateCount());
            row.put("lines_per_second", Math.round(speed));
            ga += acc.grouping();
            pa += acc.parsing();
            lps += speed;
            if (groupsOutOrNull != null) {
                writeGroups(groupsOutOrNull.resolve(d.name() + ".csv"), d, predicted, predictedTemplates);
            }
        }
        int n = datasets.size();
        ObjectNode avg = out.putObject("average");
        avg.put("grouping_accuracy", round(ga / n));
        avg.put("parsing_accuracy", round(pa / n));
        avg.put("lines_per_second", Math.round(lps / n));
        return out;
    }

    /**
     * Scores a prediction: {@code predicted[i]} is line i's group, {@code predictedTemplates[i]} its template;
     * {@code truthIds}/{@code truthTemplates} the ground truth.
     */
    static Accuracy score(int[] predicted, String[] predictedTemplates, List<String> truthIds,
                          List<String> truthTemplates) {
        int n = predicted.length;
        if (n == 0) {
            return new Accuracy(0, 0);
        }
        Map<String, Integer> truthSize = new HashMap<>();
        for (String t : truthIds) {
            truthSize.merge(t, 1, Integer::sum);
        }
        // per predicted group: its size and the single truth id it holds (or null when mixed)
        Map<Integer, Integer> predSize = new HashMap<>();
        Map<Integer, String> predTruth = new HashMap<>();
        Map<Integer, Boolean> mixed = new HashMap<>();
        for (int i = 0; i < n; i++) {
            predSize.merge(predicted[i], 1, Integer::sum);
            String prev = predTruth.putIfAbsent(predicted[i], truthIds.get(i));
            if (prev != null && !prev.equals(truthIds.get(i))) {
                mixed.put(predicted[i], true);
            }
        }
        int groupedOk = 0;
        int parsedOk = 0;
        for (int i = 0; i < n; i++) {
            int p = predicted[i];
            if (!mixed.containsKey(p) && predSize.get(p).equals(truthSize.get(truthIds.get(i)))) {
                groupedOk++;
            }
            if (predictedTemplates[i].equals(truthTemplates.get(i))) {
                parsedOk++;
            }
        }
        return new Accuracy((double) groupedOk / n, (double) parsedOk / n);
    }

    private static double linesPerSecond(List<String> contents) {
        String[] lines = contents.toArray(new String[0]);
        // warm-up: let the JIT compile the hot path
        for (int r = 0; r < 3; r++) {
            parseRepeated(lines, 300_000);
        }
        long best = Long.MAX_VALUE;
        for (int r = 0; r < 3; r++) {
            long t0 = System.nanoTime();
            parseRepeated(lines, TIMED_LINES);
            best = Math.min(best, System.nanoTime() - t0);
        }
        return TIMED_LINES / (best / 1e9);
    }

    private static int parseRepeated(String[] lines, int total) {
        TemplateMiner miner = new TemplateMiner();
        int sink = 0;
        for (int i = 0; i < total; i++) {
            sink += miner.add(lines[i % lines.length]);
        }
        return sink;
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }

    // ---------------------------------------------------------------- input and output

    static List<Dataset> load(Path loghubDir) {
        if (!Files.isDirectory(loghubDir)) {
            throw new IllegalArgumentException("Loghub directory " + loghubDir + " does not exist or is not a "
                    + "directory: pass the folder that holds Apache/, HDFS/, ... (Loghub-2k)");
        }
        List<Dataset> out = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(loghubDir)) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                String name = dir.getFileName().toString();
                Path csv = dir.resolve(name + "_2k.log_structured.csv");
                if (Files.isRegularFile(csv)) {
                    out.add(readDataset(name, csv));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + loghubDir, e);
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no dataset in " + loghubDir + ": expected <Dataset>/<Dataset>"
                    + "_2k.log_structured.csv files (Loghub-2k layout)");
        }
        return out;
    }

    static Dataset readDataset(String name, Path csv) {
        List<String[]> rows;
        try {
            rows = Csv.parse(Files.readString(csv, StandardCharsets.UTF_8), csv.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + csv, e);
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(csv + " is empty: expected a header row with Content, EventId, "
                    + "EventTemplate");
        }
        String[] header = rows.get(0);
        int lineId = column(header, "LineId", csv);
        int content = column(header, "Content", csv);
        int eventId = column(header, "EventId", csv);
        int template = column(header, "EventTemplate", csv);
        List<String> ids = new ArrayList<>();
        List<String> contents = new ArrayList<>();
        List<String> events = new ArrayList<>();
        List<String> templates = new ArrayList<>();
        for (int r = 1; r < rows.size(); r++) {
            String[] row = rows.get(r);
            if (row.length != header.length) {
                throw new IllegalArgumentException(csv + " row " + (r + 1) + " has " + row.length
                        + " fields, the header has " + header.length);
            }
            ids.add(row[lineId]);
            contents.add(row[content]);
            events.add(row[eventId]);
            templates.add(row[template]);
        }
        return new Dataset(name, ids, contents, events, templates);
    }

    private static int column(String[] header, String name, Path csv) {
        for (int i = 0; i < header.length; i++) {
            if (header[i].equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException(csv + " has no column " + name + " (header: " + String.join(",", header)
                + ")");
    }

    private static void writeGroups(Path file, Dataset d, int[] predicted, String[] templates) {
        try {
            Files.createDirectories(file.getParent());
            try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                w.write("LineId,EventId,EventTemplate\n");
                for (int i = 0; i < predicted.length; i++) {
                    w.write(Csv.quote(d.lineIds().get(i)));
                    w.write(",E");
                    w.write(Integer.toString(predicted[i] + 1));
                    w.write(',');
                    w.write(Csv.quote(templates[i]));
                    w.write('\n');
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** RFC 4180 CSV: quoted fields, doubled quotes, commas and line breaks inside quotes. */
    static final class Csv {
        private Csv() {
        }

        static List<String[]> parse(String text, String where) {
            List<String[]> rows = new ArrayList<>();
            List<String> row = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            boolean any = false;
            int line = 1;
            int n = text.length();
            for (int i = 0; i < n; i++) {
                char c = text.charAt(i);
                if (quoted) {
                    if (c == '"') {
                        if (i + 1 < n && text.charAt(i + 1) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            quoted = false;
                        }
                    } else {
                        if (c == '\n') {
                            line++;
                        }
                        field.append(c);
                    }
                } else if (c == '"') {
                    quoted = true;
                    any = true;
                } else if (c == ',') {
                    row.add(field.toString());
                    field.setLength(0);
                    any = true;
                } else if (c == '\n' || c == '\r') {
                    if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                        i++;
                    }
                    line++;
                    if (any || field.length() > 0) {
                        row.add(field.toString());
                        rows.add(row.toArray(new String[0]));
                    }
                    row.clear();
                    field.setLength(0);
                    any = false;
                } else {
                    field.append(c);
                    any = true;
                }
            }
            if (quoted) {
                throw new IllegalArgumentException(where + ": a quoted field opened before line " + line
                        + " is never closed");
            }
            if (any || field.length() > 0) {
                row.add(field.toString());
                rows.add(row.toArray(new String[0]));
            }
            return rows;
        }

        static String quote(String s) {
            if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
                return s;
            }
            return '"' + s.replace("\"", "\"\"") + '"';
        }
    }

    /** Runs the benchmark: {@code LoghubBenchmark LOGHUB_DIR [GROUPS_OUT_DIR]}; prints the JSON result. */
    public static void main(String[] args) {
        if (args.length < 1) {
            System.err.println("usage: LoghubBenchmark LOGHUB_DIR [GROUPS_OUT_DIR]");
            System.exit(2);
        }
        ObjectNode result = run(Path.of(args[0]), args.length > 1 ? Path.of(args[1]) : null);
        System.out.println(Json.writePretty(result));
    }
}
