package io.sreagent.workflow.internal.llm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import io.sreagent.core.incident.ActionType;
import io.sreagent.core.incident.Category;
import io.sreagent.core.incident.ResourceRef;
import io.sreagent.core.input.KubernetesNames;
import io.sreagent.workflow.LlmMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The JSON forms the models answer in, as schemas and as validators that name every problem. */
final class Answers {

    static final int MAX_EVIDENCE = 5;
    static final int MAX_ACTIONS = 3;
    static final int MAX_OBJECTIONS = 5;
    static final int MAX_TEXT = 400;

    private Answers() {
    }

    static List<String> categories() {
        return Arrays.stream(Category.values()).map(Enum::name).toList();
    }

    static List<String> actionTypes() {
        return Arrays.stream(ActionType.values()).map(Enum::name).toList();
    }

    static JsonObjectSchema reviewSchema() {
        JsonObjectSchema target = JsonObjectSchema.builder()
                .addProperty("category", JsonEnumSchema.builder().enumValues(categories()).build())
                .addStringProperty("kind").addStringProperty("namespace").addStringProperty("name")
                .required("category", "kind", "name").build();
        JsonObjectSchema action = JsonObjectSchema.builder()
                .addProperty("type", JsonEnumSchema.builder().enumValues(actionTypes()).build())
                .addStringProperty("kind").addStringProperty("namespace").addStringProperty("name")
                .addProperty("params", JsonObjectSchema.builder().build()).addStringProperty("reason")
                .required("type", "kind", "name").build();
        JsonObjectSchema objection = JsonObjectSchema.builder()
                .addProperty("action_type", JsonEnumSchema.builder().enumValues(actionTypes()).build())
                .addStringProperty("reason").required("action_type", "reason").build();
        return JsonObjectSchema.builder()
                .addProperty("root_cause", target)
                .addStringProperty("summary")
                .addProperty("confidence_change", JsonNumberSchema.builder().build())
                .addProperty("evidence", JsonArraySchema.builder().items(JsonStringSchema.builder().build()).build())
                .addProperty("actions", JsonArraySchema.builder().items(action).build())
                .addProperty("objections", JsonArraySchema.builder().items(objection).build())
                .required("root_cause", "summary", "confidence_change").build();
    }

    static List<String> validateReview(JsonNode a) {
        List<String> errors = new ArrayList<>();
        JsonNode rc = a.path("root_cause");
        if (!rc.isObject()) {
            errors.add("root_cause must be an object with category, kind, namespace and name");
        } else {
            category(rc.path("category"), "root_cause.category", errors);
            target(rc, "root_cause", errors);
        }
        if (!a.path("summary").isTextual() || a.path("summary").asText().isBlank()) {
            errors.add("summary must be a non-empty string");
        } else if (a.path("summary").asText().length() > 2 * MAX_TEXT) {
            errors.add("summary must be at most " + 2 * MAX_TEXT + " characters");
        }
        JsonNode change = a.path("confidence_change");
        if (!change.isNumber()) {
            errors.add("confidence_change must be a number between -" + LlmMode.MAX_CONFIDENCE_CHANGE + " and "
                    + LlmMode.MAX_CONFIDENCE_CHANGE);
        } else if (Math.abs(change.asDouble()) > LlmMode.MAX_CONFIDENCE_CHANGE + 1e-9) {
            errors.add("confidence_change " + change.asDouble() + " is outside -" + LlmMode.MAX_CONFIDENCE_CHANGE
                    + ".." + LlmMode.MAX_CONFIDENCE_CHANGE);
        }
        strings(a.path("evidence"), "evidence", MAX_EVIDENCE, errors);
        JsonNode actions = a.path("actions");
        if (!actions.isMissingNode() && !actions.isNull()) {
            if (!actions.isArray() || actions.size() > MAX_ACTIONS) {
                errors.add("actions must be an array of at most " + MAX_ACTIONS);
            } else {
                for (int i = 0; i < actions.size(); i++) {
                    JsonNode x = actions.get(i);
                    actionType(x.path("type"), "actions[" + i + "].type", errors);
                    target(x, "actions[" + i + "]", errors);
                    if (x.has("params") && !x.get("params").isObject() && !x.get("params").isNull()) {
                        errors.add("actions[" + i + "].params must be an object");
                    }
                }
            }
        }
        JsonNode objections = a.path("objections");
        if (!objections.isMissingNode() && !objections.isNull()) {
            if (!objections.isArray() || objections.size() > MAX_OBJECTIONS) {
                errors.add("objections must be an array of at most " + MAX_OBJECTIONS);
            } else {
                for (int i = 0; i < objections.size(); i++) {
                    actionType(objections.get(i).path("action_type"), "objections[" + i + "].action_type", errors);
                }
            }
        }
        return errors;
    }

    static JsonObjectSchema triageSchema() {
        JsonObjectSchema suspect = JsonObjectSchema.builder()
                .addProperty("category", JsonEnumSchema.builder().enumValues(categories()).build())
                .addStringProperty("why").required("category").build();
        return JsonObjectSchema.builder()
                .addProperty("suspects", JsonArraySchema.builder().items(suspect).build())
                .addProperty("look_at", JsonArraySchema.builder().items(JsonStringSchema.builder().build()).build())
                .required("suspects").build();
    }

    static List<String> validateTriage(JsonNode a) {
        List<String> errors = new ArrayList<>();
        JsonNode s = a.path("suspects");
        if (!s.isArray() || s.size() > 3) {
            errors.add("suspects must be an array of at most 3");
        } else {
            for (int i = 0; i < s.size(); i++) {
                category(s.get(i).path("category"), "suspects[" + i + "].category", errors);
            }
        }
        strings(a.path("look_at"), "look_at", 3, errors);
        return errors;
    }

    /** The target an answer names, valid by {@link #target}. */
    static ResourceRef resource(JsonNode n) {
        String ns = n.path("namespace").isTextual() && !n.path("namespace").asText().isBlank()
                && !"null".equals(n.path("namespace").asText()) ? n.path("namespace").asText() : null;
        return new ResourceRef(n.path("kind").asText(), ns, n.path("name").asText());
    }

    private static void target(JsonNode n, String field, List<String> errors) {
        String kind = n.path("kind").asText("");
        if (!kind.matches("[A-Z][A-Za-z]{1,62}")) {
            errors.add(field + ".kind must be a Kubernetes kind such as Deployment");
        }
        KubernetesNames.nameProblem(field + ".name", n.path("name").asText("")).ifPresent(errors::add);
        JsonNode ns = n.path("namespace");
        if (ns.isTextual() && !ns.asText().isBlank() && !"null".equals(ns.asText())) {
            KubernetesNames.namespaceProblem(field + ".namespace", ns.asText()).ifPresent(errors::add);
        }
    }

    private static void category(JsonNode n, String field, List<String> errors) {
        if (!n.isTextual() || !categories().contains(n.asText())) {
            errors.add(field + " must be one of " + categories());
        }
    }

    private static void actionType(JsonNode n, String field, List<String> errors) {
        if (!n.isTextual() || !actionTypes().contains(n.asText())) {
            errors.add(field + " must be one of " + actionTypes());
        }
    }

    private static void strings(JsonNode n, String field, int max, List<String> errors) {
        if (n.isMissingNode() || n.isNull()) {
            return;
        }
        if (!n.isArray() || n.size() > max) {
            errors.add(field + " must be an array of at most " + max + " strings");
            return;
        }
        for (JsonNode s : n) {
            if (!s.isTextual() || s.asText().length() > MAX_TEXT) {
                errors.add(field + " entries must be strings of at most " + MAX_TEXT + " characters");
                return;
            }
        }
    }
}
