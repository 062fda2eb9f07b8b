package io.sreagent.workflow.internal.agents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sreagent.core.agent.AgentContext;
import io.sreagent.core.agent.AgentResponse;
import io.sreagent.core.incident.Category;
import io.sreagent.core.incident.Finding;
import io.sreagent.core.incident.ResourceRef;
import io.sreagent.core.message.Message;
import io.sreagent.core.support.Json;
import io.sreagent.core.workflow.WorkflowContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the catalog results as an SRE would: memory climbing to the limit within minutes of each start (the limit
 * is below the normal peak) versus over hours (a leak, with time to the limit); CPU throttling; an autoscaler pinned
 * at its maximum while traffic grows; a volume running out of space. Hands off to the anomaly detector.
 */
public final class MetricAnalyserAgent extends SreAgent {

    /** The agent's name in the workflow. */
    public static final String NAME = "metric_analyser";

    /** A working set at this share of the limit is at the limit (the kernel kills a little above the scrape). */
    static final double AT_LIMIT = 0.9;

    public MetricAnalyserAgent() {
        super(NAME, "Analyses saturation and trends: memory vs limit, throttling, autoscaler headroom, volume space");
    }

    @Override
    public AgentResponse respond(List<Message> newMessages, AgentContext ctx) {
        WorkflowContext wf = ctx.workflow();
        ResourceRef w = Facts.workload(wf).orElse(wf.trigger().resource());
        JsonNode m = Facts.orEmpty(wf, Facts.METRICS);
        double now = ctx.clock().instant().getEpochSecond();
        List<Message> out = new ArrayList<>();
        memory(ctx, w, ratios(wf, m), out);
        boolean throttled = throttling(ctx, w, Series.from(m.path("cpu_throttled_ratio")), Series.from(m.path("cpu_limit")),
                now, out);
        saturation(ctx, w, m, now, throttled, out);
        volumes(ctx, w, Series.from(m.path("volume_available_ratio")), now, out);
        out.add(text(ctx, out.isEmpty() ? "No saturation or trend in the metrics." : (out.size() + " metric finding(s).")));
        out.add(handoff(ctx, AnomalyDetectorAgent.NAME, "look for change points"));
        return new AgentResponse(out);
    }

    /**
     * Working set over limit: the catalog's ratio, or, when kube-state-metrics does not export the limit, the working
     * set divided by the limit the cluster analysis read from the pod spec.
     */
    private static List<Series> ratios(WorkflowContext wf, JsonNode m) {
        List<Series> ratios = Series.from(m.path("memory_working_set_ratio"));
        if (ratios.stream().anyMatch(s -> !s.isEmpty())) {
            return ratios;
        }
        double limit = wf.findings().stream().mapToDouble(f -> f.detail().path("memory_limit_bytes").asDouble(0)).max().orElse(0);
        List<Series> out = new ArrayList<>();
        if (limit > 0) {
            for (Series s : Series.from(m.path("memory_working_set"))) {
                double[] v = new double[s.v().length];
                for (int i = 0; i < v.length; i++) {
                    v[i] = s.v()[i] / limit;
                }
                out.add(new Series(s.labels(), s.t(), v));
            }
        }
        return out;
    }

    private void memory(AgentContext ctx, ResourceRef w, List<Series> ratios, List<Message> out) {
        double fastest = Double.MAX_VALUE;
        double slowestLeak = 0;
        Series leakSeries = null;
        for (Series s : ratios) {
            int segStart = 0;
            for (int i = 1; i <= s.v().length; i++) {
                boolean restart = i < s.v().length && s.v()[i] < s.v()[i - 1] * 0.7;
                if (i == s.v().length || restart) {
                    for (int j = segStart; j < i; j++) {
                        if (s.v()[j] >= AT_LIMIT) {
                            double climb = s.t()[j] - s.t()[segStart];
                            fastest = Math.min(fastest, climb);
                            if (climb >= 3600 && steadyGrowth(s, segStart, j)) {
                                if (climb > slowestLeak) {
                                    slowestLeak = climb;
                                    leakSeries = s;
                                }
                            }
                            break;
                        }
                    }
                    segStart = i;
                }
            }
        }
        if (leakSeries != null) {
            out.add(finding(ctx, new Finding("prometheus", "metrics.memory_leak", Category.MEMORY_LEAK, w, w, 0.85,
                    String.format(Locale.ROOT, "memory of %s grew steadily for %.1f h until it reached the limit",
                            leakSeries.label("pod"), slowestLeak / 3600),
                    Json.object().put("hours_to_limit", slowestLeak / 3600).put("pod", leakSeries.label("pod"))
                            .put("container", leakSeries.label("container")), null, List.of())));
        } else if (fastest <= 20 * 60) {
            out.add(finding(ctx, new Finding("prometheus", "metrics.memory_at_limit", Category.OOM_KILLED, w, w, 0.6,
                    String.format(Locale.ROOT, "working set reaches the memory limit %.0f s after start", fastest),
                    Json.object().put("seconds_to_limit", fastest), null, List.of())));
        }
    }

    /** A least-squares line explains most of the climb from {@code from} to {@code to}. */
    private static boolean steadyGrowth(Series s, int from, int to) {
        int n = to - from + 1;
        if (n < 6) {
            return false;
        }
        double mt = 0;
        double mv = 0;
        for (int i = from; i <= to; i++) {
            mt += s.t()[i];
            mv += s.v()[i];
        }
        mt /= n;
        mv /= n;
        double stt = 0;
        double stv = 0;
        double svv = 0;
        for (int i = from; i <= to; i++) {
            stt += (s.t()[i] - mt) * (s.t()[i] - mt);
            stv += (s.t()[i] - mt) * (s.v()[i] - mv);
            svv += (s.v()[i] - mv) * (s.v()[i] - mv);
        }
        if (stt == 0 || svv == 0) {
            return false;
        }
        double slope = stv / stt;
        double r2 = stv * stv / (stt * svv);
        return slope > 0 && r2 >= 0.8;
    }

    /** Whether the workload is throttled by its CPU limit (a finding was added). */
    private boolean throttling(AgentContext ctx, ResourceRef w, List<Series> ratios, List<Series> limits, double now,
                               List<Message> out) {
        double worst = 0;
        Series at = null;
        for (Series s : ratios) {
            double mean = s.meanSince(now - 1800);
            if (!Double.isNaN(mean) && mean > worst) {
                worst = mean;
                at = s;
            }
        }
        if (at != null && worst >= 0.25) {
            var detail = Json.object().put("throttled_ratio", worst).put("pod", at.label("pod")).put("container", at.label("container"));
            for (Series l : limits) {
                if (!l.isEmpty() && l.label("container").equals(at.label("container"))) {
                    detail.put("cpu_limit", Math.round(l.last() * 1000) + "m");
                }
            }
            out.add(finding(ctx, new Finding("prometheus", "metrics.cpu_throttling", Category.CPU_THROTTLING, w, w,
                    Math.min(0.85, 0.45 + worst), String.format(Locale.ROOT,
                    "container %s is CPU-throttled in %.0f%% of periods over the last 30 minutes", at.label("container"), worst * 100),
                    detail, null, List.of())));
            return true;
        }
        return false;
    }

    /**
     * Load beyond what the replicas serve: an autoscaler pinned at its maximum, or traffic that grew several times
     * while latency or errors grew with it. Pods held at their CPU limit by throttling while their autoscaler could
     * still add replicas are not short of replicas but of CPU: usage capped by the limit keeps the autoscaler's
     * reading under its target, so the throttling is the cause and no capacity finding is made.
     */
    private void saturation(AgentContext ctx, ResourceRef w, JsonNode m, double now, boolean throttled, List<Message> out) {
        List<Series> current = Series.from(m.path("hpa_current_replicas"));
        List<Series> max = Series.from(m.path("hpa_max_replicas"));
        boolean atMax = false;
        var detail = Json.object();
        List<String> why = new ArrayList<>();
        if (!current.isEmpty() && !max.isEmpty() && !current.get(0).isEmpty() && !max.get(0).isEmpty()) {
            double cur = current.get(0).last();
            double mx = max.get(0).last();
            detail.put("current_replicas", (int) cur).put("max_replicas", (int) mx);
            atMax = cur >= mx;
            if (atMax) {
                why.add(String.format(Locale.ROOT, "autoscaler at its maximum of %.0f replicas", mx));
            }
        }
        double traffic = growth(Series.from(m.path("request_rate")), now);
        var latencySeries = Series.latency(m);
        double latency = growth(latencySeries.getValue(), now);
        String latencyName = latencySeries.getKey().equals("latency_p99") ? "p99 latency" : "mean latency";
        double errors = growth(Series.from(m.path("error_ratio")), now);
        if (traffic >= 1.5) {
            why.add(String.format(Locale.ROOT, "request rate x%.1f", traffic));
        }
        if (latency >= 1.5) {
            why.add(String.format(Locale.ROOT, "%s x%.1f", latencyName, latency));
        }
        if (errors >= 3) {
            why.add(String.format(Locale.ROOT, "error ratio x%.1f", errors));
        }
        boolean suffering = latency >= 1.5 || errors >= 3;
        double conf;
        if (atMax) {
            conf = 0.7 + (traffic >= 1.5 ? 0.1 : 0) + (suffering ? 0.05 : 0);
        } else if (traffic >= 2 && suffering) {
            if (throttled && detail.has("max_replicas")) {
                out.add(text(ctx, String.join(", ", why) + ", while the pods are held at their CPU limit: the limit"
                        + " binds before the replica count"));
                return;
            }
            conf = 0.6;
        } else {
            return;
        }
        List<String> chain = List.of();
        // Why the replicas did not follow the load, when the cluster analysis saw it: the autoscaler meant for the
        // workload scales something that does not exist, or cannot compute a utilisation because a container has no
        // request for the resource. The workload stays the resource (what needs replicas now); the chain and the
        // actions name the autoscaler.
        for (Finding f : ctx.workflow().findings()) {
            if (!"kubernetes".equals(f.source())) {
                continue;
            }
            if ("hpa.target_missing".equals(f.analyzer()) && w.equals(f.subject()) && !atMax) {
                detail.put("autoscaler", f.resource().name()).put("autoscaler_target_missing", true);
            } else if ("hpa.inactive".equals(f.analyzer()) && w.equals(f.resource()) && f.subject() != null
                    && f.detail().hasNonNull("missing_request")) {
                String resource = f.detail().get("missing_request").asText();
                detail.put("autoscaler", f.subject().name()).put("missing_request", resource);
                if ("cpu".equals(resource)) {
                    suggestCpuRequest(Series.from(m.path("cpu_usage")), now, detail);
                }
            } else {
                continue;
            }
            chain = List.of(String.join(", ", why), f.summary());
            conf += 0.1;
        }
        out.add(finding(ctx, new Finding("prometheus", "metrics.capacity", Category.CAPACITY_SATURATION, w, w,
                Math.min(0.9, conf), String.join(", ", why), detail, null, chain)));
    }

    /**
     * A CPU request for the container that uses most before the load rose: its mean usage before the last hour,
     * rounded up to 50m (at least 100m), so that the autoscaler's utilisation starts near 100% of normal load.
     */
    private static void suggestCpuRequest(List<Series> usage, double now, ObjectNode detail) {
        double best = 0;
        String container = "";
        for (Series s : usage) {
            double before = s.meanBefore(now - 3600);
            if (!Double.isNaN(before) && before > best && !s.label("container").isEmpty()) {
                best = before;
                container = s.label("container");
            }
        }
        if (best > 0) {
            long millis = Math.max(100, (long) Math.ceil(best * 1000 / 50) * 50);
            detail.put("container", container).put("suggested_requests_cpu", millis + "m");
        }
    }

    /** Recent (last 30 min) mean over the mean before the last hour; NaN-safe, 0 when unknown. */
    private static double growth(List<Series> series, double now) {
        double best = 0;
        for (Series s : series) {
            double before = s.meanBefore(now - 3600);
            double recent = s.meanSince(now - 1800);
            if (before > 0 && recent > 0) {
                best = Math.max(best, recent / before);
            }
        }
        return best;
    }

    private void volumes(AgentContext ctx, ResourceRef w, List<Series> ratios, double now, List<Message> out) {
        for (Series s : ratios) {
            if (s.isEmpty()) {
                continue;
            }
            double free = s.last();
            String pvc = s.label("persistentvolumeclaim");
            if (free < 0.05 && !pvc.isEmpty()) {
                boolean ours = pvc.contains(w.name());
                out.add(finding(ctx, new Finding("prometheus", "metrics.volume_full", Category.DISK_FULL,
                        ResourceRef.of("PersistentVolumeClaim", w.namespace(), pvc), w, ours ? 0.8 : 0.4,
                        String.format(Locale.ROOT, "volume %s has %.1f%% free space left", pvc, free * 100),
                        Json.object().put("available_ratio", free).put("at", Instant.ofEpochSecond((long) now).toString()),
                        null, List.of())));
            }
        }
    }
}
