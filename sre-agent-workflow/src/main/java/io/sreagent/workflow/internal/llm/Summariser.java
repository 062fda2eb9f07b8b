package io.sreagent.workflow.internal.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.model.chat.ChatModel;
import io.sreagent.core.agent.Agent;
import io.sreagent.core.agent.AgentContext;
import io.sreagent.core.agent.AgentResponse;
import io.sreagent.core.incident.ActionType;
import io.sreagent.core.incident.Category;
import io.sreagent.core.incident.Finding;
import io.sreagent.core.incident.Hypothesis;
import io.sreagent.core.incident.ModelReport;
import io.sreagent.core.incident.ProposedAction;
import io.sreagent.core.incident.ResourceRef;
import io.sreagent.core.llm.ModelSession;
import io.sreagent.core.message.Message;
import io.sreagent.core.message.TextMessage;
import io.sreagent.core.support.Json;
import io.sreagent.core.workflow.WorkflowContext;
import io.sreagent.workflow.LlmMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The summariser: a model reviews the deterministic decision, may check it with read-only tools, and answers in the
 * review form ({@link Answers#reviewSchema()}). What the answer may change is bounded here, deterministically:
 * <ul>
 *   <li>the root cause: the deterministic one, another deterministic hypothesis or finding (the model chose among
 *       them), or one no finding supports, taken only when the rules found nothing convincing (UNKNOWN or under
 *       {@value LlmMode#MODEL_ONLY_CONFIDENCE}) and then capped at that confidence and marked model-only;</li>
 *   <li>the confidence, by at most {@value LlmMode#MAX_CONFIDENCE_CHANGE} either way;</li>
 *   <li>evidence: short statements, kept as evidence from {@code llm};</li>
 *   <li>actions: proposed for the guard to review, marked as the model's (a person always approves them);</li>
 *   <li>objections: an objected action type waits for a person.</li>
 * </ul>
 * An answer that fails validation twice, a model that fails, or a spent budget leave the deterministic decision as it
 * stands, marked {@link ModelReport#RULES_FALLBACK}.
 */
public final class Summariser implements Agent {

    /** Facts the review leaves for the decision. */
    public static final String FACT = "llm.review";
    /** The objections, read by the approval agent. */
    public static final String OBJECTIONS = "llm.objections";

    private final ModelSession session;
    private final String modelName;

    public Summariser(ChatModel model, LlmMode mode) {
        Prompts.Prompt prompt = Prompts.load(LlmMode.SUMMARISER, mode.small());
        this.modelName = ModelSession.modelName(model);
        this.session = ModelSession.builder(LlmMode.SUMMARISER, model).systemPrompt(prompt.text())
                .limits(mode.limits()).tools(t -> LlmMode.PREFERRED_TOOLS.contains(t.id())).build();
    }

    @Override
    public String name() {
        return LlmMode.SUMMARISER;
    }

    @Override
    public String description() {
        return "A model reviews the deterministic decision with read-only tools; bounded, validated, never acts";
    }

    @Override
    public AgentResponse respond(List<Message> newMessages, AgentContext ctx) {
        WorkflowContext wf = ctx.workflow();
        Optional<Hypothesis> best = wf.bestHypothesis();
        if (best.isEmpty()) {
            return AgentResponse.of(new TextMessage(name(), ctx.clock().instant(), "nothing to review"));
        }
        String brief = Briefing.render(wf, 10, true) + "Action types: " + String.join(", ", Answers.actionTypes());
        ModelSession.Outcome o = session.run(brief,
                new ModelSession.AnswerFormat("review", Answers.reviewSchema(), Answers::validateReview), ctx);
        List<Message> out = new ArrayList<>(o.messages());
        ObjectNode review = Json.object().put("model", modelName);
        ArrayNode notes = review.putArray("notes");
        o.notes().forEach(notes::add);
        if (o.answer() == null) {
            if (o.stop() == ModelSession.Stop.MODEL_ERROR) {
                wf.markDegraded("llm: the summariser's model: " + String.join("; ", o.notes()));
            }
            review.put("root_cause_by", ModelReport.RULES_FALLBACK);
            notes.add("the deterministic decision stands (" + o.stop().name().toLowerCase(java.util.Locale.ROOT) + ")");
        } else {
            apply(o.answer(), best.get(), wf, review, out, ctx);
        }
        wf.putFact(FACT, review);
        return new AgentResponse(out);
    }

    private void apply(JsonNode a, Hypothesis best, WorkflowContext wf, ObjectNode review, List<Message> out,
                       AgentContext ctx) {
        ArrayNode notes = (ArrayNode) review.get("notes");
        JsonNode rc = a.path("root_cause");
        Category category = Category.valueOf(rc.path("category").asText());
        ResourceRef resource = Answers.resource(rc);
        double change = a.path("confidence_change").asDouble();
        String summary = a.path("summary").asText();
        List<Hypothesis> hs = new ArrayList<>(wf.hypotheses());
        Hypothesis chosen;
        String by;
        if (category == best.category() && sameTarget(resource, best.resource())) {
            chosen = new Hypothesis(best.category(), best.resource(), clamp(best.confidence() + change), best.summary(),
                    best.support());
            by = change == 0 ? ModelReport.RULES : ModelReport.RULES_AND_MODEL;
        } else {
            Optional<Hypothesis> other = hs.stream().filter(h -> h.category() == category
                    && sameTarget(resource, h.resource())).findFirst();
            Optional<Finding> finding = wf.findings().stream().filter(f -> f.category() == category
                    && (sameTarget(resource, f.resource()) || f.subject() != null && sameTarget(resource, f.subject())))
                    .max(java.util.Comparator.comparingDouble(Finding::confidence));
            if (other.isPresent()) {
                Hypothesis h = other.get();
                chosen = new Hypothesis(h.category(), h.resource(), clamp(h.confidence() + change), summary, h.support());
                by = ModelReport.RULES_AND_MODEL;
                notes.add("the model chose " + category + " on " + h.resource() + " over " + best.category());
            } else if (finding.isPresent()) {
                Finding f = finding.get();
                chosen = new Hypothesis(category, f.resource(), clamp(Math.min(f.confidence(), best.confidence()) + change),
                        summary, List.of(f.summary()));
                by = ModelReport.RULES_AND_MODEL;
                notes.add("the model chose " + category + " on " + f.resource() + ", a finding of " + f.analyzer()
                        + ", over " + best.category());
            } else if (best.category() == Category.UNKNOWN || best.confidence() < LlmMode.MODEL_ONLY_CONFIDENCE) {
                chosen = new Hypothesis(category, resource, Math.min(LlmMode.MODEL_ONLY_CONFIDENCE,
                        clamp(best.confidence() + Math.max(change, 0) + 0.1)), "(model only) " + summary, List.of());
                by = ModelReport.MODEL_ONLY;
                notes.add("the root cause is the model's alone: no deterministic finding supports " + category
                        + " on " + resource);
            } else {
                chosen = best;
                by = ModelReport.RULES;
                notes.add("the model suggested " + category + " on " + resource + ", which no finding supports; the "
                        + "deterministic answer stands");
            }
        }
        hs.remove(best);
        hs.removeIf(h -> h.category() == chosen.category() && h.resource().equals(chosen.resource()));
        hs.add(0, chosen);
        wf.setHypotheses(hs);
        review.put("root_cause_by", by);
        ArrayNode evidence = review.putArray("evidence");
        a.path("evidence").forEach(e -> evidence.add(Briefing.clip(e.asText(), Answers.MAX_TEXT)));
        JsonNode objections = a.path("objections");
        if (objections.isArray() && !objections.isEmpty()) {
            wf.putFact(OBJECTIONS, objections);
            objections.forEach(x -> notes.add("objection to " + x.path("action_type").asText() + ": "
                    + Briefing.clip(x.path("reason").asText(), Answers.MAX_TEXT)));
        }
        for (JsonNode x : a.path("actions")) {
            ActionType type = ActionType.valueOf(x.path("type").asText());
            ResourceRef target = Answers.resource(x);
            ObjectNode params = x.path("params").isObject() ? ((ObjectNode) x.get("params")).deepCopy() : Json.object();
            params.put(ProposedAction.PROPOSED_BY, "model:" + name());
            String id = "act-" + (wf.actions().size() + 1);
            wf.putAction(ProposedAction.propose(id, type, target, params, "proposed by the model: "
                    + Briefing.clip(x.path("reason").asText(""), Answers.MAX_TEXT)));
            String line = "the model proposed " + id + " " + type + " on " + target + " (the guard reviews it; a person "
                    + "must approve it)";
            notes.add(line);
            out.add(new TextMessage(name(), ctx.clock().instant(), line));
        }
        out.add(new TextMessage(name(), ctx.clock().instant(), "review: " + chosen.category() + " on "
                + chosen.resource() + " (" + by + ", confidence " + Math.round(chosen.confidence() * 100) / 100.0 + ")"));
    }

    private static boolean sameTarget(ResourceRef a, ResourceRef b) {
        return a.kind().equalsIgnoreCase(b.kind()) && a.name().equals(b.name())
                && (a.namespace() == null || Objects.equals(a.namespace(), b.namespace()));
    }

    private static double clamp(double c) {
        return Math.max(0.05, Math.min(0.99, c));
    }
}
