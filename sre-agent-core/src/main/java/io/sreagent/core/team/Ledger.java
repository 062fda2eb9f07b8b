package io.sreagent.core.team;

import java.util.ArrayList;
import java.util.List;

/**
 * The orchestrator's notebook for one run (MagenticOne's task and progress ledgers): facts established, the plan,
 * who has spoken, and how many rounds in a row made no progress.
 *
 * <p>Hypotheses live in the workflow context; the ledger keeps what the leader needs to choose the next step. It is
 * serialised into the workflow context after every round, so a restored run resumes with it. Not thread-safe: only
 * the orchestrator's own thread touches it.
 *
 * @param facts   facts established so far, one sentence each
 * @param plan    the steps the leader intends, in order
 * @param history the steps taken, in order
 * @param stalls  rounds in a row without progress
 */
public record Ledger(List<String> facts, List<String> plan, List<String> history, int stalls) {
    public Ledger {
        facts = new ArrayList<>(facts);
        plan = new ArrayList<>(plan);
        history = new ArrayList<>(history);
    }

    /** An empty ledger. */
    public static Ledger empty() {
        return new Ledger(List.of(), List.of(), List.of(), 0);
    }

    /** A copy with the stall counter set. */
    public Ledger withStalls(int n) {
        return new Ledger(facts, plan, history, n);
    }
}
