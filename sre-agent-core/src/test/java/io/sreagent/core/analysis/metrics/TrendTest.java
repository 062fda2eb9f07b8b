package io.sreagent.core.analysis.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TrendTest {

    private static final long T0 = 1_795_000_000L;
    private static final double LIMIT = 134_217_728;

    @Test
    void workingSetCreepingTowardTheLimitGivesTimeToLimit() {
        // 60 MiB growing 1 MiB per minute with noise and a couple of outliers, over one hour
        Random r = new Random(7);
        List<Point> pts = new ArrayList<>();
        for (int i = 0; i <= 120; i++) {
            double v = 60 * 1048576.0 + i * 30 * (1048576.0 / 60) + 200_000 * r.nextGaussian();
            pts.add(Point.of(T0 + 30L * i, i == 40 ? v * 3 : v));
        }
        Trend t = Trend.fit(pts).orElseThrow();
        assertThat(t.slopePerSecond()).isCloseTo(1048576.0 / 60, within(1048576.0 / 60 * 0.05));
        assertThat(t.confidence()).isGreaterThan(0.8);
        // fitted end ~ 120 MiB; 8 MiB to go at 1 MiB/min -> about 8 minutes
        Duration ttl = t.timeToReach(LIMIT).orElseThrow();
        assertThat(ttl.toSeconds()).isBetween(6 * 60L, 10 * 60L);
        assertThat(t.reachesAt(LIMIT)).contains(t.end().plus(ttl));
        assertThat(t.timeToReach(0)).as("moving away").isEmpty();
    }

    @Test
    void flatNoiseHasLowConfidenceAndNoTimeToLimit() {
        Random r = new Random(8);
        List<Point> pts = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            pts.add(Point.of(T0 + 30L * i, 50 + r.nextGaussian()));
        }
        Trend t = Trend.fit(pts).orElseThrow();
        assertThat(t.confidence()).isLessThan(0.2);
        assertThat(Math.abs(t.slopePerSecond())).isLessThan(0.01);
    }

    @Test
    void tooFewPoints() {
        assertThat(Trend.fit(List.of(Point.of(T0, 1), Point.of(T0 + 1, Double.NaN), Point.of(T0 + 2, 3))))
                .isEmpty();
    }
}
