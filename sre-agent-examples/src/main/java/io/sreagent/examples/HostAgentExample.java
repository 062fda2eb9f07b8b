package io.sreagent.examples;

import io.sreagent.core.agent.Agent;
import io.sreagent.core.agent.AgentContext;
import io.sreagent.core.agent.AgentResponse;
import io.sreagent.core.incident.Category;
import io.sreagent.core.incident.Decision;
import io.sreagent.core.incident.Evidence;
import io.sreagent.core.incident.Finding;
import io.sreagent.core.message.FindingMessage;
import io.sreagent.core.message.Message;
import io.sreagent.core.support.Json;
import io.sreagent.core.tool.SafetyClass;
import io.sreagent.core.tool.Tool;
import io.sreagent.core.tool.ToolRegistry;
import io.sreagent.core.tool.ToolResult;
import io.sreagent.core.tool.Tools;
import io.sreagent.testkit.EmbeddedScenario;
import io.sreagent.testkit.scenario.ExampleScenarios;
import io.sreagent.workflow.SreWorkflow;
import java.util.List;

/**
 * A platform team's own tool and agent in the SRE workflow: the agent reads the team's deployment log (here a fixed
 * answer) and reports what it saw; the workflow diagnoses a frozen incident served by the embedded Kubernetes,
 * Prometheus and Loki APIs and credits the agent's finding in the decision. Run it with
 * {@code mvn -q -pl sre-agent-examples exec:java -Dexec.mainClass=io.sreagent.examples.HostAgentExample} or from an
 * IDE; it prints the root cause and the evidence.
 */
public final class HostAgentExample {

    private HostAgentExample() {
    }

    /** acme.deploy_log: the deployments the team's pipeline made for a workload (a fixed answer here). */
    static Tool deployLog() {
        return Tools.of("acme.deploy_log", "Deployments the pipeline made for a workload",
                Tools.schema().required("workload", "the workload's name").build(), SafetyClass.READ_ONLY,
                call -> ToolResult.ok(Json.object().put("deployments_today", 1),
                        "1 deployment of " + call.arg("workload", "?") + " today, at 10:12"));
    }

    /** Reads the deployment log of the trigger's workload and reports it as weak evidence of a bad rollout. */
    static final class DeployLogAgent implements Agent {
        @Override public String name() { return "deploy_log"; }

        @Override public String description() { return "Reads the pipeline's deployment log"; }

        @Override
        public AgentResponse respond(List<Message> newMessages, AgentContext ctx) {
            var trigger = ctx.workflow().trigger();
            String workload = trigger.resourceName().replaceAll("-[a-z0-9]{8,10}-[a-z0-9]{5}$", "");
            ToolResult r = ctx.tools().call(name(), "acme.deploy_log", Json.object().put("workload", workload));
            Finding f = Finding.of("acme", "acme.deploy_log", Category.BAD_ROLLOUT,
                    io.sreagent.core.incident.ResourceRef.of("Deployment", trigger.namespace(), workload), 0.2,
                    r.text(), r.data());
            return AgentResponse.of(new FindingMessage(name(), ctx.clock().instant(), f));
        }
    }

    /** Diagnoses the example incident {@code cart-oom-killed} with the host's agent in the workflow. */
    public static Decision diagnose() {
        try (EmbeddedScenario incident = EmbeddedScenario.startResource(ExampleScenarios.resource("cart-oom-killed"))) {
            ToolRegistry tools = ToolRegistry.builder().registerAll(incident.tools().tools()).register(deployLog()).build();
            SreWorkflow workflow = SreWorkflow.builder().tools(tools).clock(incident.clock())
                    .agent(SreWorkflow.INVESTIGATION, new DeployLogAgent()).build();
            return workflow.processIncident(incident.scenario().trigger());
        }
    }

    public static void main(String[] args) {
        Decision d = diagnose();
        System.out.println("root cause: " + d.rootCause().category() + " on " + d.rootCause().resource());
        for (Evidence e : d.evidence()) {
            System.out.println("  (" + e.source() + ", " + e.detail().path("agent").asText("tool") + ") " + e.summary());
        }
    }
}
