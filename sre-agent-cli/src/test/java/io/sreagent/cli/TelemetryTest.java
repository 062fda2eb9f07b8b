package io.sreagent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.sreagent.core.incident.Decision;
import io.sreagent.core.telemetry.Telemetry;
import io.sreagent.testkit.EmbeddedScenario;
import io.sreagent.testkit.llm.ScriptedChatModel;
import io.sreagent.workflow.LlmMode;
import io.sreagent.workflow.SreWorkflow;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One diagnosis traced by the OpenTelemetry SDK into its in-memory exporter: the span tree (workflow, agents, tools,
 * model calls), the GenAI attributes, the metrics, and no planted secret in any attribute.
 */
class TelemetryTest {

    @TempDir
    Path tmp;

    @Test
    void aDiagnosisIsOneTraceOfAgentsToolsAndModelCalls() throws Exception {
        Path dir = CliTest.copyBuiltIn(tmp, "cart-oom-killed");
        CliAttackTest.plantTriggerSecrets(dir.resolve("scenario.yaml"));
        InMemorySpanExporter spans = InMemorySpanExporter.create();
        InMemoryMetricReader metrics = InMemoryMetricReader.create();
        OpenTelemetrySdk otel = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
                .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(metrics).build()).build();
        ScriptedChatModel model = new ScriptedChatModel(700, 30)
                .thenAnswer("{\"suspects\": [{\"category\": \"OOM_KILLED\", \"why\": \"exit 137\"}], \"look_at\": []}")
                .thenAnswer("{\"root_cause\": {\"category\": \"OOM_KILLED\", \"kind\": \"Deployment\", \"namespace\": \"shop\","
                        + " \"name\": \"cart\"}, \"summary\": \"over its limit\", \"confidence_change\": 0,"
                        + " \"evidence\": [], \"actions\": [], \"objections\": []}");
        Decision d;
        try (EmbeddedScenario s = EmbeddedScenario.start(dir)) {
            SreWorkflow wf = SreWorkflow.builder().tools(s.tools()).clock(s.clock()).openTelemetry(otel)
                    .llm(LlmMode.builder(model).build()).build();
            d = wf.processIncident(s.scenario().trigger());
        }
        List<SpanData> all = spans.getFinishedSpanItems();
        Map<String, SpanData> byId = all.stream().collect(Collectors.toMap(SpanData::getSpanId, Function.identity()));

        // One trace, one root: the run, with the decision's outcome.
        List<SpanData> roots = all.stream().filter(x -> !byId.containsKey(x.getParentSpanId())).toList();
        assertThat(roots).hasSize(1);
        SpanData run = roots.get(0);
        assertThat(run.getName()).isEqualTo("invoke_workflow");
        assertThat(all).allMatch(x -> x.getTraceId().equals(run.getTraceId()));
        assertThat(run.getAttributes().get(Telemetry.INCIDENT)).isEqualTo(d.incidentId());
        assertThat(run.getAttributes().get(Telemetry.CATEGORY)).isEqualTo("OOM_KILLED");
        assertThat(run.getAttributes().get(Telemetry.CONFIDENCE)).isEqualTo(d.confidence());

        // Agents under the run (teams nest), tools under agents, model calls under the agents that made them.
        List<SpanData> agents = named(all, "invoke_agent ");
        assertThat(agents).extracting(x -> x.getAttributes().get(Telemetry.AGENT))
                .contains("triage", "cluster_analysis", "log_query", "metric_query", "diagnosis", "summariser",
                        "recommendation", "guard", "approval");
        assertThat(agents).allSatisfy(a -> assertThat(ancestors(a, byId)).contains(run));
        List<SpanData> tools = named(all, "execute_tool ");
        assertThat(tools).isNotEmpty();
        assertThat(tools).extracting(x -> x.getAttributes().get(Telemetry.TOOL)).contains("k8s.analyze", "k8s.pod_logs", "prometheus.catalog");
        assertThat(tools).allSatisfy(t -> assertThat(byId.get(t.getParentSpanId()).getName()).startsWith("invoke_agent "));
        // The metric team's queries run in parallel on the executor: still children of metric_query.
        assertThat(tools).filteredOn(t -> "prometheus.catalog".equals(t.getAttributes().get(Telemetry.TOOL)))
                .allSatisfy(t -> assertThat(byId.get(t.getParentSpanId()).getAttributes().get(Telemetry.AGENT))
                        .isEqualTo("metric_query"));
        List<SpanData> chats = named(all, "chat ");
        assertThat(chats).hasSize(2);
        assertThat(chats).allSatisfy(c -> {
            assertThat(c.getAttributes().get(Telemetry.OPERATION)).isEqualTo("chat");
            assertThat(c.getAttributes().get(Telemetry.INPUT_TOKENS)).isEqualTo(700L);
            assertThat(c.getAttributes().get(Telemetry.OUTPUT_TOKENS)).isEqualTo(30L);
            assertThat(byId.get(c.getParentSpanId()).getName()).startsWith("invoke_agent ");
        });

        // No planted secret in any attribute or status of any span.
        String everything = all.stream().map(x -> x.getName() + x.getAttributes() + x.getStatus()).collect(Collectors.joining("\n"));
        for (String secret : CliAttackTest.PLANTED) {
            assertThat(everything).doesNotContain(secret);
        }

        // The metrics of the run.
        Map<String, MetricData> m = metrics.collectAllMetrics().stream()
                .collect(Collectors.toMap(MetricData::getName, Function.identity()));
        assertThat(m).containsKeys("sre_agent.diagnoses", "sre_agent.diagnosis.duration", "gen_ai.client.token.usage",
                "sre_agent.actions");
        assertThat(m.get("sre_agent.diagnoses").getLongSumData().getPoints()).singleElement()
                .satisfies(p -> assertThat(p.getValue()).isEqualTo(1));
    }

    static List<SpanData> named(List<SpanData> all, String prefix) {
        return all.stream().filter(x -> x.getName().startsWith(prefix)).toList();
    }

    static List<SpanData> ancestors(SpanData span, Map<String, SpanData> byId) {
        List<SpanData> out = new java.util.ArrayList<>();
        SpanData p = byId.get(span.getParentSpanId());
        while (p != null) {
            out.add(p);
            p = byId.get(p.getParentSpanId());
        }
        return out;
    }

}
