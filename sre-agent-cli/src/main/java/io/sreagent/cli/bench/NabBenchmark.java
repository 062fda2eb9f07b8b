package io.sreagent.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sreagent.core.analysis.metrics.AnomalyDetector;
import io.sreagent.core.support.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Runs {@link AnomalyDetector} over the Numenta Anomaly Benchmark and scores it the way NAB does.
 *
 * <p>Scoring (NAB's {@code SCORING.md}): per file, rows after the probationary period (the first min(15% of rows,
 * 750) rows) that score at or above one corpus-wide threshold are detections. In a labelled window only the earliest
 * detection counts, worth {@code tpWeight * S(pos) / S(-1)} with {@code S(x) = 2 sigmoid(-5x) - 1} and {@code pos}
 * running from -1 at the window's left edge to 0 at its right edge; a window without detection costs
 * {@code fnWeight}; a detection outside windows scores {@code fpWeight * S(distance past the preceding window's
 * right edge in units of that window's length)}, the full {@code -fpWeight} when no window precedes it. The raw
 * corpus score is normalised per profile as {@code 100 (raw - null) / (perfect - null)} with the detector that
 * never fires (null) and the one firing at each window's first row (perfect). As in NAB, the threshold is chosen per
 * profile to maximise the corpus score. The data is read from the given directory and never copied.
 */
public final class NabBenchmark {

    /** A NAB cost profile. */
    record Profile(String name, double tpWeight, double fpWeight, double fnWeight) {
    }

    /** NAB's three profiles (config/profiles.json). */
    static final List<Profile> PROFILES = List.of(
            new Profile("standard", 1.0, 0.11, 1.0),
            new Profile("reward_low_fp", 1.0, 0.22, 1.0),
            new Profile("reward_low_fn", 1.0, 0.11, 2.0));

    private static final DateTimeFormatter NAB_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSSSSS]");

    /** One scored data file: its rows, the scores, and the windows as inclusive row index ranges. */
    record ScoredFile(String relativePath, List<String> rawTimes, long[] times, double[] values, double[] scores,
                      List<int[]> windows) {
    }

    private NabBenchmark() {
    }

    /**
     * Runs the detector over every CSV under {@code nabDir/data} listed in {@code labels/combined_windows.json}.
     *
     * @param nabDir           the NAB directory ({@code data/}, {@code labels/combined_windows.json})
     * @param scoresOutOrNull  where to write {@code timestamp,value,anomaly_score} CSVs (same relative paths), or null
     * @return {@code {"score":{"standard":S,"reward_low_fp":S,"reward_low_fn":S},"files":N,"seconds":T,
     *         "thresholds":{...}}}
     * @throws IllegalArgumentException when the directory or a file is malformed
     */
    public static ObjectNode run(Path nabDir, Path scoresOutOrNull) {
        return run(nabDir, scoresOutOrNull, AnomalyDetector.Settings.defaults());
    }

    /** As {@link #run(Path, Path)} with other detector settings (one configuration for the whole corpus). */
    public static ObjectNode run(Path nabDir, Path scoresOutOrNull, AnomalyDetector.Settings settings) {
        long t0 = System.nanoTime();
        JsonNode labels = readLabels(nabDir.resolve("labels").resolve("combined_windows.json"));
        List<ScoredFile> files = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = labels.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            Path csv = nabDir.resolve("data").resolve(e.getKey());
            if (!Files.isRegularFile(csv)) {
                throw new IllegalArgumentException("NAB file " + csv + " listed in combined_windows.json is missing; "
                        + "point --nab at a complete NAB checkout (data/ and labels/)");
            }
            files.add(score(e.getKey(), csv, e.getValue(), settings));
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no data files listed in " + nabDir
                    + "/labels/combined_windows.json; point --nab at a NAB checkout");
        }
        if (scoresOutOrNull != null) {
            writeScores(files, scoresOutOrNull);
        }
        ObjectNode out = Json.mapper().createObjectNode();
        ObjectNode score = out.putObject("score");
        ObjectNode thresholds = Json.mapper().createObjectNode();
        for (Profile p : PROFILES) {
            double[] best = optimise(files, p);
            score.put(p.name(), Math.round(best[1] * 100) / 100.0);
            thresholds.put(p.name(), best[0]);
        }
        out.put("files", files.size());
        out.put("seconds", Math.round((System.nanoTime() - t0) / 1e7) / 100.0);
        out.set("thresholds", thresholds);
        return out;
    }

    /** Command-line entry: {@code NabBenchmark NAB_DIR [SCORES_OUT]}. */
    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: NabBenchmark NAB_DIR [SCORES_OUT]");
            System.exit(2);
        }
        System.out.println(Json.mapper().writerWithDefaultPrettyPrinter()
                .writeValueAsString(run(Path.of(args[0]), args.length > 1 ? Path.of(args[1]) : null)));
    }

    // ------------------------------------------------------------------ detection

    static ScoredFile score(String relativePath, Path csv, JsonNode windowsJson, AnomalyDetector.Settings settings) {
        List<String> rawTimes = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read NAB file " + csv, e);
        }
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty()) {
                continue;
            }
            int comma = line.indexOf(',');
            if (comma < 0) {
                throw new IllegalArgumentException(csv + " line " + (i + 1) + " '" + line
                        + "' is not timestamp,value");
            }
            String ts = line.substring(0, comma);
            rawTimes.add(ts);
            times.add(parseTime(ts, csv + " line " + (i + 1)));
            try {
                values.add(Double.parseDouble(line.substring(comma + 1)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(csv + " line " + (i + 1) + " value '" + line.substring(comma + 1)
                        + "' is not a number", e);
            }
        }
        int n = times.size();
        long[] t = new long[n];
        double[] v = new double[n];
        double[] s = new double[n];
        AnomalyDetector detector = new AnomalyDetector(settings);
        for (int i = 0; i < n; i++) {
            t[i] = times.get(i);
            v[i] = values.get(i);
            s[i] = detector.update(Instant.ofEpochSecond(t[i]), v[i]);
        }
        List<int[]> windows = new ArrayList<>();
        for (JsonNode w : windowsJson) {
            long start = parseTime(w.get(0).asText(), csv + " window");
            long end = parseTime(w.get(1).asText(), csv + " window");
            int first = -1;
            int last = -1;
            for (int i = 0; i < n; i++) {
                if (t[i] >= start && t[i] <= end) {
                    if (first < 0) {
                        first = i;
                    }
                    last = i;
                }
            }
            if (first >= 0) {
                windows.add(new int[] {first, last});
            }
        }
        return new ScoredFile(relativePath, rawTimes, t, v, s, windows);
    }

    private static long parseTime(String s, String where) {
        try {
            return LocalDateTime.parse(s.trim(), NAB_TIME).toEpochSecond(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(where + ": time '" + s + "' is not yyyy-MM-dd HH:mm:ss[.SSSSSS]", e);
        }
    }

    // ------------------------------------------------------------------ scoring

    static double scaledSigmoid(double x) {
        if (x > 3.0) {
            return -1.0;
        }
        return 2.0 / (1.0 + Math.exp(5.0 * x)) - 1.0;
    }

    static int probation(int rows) {
        return (int) Math.min(Math.floor(0.15 * rows), 750);
    }

    /** The raw score of one file at {@code threshold}; detections are rows with score >= threshold. */
    static double rawScore(ScoredFile f, Profile p, double threshold) {
        return rawScore(f.scores().length, f.windows(), p, i -> f.scores()[i] >= threshold);
    }

    /** The raw score of detections {@code fired} on a file with {@code rows} rows and {@code windows}. */
    static double rawScore(int rows, List<int[]> windows, Profile p, java.util.function.IntPredicate fired) {
        double maxTp = scaledSigmoid(-1.0);
        int prob = probation(rows);
        double total = 0;
        boolean[] detected = new boolean[windows.size()];
        int w = 0; // index of the next window not yet passed
        for (int i = prob; i < rows; i++) {
            while (w < windows.size() && windows.get(w)[1] < i) {
                w++;
            }
            if (!fired.test(i)) {
                continue;
            }
            if (w < windows.size() && windows.get(w)[0] <= i) {
                int[] win = windows.get(w);
                if (!detected[w]) {
                    detected[w] = true;
                    int length = win[1] - win[0] + 1;
                    double pos = -(win[1] - i + 1) / (double) length;
                    total += p.tpWeight() * scaledSigmoid(pos) / maxTp;
                }
            } else if (w == 0) {
                total -= p.fpWeight();
            } else {
                int[] prev = windows.get(w - 1);
                int length = prev[1] - prev[0] + 1;
                double pos = Math.abs(prev[1] - i) / (double) Math.max(1, length - 1);
                total += p.fpWeight() * scaledSigmoid(pos);
            }
        }
        for (boolean d : detected) {
            if (!d) {
                total -= p.fnWeight();
            }
        }
        return total;
    }

    /** Normalised corpus score at {@code threshold}, given the null and perfect raw scores of the profile. */
    static double normalised(List<ScoredFile> files, Profile p, double threshold, double nul, double perfect) {
        double raw = 0;
        for (ScoredFile f : files) {
            raw += rawScore(f, p, threshold);
        }
        return 100 * (raw - nul) / (perfect - nul);
    }

    /** The raw corpus scores of the detector that never fires and of the one firing at each window's first row. */
    static double[] nullAndPerfect(List<ScoredFile> files, Profile p) {
        double nul = 0;
        double perfect = 0;
        for (ScoredFile f : files) {
            int rows = f.scores().length;
            boolean[] first = new boolean[rows];
            f.windows().forEach(w -> first[w[0]] = true);
            nul += rawScore(rows, f.windows(), p, i -> false);
            perfect += rawScore(rows, f.windows(), p, i -> first[i]);
        }
        return new double[] {nul, perfect};
    }

    /** The best threshold for {@code p} and its score: a grid over [0, 1] refined around the best point. */
    static double[] optimise(List<ScoredFile> files, Profile p) {
        double[] np = nullAndPerfect(files, p);
        double bestT = 1.0;
        double best = normalised(files, p, 1.0 + 1e-9, np[0], np[1]);
        java.util.TreeSet<Double> candidates = new java.util.TreeSet<>();
        for (int k = 0; k <= 200; k++) {
            candidates.add(k / 200.0);
        }
        // Scores crowd near 1 (they are probabilities): add thresholds 1 - 10^-k.
        for (int k = 1; k <= 60; k++) {
            candidates.add(1 - Math.pow(10, -k / 10.0));
        }
        for (double t : candidates) {
            double s = normalised(files, p, t, np[0], np[1]);
            if (s > best) {
                best = s;
                bestT = t;
            }
        }
        double step = 0.0025;
        for (int round = 0; round < 3; round++) {
            for (int k = -8; k <= 8; k++) {
                double t = bestT + k * step;
                if (t < 0 || t > 1) {
                    continue;
                }
                double s = normalised(files, p, t, np[0], np[1]);
                if (s > best) {
                    best = s;
                    bestT = t;
                }
            }
            step /= 8;
        }
        return new double[] {bestT, best};
    }

    // ------------------------------------------------------------------ i/o

    private static JsonNode readLabels(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("NAB labels " + file + " not found; point --nab at a NAB checkout "
                    + "with labels/combined_windows.json");
        }
        try {
            JsonNode n = Json.mapper().readTree(file.toFile());
            if (!n.isObject()) {
                throw new IllegalArgumentException(file + " is not a JSON object of file -> windows");
            }
            return n;
        } catch (IOException e) {
            throw new IllegalArgumentException(file + " is not valid JSON: " + e.getMessage(), e);
        }
    }

    private static void writeScores(List<ScoredFile> files, Path outDir) {
        for (ScoredFile f : files) {
            Path target = outDir.resolve(f.relativePath());
            try {
                Files.createDirectories(target.getParent());
                try (Writer w = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
                    w.write("timestamp,value,anomaly_score\n");
                    for (int i = 0; i < f.scores().length; i++) {
                        w.write(f.rawTimes().get(i) + "," + stripZero(f.values()[i]) + "," + f.scores()[i] + "\n");
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write scores to " + target, e);
            }
        }
    }

    private static String stripZero(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    /** Lists the CSV files under {@code dir} (for tests). */
    static List<Path> csvFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(".csv")).sorted().toList();
        }
    }
}
