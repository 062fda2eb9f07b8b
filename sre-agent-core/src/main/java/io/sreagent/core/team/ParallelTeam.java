package io.sreagent.core.team;

import io.sreagent.core.agent.Agent;
import io.sreagent.core.agent.AgentContext;
import io.sreagent.core.message.Message;
import io.sreagent.core.termination.StopReason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Fan-out: every branch answers the same task concurrently on the host's executor; the results are joined in
 * declaration order.
 *
 * <p>A branch that throws or exceeds the branch timeout becomes an {@link AgentFailure} in the result while the
 * other branches' messages are kept: never a hang, never a swallowed exception.
 */
public final class ParallelTeam implements Team {

    private final String name;
    private final String description;
    private final List<Agent> branches;
    private final Duration branchTimeout;

    /** A fan-out over {@code branches}, each bounded by {@code branchTimeout}. */
    public ParallelTeam(String name, String description, List<Agent> branches, Duration branchTimeout) {
        this.name = Objects.requireNonNull(name, "name");
        this.description = description == null ? "parallel " + name : description;
        this.branches = List.copyOf(branches);
        this.branchTimeout = Objects.requireNonNull(branchTimeout, "branch_timeout");
        Turns.requireUniqueNames(name, this.branches);
    }

    @Override public String name() { return name; }

    @Override public String description() { return description; }

    @Override public List<Agent> members() { return branches; }

    @Override
    public TeamResult run(List<Message> task, AgentContext context) {
        AgentContext ctx = context.inTeam(name);
        List<CompletableFuture<Turns.Outcome>> futures = new ArrayList<>();
        for (Agent b : branches) {
            futures.add(CompletableFuture.supplyAsync(() -> Turns.take(b, task, ctx, 1), ctx.executor()));
        }
        List<Message> produced = new ArrayList<>();
        List<AgentFailure> failures = new ArrayList<>();
        long deadline = System.nanoTime() + branchTimeout.toNanos();
        for (int i = 0; i < branches.size(); i++) {
            String branch = branches.get(i).name();
            try {
                long left = Math.max(0, deadline - System.nanoTime());
                Turns.Outcome out = futures.get(i).get(left, TimeUnit.NANOSECONDS);
                if (out.failure() != null) {
                    failures.add(out.failure());
                } else {
                    produced.addAll(out.messages());
                }
            } catch (TimeoutException e) {
                futures.get(i).cancel(true);
                failures.add(new AgentFailure(branch, "timeout", "branch did not finish within " + branchTimeout.toMillis() + " ms"));
            } catch (ExecutionException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                failures.add(new AgentFailure(branch, cause.getClass().getName(), String.valueOf(cause.getMessage())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failures.add(new AgentFailure(branch, "interrupted", "interrupted while waiting for the branch"));
            }
        }
        StopReason stop = new StopReason("branches_complete",
                (branches.size() - failures.size()) + " of " + branches.size() + " branches succeeded");
        Turns.terminated(ctx, name, stop);
        return new TeamResult(produced, stop, failures);
    }
}
