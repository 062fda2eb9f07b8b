package io.sreagent.core.agent;

import io.sreagent.core.message.Message;
import java.util.List;

/**
 * A participant in a run: given the messages it has not seen yet, it answers with messages of its own (text,
 * findings, a handoff, a stop). Deterministic and LLM agents implement the same interface; so do teams.
 *
 * <p>Called by one team at a time, never concurrently for the same run; an agent instance may serve several runs
 * concurrently, so per-run state belongs in the {@link AgentContext}'s workflow context, not in fields. A
 * {@code RuntimeException} thrown by {@link #respond} is caught by the team and reported as a failure of this agent.
 */
public interface Agent {

    /** Unique name within its team; what handoffs target. */
    String name();

    /** What the agent does, for a leader or a model choosing whom to hand off to. */
    String description();

    /** Answers new messages. */
    AgentResponse respond(List<Message> newMessages, AgentContext context);
}
