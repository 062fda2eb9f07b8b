package io.sreagent.cli;

import io.sreagent.core.event.EventListener;
import io.sreagent.core.incident.Decision;
import io.sreagent.workflow.SreWorkflow;
import io.sreagent.workflow.WorkflowConfig;
import io.sreagent.testkit.EmbeddedScenario;
import io.sreagent.testkit.scenario.Scenario;
import java.util.HashMap;
import java.util.Map;

/**
 * One scenario served by the embedded Kubernetes, Prometheus and Loki APIs (a real Prometheus or Loki replaces the
 * embedded one when its URL is configured), with a workflow whose tools are discovered through ServiceLoader.
 */
final class ScenarioRun implements AutoCloseable {

    private final EmbeddedScenario servers;
    private final SreWorkflow workflow;
    private final io.sreagent.core.tool.ToolRegistry tools;

    private ScenarioRun(Scenario scenario, WorkflowConfig config, io.sreagent.workflow.@org.jspecify.annotations.Nullable LlmMode llm) {
        this.servers = EmbeddedScenario.start(scenario);
        Map<String, String> overrides = new HashMap<>();
        if (config.prometheusUrl() != null) {
            overrides.put("PROMETHEUS_URL", config.prometheusUrl());
        }
        if (config.lokiUrl() != null) {
            overrides.put("LOKI_URL", config.lokiUrl());
        }
        this.tools = servers.tools(overrides);
        this.workflow = CommonOptions.workflow(config, tools, llm).clock(scenario.clock()).build();
    }

    static ScenarioRun start(Scenario scenario, WorkflowConfig config) {
        return new ScenarioRun(scenario, config, null);
    }

    /** As {@link #start(Scenario, WorkflowConfig)}, reasoning with models as {@code llm} says (null: none). */
    static ScenarioRun start(Scenario scenario, WorkflowConfig config,
                             io.sreagent.workflow.@org.jspecify.annotations.Nullable LlmMode llm) {
        return new ScenarioRun(scenario, config, llm);
    }

    /** The embedded servers the scenario is served on. */
    EmbeddedScenario servers() {
        return servers;
    }

    SreWorkflow workflow() {
        return workflow;
    }

    io.sreagent.core.tool.ToolRegistry tools() {
        return tools;
    }

    Decision diagnose(EventListener progress) {
        return workflow.processIncident(servers.scenario().trigger(), progress);
    }

    @Override
    public void close() {
        servers.close();
    }
}
