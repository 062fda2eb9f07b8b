package io.sreagent.core.event;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event sink of one run: numbers events, calls listeners in order, and publishes them as a
 * {@link Flow.Publisher} for streaming consumers (a web page, a tracer).
 *
 * <p>Listeners see every event synchronously in sequence order. Subscribers receive them asynchronously on the given
 * executor, in the same order, with back-pressure bounded by the publisher's buffer (a subscriber that falls more than
 * the buffer behind makes emitting block). {@link #close()} completes subscribers; events
 * emitted after it reach nobody.
 */
public final class EventBus implements EventSink, Flow.Publisher<RunEvent>, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EventBus.class);

    private final List<EventListener> listeners = new CopyOnWriteArrayList<>();
    private final SubmissionPublisher<RunEvent> publisher;
    private long sequence;
    private boolean closed;

    /** A bus delivering to subscribers on {@code executor}. */
    public EventBus(Executor executor) {
        this.publisher = new SubmissionPublisher<>(Objects.requireNonNull(executor, "executor"), 1024);
    }

    /** Adds a listener called synchronously for every later event. */
    public EventBus listen(EventListener l) {
        listeners.add(Objects.requireNonNull(l, "listener"));
        return this;
    }

    @Override
    public synchronized RunEvent emit(LongFunction<RunEvent> factory) {
        RunEvent e = factory.apply(++sequence);
        if (closed) {
            return e; // a turn abandoned past the run's limit speaks after its decision: nobody hears it
        }
        for (EventListener l : listeners) {
            try {
                l.onEvent(e);
            } catch (RuntimeException ex) {
                LOG.warn("event listener {} failed on {}", l, e.getClass().getSimpleName(), ex);
            }
        }
        if (publisher.hasSubscribers()) {
            publisher.submit(e);
        }
        return e;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super RunEvent> subscriber) {
        publisher.subscribe(subscriber);
    }

    @Override
    public synchronized void close() {
        closed = true;
        publisher.close();
    }
}
