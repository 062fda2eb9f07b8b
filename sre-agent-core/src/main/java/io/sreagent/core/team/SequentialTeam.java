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
 * Each member speaks once, in declaration order, seeing the task and every message before it. A failing member is
 * recorded and the next one goes on; a termination condition that fires ends the run early.
 */
public final class SequentialTeam implements Team {

    private final String name;
    private final String description;
    private final List<Agent> members;
    private final TerminationCondition termination;

    /** A sequential team; {@code termination} may be null for "run every member". */
    public SequentialTeam(String name, String description, List<Agent> members, TerminationCondition termination) {
        this.name = Objects.requireNonNull(name, "name");
        this.description = description == null ? "sequence " + name : description;
        this.members = List.copyOf(members);
        this.termination = termination;
        Turns.requireUniqueNames(name, this.members);
    }

    @Override public String name() { return name; }

    @Override public String description() { return description; }

    @Override public List<Agent> members() { return members; }

    @Override
    public TeamResult run(List<Message> task, AgentContext context) {
        AgentContext ctx = context.inTeam(name);
        // Per-run state: concurrent runs of this team do not share counts, latches or clocks.
        TerminationCondition termination = this.termination == null ? null : this.termination.forRun();
        List<Message> seen = new ArrayList<>(task);
        List<Message> produced = new ArrayList<>();
        List<AgentFailure> failures = new ArrayList<>();
        Set<String> reported = new HashSet<>();
        StopReason stop = null;
        int turn = 0;
        for (Agent a : members) {
            turn++;
            if (ctx.cancellation().isCancelled()) {
                stop = new StopReason("cancelled", ctx.cancellation().reason());
                break;
            }
            Turns.Outcome out = Turns.take(a, List.copyOf(seen), ctx, turn);
            if (out.failure() != null) {
                failures.add(out.failure());
                continue;
            }
            reported.add(a.name());
            seen.addAll(out.messages());
            produced.addAll(out.messages());
            if (termination != null) {
                Optional<StopReason> fired = termination.check(out.messages(),
                        new TerminationState(seen.size(), turn, ctx.workflow(), reported));
                if (fired.isPresent()) {
                    stop = fired.get();
                    break;
                }
            }
        }
        if (stop == null) {
            stop = new StopReason("sequence_complete", members.size() + " members spoke");
        }
        Turns.terminated(ctx, name, stop);
        return new TeamResult(produced, stop, failures);
    }
}
