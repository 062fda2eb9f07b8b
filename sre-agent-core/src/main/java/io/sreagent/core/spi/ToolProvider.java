package io.sreagent.core.spi;

import io.sreagent.core.tool.Tool;
import java.util.List;

/**
 * A factory of tools, found with {@link java.util.ServiceLoader} (a line in
 * {@code META-INF/services/io.sreagent.core.spi.ToolProvider}) or registered explicitly.
 *
 * <p>Implementations need a public no-argument constructor for discovery. {@link #createTools} may throw when the
 * host lacks what the provider needs (no cluster configured); the registry reports the reason and skips the provider.
 */
public interface ToolProvider {

    /** Stable id of this provider, such as {@code k8s}. */
    String id();

    /** The namespace every tool of this provider uses in its id ({@code k8s} for {@code k8s.get_pod}). */
    String namespace();

    /** Maven coordinates of the artifact that ships this provider, for error messages. */
    default String artifact() {
        return getClass().getPackage() != null && getClass().getPackage().getImplementationTitle() != null
                ? getClass().getPackage().getImplementationTitle() : "unknown";
    }

    /** Version of this provider, for discovery diagnostics. */
    default String version() {
        Package p = getClass().getPackage();
        return p != null && p.getImplementationVersion() != null ? p.getImplementationVersion() : "dev";
    }

    /** Builds this provider's tools from the host's configuration. */
    List<Tool> createTools(ToolProviderContext context) throws Exception;

    /**
     * Releases what {@link #createTools} built for itself (a client, a connection pool), never what the host
     * supplied as a component. Called once by {@link io.sreagent.core.tool.ToolRegistry#close()}; the default does
     * nothing.
     */
    default void close() {
    }
}
