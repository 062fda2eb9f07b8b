package io.sreagent.core.analysis.logs;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes a template in the canonical form used by the corrected Loghub ground truth (Khan et al., ICSE'22; Jiang et
 * al., ISSTA'24), so templates from different parsers compare as strings: single spaces, paths and digit runs as
 * {@code <*>}, a word glued to a variable is a variable, {@code <*>.<*>} and {@code <*><*>} collapse to one.
 *
 * <p>Runs once per template (not per line), so regular expressions are fine here.
 */
final class TemplateText {

    private static final String W = TemplateMiner.WILDCARD;
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern PATH_SPLIT = Pattern.compile("((?<=[\\s,!;:=|\"'\\[\\](){}])|(?=[\\s,!;:=|\"'\\[\\](){}]))");
    private static final Pattern PATH = Pattern.compile("^(/[^/]+)+$");
    private static final Pattern TOKEN_SPLIT =
            Pattern.compile("((?<=[\\s,!;:=|\"'\\[\\](){}.\\-+@#$%&])|(?=[\\s,!;:=|\"'\\[\\](){}.\\-+@#$%&]))");
    private static final Pattern NEGATIVE = Pattern.compile("(^|[\\s(\\[{=:,])-<\\*>");
    private static final Pattern PREFIXED_ID = Pattern.compile("\\b[A-Za-z][A-Za-z0-9]*_-?<\\*>");
    private static final Pattern DIGITS = Pattern.compile("^\\d+$");
    private static final Pattern GLUED = Pattern.compile("^[^\\s/]*<\\*>[^\\s/]*$");
    /** Words the benchmark convention always treats as values (booleans and common default user names). */
    private static final Set<String> VALUE_WORDS = Set.of("true", "false", "null", "root", "admin");

    private TemplateText() {
    }

    static String canonical(String template) {
        String t = SPACES.matcher(template.strip()).replaceAll(" ");
        StringBuilder sb = new StringBuilder(t.length());
        for (String p : PATH_SPLIT.split(t)) {
            sb.append(PATH.matcher(p).matches() ? W : p);
        }
        t = sb.toString();
        // "<*>" itself contains delimiters of neither set, so it survives the split as one piece
        sb.setLength(0);
        for (String p : TOKEN_SPLIT.split(t)) {
            if (VALUE_WORDS.contains(p) || DIGITS.matcher(p).matches()) {
                p = W;
            } else if (GLUED.matcher(p).matches() && !"<*>/<*>".equals(p)) {
                p = W;
            }
            sb.append(p);
        }
        t = sb.toString();
        // a minus sign belongs to its number: "keyId: -<*>" is "keyId: <*>"
        t = NEGATIVE.matcher(t).replaceAll("$1<*>");
        // an id with a word prefix is one value: blk_-<*>, job_<*>
        t = PREFIXED_ID.matcher(t).replaceAll("<*>");
        t = collapse(t, "<*>.<*>");
        t = collapse(t, "<*><*>");
        return t;
    }

    private static String collapse(String t, String pair) {
        String prev;
        do {
            prev = t;
            t = t.replace(pair, W);
        } while (!t.equals(prev));
        return t;
    }

}
