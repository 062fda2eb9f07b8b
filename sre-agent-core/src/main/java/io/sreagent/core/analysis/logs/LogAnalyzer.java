package io.sreagent.core.analysis.logs;

import io.sreagent.core.redaction.Redactor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The facade the log agents call: turns lines into a {@link LogSummary} (templates with novelty, error signatures
 * with categories, dependencies), with secrets redacted from everything it returns.
 *
 * <p>Thread-safe and stateless apart from its {@link Redactor}: each call mines with a fresh {@link TemplateMiner}.
 */
public final class LogAnalyzer {

    private static final int EXAMPLES = 3;
    private static final int EXAMPLE_TRACE_LINES = 5;
    private static final int VALUE_LINES = 100;
    private static final int VALUES_PER_POSITION = 10;

    private final Redactor redactor;

    /** An analyzer with the default {@link Redactor}. */
    public LogAnalyzer() {
        this(new Redactor());
    }

    /** An analyzer that redacts with {@code redactor}. */
    public LogAnalyzer(Redactor redactor) {
        this.redactor = java.util.Objects.requireNonNull(redactor, "redactor");
    }

    /** Analyses {@code lines} with the default analyzer; see {@link #summarize}. */
    public static LogSummary analyze(List<LogLine> lines, Instant incidentStart) {
        return new LogAnalyzer().summarize(lines, incidentStart);
    }

    /**
     * Summarises {@code lines} (in the order written). Lines at or after {@code incidentStart} count as "after" for
     * novelty; with a null start, or lines without times, every line counts as "after" and novelty is 1 for every
     * template. Never throws on odd content (binary junk, invalid UTF-8 replacement characters, huge lines).
     */
    public LogSummary summarize(List<LogLine> lines, Instant incidentStart) {
        List<LogLine> in = lines == null ? List.of() : lines;
        List<LogLine> clean = new ArrayList<>(in.size());
        for (LogLine l : in) {
            clean.add(l == null ? LogLine.of("") : new LogLine(l.time(), redactor.redact(l.text())));
        }
        List<LogEvent> events = StackTraces.group(clean);

        TemplateMiner miner = new TemplateMiner();
        int[] ids = new int[events.size()];
        for (int i = 0; i < events.size(); i++) {
            LogEvent e = events.get(i);
            ids[i] = miner.add(e.text(), e.time());
        }
        Map<Integer, long[]> beforeAfter = new HashMap<>();
        for (int i = 0; i < events.size(); i++) {
            int id = miner.resolve(ids[i]);
            Instant t = events.get(i).time();
            boolean before = incidentStart != null && t != null && t.isBefore(incidentStart);
            beforeAfter.computeIfAbsent(id, k -> new long[2])[before ? 0 : 1]++;
        }
        long totalBefore = beforeAfter.values().stream().mapToLong(a -> a[0]).sum();
        long totalAfter = beforeAfter.values().stream().mapToLong(a -> a[1]).sum();
        Map<Integer, List<java.util.Set<String>>> values = variableValues(miner, events, ids);
        List<TemplateStat> stats = new ArrayList<>();
        for (LogTemplate t : miner.templates()) {
            long[] ba = beforeAfter.getOrDefault(t.id(), new long[2]);
            List<java.util.Set<String>> v = values.get(t.id());
            LogTemplate withValues = v == null ? t : new LogTemplate(t.id(), t.template(), t.count(), t.firstLine(),
                    t.lastLine(), t.firstSeen(), t.lastSeen(), t.examples(),
                    v.stream().map(set -> (List<String>) new ArrayList<>(set)).toList());
            stats.add(new TemplateStat(withValues, ba[0], ba[1], novelty(ba[0], ba[1], totalBefore, totalAfter)));
        }
        stats.sort(Comparator.comparingDouble(TemplateStat::novelty).reversed()
                .thenComparing(Comparator.comparingLong((TemplateStat s) -> s.template().count()).reversed()));

        Map<ErrorSignature, Acc> acc = new LinkedHashMap<>();
        Map<String, Long> deps = new HashMap<>();
        for (LogEvent e : events) {
            String full = e.fullText();
            ErrorSignature sig = ErrorSignature.detect(full, e.hasStackTrace());
            if (sig == null) {
                continue;
            }
            Acc a = acc.computeIfAbsent(sig, k -> new Acc());
            a.count++;
            if (e.time() != null) {
                a.first = a.first == null || e.time().isBefore(a.first) ? e.time() : a.first;
                a.last = a.last == null || e.time().isAfter(a.last) ? e.time() : a.last;
            }
            if (a.examples.size() < EXAMPLES) {
                a.examples.add(example(e));
            }
            Optional<Dependency> d = Dependency.extract(full);
            if (d.isPresent()) {
                String key = d.get().toString();
                a.deps.merge(key, 1L, Long::sum);
                deps.merge(key, 1L, Long::sum);
            }
        }
        List<SignatureHit> hits = new ArrayList<>();
        for (Map.Entry<ErrorSignature, Acc> en : acc.entrySet()) {
            Acc a = en.getValue();
            hits.add(new SignatureHit(en.getKey(), en.getKey().category(), a.count, a.first, a.last, a.examples,
                    sortByCount(a.deps)));
        }
        hits.sort(Comparator.comparingLong(SignatureHit::count).reversed());
        return new LogSummary(in.size(), events.size(), incidentStart, stats, hits,
                new ArrayList<>(sortByCount(deps).keySet()));
    }

    /**
     * Distinct values at each variable position of each template, read from up to {@value #VALUE_LINES} of its
     * events and kept to {@value #VALUES_PER_POSITION} per position.
     */
    private static Map<Integer, List<java.util.Set<String>>> variableValues(TemplateMiner miner, List<LogEvent> events,
                                                                           int[] ids) {
        Map<Integer, List<java.util.Set<String>>> out = new HashMap<>();
        Map<Integer, Integer> seen = new HashMap<>();
        for (int i = 0; i < events.size(); i++) {
            int id = miner.resolve(ids[i]);
            int n = seen.merge(id, 1, Integer::sum);
            if (n > VALUE_LINES) {
                continue;
            }
            List<String> vals = miner.variables(id, events.get(i).text());
            List<java.util.Set<String>> sets = out.computeIfAbsent(id, k -> new ArrayList<>());
            for (int p = 0; p < vals.size(); p++) {
                if (sets.size() <= p) {
                    sets.add(new java.util.LinkedHashSet<>());
                }
                if (sets.get(p).size() < VALUES_PER_POSITION) {
                    String v = vals.get(p);
                    sets.get(p).add(v.length() > 200 ? v.substring(0, 200) : v);
                }
            }
        }
        return out;
    }

    private static String example(LogEvent e) {
        if (e.trace().isEmpty()) {
            return e.text();
        }
        List<String> parts = new ArrayList<>();
        parts.add(e.text());
        parts.addAll(e.trace().subList(0, Math.min(EXAMPLE_TRACE_LINES, e.trace().size())));
        return String.join("\n", parts);
    }

    /**
     * 0..1: how much more frequent the template is after the cut-off than before, as a share of lines; 1 when it is
     * new, 0.5 when its share is unchanged, 0 when it disappeared.
     */
    static double novelty(long before, long after, long totalBefore, long totalAfter) {
        if (after == 0) {
            return 0;
        }
        if (before == 0) {
            return 1;
        }
        double rb = (double) before / Math.max(1, totalBefore);
        double ra = (double) after / Math.max(1, totalAfter);
        return ra / (ra + rb);
    }

    private static Map<String, Long> sortByCount(Map<String, Long> m) {
        Map<String, Long> out = new LinkedHashMap<>();
        m.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()
                .thenComparing(Map.Entry.comparingByKey())).forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    private static final class Acc {
        long count;
        Instant first;
        Instant last;
        final List<String> examples = new ArrayList<>();
        final Map<String, Long> deps = new HashMap<>();
    }
}
