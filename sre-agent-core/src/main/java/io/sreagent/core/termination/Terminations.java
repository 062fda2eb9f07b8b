package io.sreagent.core.termination;

import io.sreagent.core.message.HandoffMessage;
import io.sreagent.core.message.Message;
import io.sreagent.core.message.StopMessage;
import io.sreagent.core.message.TextMessage;
import io.sreagent.core.message.ToolResultMessage;
import io.sreagent.core.tool.ToolError;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;

/** The built-in termination conditions. */
public final class Terminations {

    private Terminations() {
    }

    /** Fires when the team run has produced at least {@code max} messages. */
    public static TerminationCondition maxMessages(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max_messages must be at least 1, was " + max);
        }
        return stateless("max_messages(" + max + ")", (msgs, s) -> s.messageCount() >= max
                ? new StopReason("max_messages", s.messageCount() + " messages reached the limit of " + max) : null);
    }

    /** Fires when the workflow's best hypothesis has at least {@code threshold} confidence. */
    public static TerminationCondition highConfidence(double threshold) {
        return stateless("high_confidence(" + threshold + ")", (msgs, s) -> s.workflow().bestHypothesis()
                .filter(h -> h.confidence() >= threshold)
                .map(h -> new StopReason("high_confidence", String.format("%s on %s at %.2f >= %.2f", h.category(),
                        h.resource(), h.confidence(), threshold)))
                .orElse(null));
    }

    /** Fires when every named participant has finished a turn. */
    public static TerminationCondition allReported(Set<String> names) {
        Set<String> required = Set.copyOf(names);
        return stateless("all_teams_reported" + new TreeSet<>(required), (msgs, s) -> s.reported().containsAll(required)
                ? new StopReason("all_teams_reported", "reported: " + new TreeSet<>(required)) : null);
    }

    /**
     * Fires on a critical error: a stop message whose reason starts with {@code critical:} or a tool result with an
     * INTERNAL error.
     */
    public static TerminationCondition criticalError() {
        return stateless("critical_error", (msgs, s) -> {
            for (Message m : msgs) {
                if (m instanceof StopMessage st && st.reason().startsWith("critical:")) {
                    return new StopReason("critical_error", st.source() + ": " + st.reason());
                }
                if (m instanceof ToolResultMessage tr && tr.result().isError()
                        && tr.result().error().kind() == ToolError.Kind.INTERNAL) {
                    return new StopReason("critical_error", tr.toolId() + ": " + tr.result().error().message());
                }
            }
            return null;
        });
    }

    /** Fires once {@code limit} has passed on {@code clock} since the first check after a reset. */
    public static TerminationCondition timeout(Duration limit, Clock clock) {
        Objects.requireNonNull(limit, "limit");
        Objects.requireNonNull(clock, "clock");
        return new TerminationCondition() {
            private Instant start;

            @Override
            public Optional<StopReason> check(List<Message> newMessages, TerminationState state) {
                Instant now = clock.instant();
                if (start == null) {
                    start = now;
                }
                Duration elapsed = Duration.between(start, now);
                return elapsed.compareTo(limit) >= 0
                        ? Optional.of(new StopReason("timeout", elapsed.toMillis() + " ms elapsed, limit " + limit.toMillis() + " ms"))
                        : Optional.empty();
            }

            @Override
            public void reset() {
                start = null;
            }

            @Override
            public TerminationCondition forRun() {
                return timeout(limit, clock);
            }

            @Override
            public String toString() {
                return "timeout(" + limit + ")";
            }
        };
    }

    /** Fires when a new text message contains {@code text}. */
    public static TerminationCondition textMention(String text) {
        Objects.requireNonNull(text, "text");
        return stateless("text_mention(" + text + ")", (msgs, s) -> msgs.stream()
                .filter(m -> m instanceof TextMessage t && t.content().contains(text)).findFirst()
                .map(m -> new StopReason("text_mention", m.source() + " mentioned '" + text + "'")).orElse(null));
    }

    /** Fires when a new message hands off to {@code target}. */
    public static TerminationCondition handoffTo(String target) {
        Objects.requireNonNull(target, "target");
        return stateless("handoff(" + target + ")", (msgs, s) -> msgs.stream()
                .filter(m -> m instanceof HandoffMessage h && h.target().equals(target)).findFirst()
                .map(m -> new StopReason("handoff", m.source() + " handed off to " + target)).orElse(null));
    }

    /** Fires once the workflow has spent at least {@code maxTokens} model tokens. */
    public static TerminationCondition tokenBudget(long maxTokens) {
        return stateless("token_budget(" + maxTokens + ")", (msgs, s) -> s.workflow().tokenUsage().total() >= maxTokens
                ? new StopReason("token_budget", s.workflow().tokenUsage().total() + " tokens reached the budget of " + maxTokens)
                : null);
    }

    /** A condition another thread fires with {@link External#cancel(String)}. */
    public static External external() {
        return new External();
    }

    /** A termination condition set from outside the run (a person pressing stop, a host shutting down). */
    public static final class External implements TerminationCondition {
        private final AtomicReference<String> reason = new AtomicReference<>();

        private External() {
        }

        /** Makes the next check fire. Thread-safe. */
        public void cancel(String why) {
            reason.compareAndSet(null, why == null ? "cancelled" : why);
        }

        @Override
        public Optional<StopReason> check(List<Message> newMessages, TerminationState state) {
            String r = reason.get();
            return r == null ? Optional.empty() : Optional.of(new StopReason("external", r));
        }

        /** Keeps a pending cancellation: a cancel must not be lost because a team reset between runs. */
        @Override
        public void reset() {
        }

        /** The same handle: a cancel from outside must reach the run that uses it. */
        @Override
        public TerminationCondition forRun() {
            return this;
        }

        @Override
        public String toString() {
            return "external";
        }
    }

    private static TerminationCondition stateless(String name,
                                                  BiFunction<List<Message>, TerminationState, StopReason> f) {
        return new TerminationCondition() {
            @Override
            public Optional<StopReason> check(List<Message> newMessages, TerminationState state) {
                return Optional.ofNullable(f.apply(newMessages, state));
            }

            @Override
            public void reset() {
            }

            @Override
            public TerminationCondition forRun() {
                return this;
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }
}
