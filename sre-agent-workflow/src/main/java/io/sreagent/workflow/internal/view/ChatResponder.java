package io.sreagent.workflow.internal.view;

import dev.langchain4j.model.chat.ChatModel;
import io.sreagent.core.agent.AgentContext;
import io.sreagent.core.incident.Decision;
import io.sreagent.core.incident.Evidence;
import io.sreagent.core.incident.Hypothesis;
import io.sreagent.core.incident.ProposedAction;
import io.sreagent.core.llm.DataSection;
import io.sreagent.core.llm.ModelSession;
import io.sreagent.core.support.Json;
import io.sreagent.core.tool.ToolRegistry;
import io.sreagent.core.workflow.WorkflowContext;
import io.sreagent.core.workflow.WorkflowState;
import io.sreagent.workflow.LlmMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Answers a person's question about a stored incident from its decision and its evidence: deterministically when no
 * chat model is set (why this cause, what else was considered, what the logs and metrics said, what to do), or with
 * the model, which is given the same facts in data sections and no tools. A model that fails leaves the
 * deterministic answer.
 */
public final class ChatResponder {

    private final @Nullable ModelSession session;

    public ChatResponder(@Nullable ChatModel model, ModelSession.Limits limits) {
        this.session = model == null ? null : ModelSession.builder(LlmMode.CHAT, model)
                .systemPrompt("You answer an SRE's questions about one Kubernetes incident that has been diagnosed. Use "
                        + "only the decision and evidence given; say when they do not tell. Be brief: at most five "
                        + "sentences, plain text. You cannot change the cluster or approve actions.")
                .limits(new ModelSession.Limits(1, limits.toolResultTokens(), limits.runTokenBudget(), 0)).build();
    }

    /** The answer to {@code question} about the incident of {@code decision} and {@code state}. */
    public String answer(Decision decision, WorkflowState state, String question) {
        String rules = deterministic(decision, state, question);
        if (session == null) {
            return rules;
        }
        WorkflowContext wf = WorkflowContext.restore(state);
        ModelSession.Outcome o = session.run(DataSection.wrap("decision", Json.write(summary(decision)))
                + "\nWhat the rules would answer:\n" + DataSection.wrap("rules_answer", rules)
                + "\nThe question: " + question.strip(), null, AgentContext.forRun(wf, ToolRegistry.builder().build()));
        return o.stop() == ModelSession.Stop.ANSWERED && o.text() != null && !o.text().isBlank() ? o.text().strip() : rules;
    }

    private static Object summary(Decision d) {
        var o = Json.object().put("root_cause", d.rootCause().category() + " on " + d.rootCause().resource())
                .put("summary", d.rootCause().summary()).put("confidence", d.confidence());
        var ev = o.putArray("evidence");
        d.evidence().stream().limit(8).forEach(e -> ev.add("(" + e.source() + ") " + e.summary()));
        var acts = o.putArray("actions");
        d.actions().forEach(a -> acts.add(a.id() + " " + a.type() + " on " + a.target() + " " + a.status()));
        return o;
    }

    /** The rules' answer: the intent is read from the question's words. */
    static String deterministic(Decision d, WorkflowState state, String question) {
        String q = question.toLowerCase(Locale.ROOT);
        String cause = d.rootCause().category() + " on " + d.rootCause().resource();
        if (has(q, "else", "consider", "alternative", "other", "instead")) {
            List<String> others = new ArrayList<>();
            for (Hypothesis h : state.hypotheses()) {
                if (!(h.category() == d.rootCause().category() && h.resource().equals(d.rootCause().resource()))) {
                    others.add(h.category() + " on " + h.resource() + " (confidence " + round(h.confidence()) + ")");
                }
            }
            return others.isEmpty() ? "No other cause was considered: every finding pointed at " + cause + "."
                    : "Besides " + cause + ", the diagnosis weighed: " + String.join("; ", others) + ".";
        }
        if (has(q, "log")) {
            String ev = fromSource(d, "loki", "The logs", "No log evidence was found");
            List<String> templates = new ArrayList<>();
            EvidenceView.of(state).path("log_templates").forEach(t -> {
                if (templates.size() < 5) {
                    templates.add("- " + t.path("count").asLong() + "x " + t.path("template").asText()
                            + (t.path("new").asBoolean() ? " (new since the incident began)" : ""));
                }
            });
            return templates.isEmpty() ? ev : ev + "\nMost telling log templates:\n" + String.join("\n", templates);
        }
        if (has(q, "metric", "memory", "cpu", "latency", "graph", "chart")) {
            return fromSource(d, "prometheus", "The metrics", "No metric evidence was found");
        }
        if (has(q, "action", "fix", "do ", "what should", "remediat", "approve")) {
            if (d.actions().isEmpty()) {
                return "No action is proposed for " + cause + ".";
            }
            List<String> lines = new ArrayList<>();
            for (ProposedAction a : d.actions()) {
                lines.add(a.id() + " " + a.type() + " on " + a.target() + ": " + a.status() + " (" + a.risk() + " risk"
                        + (a.guard() == null ? "" : ", guard " + a.guard().verdict()) + ")" + (a.reason().isEmpty() ? ""
                        : " - " + a.reason()));
            }
            return String.join("\n", lines);
        }
        StringBuilder sb = new StringBuilder();
        String summary = d.rootCause().summary();
        sb.append(summary.startsWith(cause) ? summary : cause + ": " + summary).append(" (confidence ")
                .append(round(d.confidence())).append(')');
        List<String> top = d.evidence().stream().limit(3).map(e -> "(" + e.source() + ") " + e.summary()).toList();
        if (!top.isEmpty()) {
            sb.append("\nThe evidence: ").append(String.join("; ", top)).append('.');
        }
        if (!has(q, "why", d.rootCause().category().name().toLowerCase(Locale.ROOT), "cause", "happen")) {
            sb.append("\nYou can ask: why ").append(d.rootCause().category()).append("? what else did you consider? "
                    + "what did the logs say? what did the metrics show? what should I do?");
        }
        return sb.toString();
    }

    private static String fromSource(Decision d, String source, String what, String none) {
        List<String> lines = new ArrayList<>();
        for (Evidence e : d.evidence()) {
            if (e.source().equals(source)) {
                lines.add("- " + e.summary());
            }
        }
        return lines.isEmpty() ? none + " for " + d.rootCause().resource() + "."
                : what + " said:\n" + String.join("\n", lines);
    }

    private static boolean has(String q, String... words) {
        for (String w : words) {
            if (q.contains(w)) {
                return true;
            }
        }
        return false;
    }

    private static double round(double c) {
        return Math.round(c * 100) / 100.0;
    }
}
