package io.sreagent.loki;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Builds LogQL log queries from label matchers and line filters, escaping every value, so user text never becomes
 * query syntax: {@code LogQl.selector().eq("namespace", ns).eq("pod", pod).contains("error").build()} gives
 * {@code {namespace="shop", pod="cart-1"} |= "error"}.
 *
 * <p>Immutable: each method returns a new builder. Label names must be valid Prometheus label names; values and
 * filter text may be anything (quotes, backslashes, newlines are escaped).
 */
public final class LogQl {

    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    /** A label matcher operator. */
    public enum MatchOp {
        EQ("="), NEQ("!="), RE("=~"), NRE("!~");

        private final String symbol;

        MatchOp(String symbol) {
            this.symbol = symbol;
        }

        /** The operator as LogQL writes it. */
        public String symbol() {
            return symbol;
        }
    }

    /** A line filter operator. */
    public enum FilterOp {
        CONTAINS("|="), NOT_CONTAINS("!="), MATCHES("|~"), NOT_MATCHES("!~");

        private final String symbol;

        FilterOp(String symbol) {
            this.symbol = symbol;
        }

        /** The operator as LogQL writes it. */
        public String symbol() {
            return symbol;
        }
    }

    private record Matcher(String label, MatchOp op, String value) {
    }

    private record Filter(FilterOp op, String text) {
    }

    private final List<Matcher> matchers;
    private final List<Filter> filters;

    private LogQl(List<Matcher> matchers, List<Filter> filters) {
        this.matchers = List.copyOf(matchers);
        this.filters = List.copyOf(filters);
    }

    /** Starts an empty selector. */
    public static LogQl selector() {
        return new LogQl(List.of(), List.of());
    }

    /** Adds {@code label op "value"}. */
    public LogQl match(String label, MatchOp op, String value) {
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(value, "value");
        if (label == null || !LABEL_NAME.matcher(label).matches()) {
            throw new IllegalArgumentException("label name '" + label + "' is not valid in LogQL: use letters, digits"
                    + " and underscores, not starting with a digit");
        }
        List<Matcher> m = new ArrayList<>(matchers);
        m.add(new Matcher(label, op, value));
        return new LogQl(m, filters);
    }

    /** {@code label="value"}. */
    public LogQl eq(String label, String value) {
        return match(label, MatchOp.EQ, value);
    }

    /** {@code label!="value"}. */
    public LogQl neq(String label, String value) {
        return match(label, MatchOp.NEQ, value);
    }

    /** {@code label=~"regex"}. */
    public LogQl regex(String label, String regex) {
        return match(label, MatchOp.RE, regex);
    }

    /** {@code label!~"regex"}. */
    public LogQl notRegex(String label, String regex) {
        return match(label, MatchOp.NRE, regex);
    }

    /** Adds a line filter. */
    public LogQl filter(FilterOp op, String text) {
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(text, "text");
        List<Filter> f = new ArrayList<>(filters);
        f.add(new Filter(op, text));
        return new LogQl(matchers, f);
    }

    /** {@code |= "text"}: lines containing text. */
    public LogQl contains(String text) {
        return filter(FilterOp.CONTAINS, text);
    }

    /** {@code != "text"}: lines not containing text. */
    public LogQl notContains(String text) {
        return filter(FilterOp.NOT_CONTAINS, text);
    }

    /** {@code |~ "regex"}: lines matching a RE2 expression. */
    public LogQl matches(String regex) {
        return filter(FilterOp.MATCHES, regex);
    }

    /** {@code !~ "regex"}: lines not matching. */
    public LogQl notMatches(String regex) {
        return filter(FilterOp.NOT_MATCHES, regex);
    }

    /**
     * The query text.
     *
     * @throws IllegalStateException when no matcher is given, or none could match a non-empty value (Loki rejects
     *                               such selectors)
     */
    public String build() {
        boolean positive = matchers.stream().anyMatch(m ->
                (m.op() == MatchOp.EQ && !m.value().isEmpty()) || (m.op() == MatchOp.RE && !m.value().isEmpty()));
        if (!positive) {
            throw new IllegalStateException("a LogQL selector needs at least one matcher with a non-empty value, "
                    + "such as namespace=\"shop\"; got " + matchers.size() + " matcher(s)");
        }
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < matchers.size(); i++) {
            Matcher m = matchers.get(i);
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(m.label()).append(m.op().symbol());
            quote(sb, m.value());
        }
        sb.append('}');
        for (Filter f : filters) {
            sb.append(' ').append(f.op().symbol()).append(' ');
            quote(sb, f.text());
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return build();
    }

    /** Appends {@code value} as a LogQL double-quoted string literal. */
    static void quote(StringBuilder sb, String value) {
        sb.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\': sb.append("\\\\"); break;
                case '"': sb.append("\\\""); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                default:
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
            }
        }
        sb.append('"');
    }
}
