package io.sreagent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sreagent.core.agent.Agent;
import io.sreagent.core.agent.AgentContext;
import io.sreagent.core.agent.AgentResponse;
import io.sreagent.core.incident.Decision;
import io.sreagent.core.message.Message;
import io.sreagent.core.support.Json;
import io.sreagent.core.tool.SafetyClass;
import io.sreagent.core.tool.ToolRegistry;
import io.sreagent.core.tool.ToolResult;
import io.sreagent.core.tool.Tools;
import io.sreagent.testkit.EmbeddedScenario;
import io.sreagent.workflow.SreWorkflow;
import io.sreagent.workflow.WorkflowConfig;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A host's own parts failing inside a diagnosis: a tool that throws, an agent that throws, an agent that never
 * returns. The built-in evidence still decides, within the workflow timeout, and the decision says what it could not
 * use.
 */
class HostFaultTest {

    static final Duration TIMEOUT = Duration.ofSeconds(8);

    /** Calls the host tool that throws and reports nothing: the registry must turn the throw into a typed error. */
    static final class CallsThrowingTool implements Agent {
        volatile ToolResult seen;

        @Override public String name() { return "calls_throwing_tool"; }

        @Override public String description() { return "calls a tool that throws"; }

        @Override
        public AgentResponse respond(List<Message> newMessages, AgentContext ctx) {
            seen = ctx.tools().call(name(), "acme.throws", Json.object());
            return AgentResponse.of();
        }
    }

    static final class Throws implements Agent {
        @Override public String name() { return "throws"; }

        @Override public String description() { return "an agent with a bug"; }

        @Override
        public AgentResponse respond(List<Message> newMessages, AgentContext ctx) {
            throw new IllegalStateException("bug in a host agent");
        }
    }

    /** Never returns: waits for a latch only the test releases, and ignores interruption while it waits. */
    static final class NeverReturns implements Agent {
        final String name;
        final java.util.concurrent.CountDownLatch release;
        final java.util.concurrent.atomic.AtomicInteger started = new java.util.concurrent.atomic.AtomicInteger();

        NeverReturns(String name, java.util.concurrent.CountDownLatch release) {
            this.name = name;
            this.release = release;
        }

        @Override public String name() { return name; }

        @Override public String description() { return "an agent that hangs"; }

        @Override
        public AgentResponse respond(List<Message> newMessages, AgentContext ctx) {
            started.incrementAndGet();
            while (true) {
                try {
                    release.await();
                    return AgentResponse.of();
                } catch (InterruptedException e) {
                    // a hostile agent: it does not stop when asked
                }
            }
        }
    }

    @Test
    void agentsThatNeverReturnDoNotHoldTheDecisionPastTheTimeout() {
        Duration timeout = Duration.ofSeconds(3);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        try (EmbeddedScenario incident = EmbeddedScenario.start(FaultInjectionTest.CART)) {
            WorkflowConfig config = WorkflowConfig.defaults().withTimeout(timeout);
            Decision healthy = SreWorkflow.builder().config(config).tools(incident.tools()).clock(incident.clock()).build()
                    .processIncident(incident.scenario().trigger());
            NeverReturns investigating = new NeverReturns("hangs_investigating", release);
            NeverReturns acting = new NeverReturns("hangs_acting", release);
            NeverReturns inLogs = new NeverReturns("hangs_in_logs", release);

            long t0 = System.nanoTime();
            Decision d = SreWorkflow.builder().config(config).tools(incident.tools()).clock(incident.clock())
                    .agent(SreWorkflow.INVESTIGATION, investigating).agent(SreWorkflow.ACTION_TEAM, acting)
                    .build().processIncident(incident.scenario().trigger());
            Duration took = Duration.ofNanos(System.nanoTime() - t0);

            assertThat(investigating.started).hasValue(1);
            assertThat(acting.started).hasValue(1);
            assertThat(took).as("the decision comes within the workflow timeout").isLessThan(timeout.plusMillis(500));
            assertThat(d.rootCause().category()).as("the built-in evidence still decides")
                    .isEqualTo(healthy.rootCause().category());
            assertThat(d.actions()).as("the built-in action team still proposes and the guard rules")
                    .extracting(a -> a.type() + " " + a.status())
                    .containsExactlyInAnyOrderElementsOf(healthy.actions().stream().map(a -> a.type() + " " + a.status()).toList());
            String degraded = String.join(" ", d.degraded());
            assertThat(degraded).contains("hangs_investigating").contains("action team did not finish");
            assertThat(d.confidence()).isLessThan(healthy.confidence());

            // inside a team that runs in parallel with another: the parallel step is what is cut
            t0 = System.nanoTime();
            Decision inTeam = SreWorkflow.builder().config(config).tools(incident.tools()).clock(incident.clock())
                    .agent(SreWorkflow.LOG_TEAM, inLogs).build().processIncident(incident.scenario().trigger());
            took = Duration.ofNanos(System.nanoTime() - t0);
            assertThat(inLogs.started).hasValue(1);
            assertThat(took).isLessThan(timeout.plusMillis(500));
            assertThat(String.join(" ", inTeam.degraded())).contains("logs_and_metrics");
            assertThat(inTeam.confidence()).isLessThan(healthy.confidence());
        } finally {
            release.countDown();
        }
    }

    @Test
    void aThrowingToolAndAThrowingAgentDegradeTheDecisionWithinTheTimeout() {
        try (EmbeddedScenario incident = EmbeddedScenario.start(FaultInjectionTest.CART)) {
            WorkflowConfig config = WorkflowConfig.defaults().withTimeout(TIMEOUT);
            Decision healthy = SreWorkflow.builder().config(config).tools(incident.tools()).clock(incident.clock()).build()
                    .processIncident(incident.scenario().trigger());

            ToolRegistry tools = ToolRegistry.builder().registerAll(incident.tools().tools())
                    .register(Tools.of("acme.throws", "always throws", Tools.schema().build(), SafetyClass.READ_ONLY,
                            call -> {
                                throw new IllegalStateException("tool bug");
                            }))
                    .build();
            CallsThrowingTool caller = new CallsThrowingTool();
            long t0 = System.nanoTime();
            Decision d = SreWorkflow.builder().config(config).tools(tools).clock(incident.clock())
                    .agent(SreWorkflow.INVESTIGATION, caller)
                    .agent(SreWorkflow.INVESTIGATION, new Throws())
                    .build().processIncident(incident.scenario().trigger());
            Duration took = Duration.ofNanos(System.nanoTime() - t0);

            assertThat(took).as("the decision comes within the workflow timeout").isLessThan(TIMEOUT.plusSeconds(3));
            assertThat(caller.seen).isNotNull();
            assertThat(caller.seen.isError()).as("a throwing tool is a typed error").isTrue();
            assertThat(d.rootCause().category()).as("the built-in evidence still decides")
                    .isEqualTo(healthy.rootCause().category());
            String degraded = String.join(" ", d.degraded());
            assertThat(degraded).contains("throws");
            assertThat(d.confidence()).isLessThanOrEqualTo(healthy.confidence());
        }
    }
}
