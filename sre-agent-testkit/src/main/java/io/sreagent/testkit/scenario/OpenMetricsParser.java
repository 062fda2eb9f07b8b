package io.sreagent.testkit.scenario;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Parses the OpenMetrics text exposition of a scenario's {@code metrics.om} into families and series.
 *
 * <p>Strict where {@code promtool tsdb create-blocks-from openmetrics} is strict, so that a file this parser accepts
 * also loads into a real Prometheus: descriptors {@code # TYPE}, {@code # HELP}, {@code # UNIT} before the samples of
 * their family, sample names that belong to the declared family, single spaces between fields, a timestamp (seconds,
 * decimals allowed) on every sample, and {@code # EOF} as the last line. Every error names the file and the line.
 * Stateless and thread-safe.
 */
public final class OpenMetricsParser {

    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Pattern NUMBER =
            Pattern.compile("[+-]?(?:\\d+\\.?\\d*(?:[eE][+-]?\\d+)?|\\.\\d+(?:[eE][+-]?\\d+)?)");
    private static final Set<String> TYPES =
            Set.of("counter", "gauge", "histogram", "gaugehistogram", "summary", "info", "stateset", "unknown");
    private static final Map<String, List<String>> SUFFIXES = Map.of(
            "counter", List.of("_total", "_created"),
            "gauge", List.of(""),
            "histogram", List.of("_bucket", "_count", "_sum", "_created"),
            "gaugehistogram", List.of("_bucket", "_gcount", "_gsum"),
            "summary", List.of("", "_count", "_sum", "_created"),
            "info", List.of("_info"),
            "stateset", List.of(""),
            "unknown", List.of(""));

    private OpenMetricsParser() {
    }

    /**
     * Parses {@code text}.
     *
     * @param file the file name to put in error messages
     * @throws ScenarioException naming the file and line of the first problem
     */
    public static Metrics parse(String text, String file) {
        return new Run(file).parse(text);
    }

    private static final class Run {
        private final String file;
        private int lineNo;
        private final Map<String, String[]> families = new LinkedHashMap<>(); // name -> {type, help, unit}
        private final Set<String> closedFamilies = new HashSet<>();
        private String family;
        private boolean familyHasSamples;
        private final Map<Map<String, String>, TreeMap<Long, Double>> series = new HashMap<>();

        Run(String file) {
            this.file = file;
        }

        Metrics parse(String text) {
            String[] lines = text.split("\n", -1);
            int last = lines.length - 1;
            // A trailing newline after "# EOF" leaves one empty string at the end.
            if (last >= 0 && lines[last].isEmpty()) {
                last--;
            }
            boolean eof = false;
            for (int i = 0; i <= last; i++) {
                lineNo = i + 1;
                String line = lines[i];
                if (line.endsWith("\r")) {
                    throw error("line ends with a carriage return; OpenMetrics lines end with \\n only");
                }
                if (line.equals("# EOF")) {
                    if (i != last) {
                        throw error("'# EOF' must be the last line, but line " + (i + 2) + " follows it");
                    }
                    eof = true;
                } else if (line.startsWith("#")) {
                    descriptor(line);
                } else if (line.isEmpty()) {
                    throw error("empty line; OpenMetrics does not allow blank lines");
                } else {
                    sample(line);
                }
            }
            if (!eof) {
                lineNo = last + 2;
                throw error("no '# EOF' line at the end; OpenMetrics requires the file to end with '# EOF'");
            }
            List<MetricFamily> fams = new ArrayList<>();
            families.forEach((name, d) -> fams.add(new MetricFamily(name, d[0], d[1], d[2])));
            List<MetricSeries> out = new ArrayList<>();
            series.forEach((labels, samples) -> {
                List<MetricSample> list = new ArrayList<>(samples.size());
                samples.forEach((t, v) -> list.add(new MetricSample(t, v)));
                out.add(new MetricSeries(labels, list));
            });
            out.sort(Comparator.comparing(s -> s.labels().toString()));
            return new Metrics(fams, out, text);
        }

        private void descriptor(String line) {
            String[] parts = line.split(" ", 4);
            if (parts.length < 3 || !parts[0].equals("#")) {
                throw error("unexpected comment '" + abbreviate(line)
                        + "'; OpenMetrics allows only '# TYPE', '# HELP', '# UNIT' and '# EOF'");
            }
            String kind = parts[1];
            String name = parts[2];
            String rest = parts.length == 4 ? parts[3] : null;
            if (!kind.equals("TYPE") && !kind.equals("HELP") && !kind.equals("UNIT")) {
                throw error("unknown descriptor '# " + kind + "'; expected TYPE, HELP or UNIT");
            }
            if (!NAME.matcher(name).matches()) {
                throw error("invalid metric family name '" + name + "' in '# " + kind + "'");
            }
            switchFamily(name);
            String[] d = families.get(name);
            switch (kind) {
                case "TYPE" -> {
                    if (rest == null || !TYPES.contains(rest)) {
                        throw error("unknown metric type '" + rest + "' for " + name + "; expected one of "
                                + new java.util.TreeSet<>(TYPES));
                    }
                    if (familyHasSamples) {
                        throw error("'# TYPE " + name + "' after samples of the family; descriptors come first");
                    }
                    d[0] = rest;
                }
                case "HELP" -> d[1] = rest == null ? "" : unescape(rest);
                default -> {
                    if (rest == null) {
                        throw error("'# UNIT " + name + "' has no unit");
                    }
                    d[2] = rest;
                }
            }
        }

        private void switchFamily(String name) {
            if (name.equals(family)) {
                return;
            }
            if (family != null) {
                closedFamilies.add(family);
            }
            if (closedFamilies.contains(name)) {
                throw error("metric family " + name + " appears twice; the lines of a family must be together");
            }
            family = name;
            familyHasSamples = false;
            families.put(name, new String[] {"unknown", "", ""});
        }

        private void sample(String line) {
            int pos = 0;
            int n = line.length();
            while (pos < n && line.charAt(pos) != '{' && line.charAt(pos) != ' ') {
                pos++;
            }
            String name = line.substring(0, pos);
            if (!NAME.matcher(name).matches()) {
                throw error("invalid metric name '" + name + "'");
            }
            if (family == null) {
                throw error("sample " + name + " before any '# TYPE'; declare its family first");
            }
            String type = families.get(family)[0];
            boolean belongs = SUFFIXES.get(type).stream().anyMatch(s -> name.equals(family + s))
                    // Prometheus-text habits that promtool accepts: a family declared under its samples' own name
                    // ("# TYPE x_total counter", "# TYPE x_bucket histogram") with samples named exactly like it.
                    || name.equals(family);
            if (!belongs) {
                throw error("sample " + name + " does not belong to the " + type + " family " + family
                        + " declared above; expected one of " + SUFFIXES.get(type).stream().map(s -> family + s).toList()
                        + " or a '# TYPE' line for a new family");
            }
            Map<String, String> labels = new TreeMap<>();
            labels.put("__name__", name);
            if (pos < n && line.charAt(pos) == '{') {
                pos = labels(line, pos + 1, labels);
            }
            if (pos >= n || line.charAt(pos) != ' ') {
                throw error("expected a single space and a value after " + abbreviate(line.substring(0, pos)));
            }
            pos++;
            String[] fields = line.substring(pos).split(" ", -1);
            int exemplar = java.util.Arrays.asList(fields).indexOf("#");
            int count = exemplar >= 0 ? exemplar : fields.length;
            if (count < 2) {
                throw error("sample " + name + " has no timestamp; every scenario sample needs one (seconds since the "
                        + "epoch, decimals allowed)");
            }
            if (count > 2) {
                throw error("unexpected text '" + fields[2] + "' after the timestamp of " + name
                        + " (fields are separated by exactly one space)");
            }
            double value = value(fields[0], name);
            long ts = timestamp(fields[1], name);
            TreeMap<Long, Double> samples = series.computeIfAbsent(labels, k -> new TreeMap<>());
            if (samples.containsKey(ts)) {
                throw error("duplicate sample for " + labels + " at timestamp " + fields[1]);
            }
            samples.put(ts, value);
            familyHasSamples = true;
        }

        private int labels(String line, int pos, Map<String, String> labels) {
            int n = line.length();
            while (true) {
                if (pos < n && line.charAt(pos) == '}') {
                    return pos + 1;
                }
                int start = pos;
                while (pos < n && line.charAt(pos) != '=' && line.charAt(pos) != '}') {
                    pos++;
                }
                String label = line.substring(start, pos);
                if (!LABEL_NAME.matcher(label).matches()) {
                    throw error("invalid label name '" + label + "' at column " + (start + 1));
                }
                if (pos >= n || line.charAt(pos) != '=' || pos + 1 >= n || line.charAt(pos + 1) != '"') {
                    throw error("expected =\"value\" after label " + label + " at column " + (pos + 1));
                }
                pos += 2;
                StringBuilder value = new StringBuilder();
                while (true) {
                    if (pos >= n) {
                        throw error("unterminated value of label " + label + " (missing closing quote)");
                    }
                    char c = line.charAt(pos);
                    if (c == '"') {
                        pos++;
                        break;
                    }
                    if (c == '\\') {
                        if (pos + 1 >= n) {
                            throw error("dangling backslash in the value of label " + label);
                        }
                        char e = line.charAt(pos + 1);
                        switch (e) {
                            case '\\' -> value.append('\\');
                            case '"' -> value.append('"');
                            case 'n' -> value.append('\n');
                            default -> throw error("invalid escape \\" + e + " in the value of label " + label
                                    + "; allowed are \\\\, \\\" and \\n");
                        }
                        pos += 2;
                    } else {
                        value.append(c);
                        pos++;
                    }
                }
                if (labels.put(label, value.toString()) != null) {
                    throw error("label " + label + " appears twice");
                }
                if (pos < n && line.charAt(pos) == ',') {
                    pos++;
                } else if (pos >= n || line.charAt(pos) != '}') {
                    throw error("expected ',' or '}' after the value of label " + label + " at column " + (pos + 1));
                }
            }
        }

        private double value(String text, String name) {
            switch (text) {
                case "NaN":
                    return Double.NaN;
                case "+Inf":
                case "Inf":
                    return Double.POSITIVE_INFINITY;
                case "-Inf":
                    return Double.NEGATIVE_INFINITY;
                default:
                    if (!NUMBER.matcher(text).matches()) {
                        throw error("invalid value '" + text + "' of " + name
                                + "; expected a number, NaN, +Inf or -Inf");
                    }
                    return Double.parseDouble(text);
            }
        }

        private long timestamp(String text, String name) {
            if (!NUMBER.matcher(text).matches()) {
                throw error("invalid timestamp '" + text + "' of " + name + "; expected seconds since the epoch");
            }
            // Prometheus's OpenMetrics parser multiplies the float seconds by 1000 and truncates to int64.
            return (long) (Double.parseDouble(text) * 1000.0);
        }

        private static String unescape(String s) {
            StringBuilder b = new StringBuilder(s.length());
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '\\' && i + 1 < s.length()) {
                    char e = s.charAt(++i);
                    b.append(e == 'n' ? '\n' : e);
                } else {
                    b.append(c);
                }
            }
            return b.toString();
        }

        private static String abbreviate(String s) {
            return s.length() > 80 ? s.substring(0, 77) + "..." : s;
        }

        private ScenarioException error(String problem) {
            return new ScenarioException(file, "line " + lineNo, problem);
        }
    }
}
