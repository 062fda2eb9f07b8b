package io.sreagent.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoghubBenchmarkTest {

    @Test
    void groupingAccuracyCountsOnlyLinesWhoseGroupIsExactlyRight() {
        // truth: A = {0,1,2}, B = {3,4}, C = {5}
        List<String> truth = List.of("A", "A", "A", "B", "B", "C");
        List<String> truthTemplates = List.of("a <*>", "a <*>", "a <*>", "b", "b", "c");
        // predicted: {0,1} (A split), {2} (A split), {3,4} (B exact), {5} (C exact)
        int[] predicted = {7, 7, 8, 9, 9, 10};
        String[] templates = {"a <*>", "a <*>", "a x", "b", "b", "c <*>"};

        LoghubBenchmark.Accuracy acc = LoghubBenchmark.score(predicted, templates, truth, truthTemplates);

        assertThat(acc.grouping()).isEqualTo(3.0 / 6); // lines 3, 4, 5
        assertThat(acc.parsing()).isEqualTo(4.0 / 6); // lines 0, 1, 3, 4
    }

    @Test
    void aMergedGroupMakesAllItsLinesWrong() {
        List<String> truth = List.of("A", "A", "B");
        int[] predicted = {1, 1, 1};
        String[] templates = {"x", "x", "x"};
        assertThat(LoghubBenchmark.score(predicted, templates, truth, List.of("x", "x", "y")).grouping()).isZero();
    }

    @Test
    void runsOnAHandMadeDatasetAndWritesGroups(@TempDir Path dir) throws IOException {
        Path ds = Files.createDirectories(dir.resolve("Tiny"));
        Files.writeString(ds.resolve("Tiny_2k.log_structured.csv"), String.join("\n",
                "LineId,Content,EventId,EventTemplate",
                "1,Connection from 10.0.0.1 closed,E1,Connection from <*> closed",
                "2,Connection from 10.0.0.2 closed,E1,Connection from <*> closed",
                "3,\"Disk /dev/sda1 is 91% full, cleaning\",E2,\"Disk <*> is <*>% full, cleaning\"",
                ""));
        Path out = dir.resolve("groups");

        ObjectNode r = LoghubBenchmark.run(dir, out);

        assertThat(r.get("datasets").get(0).get("name").asText()).isEqualTo("Tiny");
        assertThat(r.get("datasets").get(0).get("grouping_accuracy").asDouble()).isEqualTo(1.0);
        assertThat(r.get("datasets").get(0).get("templates").asInt()).isEqualTo(2);
        assertThat(r.get("average").get("lines_per_second").asLong()).isPositive();
        List<String> csv = Files.readAllLines(out.resolve("Tiny.csv"));
        assertThat(csv.get(0)).isEqualTo("LineId,EventId,EventTemplate");
        assertThat(csv).hasSize(4);
        assertThat(csv.get(1).split(",")[1]).isEqualTo(csv.get(2).split(",")[1]);
    }

    @Test
    void csvParserHandlesQuotesDoubledQuotesAndCrlf() {
        List<String[]> rows = LoghubBenchmark.Csv.parse("a,b\r\n\"x,\"\"y\"\"\",z\r\n", "t");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(1)).containsExactly("x,\"y\"", "z");
        assertThatThrownBy(() -> LoghubBenchmark.Csv.parse("a\n\"open", "file.csv"))
                .hasMessageContaining("file.csv").hasMessageContaining("never closed");
    }

    @Test
    void aDirectoryWithoutDatasetsIsReported(@TempDir Path dir) {
        assertThatThrownBy(() -> LoghubBenchmark.run(dir, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no dataset");
    }
}
