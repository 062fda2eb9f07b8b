package io.sreagent.k8s;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * Configuration of the Kubernetes tools, in the manner of Micrometer's registry configs: one lookup method
 * ({@link #get}) and typed accessors with defaults, so a host can back it with environment variables, system
 * properties, a map or its own configuration system.
 *
 * <p>Keys (environment-variable style; {@link #from} also accepts the dotted lower-case form, such as
 * {@code k8s.protected.namespaces}):
 * <ul>
 *   <li>{@code K8S_PROTECTED_NAMESPACES}: comma-separated namespaces added to the always-protected
 *       {@code kube-system, kube-public, kube-node-lease}</li>
 *   <li>{@code K8S_ALLOW_PROTECTED_NAMESPACES}: {@code true} lets actions change protected namespaces</li>
 *   <li>{@code K8S_LOG_BYTE_CAP}: most bytes of log a call returns (default 65536)</li>
 *   <li>{@code K8S_LOG_TAIL_LINES}: default tail of {@code k8s.pod_logs} (default 200)</li>
 *   <li>{@code K8S_WATCH_NAMESPACES}: comma-separated namespaces the event source watches (default: all)</li>
 *   <li>{@code K8S_REQUEST_TIMEOUT_SECONDS}: request timeout of a client this module builds (default 10)</li>
 *   <li>{@code K8S_REQUEST_RETRIES}: retries of a failed request, with backoff from 200 ms (default 1)</li>
 *   <li>{@code K8S_CORRELATION_WINDOW_SECONDS}: how long events keep joining one incident (default 600)</li>
 *   <li>{@code K8S_MAX_OPEN_INCIDENTS}: bound on incidents the correlator remembers (default 10000)</li>
 *   <li>{@code KUBECONFIG}: kubeconfig file used when the host supplies no client</li>
 * </ul>
 */
public interface KubernetesToolsConfig {

    /** Namespaces that are always protected. */
    Set<String> ALWAYS_PROTECTED = Set.of("kube-system", "kube-public", "kube-node-lease");

    /** The raw value of {@code key}, or null when unset. */
    String get(String key);

    /** Every default: nothing set. */
    static KubernetesToolsConfig defaults() {
        return key -> null;
    }

    /**
     * A config reading {@code source} (such as {@code System::getenv} or a host's property lookup); each key is
     * looked up as written and then in dotted lower case.
     */
    static KubernetesToolsConfig from(Function<String, String> source) {
        return key -> {
            String v = source.apply(key);
            if (v == null || v.isBlank()) {
                v = source.apply(key.toLowerCase(Locale.ROOT).replace('_', '.'));
            }
            return v == null || v.isBlank() ? null : v.trim();
        };
    }

    /** Namespaces where actions are refused unless {@link #allowProtectedNamespaces()}. */
    default Set<String> protectedNamespaces() {
        Set<String> out = new LinkedHashSet<>(ALWAYS_PROTECTED);
        out.addAll(list("K8S_PROTECTED_NAMESPACES"));
        return Set.copyOf(out);
    }

    /** Whether actions may change protected namespaces (default false). */
    default boolean allowProtectedNamespaces() {
        String v = get("K8S_ALLOW_PROTECTED_NAMESPACES");
        return v != null && Boolean.parseBoolean(v);
    }

    /** Most bytes of log one call returns (the tail is kept). */
    default int logByteCap() {
        return integer("K8S_LOG_BYTE_CAP", 65536);
    }

    /** Lines {@code k8s.pod_logs} returns when the caller does not say. */
    default int logTailLines() {
        return integer("K8S_LOG_TAIL_LINES", 200);
    }

    /** Namespaces the event source watches; empty means every namespace. */
    default List<String> watchedNamespaces() {
        return list("K8S_WATCH_NAMESPACES");
    }

    /** Request timeout of a client this module builds itself. */
    default Duration requestTimeout() {
        return Duration.ofSeconds(integer("K8S_REQUEST_TIMEOUT_SECONDS", 10));
    }

    /** Retries of a failed request by a client this module builds (fabric8 backs off from 200 ms, doubling). */
    default int requestRetries() {
        return integer("K8S_REQUEST_RETRIES", 1);
    }

    /** How long after its last event an incident keeps absorbing new events of the same workload and cause. */
    default Duration correlationWindow() {
        return Duration.ofSeconds(integer("K8S_CORRELATION_WINDOW_SECONDS", 600));
    }

    /** Most incidents the correlator remembers at once (oldest are forgotten first). */
    default int maxOpenIncidents() {
        return integer("K8S_MAX_OPEN_INCIDENTS", 10000);
    }

    /** A kubeconfig file to build a client from, or null for the default lookup. */
    default String kubeconfig() {
        return get("KUBECONFIG");
    }

    /**
     * Checks every value.
     *
     * @throws IllegalArgumentException naming the key, the bad value and what is expected
     */
    default void validate() {
        if (logByteCap() < 1024) {
            throw new IllegalArgumentException("K8S_LOG_BYTE_CAP must be at least 1024, was " + logByteCap());
        }
        if (logTailLines() < 1) {
            throw new IllegalArgumentException("K8S_LOG_TAIL_LINES must be at least 1, was " + logTailLines());
        }
        if (requestTimeout().isZero() || requestTimeout().isNegative()) {
            throw new IllegalArgumentException("K8S_REQUEST_TIMEOUT_SECONDS must be positive, was "
                    + requestTimeout().getSeconds());
        }
        if (requestRetries() < 0 || requestRetries() > 10) {
            throw new IllegalArgumentException("K8S_REQUEST_RETRIES must be within 0..10, was " + requestRetries());
        }
        if (correlationWindow().isZero() || correlationWindow().isNegative()) {
            throw new IllegalArgumentException("K8S_CORRELATION_WINDOW_SECONDS must be positive, was "
                    + correlationWindow().getSeconds());
        }
        if (maxOpenIncidents() < 1) {
            throw new IllegalArgumentException("K8S_MAX_OPEN_INCIDENTS must be at least 1, was " + maxOpenIncidents());
        }
        String allow = get("K8S_ALLOW_PROTECTED_NAMESPACES");
        if (allow != null && !allow.equalsIgnoreCase("true") && !allow.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException("K8S_ALLOW_PROTECTED_NAMESPACES must be true or false, was '" + allow + "'");
        }
    }

    private int integer(String key, int fallback) {
        String v = get(key);
        if (v == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be an integer, was '" + v + "'");
        }
    }

    private List<String> list(String key) {
        String v = get(key);
        if (v == null) {
            return List.of();
        }
        return Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
