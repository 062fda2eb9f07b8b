package io.sreagent.core.redaction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.sreagent.core.tool.ToolError;
import io.sreagent.core.tool.ToolInterceptor;
import io.sreagent.core.tool.ToolResult;
import java.util.Map;
import java.util.Objects;

/**
 * A tool interceptor that redacts secrets from every result: its text, every string value in its data (object
 * keys are kept) and its error message.
 *
 * <p>Thread-safe. Register it last-but-not-least (after interceptors that produce text, before audit/log ones) so
 * nothing downstream sees a secret.
 */
public final class RedactingInterceptor implements ToolInterceptor {

    private final Redactor redactor;

    /** Redacts with the default {@link Redactor}. */
    public RedactingInterceptor() {
        this(new Redactor());
    }

    /** Redacts with {@code redactor}. */
    public RedactingInterceptor(Redactor redactor) {
        this.redactor = Objects.requireNonNull(redactor, "redactor");
    }

    @Override
    public ToolResult intercept(Chain chain) {
        ToolResult r = chain.proceed(chain.invocation());
        if (r == null) {
            return null;
        }
        ToolError err = r.error() == null ? null : new ToolError(r.error().kind(), redactor.redact(r.error().message()));
        return new ToolResult(redact(r.data()), redactor.redact(r.text()), err);
    }

    /** A copy of {@code node} with every string value redacted. */
    public JsonNode redact(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isTextual()) {
            String v = node.textValue();
            String red = redactor.redact(v);
            return red.equals(v) ? node : TextNode.valueOf(red);
        }
        if (node.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                out.set(e.getKey(), redact(e.getValue()));
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            for (JsonNode c : node) {
                out.add(redact(c));
            }
            return out;
        }
        return node;
    }
}
