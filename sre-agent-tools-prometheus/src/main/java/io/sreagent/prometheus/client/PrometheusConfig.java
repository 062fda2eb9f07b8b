package io.sreagent.prometheus.client;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Where Prometheus is and how to talk to it: base URL, authentication, extra headers and timeouts.
 *
 * <p>An interface so hosts can back it with their own configuration; {@link #of(String)}, {@link #builder()} and
 * {@link #fromEnv(Function)} give ready-made implementations.
 */
public interface PrometheusConfig {

    /** Base URL of the Prometheus HTTP API, such as {@code http://prometheus:9090} (the {@code /api/v1} is added). */
    String url();

    /** How to authenticate. */
    default PrometheusAuth auth() {
        return PrometheusAuth.NONE;
    }

    /** Extra headers sent with every request (for example {@code X-Scope-OrgID} for Mimir/Thanos tenants). */
    default Map<String, String> headers() {
        return Map.of();
    }

    /** How long to wait for a TCP connection. */
    default Duration connectTimeout() {
        return Duration.ofSeconds(5);
    }

    /** How long a whole call may take, including reading the answer. */
    default Duration callTimeout() {
        return Duration.ofSeconds(30);
    }

    /**
     * Checks that the configuration can work: an absolute http(s) URL and positive timeouts.
     *
     * @throws IllegalArgumentException saying what is wrong, with the value, and what to set
     */
    default void validate() {
        String u = url();
        if (u == null || u.isBlank()) {
            throw new IllegalArgumentException("Prometheus URL is missing; set PROMETHEUS_URL, e.g. http://prometheus:9090");
        }
        URI uri;
        try {
            uri = URI.create(u.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Prometheus URL '" + u + "' is not a URL (" + e.getMessage()
                    + "); set PROMETHEUS_URL to e.g. http://prometheus:9090", e);
        }
        if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                || uri.getHost() == null) {
            throw new IllegalArgumentException("Prometheus URL '" + u
                    + "' must be an absolute http:// or https:// URL with a host, e.g. http://prometheus:9090");
        }
        if (connectTimeout() == null || connectTimeout().isNegative() || connectTimeout().isZero()) {
            throw new IllegalArgumentException("Prometheus connect timeout must be positive, was " + connectTimeout());
        }
        if (callTimeout() == null || callTimeout().isNegative() || callTimeout().isZero()) {
            throw new IllegalArgumentException("Prometheus call timeout must be positive, was " + callTimeout());
        }
    }

    /** A configuration with only a URL and the default timeouts. */
    static PrometheusConfig of(String url) {
        return builder().url(url).build();
    }

    /**
     * Reads the configuration from environment-style variables: {@code PROMETHEUS_URL} (required),
     * {@code PROMETHEUS_TOKEN} (bearer), or {@code PROMETHEUS_USERNAME}/{@code PROMETHEUS_PASSWORD} (basic),
     * {@code PROMETHEUS_HEADERS} ({@code Name=value,Name2=value2}), {@code PROMETHEUS_CONNECT_TIMEOUT} and
     * {@code PROMETHEUS_TIMEOUT} (ISO-8601 like {@code PT10S} or seconds like {@code 10}).
     *
     * @param env a lookup such as {@code System::getenv} or a properties map's {@code get}
     * @throws IllegalArgumentException when a value is malformed or the URL is missing
     */
    static PrometheusConfig fromEnv(Function<String, String> env) {
        Objects.requireNonNull(env, "env");
        Builder b = builder().url(env.apply("PROMETHEUS_URL"));
        String token = env.apply("PROMETHEUS_TOKEN");
        String user = env.apply("PROMETHEUS_USERNAME");
        if (token != null && !token.isBlank()) {
            b.auth(new PrometheusAuth.Bearer(token.trim()));
        } else if (user != null && !user.isBlank()) {
            b.auth(new PrometheusAuth.Basic(user.trim(), env.apply("PROMETHEUS_PASSWORD")));
        }
        String headers = env.apply("PROMETHEUS_HEADERS");
        if (headers != null && !headers.isBlank()) {
            for (String pair : headers.split(",")) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("PROMETHEUS_HEADERS entry '" + pair.trim()
                            + "' is not Name=value; write e.g. X-Scope-OrgID=tenant1,X-Other=v");
                }
                b.header(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
            }
        }
        String ct = env.apply("PROMETHEUS_CONNECT_TIMEOUT");
        if (ct != null && !ct.isBlank()) {
            b.connectTimeout(duration("PROMETHEUS_CONNECT_TIMEOUT", ct));
        }
        String t = env.apply("PROMETHEUS_TIMEOUT");
        if (t != null && !t.isBlank()) {
            b.callTimeout(duration("PROMETHEUS_TIMEOUT", t));
        }
        PrometheusConfig c = b.build();
        c.validate();
        return c;
    }

    private static Duration duration(String key, String value) {
        String v = value.trim();
        try {
            if (v.matches("\\d+")) {
                return Duration.ofSeconds(Long.parseLong(v));
            }
            return Duration.parse(v);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(key + " '" + value
                    + "' is not a duration; write seconds (10) or ISO-8601 (PT10S)", e);
        }
    }

    /** Starts a configuration. */
    static Builder builder() {
        return new Builder();
    }

    /** Builds an immutable {@link PrometheusConfig}. */
    final class Builder {
        private String url;
        private PrometheusAuth auth = PrometheusAuth.NONE;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration callTimeout = Duration.ofSeconds(30);

        private Builder() {
        }

        /** The base URL. */
        public Builder url(String url) {
            this.url = url;
            return this;
        }

        /** The authentication. */
        public Builder auth(PrometheusAuth auth) {
            this.auth = Objects.requireNonNull(auth, "auth");
            return this;
        }

        /** Adds a header sent with every request. */
        public Builder header(String name, String value) {
            headers.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** The connect timeout. */
        public Builder connectTimeout(Duration d) {
            this.connectTimeout = d;
            return this;
        }

        /** The whole-call timeout. */
        public Builder callTimeout(Duration d) {
            this.callTimeout = d;
            return this;
        }

        /** The configuration (not validated; call {@link PrometheusConfig#validate()}). */
        public PrometheusConfig build() {
            return new Simple(url == null ? null : url.trim(), auth, Map.copyOf(headers), connectTimeout, callTimeout);
        }
    }

    /** The value implementation {@link Builder} produces. */
    record Simple(String url, PrometheusAuth auth, Map<String, String> headers, Duration connectTimeout,
                  Duration callTimeout) implements PrometheusConfig {
    }
}
