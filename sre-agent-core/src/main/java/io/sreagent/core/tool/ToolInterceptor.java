package io.sreagent.core.tool;

/**
 * Observes, changes or short-circuits tool calls (timeouts, audit, redaction, dry-run enforcement, metrics), in the
 * manner of OkHttp's interceptors.
 *
 * <p>An interceptor calls {@link Chain#proceed} at most once, or returns a result of its own without proceeding.
 * Interceptors run in registration order on the caller's thread; they must be thread-safe. An exception thrown by an
 * interceptor is reported by the registry as an INTERNAL tool error.
 */
@FunctionalInterface
public interface ToolInterceptor {

    /** Handles one call. */
    ToolResult intercept(Chain chain);

    /** The rest of the chain. */
    interface Chain {
        /** The tool being called. */
        Tool tool();

        /** The invocation as it stands at this point of the chain. */
        ToolInvocation invocation();

        /** Passes {@code invocation} to the next interceptor, or to the tool. */
        ToolResult proceed(ToolInvocation invocation);
    }
}
