package io.sreagent.testkit.scenario;

import io.sreagent.core.input.InputException;

/**
 * Thrown when a scenario cannot be loaded: names the file, the place in it (line, document or JSON path) and what was
 * wrong, so that the author can fix the file without a debugger.
 */
public final class ScenarioException extends InputException {

    /**
     * @param file     the scenario file (for example {@code /x/cart/cluster.yaml} or {@code scenarios/cart/metrics.om})
     * @param position where in the file ({@code line 12}, {@code document 3 (line 57)}, {@code streams[1].values[0]}),
     *                 or the empty string when the problem concerns the whole file
     * @param problem  what was wrong and, where possible, what to do
     */
    public ScenarioException(String file, String position, String problem) {
        super(file, position, problem);
    }

    /** As {@link #ScenarioException(String, String, String)}, keeping the parser's exception as the cause. */
    public ScenarioException(String file, String position, String problem, Throwable cause) {
        super(file, position, problem, cause);
    }
}
