package io.sreagent.core.analysis.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AnomalyDetectorTest {

    private static final long T0 = 1_795_000_000L;

    /** Five days of a daily sine (5-minute points) with noise; optional spike at {@code spikeAt}. */
    private static List<Point> daily(int spikeAt, double spike, long seed) {
        Random r = new Random(seed);
        List<Point> pts = new ArrayList<>();
        int perDay = 288;
        for (int i = 0; i < 5 * perDay; i++) {
            double v = 100 + 50 * Math.sin(2 * Math.PI * i / perDay) + 2 * r.nextGaussian();
            pts.add(Point.of(T0 + 300L * i, i == spikeAt ? v + spike : v));
        }
        return pts;
    }

    @Test
    void aSpikeScoresFarAboveTheDailyRhythm() {
        int at = 4 * 288 + 100;
        double[] scores = AnomalyDetector.scoreAll(daily(at, 40, 1));
        assertThat(scores[at]).isGreaterThan(0.99);
        double maxElsewhere = 0;
        for (int i = 2 * 288; i < scores.length; i++) {
            if (Math.abs(i - at) > 20) {
                maxElsewhere = Math.max(maxElsewhere, scores[i]);
            }
        }
        assertThat(maxElsewhere).as("the daily swing itself is not anomalous once learnt").isLessThan(scores[at]);
    }

    @Test
    void findReportsTheEpisodeWithItsBeginning() {
        int at = 4 * 288 + 100;
        List<Point> pts = daily(at, 60, 2);
        List<Anomaly> found = AnomalyDetector.find(pts, 0.999);
        assertThat(found).anySatisfy(a -> {
            assertThat(a.began()).isEqualTo(pts.get(at).time());
            assertThat(a.confidence()).isGreaterThanOrEqualTo(0.999);
        });
    }

    @Test
    void scoresStayInRangeAndNaNIsIgnored() {
        AnomalyDetector d = new AnomalyDetector();
        Random r = new Random(3);
        for (int i = 0; i < 1000; i++) {
            double s = d.update(Instant.ofEpochSecond(T0 + 60L * i), i == 500 ? Double.NaN : r.nextGaussian());
            assertThat(s).isBetween(0.0, 1.0);
            if (i == 500) {
                assertThat(s).isZero();
            }
        }
    }

    @Test
    void warmupCapsEarlyScores() {
        AnomalyDetector d = new AnomalyDetector();
        double max = 0;
        for (int i = 0; i < AnomalyDetector.Settings.defaults().warmup() - 1; i++) {
            max = Math.max(max, d.update(Instant.ofEpochSecond(T0 + 60L * i), i % 17 == 0 ? 1000 : 1));
        }
        assertThat(max).isLessThanOrEqualTo(0.5);
    }
}
