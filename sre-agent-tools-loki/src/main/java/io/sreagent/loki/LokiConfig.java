package io.sreagent.loki;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * How to reach a Loki server: URL, tenant, credentials, timeouts and the default line limit.
 *
 * <p>In the manner of Micrometer's registry configs: implement {@link #get} over any source (environment, system
 * properties, a host's own configuration) and every accessor reads its key with a default. Keys: {@code LOKI_URL}
 * (required), {@code LOKI_TENANT} (sent as {@code X-Scope-OrgID}), {@code LOKI_BEARER_TOKEN}, {@code LOKI_USERNAME}
 * and {@code LOKI_PASSWORD} (basic auth), {@code LOKI_CONNECT_TIMEOUT} (default 5s), {@code LOKI_TIMEOUT} (read
 * timeout, default 30s), {@code LOKI_LIMIT} (default 1000 lines). Durations are {@code 500ms}, {@code 5s},
 * {@code 2m}, ISO-8601 ({@code PT5S}) or plain seconds.
 */
@FunctionalInterface
public interface LokiConfig {

    /** The raw value of {@code key}, or null when unset. */
    String get(String key);

    /** A config that reads keys from {@code source}, such as {@code System::getenv}. */
    static LokiConfig fromEnv(Function<String, String> source) {
        java.util.Objects.requireNonNull(source, "source");
        return source::apply;
    }

    /** Base URL of Loki, such as {@code http://loki.monitoring:3100} (no trailing {@code /loki/api/v1}). */
    default String url() {
        String u = value("LOKI_URL").orElseThrow(() -> new IllegalStateException(
                "LOKI_URL is not set: set it to the base URL of Loki, such as http://loki.monitoring:3100"));
        return u.endsWith("/") ? u.substring(0, u.length() - 1) : u;
    }

    /** Tenant sent as {@code X-Scope-OrgID}, for multi-tenant Loki. */
    default Optional<String> tenant() {
        return value("LOKI_TENANT");
    }

    /** Bearer token sent as {@code Authorization: Bearer ...}. */
    default Optional<String> bearerToken() {
        return value("LOKI_BEARER_TOKEN");
    }

    /** User name for basic auth. */
    default Optional<String> username() {
        return value("LOKI_USERNAME");
    }

    /** Password for basic auth. */
    default Optional<String> password() {
        return value("LOKI_PASSWORD");
    }

    /** Time allowed to open a connection. */
    default Duration connectTimeout() {
        return duration("LOKI_CONNECT_TIMEOUT", Duration.ofSeconds(5));
    }

    /** Time allowed for an answer. */
    default Duration readTimeout() {
        return duration("LOKI_TIMEOUT", Duration.ofSeconds(30));
    }

    /** Lines asked for when a query gives no limit. */
    default int defaultLimit() {
        Optional<String> v = value("LOKI_LIMIT");
        if (v.isEmpty()) {
            return 1000;
        }
        try {
            return Integer.parseInt(v.get().trim());
        } catch (NumberFormatException e) {
            throw new IllegalStateException("LOKI_LIMIT must be a whole number of lines, was '" + v.get() + "'");
        }
    }

    /**
     * Checks every setting and throws one {@link IllegalStateException} listing all problems (with the value and
     * what to set instead).
     */
    default void validate() {
        List<String> problems = new ArrayList<>();
        try {
            String u = url();
            if (!(u.startsWith("http://") || u.startsWith("https://"))) {
                problems.add("LOKI_URL must start with http:// or https://, was '" + u + "'");
            } else if (okhttp3.HttpUrl.parse(u) == null) {
                problems.add("LOKI_URL is not a valid URL: '" + u + "'");
            }
        } catch (IllegalStateException e) {
            problems.add(e.getMessage());
        }
        if (bearerToken().isPresent() && (username().isPresent() || password().isPresent())) {
            problems.add("set either LOKI_BEARER_TOKEN or LOKI_USERNAME/LOKI_PASSWORD, not both");
        }
        if (username().isPresent() != password().isPresent()) {
            problems.add("basic auth needs both LOKI_USERNAME and LOKI_PASSWORD");
        }
        for (String key : List.of("LOKI_CONNECT_TIMEOUT", "LOKI_TIMEOUT")) {
            try {
                Duration d = duration(key, Duration.ofSeconds(1));
                if (d.isNegative() || d.isZero()) {
                    problems.add(key + " must be positive, was '" + get(key) + "'");
                }
            } catch (IllegalStateException e) {
                problems.add(e.getMessage());
            }
        }
        try {
            int limit = defaultLimit();
            if (limit <= 0) {
                problems.add("LOKI_LIMIT must be positive, was " + limit);
            }
        } catch (IllegalStateException e) {
            problems.add(e.getMessage());
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("invalid Loki configuration: " + String.join("; ", problems));
        }
    }

    private Optional<String> value(String key) {
        String v = get(key);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    private Duration duration(String key, Duration fallback) {
        Optional<String> v = value(key);
        if (v.isEmpty()) {
            return fallback;
        }
        Duration d = parseDuration(v.get());
        if (d == null) {
            throw new IllegalStateException(key + " must be a duration such as 500ms, 5s, 2m or PT5S, was '"
                    + v.get() + "'");
        }
        return d;
    }

    /** Parses {@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h}, {@code 1d}, ISO-8601 or plain seconds; null if not. */
    static Duration parseDuration(String text) {
        if (text == null) {
            return null;
        }
        String s = text.trim().toLowerCase(Locale.ROOT);
        if (s.isEmpty()) {
            return null;
        }
        try {
            if (s.startsWith("p")) {
                return Duration.parse(s.toUpperCase(Locale.ROOT));
            }
            if (s.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2).trim()));
            }
            char unit = s.charAt(s.length() - 1);
            String num = s.substring(0, s.length() - 1).trim();
            switch (unit) {
                case 's': return Duration.ofSeconds(Long.parseLong(num));
                case 'm': return Duration.ofMinutes(Long.parseLong(num));
                case 'h': return Duration.ofHours(Long.parseLong(num));
                case 'd': return Duration.ofDays(Long.parseLong(num));
                default: return Duration.ofSeconds(Long.parseLong(s));
            }
        } catch (NumberFormatException | DateTimeParseException | ArithmeticException e) {
            return null;
        }
    }
}
