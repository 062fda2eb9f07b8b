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
 * <p>The algorithm is in the Drain family, with one fixed configuration for every source:
 * <ol>
 *   <li>a line is split on whitespace; a token is split into pieces at structural delimiters ({@code = , ( ) [ ] "}
 *       ...). A piece is a value when it is shaped like one as a whole (path, URL, UUID, host name, host:port, month
 *       or weekday) or holds a value-like part (numbers, hex, ids with digits, {@code true}/{@code false}/{@code null});
 *       so {@code blk_-562} and {@code blk_77} have the same shape;</li>
 *   <li>a line whose masked shape was seen before goes straight to the same template (a hash lookup that allocates
 *       nothing);</li>
 *   <li>otherwise it is compared with the templates of the same token count and the same first token, then (more
 *       strictly) with those of any first token; it joins the most similar one when at least 70% of the template's
 *       constant tokens agree (or all but one);</li>
 *   <li>when the line differs from that template only in constant words, the two stay separate variants of one family
 *       (so {@code GET}/{@code POST} or {@code Started}/{@code Stopped} keep their own templates) until one position
 *       shows more than four distinct words, or a masked value: then the position is a variable
 *       (a user name) and the family merges into one template. {@link #resolve} maps an id handed out earlier to the
 *       surviving template.</li>
 * </ol>
 * Template text follows the conventions of the corrected Loghub ground truth (see {@code TemplateText}).
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
    private static final double SIMILARITY = 0.7;
    /** Distinct words at one position beyond which that position is a value (more than a handful of verbs). */
    private static final int VARIANTS = 4;
    /** Similarity needed to join a template whose first token differs (checked when none with the same fits). */
    private static final double FALLBACK = 0.75;

    private static final long WILD_HASH = 0x9E3779B97F4A7C15L;
    private static final long PRIME = 0x100000001B3L;

    private final LongIntMap shapeCache = new LongIntMap(1 << 12);
    private final Map<Long, List<Cluster>> buckets = new HashMap<>();
    private final Map<Integer, List<Cluster>> byLength = new HashMap<>();
    private final List<Cluster> clusters = new ArrayList<>();
    private long lines;

    // scratch, reused for every line (the miner is confined to one thread)
    private int[] tokStart = new int[64];
    private int[] tokEnd = new int[64];
    private long[] tokHash = new long[64];
    private long scanHash;

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
            c = clusters.get(id).root();
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
            return clusters.get(id).root().id;
        }
        String[] masked = maskedTokens(s, n);
        Cluster best = bestMatch(bucket(masked), masked, SIMILARITY);
        return best == null ? -1 : best.root().id;
    }

    /** Number of lines added so far. */
    public long lineCount() {
        return lines;
    }

    /** Number of templates learnt so far (templates merged into another are not counted). */
    public int templateCount() {
        return live;
    }

    /**
     * The current id of the template that {@code id} was given for: templates that turn out to be one template
     * (a word that first looked constant proved to be a value) are merged, and the older id then resolves to the
     * surviving one. Returns {@code id} itself when it was not merged.
     */
    public int resolve(int id) {
        return cluster(id).root().id;
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
                String raw = s.subSequence(tokStart[i], tokEnd[i]).toString();
                // drop the constant text around the value: "(uid=<*>)" of "(uid=0)" is "0"
                String r = c.render[i];
                int first = r.indexOf(WILDCARD);
                int last = r.lastIndexOf(WILDCARD);
                String prefix = first < 0 ? "" : r.substring(0, first);
                String suffix = last < 0 ? "" : r.substring(last + WILDCARD.length());
                if (raw.length() > prefix.length() + suffix.length() && raw.startsWith(prefix)
                        && raw.endsWith(suffix)) {
                    raw = raw.substring(prefix.length(), raw.length() - suffix.length());
                }
                out.add(raw);
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
        List<LogTemplate> out = new ArrayList<>(live);
        for (Cluster c : clusters) {
            if (c.parent == null) {
                out.add(c.snapshot(this));
            }
        }
        return out;
    }

    private Cluster cluster(int id) {
        if (id < 0 || id >= clusters.size()) {
            throw new IllegalArgumentException("no template with id " + id + ": this miner has ids 0.."
                    + (clusters.size() - 1) + "; use an id returned by add()");
        }
        return clusters.get(id).root();
    }

    // ---------------------------------------------------------------- learning (cache misses only)

    private Cluster learn(CharSequence s, int n) {
        String[] masked = maskedTokens(s, n);
        List<Cluster> bucket = bucket(masked);
        Cluster best = bestMatch(bucket, masked, SIMILARITY);
        if (best == null && masked.length > 1) {
            // the first token may itself vary ("HPET (v001 ...", "MADT (v001 ..."): look across first tokens, stricter
            best = bestMatch(byLength.getOrDefault(masked.length, List.of()), masked, FALLBACK);
        }
        Family family = null;
        if (best != null) {
            // constant words that differ may be a value (a user name) or part of the message (GET / POST):
            // keep them as variants of one family until a position shows more than VARIANTS distinct words
            boolean wordsDiffer = false;
            boolean tooMany = false;
            family = best.family;
            for (int i = 0; i < masked.length; i++) {
                String t = best.tokens[i];
                if (t != WILDCARD && !t.equals(masked[i])) {
                    wordsDiffer = true;
                    Set<String> seen = family.values.computeIfAbsent(i, k -> new java.util.HashSet<>());
                    seen.add(t);
                    seen.add(masked[i]);
                    if (seen.size() > VARIANTS || masked[i].contains(WILDCARD)) {
                        // also: where one line holds a masked value, a word in that place is a value too
                        tooMany = true;
                    }
                }
            }
            if (!wordsDiffer) {
                return best;
            }
            if (tooMany || clusters.size() >= MAX_TEMPLATES) {
                for (Cluster m : new ArrayList<>(family.members)) {
                    if (m != best) {
                        best.absorb(m);
                        m.bucket.remove(m);
                        byLength.get(m.tokens.length).remove(m);
                        live--;
                    }
                }
                family.members.clear();
                family.members.add(best);
                family.values.clear();
                best.merge(masked, lastRender);
                return best;
            }
        }
        if (clusters.size() >= MAX_TEMPLATES) {
            return overflow();
        }
        Cluster c = new Cluster(clusters.size(), masked, lastRender, family);
        clusters.add(c);
        bucket.add(c);
        c.bucket = bucket;
        byLength.computeIfAbsent(masked.length, k -> new ArrayList<>()).add(c);
        live++;
        return c;
    }

    /**
     * The template token covering both {@code a} and {@code b}: their common punctuation prefix and suffix around
     * one {@code <*>} ({@code [10.0.0.1]} and {@code [node-a]} give {@code [<*>]}).
     */
    static String generalize(String a, String b) {
        int max = Math.min(a.length(), b.length());
        int p = 0;
        while (p < max && a.charAt(p) == b.charAt(p)) {
            p++;
        }
        int q = 0;
        while (q < max - p && a.charAt(a.length() - 1 - q) == b.charAt(b.length() - 1 - q)) {
            q++;
        }
        // keep whole words only: cut the prefix back to its last punctuation, the suffix forward to its first
        while (p > 0 && Character.isLetterOrDigit(a.charAt(p - 1))) {
            p--;
        }
        String prefix = a.substring(0, p);
        String suffix = a.substring(a.length() - q);
        int cut = 0;
        while (cut < suffix.length() && Character.isLetterOrDigit(suffix.charAt(cut))) {
            cut++;
        }
        suffix = suffix.substring(cut);
        // never split a "<*>" marker
        if (prefix.endsWith("<*")) {
            prefix = prefix.substring(0, prefix.length() - 2);
        } else if (prefix.endsWith("<")) {
            prefix = prefix.substring(0, prefix.length() - 1);
        }
        if (suffix.startsWith("*>")) {
            suffix = suffix.substring(2);
        } else if (suffix.startsWith(">")) {
            suffix = suffix.substring(1);
        }
        return prefix + WILDCARD + suffix;
    }

    /** Templates that differ only in constant words, and the words seen at each differing position. */
    private static final class Family {
        final List<Cluster> members = new ArrayList<>(2);
        final Map<Integer, Set<String>> values = new HashMap<>();
    }

    private int live;

    private Cluster overflowCluster;

    private Cluster overflow() {
        if (overflowCluster == null) {
            overflowCluster = new Cluster(clusters.size(), new String[] {WILDCARD}, new String[] {WILDCARD}, null);
            clusters.add(overflowCluster);
            live++;
        }
        return overflowCluster;
    }

    private List<Cluster> bucket(String[] masked) {
        long key = masked.length;
        String first = masked.length == 0 ? "" : masked[0];
        key = key * 1_000_003L + (first.contains(WILDCARD) ? 7 : first.hashCode());
        return buckets.computeIfAbsent(key, k -> new ArrayList<>());
    }

    private static Cluster bestMatch(List<Cluster> bucket, String[] masked, double threshold) {
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
                if (t[i].contains(WILDCARD)) {
                    // a partly masked token is weak evidence: it counts against a match when it differs only
                    if (!t[i].equals(masked[i])) {
                        constant++;
                    }
                    continue;
                }
                constant++;
                if (t[i].equals(masked[i])) {
                    equal++;
                }
            }
            if (threshold != SIMILARITY && equal < 2) {
                continue; // across first tokens, at least two words must agree
            }
            double sim = constant == 0 ? 1.0 : (double) equal / constant;
            if (threshold == SIMILARITY && constant >= 2 && constant - equal == 1 && sim < threshold) {
                sim = threshold; // short messages differing in one word ("removing echo" / "removing ftp")
            }
            if (sim > bestSim || (sim == bestSim && c.wildcards > bestWild)) {
                best = c;
                bestSim = sim;
                bestWild = c.wildcards;
            }
        }
        return best != null && bestSim >= threshold ? best : null;
    }

    private String[] maskedTokens(CharSequence s, int n) {
        String[] out = new String[n];
        lastRender = new String[n];
        StringBuilder sb = new StringBuilder();
        StringBuilder rb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.setLength(0);
            rb.setLength(0);
            scanToken(s, tokStart[i], tokEnd[i], sb, rb);
            String t = sb.toString();
            out[i] = WILDCARD.equals(t) ? WILDCARD : t;
            lastRender[i] = rb.toString();
        }
        return out;
    }

    /** The rendering (constant parts kept) of the tokens last produced by {@link #maskedTokens}. */
    private String[] lastRender;

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
            }
            if (n == tokStart.length) {
                grow();
            }
            if (n == MAX_TOKENS - 1 || (start + 1 < len && isEmptyPair(s.charAt(start), s.charAt(start + 1))
                    && (start + 2 == len || isSpace(s.charAt(start + 2))))) {
                if (n < MAX_TOKENS - 1) {
                    i = start + 2;
                }
                scanToken(s, start, i, null, null);
                tokHash[n] = scanHash;
            } else {
                // one pass: hashing finds the end of the token too
                tokHash[n] = hashToken(s, start, len, (byte) (OUTER | SPACE));
                i = tokenStop;
            }
            tokStart[n] = start;
            tokEnd[n] = i;
            n++;
        }
        return n;
    }

    private void grow() {
        int m = tokStart.length * 2;
        tokStart = java.util.Arrays.copyOf(tokStart, m);
        tokEnd = java.util.Arrays.copyOf(tokEnd, m);
        tokHash = java.util.Arrays.copyOf(tokHash, m);
    }

    /**
     * Computes the shape hash of token {@code s[start,end)} into {@link #scanHash}; when {@code out} is given, also
     * appends the token as grouped (value pieces as {@code <*>}) and to {@code render} as written in the template.
     *
     * <p>A token is split into pieces at structural delimiters ({@code = , ; ( ) [ ] { } " ' |}); a piece shaped like
     * a value as a whole (path, URL, UUID, host name, host:port, month or weekday name) is masked whole; other pieces
     * are split further at punctuation and each part holding digits in a value-like way is masked.
     */
    private void scanToken(CharSequence s, int start, int end, StringBuilder out, StringBuilder render) {
        if (end - start == 2 && isEmptyPair(s.charAt(start), s.charAt(start + 1))) {
            // "()" or "[]" alone: an empty value, the same shape as "(x)"
            char o = s.charAt(start);
            char c = s.charAt(start + 1);
            scanHash = ((((0x84222325CBF29CE4L ^ o) * PRIME) ^ WILD_HASH) * PRIME ^ c) * PRIME;
            if (out != null) {
                out.append(o).append(WILDCARD).append(c);
            }
            if (render != null) {
                render.append(o).append(WILDCARD).append(c);
            }
            return;
        }
        if (render == null) {
            scanHash = hashToken(s, start, end, OUTER);
            return;
        }
        long h = 0x84222325CBF29CE4L;
        boolean anyVar = false;
        boolean lastWasWild = false;
        int piece = start;
        for (int i = start; i <= end; i++) {
            char c = i < end ? s.charAt(i) : ' ';
            if (i < end && !isOuterDelimiter(c)) {
                continue;
            }
            if (i > piece) {
                boolean wild;
                if (wholePieceIsVariable(s, piece, i)) {
                    wild = true;
                    if (render != null) {
                        // address:port is written <*>:<*>, as in the corrected Loghub templates
                        int scheme = schemeEnd(s, piece, i);
                        if (scheme > 0) {
                            render.append(s, piece, scheme); // keep "hdfs://" of a URL
                        }
                        render.append(endsWithPort(s, piece, i) ? "<*>:<*>" : WILDCARD);
                    }
                } else {
                    long ph = scanPiece(s, piece, i, render, OUTER);
                    // a piece holding a value anywhere is one value for grouping (blk_-1 and blk_1 alike); the
                    // rendered template keeps its constant parts
                    wild = pieceVar;
                    if (!wild) {
                        h = (h ^ ph) * PRIME;
                        if (out != null) {
                            out.append(s, piece, i);
                        }
                        lastWasWild = false;
                    }
                }
                if (wild) {
                    anyVar = true;
                    if (!lastWasWild) {
                        h = (h ^ WILD_HASH) * PRIME;
                        if (out != null) {
                            out.append(WILDCARD);
                        }
                    }
                    lastWasWild = true;
                }
            }
            if (i < end) {
                h = (h ^ c) * PRIME;
                if (out != null) {
                    out.append(c);
                }
                if (render != null) {
                    render.append(c);
                }
                lastWasWild = false;
            }
            piece = i + 1;
        }
        scanHash = h;
    }

    private boolean pieceVar;
    /** Whether the last piece scanned could be a whole-piece value (it has a dot, a colon, a slash or the size). */
    private boolean pieceMaybeWhole;

    /**
     * The hot path of {@link #scanToken}: the same shape hash in one pass over the token, pieces ending where
     * {@link #scanPiece} meets a structural delimiter; whole-piece shapes are checked only when a piece could be one.
     */
    private long hashToken(CharSequence s, int start, int limit, byte stopAt) {
        long h = 0x84222325CBF29CE4L;
        boolean lastWasWild = false;
        int piece = start;
        while (true) {
            long ph = scanPiece(s, piece, limit, null, stopAt);
            int stop = pieceStop;
            if (stop > piece) {
                if (pieceVar || (pieceMaybeWhole && wholePieceIsVariable(s, piece, stop))) {
                    if (!lastWasWild) {
                        h = (h ^ WILD_HASH) * PRIME;
                    }
                    lastWasWild = true;
                } else {
                    h = (h ^ ph) * PRIME;
                    lastWasWild = false;
                }
            }
            if (stop >= limit || ((stopAt & SPACE) != 0 && isSpace(s.charAt(stop)))) {
                tokenStop = stop;
                return h;
            }
            h = (h ^ s.charAt(stop)) * PRIME;
            lastWasWild = false;
            piece = stop + 1;
        }
    }

    /** Where the last {@link #scanPiece} stopped: a structural delimiter, white space or the limit. */
    private int pieceStop;
    /** Where the last {@link #hashToken} stopped: the end of the token. */
    private int tokenStop;

    /**
     * Hashes a piece split at inner punctuation, masking value-like parts (appended to {@code out} when given); sets
     * {@link #pieceVar} when some part was masked.
     */
    private long scanPiece(CharSequence s, int start, int limit, StringBuilder out, byte stopAt) {
        int end = limit;
        long h = 0x84222325CBF29CE4L;
        boolean anyVar = false;
        boolean lastWasWild = false;
        int subStart = start;
        boolean punct = false;
        long sub = 0x811C9DC5L;
        int digits = 0;
        int maxRun = 0;
        int run = 0;
        boolean hexOnly = true;
        for (int i = start; i <= end; i++) {
            if (i == subStart && i < end && end - i >= 36 && s.charAt(i + 8) == '-' && uuidAt(s, i, end)) {
                // a UUID inside a piece ("network-vif-plugged:<uuid>") is one value, whatever its hex looks like
                anyVar = true;
                if (!lastWasWild) {
                    h = (h ^ WILD_HASH) * PRIME;
                    if (out != null) {
                        out.append(WILDCARD);
                    }
                }
                lastWasWild = true;
                i += 36;
                subStart = i;
                if (i == end) {
                    break;
                }
            }
            char c = i < end ? s.charAt(i) : ' ';
            if (i < end && c < 128 && (CHAR_CLASS[c] & stopAt) != 0) {
                end = i; // the piece ends at a structural delimiter (or white space, when hashing a whole line)
            }
            if (i == end || isDelimiter(c)) {
                if (c == '.' || c == ':') {
                    punct = true;
                }
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
        pieceVar = anyVar;
        pieceStop = end;
        int len = end - start;
        pieceMaybeWhole = punct || len == 3 || len == 36 || (len > 0 && s.charAt(start) == '/');
        return h;
    }

    /** Whether a delimiter-free piece of a token is a value: numbers, hex, ids with digits. */
    private static boolean isVariable(CharSequence s, int start, int len, int digits, int maxRun, boolean hexOnly) {
        if (digits == 0) {
            return isValueWord(s, start, len);
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

    /**
     * Booleans, null and the default account names are values wherever they appear ({@code force=true},
     * {@code ret:false}, {@code user root}); the same words the corrected Loghub templates always treat as values.
     */
    private static boolean isValueWord(CharSequence s, int start, int len) {
        if (len == 4) {
            char c = (char) (s.charAt(start) | 0x20); // ASCII lower case
            return (c == 't' && regionIs(s, start, len, "true")) || (c == 'n' && regionIs(s, start, len, "null"))
                    || (c == 'r' && regionIs(s, start, len, "root"));
        }
        if (len == 5) {
            char c = (char) (s.charAt(start) | 0x20);
            return (c == 'f' && regionIs(s, start, len, "false")) || (c == 'a' && regionIs(s, start, len, "admin"));
        }
        return false;
    }

    private static boolean regionIs(CharSequence s, int start, int len, String word) {
        if (len != word.length()) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if (Character.toLowerCase(s.charAt(start + i)) != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Piece-level value shapes that the part-wise rules would split: paths, URLs, UUIDs, host names, dates. */
    private static boolean wholePieceIsVariable(CharSequence s, int start, int end) {
        int len = end - start;
        if (len == 0) {
            return false;
        }
        char c0 = s.charAt(start);
        if (c0 == '/' && len > 1 && s.charAt(start + 1) != '/') {
            return true; // absolute path
        }
        if (len == 3 && isCalendarWord(s, start)) {
            return true;
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
            } else if (!(Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '*')) {
                return false;
            }
        }
        if (dots == 0) {
            return false;
        }
        if (colon >= 0) {
            // host.name:port or a.b.c.d:port; "file.c:120" is a source position, not a host
            if (colon == end - 1 || colon - lastDot - 1 < 2) {
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
        // a host name ends with a top-level label: a.b.com, x.hk, not org.apache.Foo or chrome.exe
        int tld = end - lastDot - 1;
        for (int i = lastDot + 1; i < end; i++) {
            char c = s.charAt(i);
            if (c < 'a' || c > 'z') {
                return false;
            }
        }
        if (tld == 2) {
            return true;
        }
        if (dots >= 2 && tld == 3) {
            return true;
        }
        for (String label : TOP_LEVEL) {
            if (regionIs(s, lastDot + 1, tld, label)) {
                return true;
            }
        }
        return false;
    }

    private static final String[] TOP_LEVEL = {"com", "net", "org", "edu", "gov", "mil", "int", "info", "biz",
        "local", "internal", "lan", "svc", "cluster", "localdomain"};

    private static final String CALENDAR = "JanFebMarAprMayJunJulAugSepOctNovDecMonTueWedThuFriSatSun";

    /** Whether the 3 characters at {@code start} are an English month or weekday abbreviation. */
    private static boolean isCalendarWord(CharSequence s, int start) {
        char a = s.charAt(start);
        char b = s.charAt(start + 1);
        char c = s.charAt(start + 2);
        for (int i = 0; i < CALENDAR.length(); i += 3) {
            if (CALENDAR.charAt(i) == a && CALENDAR.charAt(i + 1) == b && CALENDAR.charAt(i + 2) == c) {
                return true;
            }
        }
        return false;
    }

    /** The index just after {@code ://} when the piece is a URL, else -1. */
    private static int schemeEnd(CharSequence s, int start, int end) {
        for (int i = start; i + 2 < end; i++) {
            char c = s.charAt(i);
            if (c == ':') {
                return i > start && s.charAt(i + 1) == '/' && s.charAt(i + 2) == '/' ? i + 3 : -1;
            }
            if (!Character.isLetterOrDigit(c) && c != '+' && c != '.' && c != '-') {
                return -1;
            }
        }
        return -1;
    }

    /** Whether a UUID (8-4-4-4-12 hex digits) starts at {@code i} and ends at a delimiter or {@code end}. */
    private static boolean uuidAt(CharSequence s, int i, int end) {
        if (end - i < 36 || s.charAt(i + 8) != '-' || s.charAt(i + 13) != '-' || s.charAt(i + 18) != '-'
                || s.charAt(i + 23) != '-'
                || (i + 36 < end && !isDelimiter(s.charAt(i + 36)) && !isSpace(s.charAt(i + 36)))) {
            return false;
        }
        for (int k = 0; k < 36; k++) {
            char c = s.charAt(i + k);
            if (k == 8 || k == 13 || k == 18 || k == 23) {
                continue;
            }
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code s[start,end)} ends with {@code :digits}. */
    private static boolean endsWithPort(CharSequence s, int start, int end) {
        int i = end - 1;
        while (i > start && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i--;
        }
        return i < end - 1 && i > start && s.charAt(i) == ':';
    }

    private static boolean isEmptyPair(char o, char c) {
        return (o == '(' && c == ')') || (o == '[' && c == ']') || (o == '{' && c == '}') || (o == '"' && c == '"')
                || (o == '\'' && c == '\'');
    }

    private static boolean isOuterDelimiter(char c) {
        return c < 128 && (CHAR_CLASS[c] & OUTER) != 0;
    }

    private static boolean isSpace(char c) {
        return c < 128 && (CHAR_CLASS[c] & SPACE) != 0;
    }

    private static boolean isDelimiter(char c) {
        return c < 128 && (CHAR_CLASS[c] & DELIMITER) != 0;
    }

    private static final byte DELIMITER = 1;
    private static final byte OUTER = 2;
    private static final byte SPACE = 4;
    /** Punctuation that splits a token into parts (all of it) and into pieces (OUTER), by ASCII code. */
    private static final byte[] CHAR_CLASS = new byte[128];

    static {
        for (char c : ",!;:=|\"'[](){}.-+@#$%&/\\<>*?~^".toCharArray()) {
            CHAR_CLASS[c] |= DELIMITER;
        }
        for (char c : "=,;()[]{}\"'|".toCharArray()) {
            CHAR_CLASS[c] |= OUTER;
        }
        for (char c : " \t\n\r\f\u000B".toCharArray()) {
            CHAR_CLASS[c] |= SPACE;
        }
    }

    // ---------------------------------------------------------------- clusters

    private static final class Cluster {
        final int id;
        String[] tokens;
        final String[] render;
        int wildcards;
        long count;
        long firstLine = -1;
        long lastLine = -1;
        Instant firstSeen;
        Instant lastSeen;
        final List<String> examples = new ArrayList<>(MAX_EXAMPLES);
        String text;

        Cluster parent;
        final Family family;
        List<Cluster> bucket = new ArrayList<>(0);

        Cluster(int id, String[] tokens, String[] render, Family family) {
            this.id = id;
            this.tokens = tokens;
            this.render = render;
            this.family = family == null ? new Family() : family;
            this.family.members.add(this);
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

        Cluster root() {
            Cluster c = this;
            while (c.parent != null) {
                c = c.parent;
            }
            Cluster x = this;
            while (x.parent != null && x.parent != c) { // path compression
                Cluster next = x.parent;
                x.parent = c;
                x = next;
            }
            return c;
        }

        /** Takes over {@code other}: its lines, times and examples; positions where they differ become values. */
        void absorb(Cluster other) {
            merge(other.tokens, other.render);
            other.parent = this;
            if (other.count > 0) {
                firstLine = count == 0 ? other.firstLine : Math.min(firstLine, other.firstLine);
                lastLine = Math.max(lastLine, other.lastLine);
            }
            count += other.count;
            if (other.firstSeen != null && (firstSeen == null || other.firstSeen.isBefore(firstSeen))) {
                firstSeen = other.firstSeen;
            }
            if (other.lastSeen != null && (lastSeen == null || other.lastSeen.isAfter(lastSeen))) {
                lastSeen = other.lastSeen;
            }
            for (String e : other.examples) {
                if (examples.size() < MAX_EXAMPLES) {
                    examples.add(e);
                }
            }
        }

        void merge(String[] masked, String[] rendered) {
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
                if (rendered != null && !render[i].equals(rendered[i])) {
                    render[i] = generalize(render[i], rendered[i]);
                    text = null;
                }
            }
        }

        String text() {
            if (text == null) {
                text = TemplateText.canonical(String.join(" ", render));
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
