package io.sreagent.core.testing;

import io.sreagent.core.agent.Agent;
import io.sreagent.core.agent.AgentContext;
import io.sreagent.core.agent.AgentResponse;
import io.sreagent.core.event.EventBus;
import io.sreagent.core.incident.ResourceRef;
import io.sreagent.core.incident.Trigger;
import io.sreagent.core.message.Message;
import io.sreagent.core.tool.ToolRegistry;
import io.sreagent.core.workflow.WorkflowContext;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;

/** Small builders shared by the core tests. */
public final class Fixtures {

    public static final Instant NOW = Instant.parse("2026-11-20T10:30:00Z");
    public static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private Fixtures() {
    }

    public static Trigger trigger() {
        return Trigger.of("Warning", ResourceRef.of("Pod", "shop", "cart-1"), "BackOff", "Back-off restarting failed container");
    }

    public static AgentContext context(ToolRegistry registry, EventBus events, Executor executor) {
        return AgentContext.forRun(new WorkflowContext("inc-1", trigger()), registry, CLOCK, events, executor, true);
    }

    public static AgentContext context() {
        return context(ToolRegistry.builder().build(), new EventBus(Runnable::run), Runnable::run);
    }

    /** An agent whose turn is a function of its input and context. */
    public static Agent agent(String name, BiFunction<List<Message>, AgentContext, AgentResponse> body) {
        return new Agent() {
            @Override public String name() { return name; }
            @Override public String description() { return "test agent " + name; }
            @Override public AgentResponse respond(List<Message> m, AgentContext c) { return body.apply(m, c); }
        };
    }
}
