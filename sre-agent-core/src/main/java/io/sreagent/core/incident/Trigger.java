package io.sreagent.core.incident;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What started an incident: the body of {@code POST /decide}, a Kubernetes warning event or an Alertmanager alert
 * mapped to the same shape.
 *
 * @param eventType    {@code Warning}, {@code Normal} or {@code Alert}
 * @param namespace    namespace of the object the event is about (may be null for cluster-scoped objects)
 * @param resourceKind kind of that object ({@code Pod}, {@code Deployment}, {@code Node}, ...)
 * @param resourceName name of that object
 * @param eventData    the event's own fields (reason, message, labels, ...); never null
 */
public record Trigger(@Nullable String eventType, @Nullable String namespace, String resourceKind, String resourceName, @Nullable JsonNode eventData) {

    public Trigger {
        Objects.requireNonNull(resourceKind, "resource_kind");
        Objects.requireNonNull(resourceName, "resource_name");
        if (eventType == null) {
            eventType = "Warning";
        }
        if (eventData == null || eventData.isNull()) {
            eventData = JsonNodeFactory.instance.objectNode();
        }
    }

    /** The object the event is about. */
    public ResourceRef resource() {
        return new ResourceRef(resourceKind, namespace, resourceName);
    }

    /** {@code event_data.reason}, or the empty string. */
    public String reason() {
        return eventData.path("reason").asText("");
    }

    /** {@code event_data.message}, or the empty string. */
    public String message() {
        return eventData.path("message").asText("");
    }

    /** A trigger with the given reason and message as its event data. */
    public static Trigger of(String eventType, ResourceRef resource, String reason, String message) {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.put("reason", reason);
        data.put("message", message);
        return new Trigger(eventType, resource.namespace(), resource.kind(), resource.name(), data);
    }
}
