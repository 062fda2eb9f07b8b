package io.sreagent.core.redaction;

import com.fasterxml.jackson.databind.JsonNode;
import io.sreagent.core.tool.ToolError;
import io.sreagent.core.tool.ToolInterceptor;
import io.sreagent.core.tool.ToolResult;
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
        return redactor.redactTree(node);
    }
}
