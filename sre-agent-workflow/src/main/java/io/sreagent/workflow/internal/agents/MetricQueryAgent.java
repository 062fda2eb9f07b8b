package io.sreagent.workflow.internal.agents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sreagent.core.agent.AgentContext;
import io.sreagent.core.agent.AgentResponse;
import io.sreagent.core.incident.ResourceRef;
import io.sreagent.core.message.Message;
import io.sreagent.core.support.Json;
import io.sreagent.core.workflow.WorkflowContext;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Runs the metric catalog's queries for the workload under investigation (memory against its limit, CPU throttling,
 * restarts, volumes, request and error rates, latency, autoscaler headroom) and hands the results to the analyser.
 */
public final class MetricQueryAgent extends SreAgent {

    /** The agent's name in the workflow. */
    public static final String NAME = "metric_query";

    /** Catalog queries the analysis reads. */
    static final List<String> QUERIES = List.of("memory_working_set_ratio", "memory_working_set", "cpu_throttled_ratio", "cpu_limit",
            "volume_available_ratio", "request_rate", "error_ratio", "latency_p99", "latency_mean", "cpu_usage", "hpa_current_replicas",
            "hpa_max_replicas");

    public MetricQueryAgent() {
        super(NAME, "Runs the metric catalog's PromQL for the workload under investigation");
    }

    @Override
    public AgentResponse respond(List<Message> newMessages, AgentContext ctx) {
        WorkflowContext wf = ctx.workflow();
        ResourceRef w = Facts.workload(wf).orElse(wf.trigger().resource());
        // Object names are DNS labels: only '.' needs escaping in a PromQL (RE2) regex.
        String name = w.name().replace(".", "\\.");
        String podRegex = "Pod".equals(w.kind()) ? name : name + "-.*";
        // The queries are independent: run them concurrently on the host's executor.
        Map<String, CompletableFuture<Optional<JsonNode>>> pending = new LinkedHashMap<>();
        for (String q : QUERIES) {
            ObjectNode args = Json.object().put("name", q).put("namespace", w.namespace()).put("pod", podRegex)
                    .put("window", "6h");
            pending.put(q, CompletableFuture.supplyAsync(() -> call(ctx, "prometheus.catalog", args), ctx.executor()));
        }
        ObjectNode results = Json.object();
        List<String> empty = new ArrayList<>();
        int failed = 0;
        for (Map.Entry<String, CompletableFuture<Optional<JsonNode>>> e : pending.entrySet()) {
            Optional<JsonNode> r = e.getValue().join();
            if (r.isEmpty()) {
                failed++;
                continue;
            }
            if (Series.from(r.get()).stream().allMatch(Series::isEmpty)) {
                empty.add(e.getKey());
            }
            results.set(e.getKey(), r.get());
        }
        wf.putFact(Facts.METRICS, results);
        String text = results.size() + " catalog queries answered for " + w + (empty.isEmpty() ? "" : ", no data for "
                + empty) + (failed > 0 ? ", " + failed + " failed" : "");
        if (results.isEmpty()) {
            return AgentResponse.of(text(ctx, text), stop(ctx, "no metrics"));
        }
        return AgentResponse.of(text(ctx, text), handoff(ctx, MetricAnalyserAgent.NAME, "analyse the series"));
    }
}
