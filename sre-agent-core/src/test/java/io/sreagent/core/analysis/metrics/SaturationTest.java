package io.sreagent.core.analysis.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SaturationTest {

    private static final long T0 = 1_795_000_000L;

    @Test
    void hpaAtMaxReplicasIsSaturatedFromTheFirstPointAtMax() {
        List<Point> replicas = List.of(Point.of(T0, 4), Point.of(T0 + 60, 7), Point.of(T0 + 120, 10),
                Point.of(T0 + 180, 10), Point.of(T0 + 240, 10));
        Saturation s = Saturation.against(replicas, 10, 0.9);
        assertThat(s.saturated()).isTrue();
        assertThat(s.maxRatio()).isEqualTo(1.0);
        assertThat(s.lastRatio()).isEqualTo(1.0);
        assertThat(s.fractionNear()).isEqualTo(0.6);
        assertThat(s.firstNear()).isEqualTo(replicas.get(2).time());
        assertThat(s.confidence()).isGreaterThan(0.9);
    }

    @Test
    void farFromTheLimitIsNotSaturated() {
        Saturation s = Saturation.against(List.of(Point.of(T0, 10), Point.of(T0 + 60, 20)), 100, 0.9);
        assertThat(s.saturated()).isFalse();
        assertThat(s.firstNear()).isNull();
        assertThat(s.confidence()).isZero();
    }

    @Test
    void noLimitIsRejected() {
        assertThatThrownBy(() -> Saturation.against(List.of(), 0, 0.9)).hasMessageContaining("was 0.0");
    }
}
