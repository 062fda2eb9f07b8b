package io.sreagent.core.analysis.logs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a stream of log lines into message templates online: each line is assigned to a template as it arrives, and
 * templates generalise (a differing token becomes {@code <*>}) as more lines are seen.
 *
 * <p>The algorithm is in the Drain family with one fixed configuration for every source:
 * <ol>
 *   <li>a line is split on whitespace; inside a token, sub-tokens that look like values (numbers, hex, ids with
 *       digits, UUIDs, paths, URLs, host names, host:port) are masked, so {@code blk_-562} and {@code blk_77} have
 *       the same shape;</li>
 *   <li>a line whose masked shape was seen before goes straight to the same template (a hash lookup, no
 *       allocation);</li>
 *   <li>otherwise it is compared with the templates of the same token count and the same first constant token, and
 *       joins the most similar one when at least half of the template's constant tokens agree, else starts a new
 *       one.</li>
 * </ol>
 * Tokenising is a hand-written scanner (no regular expressions on the hot path), so the miner processes well over a
 * million lines per second on one core once its templates are learnt.
 *
 * <p>Not thread-safe: one miner per stream, confined to one thread. Memory is bounded: at most
 * {@value #MAX_TEMPLATES} templates (further new shapes join a catch-all template), at most
 * {@value #MAX_TOKENS} tokens and {@value #MAX_SCAN_CHARS} characters of a line are considered.
 */
public final class TemplateMiner {

    /** The variable marker in template text. */
    public static final String WILDCARD = "<*>";
    /** Templates kept; beyond this, new shapes go to one overflow template. */
    public static final int MAX_TEMPLATES = 50_000;
    /** Tokens of a line considered; the rest of a longer line is treated as one trailing token. */
    public static final int MAX_TOKENS = 256;
    /** Characters of a line considered; longer lines are mined on their prefix. */
    public static final int MAX_SCAN_CHARS = 8_192;

    private static final int MAX_EXAMPLES = 3;
    private static final int MAX_EXAMPLE_CHARS = 2_000;
    private static final int MAX_CACHE = 1 << 20;
    /** Share of a template's constant tokens a line must match to join it. */
    private static final double SIMILARITY = Double.parseDouble(System.getProperty("sim", "0.5"));
    private static final int MODE = Integer.getInteger("mode", 0);

    private static final long WILD_HASH = 0x9E3779B97F4A7C15L;
    private static final long PRIME = 0x100000001B3L;

    private final LongIntMap shapeCache = new LongIntMap(1 << 12);
    private final Map<Long, List<Cluster>> buckets = new HashMap<>();
    private final List<Cluster> clusters = new ArrayList<>();
    private long lines;

    // scratch, reused for every line (the miner is confined to one thread)
    private int[] tokStart = new int[64];
    private int[] tokEnd = new int[64];
    private long[] tokHash = new long[64];
    private boolean[] tokVar = new boolean[64];
    private long scanHash;
    private boolean scanVar;

    /** A miner with the single built-in configuration. */
    public TemplateMiner() {
    }

    /** Adds a line without a timestamp; returns the id of its template. Null is treated as an empty line. */
    public int add(CharSequence line) {
        return add(line, null);
    }

    /**
     * Adds a line seen at {@code time} (may be null); returns the id of its template. Never throws on odd content:
     * control characters, invalid surrogates and very long lines are mined like any other text.
     */
    public int add(CharSequence line, Instant time) {
        CharSequence s = line == null ? "" : line;
        int n = tokenize(s);
        long shape = lineHash(n);
        int id = shapeCache.get(shape);
        Cluster c;
        if (id >= 0) {
            c = clusters.get(id);
        } else {
            c = learn(s, n);
            if (shapeCache.size() >= MAX_CACHE) {
                shapeCache.clear();
            }
            shapeCache.put(shape, c.id);
        }
        c.record(lines, time, s);
        lines++;
        return c.id;
    }

    /** The id of the template {@code line} would join, without learning from it; -1 when none fits. */
    public int match(CharSequence line) {
        CharSequence s = line == null ? "" : line;
        int n = tokenize(s);
        int id = shapeCache.get(lineHash(n));
        if (id >= 0) {
            return id;
        }
        String[] masked = maskedTokens(s, n);
        Cluster best = bestMatch(bucket(masked), masked);
        return best == null ? -1 : best.id;
    }

    /** Number of lines added so far. */
    public long lineCount() {
        return lines;
    }

    /** Number of templates learnt so far. */
    public int templateCount() {
        return clusters.size();
    }

    /** The current text of template {@code id}. */
    public String templateText(int id) {
        return cluster(id).text();
    }

    /** Number of lines that joined template {@code id}. */
    public long count(int id) {
        return cluster(id).count;
    }

    /**
     * The values {@code line} has at the variable positions of template {@code id}, in order; empty when the line
     * does not have the template's token count.
     */
    public List<String> variables(int id, CharSequence line) {
        Cluster c = cluster(id);
        CharSequence s = line == null ? "" : line;
        int n = tokenize(s);
        if (n != c.tokens.length) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (c.tokens[i].contains(WILDCARD)) {
                out.add(s.subSequence(tokStart[i], tokEnd[i]).toString());
            }
        }
        return out;
    }

    /** A snapshot of template {@code id}. */
    public LogTemplate template(int id) {
        return cluster(id).snapshot(this);
    }

    /** Snapshots of every template, in order of first appearance. */
    public List<LogTemplate> templates() {
        List<LogTemplate> out = new ArrayList<>(clusters.size());
        for (Cluster c : clusters) {
            out.add(c.snapshot(this));
        }
        return out;
    }

    private Cluster cluster(int id) {
        if (id < 0 || id >= clusters.size()) {
            throw new IllegalArgumentException("no template with id " + id + ": this miner has ids 0.."
                    + (clusters.size() - 1) + "; use an id returned by add()");
        }
        return clusters.get(id);
    }

    // ---------------------------------------------------------------- learning (cache misses only)

    private Cluster learn(CharSequence s, int n) {
        String[] masked = maskedTokens(s, n);
        List<Cluster> bucket = bucket(masked);
        Cluster best = bestMatch(bucket, masked);
        if (best != null) {
            best.merge(masked);
            return best;
        }
        if (clusters.size() >= MAX_TEMPLATES) {
            return overflow();
        }
        Cluster c = new Cluster(clusters.size(), masked);
        clusters.add(c);
        bucket.add(c);
        return c;
    }

    private Cluster overflowCluster;

    private Cluster overflow() {
        if (overflowCluster == null) {
            overflowCluster = new Cluster(clusters.size(), new String[] {WILDCARD});
            clusters.add(overflowCluster);
        }
        return overflowCluster;
    }

    private List<Cluster> bucket(String[] masked) {
        long key = masked.length;
        String first = masked.length == 0 ? "" : masked[0];
        key = key * 1_000_003L + (first.contains(WILDCARD) ? 7 : first.hashCode());
        return buckets.computeIfAbsent(key, k -> new ArrayList<>());
    }

    private static Cluster bestMatch(List<Cluster> bucket, String[] masked) {
        Cluster best = null;
        double bestSim = -1;
        int bestWild = -1;
        for (Cluster c : bucket) {
            String[] t = c.tokens;
            int constant = 0;
            int equal = 0;
            for (int i = 0; i < t.length; i++) {
                if (t[i] == WILDCARD) {
                    continue;
                }
                if (MODE >= 1 && t[i].contains(WILDCARD)) {
                    if (!t[i].equals(masked[i])) { constant++; }
                    continue;
                }
                constant++;
                if (t[i].equals(masked[i])) {
                    equal++;
                }
            }
            double sim = constant == 0 ? 1.0 : (double) equal / (MODE == 2 ? t.length : constant);
            if (sim > bestSim || (sim == bestSim && c.wildcards > bestWild)) {
                best = c;
                bestSim = sim;
                bestWild = c.wildcards;
            }
        }
        return best != null && bestSim >= SIMILARITY ? best : null;
    }

    private String[] maskedTokens(CharSequence s, int n) {
        String[] out = new String[n];
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.setLength(0);
            scanToken(s, tokStart[i], tokEnd[i], sb);
            String t = sb.toString();
            out[i] = WILDCARD.equals(t) ? WILDCARD : t;
        }
        return out;
    }

    // ---------------------------------------------------------------- hot path

    private long lineHash(int n) {
        long h = 0xCBF29CE484222325L ^ n;
        for (int i = 0; i < n; i++) {
            h = (h ^ tokHash[i]) * PRIME;
            h ^= h >>> 29;
        }
        return h;
    }

    /** Splits {@code s} on whitespace into the scratch arrays; returns the token count. */
    private int tokenize(CharSequence s) {
        int len = Math.min(s.length(), MAX_SCAN_CHARS);
        int n = 0;
        int i = 0;
        while (i < len) {
            while (i < len && isSpace(s.charAt(i))) {
                i++;
            }
            if (i >= len) {
                break;
            }
            int start = i;
            if (n == MAX_TOKENS - 1) {
                // the rest of an extremely long line is one token: bounded work and memory per line
                int end = len;
                while (end > start && isSpace(s.charAt(end - 1))) {
                    end--;
                }
                i = end;
            } else {
                while (i < len && !isSpace(s.charAt(i))) {
                    i++;
                }
            }
            if (n == tokStart.length) {
                grow();
            }
            tokStart[n] = start;
            tokEnd[n] = i;
            scanToken(s, start, i, null);
            tokHash[n] = scanHash;
            tokVar[n] = scanVar;
            n++;
        }
        return n;
    }

    private void grow() {
        int m = tokStart.length * 2;
        tokStart = java.util.Arrays.copyOf(tokStart, m);
        tokEnd = java.util.Arrays.copyOf(tokEnd, m);
        tokHash = java.util.Arrays.copyOf(tokHash, m);
        tokVar = java.util.Arrays.copyOf(tokVar, m);
    }

    /**
     * Computes the shape hash of token {@code s[start,end)} into {@link #scanHash} and whether it holds a variable
     * into {@link #scanVar}; when {@code out} is given, also appends the masked token text.
     */
    private void scanToken(CharSequence s, int start, int end, StringBuilder out) {
        if (wholeTokenIsVariable(s, start, end)) {
            scanHash = WILD_HASH;
            scanVar = true;
            if (out != null) {
                out.append(WILDCARD);
            }
            return;
        }
        long h = 0x84222325CBF29CE4L;
        boolean anyVar = false;
        boolean lastWasWild = false;
        int subStart = start;
        long sub = 0x811C9DC5L;
        int digits = 0;
        int maxRun = 0;
        int run = 0;
        boolean hexOnly = true;
        for (int i = start; i <= end; i++) {
            char c = i < end ? s.charAt(i) : ' ';
            if (i == end || isDelimiter(c)) {
                int len = i - subStart;
                if (len > 0) {
                    if (isVariable(s, subStart, len, digits, maxRun, hexOnly)) {
                        anyVar = true;
                        if (!lastWasWild) { // "<*><*>" and "<*>" are the same shape
                            h = (h ^ WILD_HASH) * PRIME;
                            if (out != null) {
                                out.append(WILDCARD);
                            }
                        }
                        lastWasWild = true;
                    } else {
                        h = (h ^ sub) * PRIME;
                        lastWasWild = false;
                        if (out != null) {
                            out.append(s, subStart, i);
                        }
                    }
                }
                if (i < end) {
                    h = (h ^ c) * PRIME;
                    if (out != null) {
                        out.append(c);
                    }
                    lastWasWild = false;
                }
                subStart = i + 1;
                sub = 0x811C9DC5L;
                digits = 0;
                maxRun = 0;
                run = 0;
                hexOnly = true;
            } else {
                sub = (sub ^ c) * 0x01000193L;
                if (c >= '0' && c <= '9') {
                    digits++;
                    run++;
                    if (run > maxRun) {
                        maxRun = run;
                    }
                } else {
                    run = 0;
                    if (!((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
                        hexOnly = false;
                    }
                }
            }
        }
        scanHash = h;
        scanVar = anyVar;
    }

    /** Whether a delimiter-free piece of a token is a value: numbers, hex, ids with digits. */
    private static boolean isVariable(CharSequence s, int start, int len, int digits, int maxRun, boolean hexOnly) {
        if (digits == 0) {
            return false;
        }
        if (digits == len || digits * 2 >= len || maxRun >= 3) {
            return true;
        }
        char c0 = s.charAt(start);
        if (c0 >= '0' && c0 <= '9') {
            return true; // 0x1f, 3ms, 2nd
        }
        return hexOnly && len >= 4;
    }

    /** Token-level value shapes that the piecewise rules would split: paths, URLs, UUIDs, host names, host:port. */
    private static boolean wholeTokenIsVariable(CharSequence s, int start, int end) {
        int len = end - start;
        if (len == 0) {
            return false;
        }
        int p = start;
        char c0 = s.charAt(p);
        if ((c0 == '(' || c0 == '[' || c0 == '"' || c0 == '\'') && len > 1) {
            p++;
            c0 = s.charAt(p);
        }
        if (c0 == '/' && end - p > 1 && s.charAt(p + 1) != '/') {
            return true; // absolute path
        }
        if (len == 36 && s.charAt(start + 8) == '-' && s.charAt(start + 13) == '-' && s.charAt(start + 18) == '-'
                && s.charAt(start + 23) == '-') {
            return true; // UUID
        }
        int dots = 0;
        int colon = -1;
        int lastDot = -1;
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            if (c == ':') {
                if (i + 2 < end && s.charAt(i + 1) == '/' && s.charAt(i + 2) == '/') {
                    return true; // URL
                }
                if (colon >= 0) {
                    return false;
                }
                colon = i;
            } else if (c == '.') {
                if (colon >= 0) {
                    return false;
                }
                dots++;
                lastDot = i;
            } else if (!(Character.isLetterOrDigit(c) || c == '-' || c == '_')) {
                return false;
            }
        }
        if (dots == 0) {
            return false;
        }
        if (colon >= 0) {
            // host.name:port
            if (colon == end - 1) {
                return false;
            }
            for (int i = colon + 1; i < end; i++) {
                char c = s.charAt(i);
                if (c < '0' || c > '9') {
                    return false;
                }
            }
            return true;
        }
        if (dots < 2) {
            return false;
        }
        // a host name ends with a short lower-case top-level label: a.b.com, not org.apache.Foo
        int tld = end - lastDot - 1;
        if (tld < 2 || tld > 3) {
            return false;
        }
        for (int i = lastDot + 1; i < end; i++) {
            char c = s.charAt(i);
            if (c < 'a' || c > 'z') {
                return false;
            }
        }
        return true;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B;
    }

    private static boolean isDelimiter(char c) {
        switch (c) {
            case ',': case '!': case ';': case ':': case '=': case '|': case '"': case '\'':
            case '[': case ']': case '(': case ')': case '{': case '}': case '.': case '-': case '+':
            case '@': case '#': case '$': case '%': case '&': case '/': case '\\': case '<': case '>':
            case '*': case '?': case '~': case '^':
                return true;
            default:
                return false;
        }
    }

    // ---------------------------------------------------------------- clusters

    private static final class Cluster {
        final int id;
        String[] tokens;
        int wildcards;
        long count;
        long firstLine = -1;
        long lastLine = -1;
        Instant firstSeen;
        Instant lastSeen;
        final List<String> examples = new ArrayList<>(MAX_EXAMPLES);
        String text;

        Cluster(int id, String[] tokens) {
            this.id = id;
            this.tokens = tokens;
            for (String t : tokens) {
                if (t == WILDCARD) {
                    wildcards++;
                }
            }
        }

        void record(long index, Instant time, CharSequence line) {
            if (count == 0) {
                firstLine = index;
            }
            count++;
            lastLine = index;
            if (time != null) {
                if (firstSeen == null || time.isBefore(firstSeen)) {
                    firstSeen = time;
                }
                if (lastSeen == null || time.isAfter(lastSeen)) {
                    lastSeen = time;
                }
            }
            if (examples.size() < MAX_EXAMPLES) {
                int len = Math.min(line.length(), MAX_EXAMPLE_CHARS);
                examples.add(line.subSequence(0, len).toString());
            }
        }

        void merge(String[] masked) {
            if (masked.length != tokens.length) {
                return;
            }
            String[] t = tokens;
            for (int i = 0; i < t.length; i++) {
                if (t[i] != WILDCARD && !t[i].equals(masked[i])) {
                    t[i] = WILDCARD;
                    wildcards++;
                    text = null;
                }
            }
        }

        String text() {
            if (text == null) {
                text = TemplateText.canonical(String.join(" ", tokens));
            }
            return text;
        }

        LogTemplate snapshot(TemplateMiner miner) {
            int vars = 0;
            for (String t : tokens) {
                if (t.contains(WILDCARD)) {
                    vars++;
                }
            }
            List<Set<String>> values = new ArrayList<>(vars);
            for (int i = 0; i < vars; i++) {
                values.add(new LinkedHashSet<>());
            }
            for (String ex : examples) {
                List<String> v = miner.variables(id, ex);
                for (int i = 0; i < v.size() && i < vars; i++) {
                    values.get(i).add(v.get(i));
                }
            }
            List<List<String>> vl = new ArrayList<>(vars);
            for (Set<String> set : values) {
                vl.add(new ArrayList<>(set));
            }
            return new LogTemplate(id, text(), count, firstLine, lastLine, firstSeen, lastSeen, examples, vl);
        }
    }

    /** An open-addressing map from long keys to non-negative ints, so the hot path allocates nothing. */
    private static final class LongIntMap {
        private long[] keys;
        private int[] values;
        private boolean[] used;
        private int size;

        LongIntMap(int capacity) {
            keys = new long[capacity];
            values = new int[capacity];
            used = new boolean[capacity];
        }

        int size() {
            return size;
        }

        int get(long key) {
            int mask = keys.length - 1;
            int i = (int) (mix(key) & mask);
            while (used[i]) {
                if (keys[i] == key) {
                    return values[i];
                }
                i = (i + 1) & mask;
            }
            return -1;
        }

        void put(long key, int value) {
            if ((size + 1) * 2 > keys.length) {
                rehash(keys.length * 2);
            }
            int mask = keys.length - 1;
            int i = (int) (mix(key) & mask);
            while (used[i]) {
                if (keys[i] == key) {
                    values[i] = value;
                    return;
                }
                i = (i + 1) & mask;
            }
            used[i] = true;
            keys[i] = key;
            values[i] = value;
            size++;
        }

        void clear() {
            java.util.Arrays.fill(used, false);
            size = 0;
        }

        private void rehash(int capacity) {
            long[] k = keys;
            int[] v = values;
            boolean[] u = used;
            keys = new long[capacity];
            values = new int[capacity];
            used = new boolean[capacity];
            size = 0;
            for (int i = 0; i < k.length; i++) {
                if (u[i]) {
                    put(k[i], v[i]);
                }
            }
        }

        private static long mix(long x) {
            x ^= x >>> 33;
            x *= 0xFF51AFD7ED558CCDL;
            x ^= x >>> 33;
            return x;
        }
    }
}
