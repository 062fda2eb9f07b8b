package io.sreagent.core.input;

/**
 * Input that cannot be read or parsed: names the file, the place in it and what was wrong, never the content (a
 * secret in a malformed file must not reach a terminal or a log through an error message).
 */
public class InputException extends RuntimeException {

    private final String file;
    private final String position;
    private final String problem;

    /**
     * @param file     the file, as the user named it
     * @param position where in the file ({@code line 3, column 7}, {@code workflow.max_turns}), or empty
     * @param problem  what was wrong and, where possible, what to do
     */
    public InputException(String file, String position, String problem) {
        this(file, position, problem, null);
    }

    /** As {@link #InputException(String, String, String)}, keeping the parser's exception as the cause. */
    public InputException(String file, String position, String problem, Throwable cause) {
        super(file + (position.isEmpty() ? "" : ": " + position) + ": " + problem, cause);
        this.file = file;
        this.position = position;
        this.problem = problem;
    }

    /** The file. */
    public String file() {
        return file;
    }

    /** Where in the file; empty when the problem concerns the whole file. */
    public String position() {
        return position;
    }

    /** What was wrong. */
    public String problem() {
        return problem;
    }
}
