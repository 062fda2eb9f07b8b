package io.sreagent.core.event;

/**
 * Receives a run's events synchronously, in order, on the emitting thread; must be quick and must not throw
 * (an exception is logged and ignored).
 */
@FunctionalInterface
public interface EventListener {
    /** Called once per event. */
    void onEvent(RunEvent event);
}
