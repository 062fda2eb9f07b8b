package io.sreagent.core.analysis.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ChangePointsTest {

    private static final long T0 = 1_795_000_000L;

    /** Noisy series: level {@code a} for {@code n1} points, then {@code b}; 30 s apart. */
    static List<Point> step(int n1, double a, int n2, double b, double noise, long seed) {
        Random r = new Random(seed);
        List<Point> pts = new ArrayList<>();
        for (int i = 0; i < n1 + n2; i++) {
            pts.add(Point.of(T0 + 30L * i, (i < n1 ? a : b) + noise * r.nextGaussian()));
        }
        return pts;
    }

    @Test
    void findsAnErrorRateJumpAtTheRightTime() {
        List<Point> pts = step(80, 0.01, 40, 0.2, 0.005, 1);
        List<ChangePoint> cps = ChangePoints.defaults().detect(pts);
        assertThat(cps).hasSize(1);
        ChangePoint cp = cps.get(0);
        assertThat(cp.index()).isBetween(79, 81);
        assertThat(cp.at()).isEqualTo(pts.get(cp.index()).time());
        assertThat(cp.before()).isCloseTo(0.01, org.assertj.core.data.Offset.offset(0.005));
        assertThat(cp.after()).isCloseTo(0.2, org.assertj.core.data.Offset.offset(0.005));
        assertThat(cp.delta()).isPositive();
        assertThat(cp.confidence()).isGreaterThan(0.9);
    }

    @Test
    void noiseAndASingleSpikeAreNotChanges() {
        List<Point> pts = new ArrayList<>(step(60, 5, 60, 5, 1, 2));
        pts.set(50, Point.of(T0 + 30L * 50, 500));
        assertThat(ChangePoints.defaults().detect(pts)).isEmpty();
    }

    @Test
    void findsTwoShiftsAndSkipsNaN() {
        List<Point> pts = new ArrayList<>(step(40, 10, 40, 30, 1, 3));
        Random r = new Random(4);
        for (int i = 0; i < 40; i++) {
            pts.add(Point.of(T0 + 30L * (80 + i), 10 + r.nextGaussian()));
        }
        pts.add(Point.of(T0 + 30L * 120, Double.NaN));
        List<ChangePoint> cps = ChangePoints.defaults().detect(pts);
        assertThat(cps).extracting(ChangePoint::index).hasSize(2)
                .satisfiesExactly(i -> assertThat(i).isBetween(39, 41), i -> assertThat(i).isBetween(79, 81));
        assertThat(cps.get(1).delta()).isNegative();
    }

    @Test
    void tooShortOrInvalidSettings() {
        assertThat(ChangePoints.defaults().detect(step(3, 1, 3, 9, 0, 5))).isEmpty();
        assertThatThrownBy(() -> new ChangePoints(0, 5, 1)).hasMessageContaining("threshold=0.0");
    }
}
