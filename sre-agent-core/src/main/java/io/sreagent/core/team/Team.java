package io.sreagent.core.team;

import io.sreagent.core.agent.Agent;
import io.sreagent.core.agent.AgentContext;
import io.sreagent.core.agent.AgentResponse;
import io.sreagent.core.message.Message;
import java.util.List;

/**
 * Agents working together under a rule for who speaks next; a Team is itself an {@link Agent}, so teams nest.
 *
 * <p>{@link #run} never throws for a member's failure: failures come back typed in the {@link TeamResult}.
 */
public interface Team extends Agent {

    /** The members, in declaration order. */
    List<Agent> members();

    /** Runs the team on a task until its termination condition or its own rules stop it. */
    TeamResult run(List<Message> task, AgentContext context);

    /** As an agent, a team answers with every message its run produced. */
    @Override
    default AgentResponse respond(List<Message> newMessages, AgentContext context) {
        return new AgentResponse(run(newMessages, context.inTeam(name())).messages());
    }
}
