package io.sreagent.testkit.prometheus.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Parses the supported PromQL subset into an {@link Expr}. Everything outside the subset ({@code offset}, {@code @},
 * subqueries, {@code group_left}/{@code group_right}, parameterised aggregations, unsupported
 * functions) is rejected with a {@link PromQlException} naming the construct, so the server answers an error instead
 * of a wrong result.
 */
public final class PromQlParser {

    static final Set<String> AGGREGATIONS = Set.of("sum", "avg", "max", "min", "count");
    static final Set<String> UNSUPPORTED_AGGREGATIONS =
            Set.of("topk", "bottomk", "quantile", "count_values", "stddev", "stdvar", "group", "limitk", "limit_ratio");
    static final Set<String> RANGE_FUNCTIONS = Set.of("rate", "increase", "irate", "deriv", "avg_over_time",
            "min_over_time", "max_over_time", "sum_over_time", "count_over_time", "last_over_time");
    static final Set<String> FUNCTIONS = Set.of("histogram_quantile");
    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
            "bool", "offset", "and", "or", "unless", "atan2");

    private final String input;
    private int pos;

    private PromQlParser(String input) {
        this.input = input;
    }

    /** Parses {@code query}; throws {@link PromQlException} on anything it cannot answer correctly. */
    public static Expr parse(String query) {
        if (query == null || query.isBlank()) {
            throw new PromQlException("parse error: no expression found in input");
        }
        PromQlParser p = new PromQlParser(query);
        Expr e = p.expression(0);
        p.skipSpace();
        if (p.pos < p.input.length()) {
            throw p.error("unexpected " + p.describeNext());
        }
        return e;
    }

    // Precedence levels, lowest first: or(1) and/unless(2) comparison(3) +-(4) */% atan2(5) ^(6)
    private Expr expression(int minPrecedence) {
        Expr lhs = unary();
        while (true) {
            skipSpace();
            int save = pos;
            String op = binaryOperator();
            if (op == null) {
                return lhs;
            }
            int prec = precedence(op);
            if (prec < minPrecedence) {
                pos = save;
                return lhs;
            }
            if (op.equals("atan2")) {
                throw error("the operator 'atan2' is not supported by the embedded Prometheus");
            }
            boolean returnBool = false;
            boolean on = false;
            List<String> matching = List.of();
            skipSpace();
            if (peekWord("bool")) {
                if (!isComparison(op)) {
                    throw error("bool modifier can only be used on comparison operators");
                }
                readWord();
                returnBool = true;
                skipSpace();
            }
            if (peekWord("on") || peekWord("ignoring")) {
                on = readWord().equals("on");
                matching = labelList();
                skipSpace();
            }
            if (peekWord("group_left") || peekWord("group_right")) {
                throw error("'" + readWord() + "' (many-to-one matching) is not supported by the embedded Prometheus");
            }
            // ^ is right-associative; everything else left-associative.
            Expr rhs = expression(op.equals("^") ? prec : prec + 1);
            lhs = new Expr.Binary(op, lhs, rhs, returnBool, on, matching);
        }
    }

    private static boolean isComparison(String op) {
        return Set.of("==", "!=", "<", ">", "<=", ">=").contains(op);
    }

    private static int precedence(String op) {
        return switch (op) {
            case "or" -> 1;
            case "and", "unless" -> 2;
            case "==", "!=", "<", ">", "<=", ">=" -> 3;
            case "+", "-" -> 4;
            case "*", "/", "%", "atan2" -> 5;
            default -> 6;
        };
    }

    private String binaryOperator() {
        skipSpace();
        if (pos >= input.length()) {
            return null;
        }
        for (String op : List.of("==", "!=", "<=", ">=", "<", ">", "+", "-", "*", "/", "%", "^")) {
            if (input.startsWith(op, pos)) {
                // "!~" and "=~" never appear between expressions; "!=" does.
                pos += op.length();
                return op;
            }
        }
        for (String word : List.of("and", "or", "unless", "atan2")) {
            if (peekWord(word)) {
                readWord();
                return word;
            }
        }
        return null;
    }

    private Expr unary() {
        skipSpace();
        if (pos < input.length() && (input.charAt(pos) == '-' || input.charAt(pos) == '+')) {
            char sign = input.charAt(pos++);
            // Unary minus binds less tightly than ^: -2^2 is -(2^2).
            Expr operand = expression(6);
            if (sign == '+') {
                return operand;
            }
            return operand instanceof Expr.NumberLiteral n ? new Expr.NumberLiteral(-n.value()) : new Expr.Negation(operand);
        }
        return postfix(primary());
    }

    private Expr postfix(Expr e) {
        while (true) {
            skipSpace();
            if (pos < input.length() && input.charAt(pos) == '[') {
                pos++;
                skipSpace();
                long range = duration();
                skipSpace();
                if (pos < input.length() && input.charAt(pos) == ':') {
                    throw error("subqueries ([range:resolution]) are not supported by the embedded Prometheus");
                }
                expect(']');
                if (!(e instanceof Expr.VectorSelector vs)) {
                    throw error("ranges only allowed for vector selectors");
                }
                e = new Expr.MatrixSelector(vs, range);
            } else if (peekWord("offset")) {
                throw error("the 'offset' modifier is not supported by the embedded Prometheus");
            } else if (pos < input.length() && input.charAt(pos) == '@') {
                throw error("the '@' modifier is not supported by the embedded Prometheus");
            } else {
                return e;
            }
        }
    }

    private Expr primary() {
        skipSpace();
        if (pos >= input.length()) {
            throw error("unexpected end of input");
        }
        char c = input.charAt(pos);
        if (c == '(') {
            pos++;
            Expr inner = expression(0);
            skipSpace();
            expect(')');
            return new Expr.Paren(inner);
        }
        if (c == '"' || c == '\'' || c == '`') {
            return new Expr.StringLiteral(string());
        }
        if (c == '{') {
            return selector(null, pos);
        }
        if (Character.isDigit(c) || c == '.') {
            return new Expr.NumberLiteral(number());
        }
        if (Character.isLetter(c) || c == '_' || c == ':') {
            int start = pos;
            String word = identifier();
            String lower = word.toLowerCase(Locale.ROOT);
            if (lower.equals("inf") || lower.equals("nan")) {
                return new Expr.NumberLiteral(lower.equals("inf") ? Double.POSITIVE_INFINITY : Double.NaN);
            }
            skipSpace();
            boolean call = pos < input.length() && input.charAt(pos) == '(';
            if (AGGREGATIONS.contains(word) || UNSUPPORTED_AGGREGATIONS.contains(word)) {
                if (call || peekWord("by") || peekWord("without")) {
                    return aggregation(word);
                }
            }
            if (call) {
                return call(word);
            }
            if (KEYWORDS.contains(word)) {
                throw error("unexpected keyword '" + word + "'");
            }
            return selector(word, start);
        }
        throw error("unexpected " + describeNext());
    }

    private Expr aggregation(String op) {
        if (UNSUPPORTED_AGGREGATIONS.contains(op)) {
            throw error("the aggregation '" + op + "' is not supported by the embedded Prometheus");
        }
        List<String> grouping = List.of();
        boolean without = false;
        boolean grouped = false;
        skipSpace();
        if (peekWord("by") || peekWord("without")) {
            without = readWord().equals("without");
            grouping = labelList();
            grouped = true;
            skipSpace();
        }
        expect('(');
        Expr inner = expression(0);
        skipSpace();
        if (pos < input.length() && input.charAt(pos) == ',') {
            throw error("the aggregation '" + op + "' takes one argument");
        }
        expect(')');
        skipSpace();
        if (!grouped && (peekWord("by") || peekWord("without"))) {
            without = readWord().equals("without");
            grouping = labelList();
        }
        return new Expr.Aggregate(op, inner, grouping, without);
    }

    private Expr call(String name) {
        if (!RANGE_FUNCTIONS.contains(name) && !FUNCTIONS.contains(name)) {
            throw error("the function '" + name + "' is not supported by the embedded Prometheus (supported: "
                    + new java.util.TreeSet<>(RANGE_FUNCTIONS) + " and histogram_quantile)");
        }
        expect('(');
        List<Expr> args = new ArrayList<>();
        skipSpace();
        if (pos < input.length() && input.charAt(pos) != ')') {
            while (true) {
                args.add(expression(0));
                skipSpace();
                if (pos < input.length() && input.charAt(pos) == ',') {
                    pos++;
                    continue;
                }
                break;
            }
        }
        expect(')');
        if (RANGE_FUNCTIONS.contains(name)) {
            if (args.size() != 1) {
                throw error("expected 1 argument(s) in call to \"" + name + "\", got " + args.size());
            }
            if (!(args.get(0) instanceof Expr.MatrixSelector)) {
                throw error("expected type range vector in call to function \"" + name + "\"");
            }
        } else {
            if (args.size() != 2) {
                throw error("expected 2 argument(s) in call to \"histogram_quantile\", got " + args.size());
            }
        }
        return new Expr.Call(name, args);
    }

    private Expr.VectorSelector selector(String name, int start) {
        List<Expr.Matcher> matchers = new ArrayList<>();
        if (name != null) {
            matchers.add(new Expr.Matcher("__name__", "=", name, null));
        }
        skipSpace();
        if (pos < input.length() && input.charAt(pos) == '{') {
            pos++;
            while (true) {
                skipSpace();
                if (pos < input.length() && input.charAt(pos) == '}') {
                    pos++;
                    break;
                }
                String label = identifier();
                skipSpace();
                String op;
                if (input.startsWith("=~", pos) || input.startsWith("!~", pos) || input.startsWith("!=", pos)) {
                    op = input.substring(pos, pos + 2);
                    pos += 2;
                } else if (input.startsWith("=", pos)) {
                    op = "=";
                    pos++;
                } else {
                    throw error("expected a label matching operator (=, !=, =~, !~) after '" + label + "'");
                }
                skipSpace();
                String value = string();
                Pattern regex = null;
                if (op.endsWith("~")) {
                    try {
                        // Prometheus anchors label regexes at both ends.
                        regex = Pattern.compile("^(?:" + value + ")$");
                    } catch (PatternSyntaxException e) {
                        throw error("invalid regular expression \"" + value + "\": " + e.getDescription());
                    }
                }
                if (label.equals("__name__") && name != null) {
                    throw error("metric name must not be set twice: \"" + name + "\"");
                }
                matchers.add(new Expr.Matcher(label, op, value, regex));
                skipSpace();
                if (pos < input.length() && input.charAt(pos) == ',') {
                    pos++;
                } else if (pos >= input.length() || input.charAt(pos) != '}') {
                    throw error("expected ',' or '}' in label matchers");
                }
            }
        }
        boolean nonEmpty = matchers.stream().anyMatch(m -> !m.matches(""));
        if (!nonEmpty) {
            throw error("vector selector must contain at least one non-empty matcher");
        }
        return new Expr.VectorSelector(List.copyOf(matchers), input.substring(start, pos).trim());
    }

    private List<String> labelList() {
        skipSpace();
        expect('(');
        List<String> labels = new ArrayList<>();
        while (true) {
            skipSpace();
            if (pos < input.length() && input.charAt(pos) == ')') {
                pos++;
                return List.copyOf(labels);
            }
            labels.add(identifier());
            skipSpace();
            if (pos < input.length() && input.charAt(pos) == ',') {
                pos++;
            } else if (pos >= input.length() || input.charAt(pos) != ')') {
                throw error("expected ',' or ')' in grouping labels");
            }
        }
    }

    private long duration() {
        int start = pos;
        long total = 0;
        boolean any = false;
        while (pos < input.length() && Character.isDigit(input.charAt(pos))) {
            int numStart = pos;
            while (pos < input.length() && Character.isDigit(input.charAt(pos))) {
                pos++;
            }
            long n = Long.parseLong(input.substring(numStart, pos));
            long unit;
            if (input.startsWith("ms", pos)) {
                unit = 1;
                pos += 2;
            } else if (pos < input.length()) {
                unit = switch (input.charAt(pos)) {
                    case 's' -> 1000L;
                    case 'm' -> 60_000L;
                    case 'h' -> 3_600_000L;
                    case 'd' -> 86_400_000L;
                    case 'w' -> 604_800_000L;
                    case 'y' -> 31_536_000_000L;
                    default -> throw error("bad duration \"" + input.substring(start, pos + 1) + "\": unknown unit");
                };
                pos++;
            } else {
                throw error("bad duration: missing unit");
            }
            total += n * unit;
            any = true;
        }
        if (!any) {
            throw error("expected a duration such as 5m in the range");
        }
        if (total <= 0) {
            throw error("duration must be greater than 0");
        }
        return total;
    }

    private double number() {
        int start = pos;
        if (input.startsWith("0x", pos) || input.startsWith("0X", pos)) {
            pos += 2;
            while (pos < input.length() && Character.digit(input.charAt(pos), 16) >= 0) {
                pos++;
            }
            return Long.parseLong(input.substring(start + 2, pos), 16);
        }
        while (pos < input.length() && (Character.isDigit(input.charAt(pos)) || input.charAt(pos) == '.')) {
            pos++;
        }
        if (pos < input.length() && (input.charAt(pos) == 'e' || input.charAt(pos) == 'E')) {
            int save = pos;
            pos++;
            if (pos < input.length() && (input.charAt(pos) == '+' || input.charAt(pos) == '-')) {
                pos++;
            }
            if (pos < input.length() && Character.isDigit(input.charAt(pos))) {
                while (pos < input.length() && Character.isDigit(input.charAt(pos))) {
                    pos++;
                }
            } else {
                pos = save;
            }
        }
        if (pos < input.length() && Character.isLetter(input.charAt(pos))) {
            throw error("a duration (" + input.substring(start, pos + 1) + "...) is only allowed inside [ ]");
        }
        try {
            return Double.parseDouble(input.substring(start, pos));
        } catch (NumberFormatException e) {
            throw error("bad number \"" + input.substring(start, pos) + "\"");
        }
    }

    private String string() {
        if (pos >= input.length()) {
            throw error("expected a string");
        }
        char quote = input.charAt(pos);
        if (quote != '"' && quote != '\'' && quote != '`') {
            throw error("expected a quoted string, got " + describeNext());
        }
        pos++;
        StringBuilder b = new StringBuilder();
        while (true) {
            if (pos >= input.length()) {
                throw error("unterminated quoted string");
            }
            char c = input.charAt(pos++);
            if (c == quote) {
                return b.toString();
            }
            if (c == '\\' && quote != '`') {
                if (pos >= input.length()) {
                    throw error("unterminated quoted string");
                }
                char e = input.charAt(pos++);
                switch (e) {
                    case 'n' -> b.append('\n');
                    case 't' -> b.append('\t');
                    case 'r' -> b.append('\r');
                    case '\\' -> b.append('\\');
                    case '"' -> b.append('"');
                    case '\'' -> b.append('\'');
                    case 'a' -> b.append('\u0007');
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    case 'v' -> b.append('\u000b');
                    default -> throw error("unknown escape sequence \\" + e);
                }
            } else {
                b.append(c);
            }
        }
    }

    private String identifier() {
        int start = pos;
        while (pos < input.length()) {
            char c = input.charAt(pos);
            if (Character.isLetterOrDigit(c) || c == '_' || c == ':') {
                pos++;
            } else {
                break;
            }
        }
        if (start == pos) {
            throw error("expected an identifier, got " + describeNext());
        }
        return input.substring(start, pos);
    }

    private boolean peekWord(String word) {
        if (!input.startsWith(word, pos)) {
            return false;
        }
        int end = pos + word.length();
        return end >= input.length() || !(Character.isLetterOrDigit(input.charAt(end)) || input.charAt(end) == '_'
                || input.charAt(end) == ':');
    }

    private String readWord() {
        return identifier();
    }

    private void expect(char c) {
        skipSpace();
        if (pos >= input.length() || input.charAt(pos) != c) {
            throw error("expected '" + c + "', got " + describeNext());
        }
        pos++;
    }

    private void skipSpace() {
        while (pos < input.length()) {
            char c = input.charAt(pos);
            if (Character.isWhitespace(c)) {
                pos++;
            } else if (c == '#') {
                while (pos < input.length() && input.charAt(pos) != '\n') {
                    pos++;
                }
            } else {
                break;
            }
        }
    }

    private String describeNext() {
        if (pos >= input.length()) {
            return "end of input";
        }
        int end = Math.min(input.length(), pos + 12);
        return "\"" + input.substring(pos, end) + "\"";
    }

    private PromQlException error(String message) {
        return new PromQlException("parse error at char " + (pos + 1) + ": " + message);
    }
}
