package io.sreagent.core.workflow;

/**
 * Tokens a run has spent on models.
 *
 * @param input  prompt tokens
 * @param output completion tokens
 */
public record TokenUsage(long input, long output) {
    /** No tokens. */
    public static final TokenUsage NONE = new TokenUsage(0, 0);

    /** Input plus output. */
    public long total() {
        return input + output;
    }

    /** This plus {@code other}. */
    public TokenUsage plus(TokenUsage other) {
        return new TokenUsage(input + other.input, output + other.output);
    }
}
