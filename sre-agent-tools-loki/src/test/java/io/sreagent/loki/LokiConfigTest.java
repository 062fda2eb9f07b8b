package io.sreagent.loki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LokiConfigTest {

    @Test
    void readsEveryKeyWithDefaults() {
        LokiConfig c = LokiConfig.fromEnv(Map.of("LOKI_URL", "http://loki:3100/", "LOKI_TENANT", "t1",
                "LOKI_TIMEOUT", "2m", "LOKI_CONNECT_TIMEOUT", "500ms", "LOKI_LIMIT", "250")::get);
        assertThat(c.url()).isEqualTo("http://loki:3100");
        assertThat(c.tenant()).contains("t1");
        assertThat(c.readTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(c.connectTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(c.defaultLimit()).isEqualTo(250);
        assertThat(c.bearerToken()).isEmpty();
        c.validate();

        LokiConfig d = LokiConfig.fromEnv(Map.of("LOKI_URL", "https://loki")::get);
        assertThat(d.readTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(d.defaultLimit()).isEqualTo(1000);
    }

    @Test
    void validateListsEveryProblemWithItsValue() {
        LokiConfig c = LokiConfig.fromEnv(Map.of("LOKI_URL", "loki:3100", "LOKI_TIMEOUT", "soon",
                "LOKI_LIMIT", "-3", "LOKI_USERNAME", "u")::get);
        assertThatThrownBy(c::validate).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'loki:3100'")
                .hasMessageContaining("LOKI_TIMEOUT").hasMessageContaining("'soon'")
                .hasMessageContaining("LOKI_LIMIT must be positive, was -3")
                .hasMessageContaining("LOKI_PASSWORD");
    }

    @Test
    void missingUrlSaysWhatToSet() {
        assertThatThrownBy(() -> LokiConfig.fromEnv(k -> null).validate())
                .hasMessageContaining("LOKI_URL is not set");
    }

    @Test
    void durationsAcceptCommonSpellings() {
        assertThat(LokiConfig.parseDuration("PT5S")).isEqualTo(Duration.ofSeconds(5));
        assertThat(LokiConfig.parseDuration("15m")).isEqualTo(Duration.ofMinutes(15));
        assertThat(LokiConfig.parseDuration("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(LokiConfig.parseDuration("10")).isEqualTo(Duration.ofSeconds(10));
        assertThat(LokiConfig.parseDuration("ten")).isNull();
        assertThat(LokiConfig.parseDuration("")).isNull();
    }
}
