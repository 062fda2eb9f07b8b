package io.sreagent.core.event;

import java.util.function.LongFunction;

/**
 * Where agents and teams report what happens during a run.
 *
 * <p>{@link #emit} takes a factory of the event given its sequence number, so the sink assigns sequence numbers
 * and delivers events in that order even when parallel branches emit at once. Thread-safe.
 */
public interface EventSink {

    /** Emits the event built by {@code factory} from the next sequence number; returns it. */
    RunEvent emit(LongFunction<RunEvent> factory);

    /** A sink that drops everything. */
    static EventSink discarding() {
        return factory -> factory.apply(0);
    }
}
