package io.sreagent.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sreagent.cli.bench.NabBenchmark.Profile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NabBenchmarkTest {

    private static final Profile STANDARD = NabBenchmark.PROFILES.get(0);
    private static final DateTimeFormatter F = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @Test
    void scoringFollowsNabRules() {
        int rows = 1000; // probation = 150
        List<int[]> windows = List.of(new int[] {400, 499});
        // earliest possible detection in the window is worth the full tpWeight
        assertThat(NabBenchmark.rawScore(rows, windows, STANDARD, i -> i == 400)).isCloseTo(1.0, within(1e-12));
        // a detection at the right edge is worth S(-1/len)/S(-1), a little above zero
        double late = NabBenchmark.rawScore(rows, windows, STANDARD, i -> i == 499);
        assertThat(late).isBetween(0.0, 0.1);
        // only the earliest detection in a window counts
        assertThat(NabBenchmark.rawScore(rows, windows, STANDARD, i -> i >= 400 && i <= 499))
                .isCloseTo(1.0, within(1e-12));
        // no detection: -fnWeight; a false positive before any window: -fpWeight; inside probation: ignored
        assertThat(NabBenchmark.rawScore(rows, windows, STANDARD, i -> false)).isEqualTo(-1.0);
        assertThat(NabBenchmark.rawScore(rows, windows, STANDARD, i -> i == 300)).isCloseTo(-1.11, within(1e-12));
        assertThat(NabBenchmark.rawScore(rows, windows, STANDARD, i -> i == 100)).isEqualTo(-1.0);
        // a false positive right after a window costs little, far after it almost the full fpWeight
        double near = NabBenchmark.rawScore(rows, windows, STANDARD, i -> i == 500) + 1.0;
        double far = NabBenchmark.rawScore(rows, windows, STANDARD, i -> i == 999) + 1.0;
        assertThat(near).isBetween(-0.11, 0.0);
        assertThat(far).isLessThan(near).isCloseTo(-0.11, within(0.01));
        assertThat(NabBenchmark.probation(10_000)).isEqualTo(750);
        assertThat(NabBenchmark.probation(1000)).isEqualTo(150);
    }

    @Test
    void runScoresAToyCorpusAndWritesScoresAtTheSameRelativePaths(@TempDir Path dir) throws Exception {
        Path nab = dir.resolve("nab");
        Files.createDirectories(nab.resolve("data/realToy"));
        Files.createDirectories(nab.resolve("labels"));
        LocalDateTime t0 = LocalDateTime.of(2014, 1, 1, 0, 0);
        Random r = new Random(1);
        int rows = 2000;
        int spike = 1500;
        List<String> lines = new ArrayList<>(List.of("timestamp,value"));
        for (int i = 0; i < rows; i++) {
            double v = 10 + r.nextGaussian() + (i >= spike && i < spike + 5 ? 80 : 0);
            lines.add(t0.plusMinutes(5L * i).format(F) + "," + v);
        }
        Files.write(nab.resolve("data/realToy/toy.csv"), lines);
        String ws = t0.plusMinutes(5L * (spike - 50)).format(F) + ".000000";
        String we = t0.plusMinutes(5L * (spike + 50)).format(F) + ".000000";
        Files.writeString(nab.resolve("labels/combined_windows.json"),
                "{\"realToy/toy.csv\": [[\"" + ws + "\", \"" + we + "\"]]}");
        Path out = dir.resolve("scores");
        ObjectNode result = NabBenchmark.run(nab, out);
        assertThat(result.path("files").asInt()).isEqualTo(1);
        // one clear anomaly inside its window, noise elsewhere: the detector finds it early in the window
        assertThat(result.path("score").path("standard").asDouble()).isGreaterThan(50);
        assertThat(result.path("score").has("reward_low_fp")).isTrue();
        assertThat(result.path("score").has("reward_low_fn")).isTrue();
        List<String> scores = Files.readAllLines(out.resolve("realToy/toy.csv"));
        assertThat(scores).hasSize(rows + 1);
        assertThat(scores.get(0)).isEqualTo("timestamp,value,anomaly_score");
        assertThat(scores.get(1)).startsWith(lines.get(1).substring(0, 19));
    }

    @Test
    void missingFilesAreReported(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> NabBenchmark.run(dir, null)).hasMessageContaining("combined_windows.json");
        Files.createDirectories(dir.resolve("labels"));
        Files.writeString(dir.resolve("labels/combined_windows.json"), "{\"x/y.csv\": []}");
        assertThatThrownBy(() -> NabBenchmark.run(dir, null)).hasMessageContaining("y.csv");
    }
}
