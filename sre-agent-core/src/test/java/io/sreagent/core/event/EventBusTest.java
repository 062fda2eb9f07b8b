package io.sreagent.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.sreagent.core.message.TextMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EventBusTest {

    private static final Instant AT = Instant.parse("2026-11-20T10:30:00Z");

    @Test
    void listenersAndSubscribersSeeEveryEventInOrderEvenWhenEmittersRace() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Long> heard = new CopyOnWriteArrayList<>();
        List<Long> streamed = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        EventBus bus = new EventBus(pool).listen(e -> heard.add(e.sequence()));
        bus.subscribe(new Flow.Subscriber<>() {
            @Override public void onSubscribe(Flow.Subscription s) { s.request(Long.MAX_VALUE); }
            @Override public void onNext(RunEvent e) { streamed.add(e.sequence()); }
            @Override public void onError(Throwable t) { done.countDown(); }
            @Override public void onComplete() { done.countDown(); }
        });

        List<Thread> emitters = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            String agent = "agent-" + t;
            Thread th = new Thread(() -> {
                for (int i = 0; i < 250; i++) {
                    bus.emit(seq -> new RunEvent.MessageEmitted("run-1", seq, AT, "team",
                            new TextMessage(agent, AT, "turn")));
                }
            });
            emitters.add(th);
            th.start();
        }
        for (Thread th : emitters) {
            th.join();
        }
        bus.close();

        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        List<Long> expected = new ArrayList<>();
        for (long i = 1; i <= 1000; i++) {
            expected.add(i);
        }
        assertThat(heard).containsExactlyElementsOf(expected);
        assertThat(streamed).containsExactlyElementsOf(expected);
        pool.shutdownNow();
    }

    @Test
    void aListenerThatThrowsDoesNotStopTheOthers() {
        List<Long> heard = new ArrayList<>();
        EventBus bus = new EventBus(Runnable::run)
                .listen(e -> { throw new IllegalStateException("broken listener"); })
                .listen(e -> heard.add(e.sequence()));
        bus.emit(seq -> new RunEvent.Terminated("run-1", seq, AT, "team", "stop", "done"));
        assertThat(heard).containsExactly(1L);
    }
}
