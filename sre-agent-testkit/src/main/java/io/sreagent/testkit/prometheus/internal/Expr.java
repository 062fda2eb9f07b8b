package io.sreagent.testkit.prometheus.internal;

import java.util.List;

/** The syntax tree of the supported PromQL subset. */
public sealed interface Expr {

    /** A number literal. */
    record NumberLiteral(double value) implements Expr {
    }

    /** A string literal (only valid as a function argument, which no supported function takes). */
    record StringLiteral(String value) implements Expr {
    }

    /** A label matcher; {@code op} is one of {@code =}, {@code !=}, {@code =~}, {@code !~}. */
    record Matcher(String label, String op, String value, java.util.regex.Pattern regex) {
        boolean matches(String actual) {
            String v = actual == null ? "" : actual;
            return switch (op) {
                case "=" -> v.equals(value);
                case "!=" -> !v.equals(value);
                case "=~" -> regex.matcher(v).matches();
                default -> !regex.matcher(v).matches();
            };
        }
    }

    /** An instant vector selector. */
    record VectorSelector(List<Matcher> matchers, String text) implements Expr {
    }

    /** A range vector selector {@code selector[range]}. */
    record MatrixSelector(VectorSelector selector, long rangeMillis) implements Expr {
    }

    /** A function call. */
    record Call(String function, List<Expr> args) implements Expr {
    }

    /** An aggregation; {@code without} tells whether {@code grouping} lists labels to drop. */
    record Aggregate(String op, Expr expr, List<String> grouping, boolean without) implements Expr {
    }

    /** A unary minus. */
    record Negation(Expr expr) implements Expr {
    }

    /**
     * A binary operation with its vector matching: {@code on} tells whether {@code matching} lists the labels to match
     * on (true) or to ignore (false; an empty list then means the default matching on all labels but the name).
     */
    record Binary(String op, Expr lhs, Expr rhs, boolean returnBool, boolean on, List<String> matching)
            implements Expr {
    }

    /** Parentheses, kept so that the tree prints as written. */
    record Paren(Expr expr) implements Expr {
    }
}
