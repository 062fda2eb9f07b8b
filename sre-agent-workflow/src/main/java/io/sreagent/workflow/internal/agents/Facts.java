package io.sreagent.workflow.internal.agents;

import com.fasterxml.jackson.databind.JsonNode;
import io.sreagent.core.incident.Finding;
import io.sreagent.core.incident.ResourceRef;
import io.sreagent.core.support.Json;
import io.sreagent.core.workflow.WorkflowContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Names and accessors of the facts the SRE agents share through the workflow context. */
public final class Facts {

    /** The workload under investigation (ResourceRef). */
    static final String WORKLOAD = "workload";
    /** Names of its pods (array of strings). */
    static final String PODS = "pods";
    /** When the current revision was rolled out, and its number ({at, revision, previous_revision}). */
    public static final String ROLLOUT = "rollout";
    /** Log lines fetched ([{time, pod, container, line}]). */
    static final String LOG_LINES = "log_lines";
    /** Whether previous-container logs were fetched (boolean). */
    static final String PREVIOUS_LOGS = "previous_logs_fetched";
    /** The log summary. */
    public static final String LOG_SUMMARY = "log_summary";
    /** Metric query results by catalog name. */
    public static final String METRICS = "metrics";

    private Facts() {
    }

    static Optional<ResourceRef> workload(WorkflowContext wf) {
        return wf.fact(WORKLOAD).map(SreAgent::ref);
    }

    static List<String> pods(WorkflowContext wf) {
        List<String> out = new ArrayList<>();
        wf.fact(PODS).ifPresent(a -> a.forEach(p -> out.add(p.asText())));
        return out;
    }

    /** The pods a finding's detail names ({@code pods}, then {@code pod}), as the Kubernetes analyzers report them. */
    static List<String> podsNamedBy(Finding f) {
        List<String> out = new ArrayList<>();
        f.detail().path("pods").forEach(p -> out.add(p.asText()));
        if (f.detail().path("pod").isTextual()) {
            out.add(f.detail().path("pod").asText());
        }
        return out;
    }

    static void putWorkload(WorkflowContext wf, ResourceRef r) {
        wf.putFact(WORKLOAD, Json.mapper().valueToTree(r));
    }

    static void putPods(WorkflowContext wf, List<String> pods) {
        wf.putFact(PODS, Json.mapper().valueToTree(pods));
    }

    static JsonNode orEmpty(WorkflowContext wf, String key) {
        return wf.fact(key).orElse(Json.object());
    }
}
