package io.sreagent.workflow.internal.agents;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.Optional;

/**
 * Finds where the error ratio and latency changed level, and lines the change up with the workload's rollouts: a
 * jump that begins with a new revision while the previous one served well is a bad rollout.
 */
public final class AnomalyDetectorAgent extends SreAgent {

    /** The agent's name in the workflow. */
    public static final String NAME = "anomaly_detector";

    /** How close a change point must be to a rollout to be blamed on it. */
    static final double ALIGN_SECONDS = 15 * 60;

    public AnomalyDetectorAgent() {
        super(NAME, "Detects change points in error ratio and latency and aligns them with rollouts");
    }

    /** Where a series changes level: the split minimising the two segments' squared error. */
    record Change(double at, double before, double after) {
    }

    @Override
    public AgentResponse respond(List<Message> newMessages, AgentContext ctx) {
        WorkflowContext wf = ctx.workflow();
        ResourceRef w = Facts.workload(wf).orElse(wf.trigger().resource());
        JsonNode m = Facts.orEmpty(wf, Facts.METRICS);
        List<Message> out = new ArrayList<>();
        Optional<double[]> rollout = rolloutTime(ctx, w);
        var latency = Series.latency(m);
        for (String q : List.of("error_ratio", latency.getKey())) {
            for (Series s : q.equals("error_ratio") ? Series.from(m.path(q)) : latency.getValue()) {
                Optional<Change> c = changePoint(s);
                if (c.isEmpty()) {
                    continue;
                }
                Change ch = c.get();
                boolean jump = q.equals("error_ratio")
                        ? ch.after() >= 0.02 && ch.after() >= 3 * Math.max(ch.before(), 1e-4)
                        : ch.after() >= 2 * ch.before() && ch.before() > 0;
                if (!jump) {
                    continue;
                }
                String what = String.format(Locale.ROOT, "%s rose from %.3g to %.3g at %s", q.replace('_', ' '),
                        ch.before(), ch.after(), Instant.ofEpochSecond((long) ch.at()));
                if (rollout.isPresent() && Math.abs(rollout.get()[0] - ch.at()) <= ALIGN_SECONDS) {
                    var detail = Json.object().put("change_at", Instant.ofEpochSecond((long) ch.at()).toString())
                            .put("before", ch.before()).put("after", ch.after())
                            .put("failures_began_with_rollout", true)
                            .put("current_revision", (long) rollout.get()[1]);
                    if (rollout.get()[2] > 0) {
                        detail.put("previous_revision", (long) rollout.get()[2]);
                    }
                    out.add(finding(ctx, new Finding("prometheus", "metrics.change_at_rollout", Category.BAD_ROLLOUT, w, w,
                            q.equals("error_ratio") ? 0.85 : 0.7, what + ", when revision " + (long) rollout.get()[1]
                            + " rolled out", detail, Instant.ofEpochSecond((long) ch.at()), List.of())));
                } else {
                    out.add(text(ctx, what + " (no rollout at that time)"));
                }
            }
        }
        boolean blamed = out.stream().anyMatch(msg -> msg instanceof io.sreagent.core.message.FindingMessage);
        if (!blamed && rollout.isPresent()) {
            alertAfterRollout(ctx, wf, w, rollout.get()).ifPresent(out::add);
        }
        out.add(stop(ctx, "metric analysis done"));
        return new AgentResponse(out);
    }

    /**
     * Without a usable series, the alert itself marks the change: an error or latency alert that fires soon after a
     * new revision, on a workload whose pods run, points at the rollout (more weakly than a measured change).
     */
    private Optional<Message> alertAfterRollout(AgentContext ctx, WorkflowContext wf, ResourceRef w, double[] rollout) {
        boolean errorAlert = io.sreagent.workflow.diagnosis.EventSignals.classify(wf.trigger().reason(), wf.trigger().message())
                .stream().anyMatch(s -> s.category() == Category.BAD_ROLLOUT);
        double age = ctx.clock().instant().getEpochSecond() - rollout[0];
        boolean podsFail = wf.findings().stream().anyMatch(f -> "kubernetes".equals(f.source())
                && f.category() != Category.UNKNOWN && w.equals(f.resource()));
        if (!errorAlert || podsFail || age < 0 || age > 3 * 3600 || rollout[2] <= 0) {
            return Optional.empty();
        }
        var detail = Json.object().put("failures_began_with_rollout", true).put("current_revision", (long) rollout[1])
                .put("previous_revision", (long) rollout[2]).put("rollout_age_seconds", (long) age);
        return Optional.of(finding(ctx, new Finding("prometheus", "metrics.alert_after_rollout", Category.BAD_ROLLOUT, w, w,
                0.45, String.format(Locale.ROOT, "the %s alert fired %.0f min after revision %d rolled out, while its pods run",
                wf.trigger().reason(), age / 60, (long) rollout[1]), detail, Instant.ofEpochSecond((long) rollout[0]),
                List.of())));
    }

    /** [epoch seconds, revision, previous revision] of the newest revision of a Deployment, if known. */
    private Optional<double[]> rolloutTime(AgentContext ctx, ResourceRef w) {
        if (!"Deployment".equals(w.kind())) {
            return Optional.empty();
        }
        Optional<JsonNode> d = call(ctx, "k8s.describe_deployment", Json.object().put("namespace", w.namespace()).put("name", w.name()));
        if (d.isEmpty()) {
            return Optional.empty();
        }
        double bestTime = -1;
        double bestRev = -1;
        double prevRev = -1;
        for (JsonNode r : d.get().path("revisions")) {
            double rev = r.path("revision").asDouble(-1);
            String created = r.hasNonNull("created_at") ? r.get("created_at").asText() : r.path("created").asText(null);
            if (created == null) {
                continue;
            }
            try {
                double t = Instant.parse(created).getEpochSecond();
                if (rev > bestRev) {
                    prevRev = bestRev;
                    bestRev = rev;
                    bestTime = t;
                } else if (rev > prevRev) {
                    prevRev = rev;
                }
            } catch (RuntimeException e) {
                // A revision without a readable time cannot be lined up.
            }
        }
        return bestRev < 0 ? Optional.empty() : Optional.of(new double[] {bestTime, bestRev, prevRev});
    }

    static Optional<Change> changePoint(Series s) {
        int n = s.v().length;
        if (n < 8) {
            return Optional.empty();
        }
        double[] prefix = new double[n + 1];
        double[] prefix2 = new double[n + 1];
        for (int i = 0; i < n; i++) {
            prefix[i + 1] = prefix[i] + s.v()[i];
            prefix2[i + 1] = prefix2[i] + s.v()[i] * s.v()[i];
        }
        double best = Double.MAX_VALUE;
        int at = -1;
        for (int k = 3; k <= n - 3; k++) {
            double sse = sse(prefix, prefix2, 0, k) + sse(prefix, prefix2, k, n);
            if (sse < best) {
                best = sse;
                at = k;
            }
        }
        if (at < 0) {
            return Optional.empty();
        }
        double before = (prefix[at]) / at;
        double after = (prefix[n] - prefix[at]) / (n - at);
        return Optional.of(new Change(s.t()[at], before, after));
    }

    private static double sse(double[] p, double[] p2, int from, int to) {
        int n = to - from;
        double sum = p[to] - p[from];
        return (p2[to] - p2[from]) - sum * sum / n;
    }
}
