package io.sreagent.core.incident;

import io.sreagent.core.workflow.TokenUsage;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What models contributed to a decision, present only when the workflow ran with a model.
 *
 * @param rootCauseBy  who settled the root cause: {@link #RULES} (the deterministic agents, the model agreed or was
 *                     not asked), {@link #RULES_AND_MODEL} (the model chose among the deterministic hypotheses or
 *                     adjusted the confidence), {@link #MODEL_ONLY} (no deterministic finding supports it), or
 *                     {@link #RULES_FALLBACK} (the model's answer failed validation twice, or the run's model budget
 *                     ran out: the deterministic decision stands)
 * @param models       the models used, by agent ({@code summariser -> gpt-4o-mini})
 * @param tokens       tokens spent by the whole run
 * @param tokensByAgent tokens per agent
 * @param modelCalls   model calls per agent
 * @param notes        what the model added or was refused (validation errors, refused tool calls, objections)
 */
public record ModelReport(String rootCauseBy, Map<String, String> models, TokenUsage tokens,
                          Map<String, TokenUsage> tokensByAgent, Map<String, Integer> modelCalls, List<String> notes) {

    /** The deterministic agents settled the root cause. */
    public static final String RULES = "rules";
    /** The model chose among, or adjusted, the deterministic hypotheses. */
    public static final String RULES_AND_MODEL = "rules_and_model";
    /** The model named a cause no deterministic finding supports. */
    public static final String MODEL_ONLY = "model_only";
    /** The model's answer was unusable; the deterministic decision stands. */
    public static final String RULES_FALLBACK = "rules_fallback";

    public ModelReport {
        Objects.requireNonNull(rootCauseBy, "root_cause_by");
        models = Map.copyOf(models);
        Objects.requireNonNull(tokens, "tokens");
        tokensByAgent = Map.copyOf(tokensByAgent);
        modelCalls = Map.copyOf(modelCalls);
        notes = List.copyOf(notes);
    }

    /** Model calls of the whole run. */
    public int totalModelCalls() {
        return modelCalls.values().stream().mapToInt(Integer::intValue).sum();
    }
}
