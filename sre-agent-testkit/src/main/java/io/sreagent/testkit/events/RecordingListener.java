package io.sreagent.testkit.events;

import io.sreagent.core.event.EventListener;
import io.sreagent.core.event.RunEvent;
import java.util.ArrayList;
import java.util.List;

/** Keeps every event of the runs it listens to, for {@link RunAssert}. Thread-safe. */
public final class RecordingListener implements EventListener {

    private final List<RunEvent> events = new ArrayList<>();

    @Override
    public synchronized void onEvent(RunEvent event) {
        events.add(event);
    }

    /** The events so far, in arrival order. */
    public synchronized List<RunEvent> events() {
        return List.copyOf(events);
    }

    /** Fluent assertions on the events so far. */
    public RunAssert assertThat() {
        return RunAssert.assertThat(events());
    }
}
