package io.sreagent.core.termination;

import io.sreagent.core.message.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** AND and OR of termination conditions. */
final class Composite {

    private Composite() {
    }

    /** Fires once every child has fired; a child that fired stays fired (latched) until reset. */
    static final class And implements TerminationCondition {
        private final List<TerminationCondition> children;
        private final StopReason[] fired;

        And(List<TerminationCondition> children) {
            this.children = List.copyOf(children);
            this.fired = new StopReason[children.size()];
        }

        @Override
        public Optional<StopReason> check(List<Message> newMessages, TerminationState state) {
            boolean all = true;
            for (int i = 0; i < children.size(); i++) {
                if (fired[i] == null) {
                    fired[i] = children.get(i).check(newMessages, state).orElse(null);
                }
                all &= fired[i] != null;
            }
            if (!all) {
                return Optional.empty();
            }
            List<StopReason> reasons = List.of(fired);
            return Optional.of(new StopReason(
                    reasons.stream().map(StopReason::condition).collect(Collectors.joining(" and ")),
                    reasons.stream().map(StopReason::message).collect(Collectors.joining("; "))));
        }

        @Override
        public void reset() {
            java.util.Arrays.fill(fired, null);
            children.forEach(TerminationCondition::reset);
        }

        @Override
        public TerminationCondition forRun() {
            return new And(children.stream().map(TerminationCondition::forRun).toList());
        }

        @Override
        public TerminationCondition and(TerminationCondition other) {
            List<TerminationCondition> more = new ArrayList<>(children);
            more.add(other);
            return new And(more);
        }

        @Override
        public String toString() {
            return children.stream().map(Object::toString).collect(Collectors.joining(" AND ", "(", ")"));
        }
    }

    /** Fires when any child fires; every child sees every check so stateful children stay current. */
    static final class Or implements TerminationCondition {
        private final List<TerminationCondition> children;

        Or(List<TerminationCondition> children) {
            this.children = List.copyOf(children);
        }

        @Override
        public Optional<StopReason> check(List<Message> newMessages, TerminationState state) {
            StopReason first = null;
            for (TerminationCondition c : children) {
                Optional<StopReason> r = c.check(newMessages, state);
                if (first == null && r.isPresent()) {
                    first = r.get();
                }
            }
            return Optional.ofNullable(first);
        }

        @Override
        public void reset() {
            children.forEach(TerminationCondition::reset);
        }

        @Override
        public TerminationCondition forRun() {
            return new Or(children.stream().map(TerminationCondition::forRun).toList());
        }

        @Override
        public TerminationCondition or(TerminationCondition other) {
            List<TerminationCondition> more = new ArrayList<>(children);
            more.add(other);
            return new Or(more);
        }

        @Override
        public String toString() {
            return children.stream().map(Object::toString).collect(Collectors.joining(" OR ", "(", ")"));
        }
    }
}
