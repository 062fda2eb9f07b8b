package io.sreagent.core.team;

import io.sreagent.core.agent.Agent;
import io.sreagent.core.agent.AgentContext;
import io.sreagent.core.agent.AgentResponse;
import io.sreagent.core.event.RunEvent;
import io.sreagent.core.message.Message;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;

/** Runs one member's turn the same way in every team kind: events, transcript, failures. */
final class Turns {

    private Turns() {
    }

    /** The outcome of one turn: a response, or a failure. */
    record Outcome(AgentResponse response, AgentFailure failure) {
        List<Message> messages() {
            return response == null ? List.of() : response.messages();
        }
    }

    static Outcome take(Agent agent, List<Message> input, AgentContext ctx, int turn) {
        String team = ctx.team();
        ctx.events().emit(seq -> new RunEvent.TurnStarted(ctx.runId(), seq, ctx.clock().instant(), team, agent.name(), turn));
        AgentResponse response;
        io.sreagent.core.telemetry.Telemetry telemetry = ctx.tools().telemetry();
        io.opentelemetry.api.trace.Span span = telemetry.startAgent(agent.name(), team);
        try (io.opentelemetry.context.Scope ignored = span.makeCurrent()) {
            ctx.cancellation().throwIfCancelled();
            response = agent.respond(input, ctx);
            if (response == null) {
                span.setStatus(io.opentelemetry.api.trace.StatusCode.ERROR, "null response");
                return new Outcome(null, new AgentFailure(agent.name(), "null_response", "respond() returned null"));
            }
        } catch (CancellationException e) {
            telemetry.fail(span, e);
            return new Outcome(null, new AgentFailure(agent.name(), "cancelled", String.valueOf(e.getMessage())));
        } catch (RuntimeException | StackOverflowError e) {
            telemetry.fail(span, e);
            return new Outcome(null, new AgentFailure(agent.name(), e.getClass().getName(), String.valueOf(e.getMessage())));
        } finally {
            span.end();
        }
        // A nested team recorded and announced its own messages already.
        if (!(agent instanceof Team)) {
            ctx.workflow().record(response.messages());
            for (Message m : response.messages()) {
                ctx.events().emit(seq -> new RunEvent.MessageEmitted(ctx.runId(), seq, m.at(), team, m));
            }
        }
        return new Outcome(response, null);
    }

    /** Why a loop must stop before turn {@code turn}: its hard cap, or a cancellation; null to go on. */
    static io.sreagent.core.termination.StopReason interrupted(AgentContext ctx, int turn, int maxTurns, String what) {
        if (turn > maxTurns) {
            return new io.sreagent.core.termination.StopReason("max_turns", what + " reached its hard cap of " + maxTurns + " turns");
        }
        if (ctx.cancellation().isCancelled()) {
            return new io.sreagent.core.termination.StopReason("cancelled", ctx.cancellation().reason());
        }
        return null;
    }

    static void terminated(AgentContext ctx, String team, io.sreagent.core.termination.StopReason reason) {
        ctx.events().emit(seq -> new RunEvent.Terminated(ctx.runId(), seq, ctx.clock().instant(), team,
                reason.condition(), reason.message()));
    }

    static Optional<Agent> find(List<Agent> members, String name) {
        return members.stream().filter(a -> a.name().equals(name)).findFirst();
    }

    static void requireUniqueNames(String team, List<Agent> members) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Agent a : members) {
            if (!seen.add(a.name())) {
                throw new IllegalArgumentException("team " + team + " has two members named '" + a.name() + "'");
            }
        }
        if (members.isEmpty()) {
            throw new IllegalArgumentException("team " + team + " has no members");
        }
    }
}
