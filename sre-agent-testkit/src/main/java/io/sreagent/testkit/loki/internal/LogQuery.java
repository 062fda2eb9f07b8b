package io.sreagent.testkit.loki.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A parsed LogQL log query of the supported subset: a stream selector ({@code =}, {@code !=}, {@code =~},
 * {@code !~}; regexes anchored as in Loki) followed by line filters ({@code |=}, {@code !=}, {@code |~},
 * {@code !~}; regexes unanchored, as in Loki). Parsers ({@code | json}), formatters and metric queries are rejected
 * with an {@link IllegalArgumentException} whose message is Loki-style plain text.
 *
 * @param matchers the stream matchers
 * @param filters  the line filters, applied in order
 */
public record LogQuery(List<Matcher> matchers, List<Filter> filters) {

    /** A stream label matcher. */
    public record Matcher(String label, String op, String value, Pattern regex) {
        /** Whether {@code actual} (null for a missing label) matches. */
        public boolean matches(String actual) {
            String v = actual == null ? "" : actual;
            return switch (op) {
                case "=" -> v.equals(value);
                case "!=" -> !v.equals(value);
                case "=~" -> regex.matcher(v).matches();
                default -> !regex.matcher(v).matches();
            };
        }
    }

    /** A line filter. */
    public record Filter(String op, String value, Pattern regex) {
        /** Whether {@code line} passes. */
        public boolean accepts(String line) {
            return switch (op) {
                case "|=" -> line.contains(value);
                case "!=" -> !line.contains(value);
                case "|~" -> regex.matcher(line).find();
                default -> !regex.matcher(line).find();
            };
        }
    }

    /** Whether a stream with {@code labels} is selected; {@code previous="true"} streams only when asked for. */
    public boolean selects(Map<String, String> labels) {
        boolean asksForPrevious = matchers.stream().anyMatch(m -> m.label().equals("previous"));
        if (!asksForPrevious && "true".equals(labels.get("previous"))) {
            return false;
        }
        return matchers.stream().allMatch(m -> m.matches(labels.get(m.label())));
    }

    /** Whether {@code line} passes every filter. */
    public boolean accepts(String line) {
        return filters.stream().allMatch(f -> f.accepts(line));
    }

    /** Parses {@code query}; throws {@link IllegalArgumentException} with a Loki-style message otherwise. */
    public static LogQuery parse(String query) {
        if (query == null || query.isBlank()) {
            throw new IllegalArgumentException("parse error : syntax error: unexpected $end, expecting { or (");
        }
        Cursor c = new Cursor(query);
        c.space();
        if (c.peek() != '{') {
            int start = c.pos;
            while (c.pos < query.length() && (Character.isLetterOrDigit(c.peek()) || c.peek() == '_')) {
                c.pos++;
            }
            throw c.error(start == c.pos ? "syntax error: unexpected " + c.rest() + ", expecting {"
                    : "metric queries (" + query.substring(start, c.pos) + ") are not supported by the embedded Loki");
        }
        c.pos++;
        List<Matcher> matchers = new ArrayList<>();
        while (true) {
            c.space();
            if (c.peek() == '}') {
                c.pos++;
                break;
            }
            String label = c.identifier();
            c.space();
            String op = c.operator(List.of("=~", "!~", "!=", "="));
            if (op == null) {
                throw c.error("syntax error: unexpected " + c.rest() + ", expecting = or != or =~ or !~");
            }
            c.space();
            String value = c.string();
            Pattern regex = null;
            if (op.endsWith("~")) {
                regex = c.regex("^(?:" + value + ")$", value);
            }
            matchers.add(new Matcher(label, op, value, regex));
            c.space();
            if (c.peek() == ',') {
                c.pos++;
            } else if (c.peek() != '}') {
                throw c.error("syntax error: unexpected " + c.rest() + ", expecting , or }");
            }
        }
        if (matchers.isEmpty() || matchers.stream().allMatch(m -> m.matches(""))) {
            throw c.error("queries require at least one regexp or equality matcher that does not have an empty-"
                    + "compatible value. For instance, app=~\".*\" does not meet this requirement, but app=~\".+\" will");
        }
        List<Filter> filters = new ArrayList<>();
        while (true) {
            c.space();
            if (c.pos >= query.length()) {
                break;
            }
            String op = c.operator(List.of("|=", "|~", "!=", "!~"));
            if (op == null) {
                throw c.error("only line filters (|=, !=, |~, !~) are supported by the embedded Loki, not "
                        + c.rest());
            }
            c.space();
            String value = c.string();
            filters.add(new Filter(op, value, op.endsWith("~") ? c.regex(value, value) : null));
        }
        return new LogQuery(List.copyOf(matchers), List.copyOf(filters));
    }

    private static final class Cursor {
        final String s;
        int pos;

        Cursor(String s) {
            this.s = s;
        }

        char peek() {
            return pos < s.length() ? s.charAt(pos) : '\0';
        }

        void space() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        String rest() {
            return pos >= s.length() ? "$end" : "\"" + s.substring(pos, Math.min(s.length(), pos + 10)) + "\"";
        }

        String operator(List<String> ops) {
            for (String op : ops) {
                if (s.startsWith(op, pos)) {
                    pos += op.length();
                    return op;
                }
            }
            return null;
        }

        String identifier() {
            int start = pos;
            while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_')) {
                pos++;
            }
            if (start == pos) {
                throw error("syntax error: unexpected " + rest() + ", expecting IDENTIFIER");
            }
            return s.substring(start, pos);
        }

        String string() {
            char q = peek();
            if (q != '"' && q != '`') {
                throw error("syntax error: unexpected " + rest() + ", expecting STRING");
            }
            pos++;
            StringBuilder b = new StringBuilder();
            while (true) {
                if (pos >= s.length()) {
                    throw error("syntax error: unterminated string");
                }
                char ch = s.charAt(pos++);
                if (ch == q) {
                    return b.toString();
                }
                if (ch == '\\' && q == '"' && pos < s.length()) {
                    char e = s.charAt(pos++);
                    switch (e) {
                        case 'n' -> b.append('\n');
                        case 't' -> b.append('\t');
                        case '\\' -> b.append('\\');
                        case '"' -> b.append('"');
                        default -> b.append('\\').append(e);
                    }
                } else {
                    b.append(ch);
                }
            }
        }

        Pattern regex(String pattern, String original) {
            try {
                return Pattern.compile(pattern);
            } catch (PatternSyntaxException e) {
                throw error("invalid regular expression \"" + original + "\": " + e.getDescription());
            }
        }

        IllegalArgumentException error(String message) {
            return new IllegalArgumentException("parse error at line 1, col " + (pos + 1) + ": " + message);
        }
    }
}
