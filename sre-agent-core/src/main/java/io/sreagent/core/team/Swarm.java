package io.sreagent.core.team;

import io.sreagent.core.agent.Agent;
import io.sreagent.core.agent.AgentContext;
import io.sreagent.core.event.RunEvent;
import io.sreagent.core.message.HandoffMessage;
import io.sreagent.core.message.Message;
import io.sreagent.core.termination.StopReason;
import io.sreagent.core.termination.TerminationCondition;
import io.sreagent.core.termination.TerminationState;
import io.sreagent.core.termination.Terminations;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A team in which control moves only by {@link HandoffMessage}s along declared {@link Handoff} edges.
 *
 * <p>The first speaker is the initial agent. An agent that neither hands off nor stops speaks again, at most
 * {@code maxTurnsWithoutHandoff} times in a row; then the swarm stops. A handoff to a target not declared from the
 * speaker stops the run with an {@code invalid_handoff} failure naming the target. A hard cap on turns guarantees the
 * run ends whatever the termination condition. Handoff edges are validated when the swarm is built.
 */
public final class Swarm implements Team {

    private final String name;
    private final String description;
    private final List<Agent> members;
    private final List<Handoff> handoffs;
    private final String initial;
    private final TerminationCondition termination;
    private final int maxTurnsWithoutHandoff;
    private final int maxTurns;

    private Swarm(Builder b) {
        this.name = b.name;
        this.description = b.description;
        this.members = List.copyOf(b.members);
        this.handoffs = List.copyOf(b.handoffs);
        this.initial = b.initial != null ? b.initial : (b.members.isEmpty() ? null : b.members.get(0).name());
        this.termination = b.termination;
        this.maxTurnsWithoutHandoff = b.maxTurnsWithoutHandoff;
        this.maxTurns = b.maxTurns;
        Turns.requireUniqueNames(name, members);
        Set<String> names = new HashSet<>();
        members.forEach(a -> names.add(a.name()));
        if (!names.contains(initial)) {
            throw new IllegalArgumentException("swarm " + name + ": initial agent '" + initial + "' is not a member " + names);
        }
        for (Handoff h : handoffs) {
            if (!names.contains(h.source())) {
                throw new IllegalArgumentException("swarm " + name + ": handoff source '" + h.source() + "' is not a member " + names);
            }
            if (!names.contains(h.target())) {
                throw new IllegalArgumentException("swarm " + name + ": handoff target '" + h.target() + "' is not a member " + names);
            }
        }
    }

    /** Starts a swarm called {@code name}. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    @Override public String name() { return name; }

    @Override public String description() { return description; }

    @Override public List<Agent> members() { return members; }

    /** The declared handoff edges. */
    public List<Handoff> handoffs() {
        return handoffs;
    }

    /** The edges leaving {@code agent}. */
    public List<Handoff> handoffsFrom(String agent) {
        return handoffs.stream().filter(h -> h.source().equals(agent)).toList();
    }

    /** The termination condition. */
    public TerminationCondition termination() {
        return termination;
    }

    @Override
    public TeamResult run(List<Message> task, AgentContext context) {
        AgentContext ctx = context.inTeam(name);
        // Per-run state: concurrent runs of this team do not share counts, latches or clocks.
        TerminationCondition termination = this.termination.forRun();
        List<Message> produced = new ArrayList<>();
        List<AgentFailure> failures = new ArrayList<>();
        Set<String> reported = new HashSet<>();
        Agent current = Turns.find(members, initial).orElseThrow();
        List<Message> input = task;
        int sameAgentTurns = 0;
        StopReason stop = null;
        for (int turn = 1; stop == null; turn++) {
            stop = Turns.interrupted(ctx, turn, maxTurns, "swarm " + name);
            if (stop != null) {
                break;
            }
            Turns.Outcome out = Turns.take(current, input, ctx, turn);
            if (out.failure() != null) {
                failures.add(out.failure());
                stop = new StopReason("agent_failed", current.name() + ": " + out.failure().message());
                break;
            }
            reported.add(current.name());
            List<Message> msgs = out.messages();
            produced.addAll(msgs);
            Optional<StopReason> fired = termination.check(msgs,
                    new TerminationState(task.size() + produced.size(), turn, ctx.workflow(), reported));
            if (fired.isPresent()) {
                stop = fired.get();
                break;
            }
            if (out.response().stops()) {
                stop = new StopReason("stop", current.name() + " finished");
                break;
            }
            Optional<HandoffMessage> handoff = out.response().handoff();
            if (handoff.isPresent()) {
                String target = handoff.get().target();
                String from = current.name();
                boolean declared = handoffs.stream().anyMatch(h -> h.source().equals(from) && h.target().equals(target));
                if (!declared) {
                    String msg = "agent " + from + " handed off to undeclared target '" + target + "'; declared targets of "
                            + from + ": " + handoffsFrom(from).stream().map(Handoff::target).toList();
                    failures.add(new AgentFailure(from, "invalid_handoff", msg));
                    stop = new StopReason("invalid_handoff", msg);
                    break;
                }
                ctx.events().emit(seq -> new RunEvent.HandedOff(ctx.runId(), seq, ctx.clock().instant(), name, from, target));
                current = Turns.find(members, target).orElseThrow();
                sameAgentTurns = 0;
            } else if (++sameAgentTurns >= maxTurnsWithoutHandoff) {
                stop = new StopReason("no_handoff", "agent " + current.name() + " neither handed off nor finished in "
                        + sameAgentTurns + " turns");
                break;
            }
            input = msgs;
        }
        Turns.terminated(ctx, name, stop);
        return new TeamResult(produced, stop, failures);
    }

    /** Builds a {@link Swarm}. */
    public static final class Builder {
        private final String name;
        private String description;
        private final List<Agent> members = new ArrayList<>();
        private final List<Handoff> handoffs = new ArrayList<>();
        private String initial;
        private TerminationCondition termination = Terminations.maxMessages(100);
        private int maxTurnsWithoutHandoff = 3;
        private int maxTurns = 200;

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
            this.description = "swarm " + name;
        }

        /** What the team does. */
        public Builder description(String d) {
            this.description = Objects.requireNonNull(d, "description");
            return this;
        }

        /** Adds members; the first added is the initial speaker unless {@link #initial} says otherwise. */
        public Builder agents(Agent... agents) {
            members.addAll(List.of(agents));
            return this;
        }

        /** Declares an edge. */
        public Builder handoff(String source, String target, String description) {
            handoffs.add(new Handoff(source, target, description));
            return this;
        }

        /** The first speaker. */
        public Builder initial(String agent) {
            this.initial = agent;
            return this;
        }

        /** When the swarm stops (default: 100 messages). */
        public Builder termination(TerminationCondition t) {
            this.termination = Objects.requireNonNull(t, "termination");
            return this;
        }

        /** How many turns in a row an agent may take without handing off (default 3). */
        public Builder maxTurnsWithoutHandoff(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("max_turns_without_handoff must be at least 1, was " + n);
            }
            this.maxTurnsWithoutHandoff = n;
            return this;
        }

        /** Hard cap on turns whatever the termination condition (default 200). */
        public Builder maxTurns(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("max_turns must be at least 1, was " + n);
            }
            this.maxTurns = n;
            return this;
        }

        /** The swarm; validates members and edges. */
        public Swarm build() {
            return new Swarm(this);
        }
    }
}
