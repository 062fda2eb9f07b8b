package io.sreagent.prometheus.client;

import java.util.Objects;

/** How the client authenticates to Prometheus: not at all, with a bearer token, or with HTTP basic auth. */
public sealed interface PrometheusAuth {

    /** No authentication. */
    PrometheusAuth NONE = new None();

    /** No {@code Authorization} header. */
    record None() implements PrometheusAuth {
    }

    /** {@code Authorization: Bearer TOKEN}. */
    record Bearer(String token) implements PrometheusAuth {
        /** Checks the token is present. */
        public Bearer {
            if (token == null || token.isBlank()) {
                throw new IllegalArgumentException("bearer token is empty; set PROMETHEUS_TOKEN or use no auth");
            }
        }

        @Override
        public String toString() {
            return "Bearer[***]";
        }
    }

    /** HTTP basic authentication. */
    record Basic(String username, String password) implements PrometheusAuth {
        /** Checks the user name is present. */
        public Basic {
            if (username == null || username.isBlank()) {
                throw new IllegalArgumentException("basic auth user name is empty; set PROMETHEUS_USERNAME");
            }
            password = Objects.requireNonNullElse(password, "");
        }

        @Override
        public String toString() {
            return "Basic[" + username + ":***]";
        }
    }
}
