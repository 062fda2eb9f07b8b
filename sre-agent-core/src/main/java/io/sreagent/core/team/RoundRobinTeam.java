package io.sreagent.core.team;

import io.sreagent.core.agent.Agent;
import io.sreagent.core.agent.AgentContext;
import io.sreagent.core.message.Message;
import io.sreagent.core.termination.StopReason;
import io.sreagent.core.termination.TerminationCondition;
import io.sreagent.core.termination.TerminationState;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Members speak in turn, in declaration order, round after round, until the termination condition fires, a member
 * stops, or the hard cap on turns is reached. A failing member is recorded and skipped.
 */
public final class RoundRobinTeam implements Team {

    private final String name;
    private final String description;
    private final List<Agent> members;
    private final TerminationCondition termination;
    private final int maxTurns;

    /** A round-robin team. */
    public RoundRobinTeam(String name, String description, List<Agent> members, TerminationCondition termination,
                          int maxTurns) {
        this.name = Objects.requireNonNull(name, "name");
        this.description = description == null ? "round-robin " + name : description;
        this.members = List.copyOf(members);
        this.termination = Objects.requireNonNull(termination, "termination");
        if (maxTurns < 1) {
            throw new IllegalArgumentException("max_turns must be at least 1, was " + maxTurns);
        }
        this.maxTurns = maxTurns;
        Turns.requireUniqueNames(name, this.members);
    }

    @Override public String name() { return name; }

    @Override public String description() { return description; }

    @Override public List<Agent> members() { return members; }

    @Override
    public TeamResult run(List<Message> task, AgentContext context) {
        AgentContext ctx = context.inTeam(name);
        // Per-run state: concurrent runs of this team do not share counts, latches or clocks.
        TerminationCondition termination = this.termination.forRun();
        List<Message> produced = new ArrayList<>();
        List<AgentFailure> failures = new ArrayList<>();
        Set<String> reported = new HashSet<>();
        List<Message> input = task;
        StopReason stop = null;
        for (int turn = 1; stop == null; turn++) {
            stop = Turns.interrupted(ctx, turn, maxTurns, "team " + name);
            if (stop != null) {
                break;
            }
            Agent speaker = members.get((turn - 1) % members.size());
            Turns.Outcome out = Turns.take(speaker, input, ctx, turn);
            if (out.failure() != null) {
                failures.add(out.failure());
                continue;
            }
            reported.add(speaker.name());
            produced.addAll(out.messages());
            Optional<StopReason> fired = termination.check(out.messages(),
                    new TerminationState(task.size() + produced.size(), turn, ctx.workflow(), reported));
            if (fired.isPresent()) {
                stop = fired.get();
            } else if (out.response().stops()) {
                stop = new StopReason("stop", speaker.name() + " finished");
            }
            input = out.messages();
        }
        Turns.terminated(ctx, name, stop);
        return new TeamResult(produced, stop, failures);
    }
}
