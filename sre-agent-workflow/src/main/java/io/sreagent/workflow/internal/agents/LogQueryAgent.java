package io.sreagent.workflow.internal.agents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sreagent.core.agent.AgentContext;
import io.sreagent.core.agent.AgentResponse;
import io.sreagent.core.message.Message;
import io.sreagent.core.support.Json;
import io.sreagent.core.workflow.WorkflowContext;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Fetches the logs of the workload's pods: Loki when it is configured, and the Kubernetes API's current and
 * previous-container logs (a crash-looping container's last words are only in the previous log). Hands off to the
 * log pattern agent.
 */
public final class LogQueryAgent extends SreAgent {

    /** The agent's name in the workflow. */
    public static final String NAME = "log_query";

    static final int MAX_PODS = 4;
    static final int MAX_LINES = 5_000;

    public LogQueryAgent() {
        super(NAME, "Fetches the logs of the pods under investigation (Loki, and the Kubernetes API's previous logs)");
    }

    @Override
    public AgentResponse respond(List<Message> newMessages, AgentContext ctx) {
        WorkflowContext wf = ctx.workflow();
        String ns = Facts.workload(wf).map(r -> r.namespace()).orElse(wf.trigger().namespace());
        List<String> pods = Facts.pods(wf);
        if (pods.isEmpty() && "Pod".equals(wf.trigger().resourceKind())) {
            pods = List.of(wf.trigger().resourceName());
        }
        Set<String> seen = new LinkedHashSet<>();
        ArrayNode lines = Json.mapper().createArrayNode();
        int sources = 0;
        for (String pod : pods.stream().limit(MAX_PODS).toList()) {
            // Loki keeps what the pod's containers wrote while it scraped them; the API server also has the last
            // words of the previous (crashed) container, which a crash loop's diagnosis needs most.
            boolean fromLoki = false;
            if (ctx.tools().has("loki.query_range")) {
                Optional<JsonNode> r = call(ctx, "loki.query_range", Json.object().put("namespace", ns).put("pod", pod)
                        .put("since", "1h").put("limit", 2000).put("include_previous", true));
                if (r.isPresent() && r.get().path("count").asInt(1) > 0) {
                    sources++;
                    fromLoki = true;
                    collect(r.get(), pod, lines, seen);
                }
            }
            for (boolean previous : fromLoki ? new boolean[] {true} : new boolean[] {true, false}) {
                Optional<JsonNode> r = call(ctx, "k8s.pod_logs", Json.object().put("namespace", ns).put("name", pod)
                        .put("previous", previous).put("tail_lines", 1000));
                if (r.isPresent()) {
                    sources++;
                    collect(r.get(), pod, lines, seen);
                }
            }
        }
        wf.putFact(Facts.LOG_LINES, lines);
        wf.putFact(Facts.PREVIOUS_LOGS, Json.mapper().getNodeFactory().booleanNode(true));
        String summary = lines.size() + " log lines from " + Math.min(pods.size(), MAX_PODS) + " pod(s) via " + sources
                + " successful queries";
        if (lines.isEmpty()) {
            return AgentResponse.of(text(ctx, summary + "; nothing to analyse"), stop(ctx, "no logs"));
        }
        return AgentResponse.of(text(ctx, summary), handoff(ctx, LogPatternAgent.NAME, "mine templates and signatures"));
    }

    /** Reads lines from the shapes our log tools return: {lines:[{time,line}|string]} or {log:"..."}. */
    static void collect(JsonNode data, String pod, ArrayNode out, Set<String> seen) {
        JsonNode lines = data.has("lines") ? data.get("lines") : data.path("entries");
        if (lines.isArray()) {
            for (JsonNode l : lines) {
                String text = l.isTextual() ? l.asText() : firstText(l, "line", "text", "message");
                String time = l.isObject() ? firstText(l, "time", "timestamp", "ts") : null;
                add(out, seen, pod, time, text);
            }
        }
        JsonNode streams = data.path("streams");
        if (streams.isArray()) {
            for (JsonNode s : streams) {
                for (JsonNode v : s.path("values")) {
                    String ns = v.path(0).asText();
                    String time = ns.matches("\\d{10,}") ? Instant.ofEpochSecond(0, Long.parseLong(ns)).toString() : ns;
                    add(out, seen, pod, time, v.path(1).asText());
                }
            }
        }
        if (data.path("log").isTextual()) {
            for (String l : data.get("log").asText().split("\n")) {
                add(out, seen, pod, null, l);
            }
        }
    }

    private static void add(ArrayNode out, Set<String> seen, String pod, String time, String text) {
        if (text == null || text.isBlank() || out.size() >= MAX_LINES) {
            return;
        }
        // The same line can come from Loki and from the API server; count it once.
        String key = pod + "|" + text;
        if (seen.add(key)) {
            ObjectNode n = out.addObject();
            n.put("pod", pod);
            if (time != null) {
                n.put("time", time);
            }
            n.put("line", text);
        }
    }

    private static String firstText(JsonNode n, String... keys) {
        for (String k : keys) {
            if (n.hasNonNull(k)) {
                return n.get(k).asText();
            }
        }
        return null;
    }
}
