package io.sreagent.testkit.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpenMetricsParserTest {

    @Test
    void parsesFamiliesLabelsSpecialValuesAndDecimalTimestamps() {
        Metrics m = OpenMetricsParser.parse("""
                # TYPE http_requests counter
                # HELP http_requests Requests \\"served\\".
                # UNIT http_requests requests
                http_requests_total{code="200",path="a\\"b\\\\c"} 10 1700000000.5
                http_requests_total{code="200",path="a\\"b\\\\c"} +Inf 1700000030
                http_requests_total{code="500",path="x"} NaN 1700000000
                # TYPE temp gauge
                temp -Inf 1700000000.25
                # EOF
                """, "m.om");

        assertThat(m.families()).containsExactly(
                new MetricFamily("http_requests", "counter", "Requests \"served\".", "requests"),
                new MetricFamily("temp", "gauge", "", ""));
        assertThat(m.series()).hasSize(3);
        MetricSeries ok = m.series().stream().filter(s -> "200".equals(s.labels().get("code"))).findFirst().orElseThrow();
        assertThat(ok.labels()).containsEntry("path", "a\"b\\c").containsEntry("__name__", "http_requests_total");
        assertThat(ok.samples()).extracting(MetricSample::timestampMillis).containsExactly(1700000000500L, 1700000030000L);
        assertThat(ok.samples().get(1).value()).isInfinite();
        MetricSeries temp = m.series().stream().filter(s -> s.name().equals("temp")).findFirst().orElseThrow();
        assertThat(temp.samples().get(0).timestampMillis()).isEqualTo(1700000000250L);
    }

    @Test
    void acceptsACounterFamilyNamedWithItsTotalSuffixAsPromtoolDoes() {
        Metrics m = OpenMetricsParser.parse("# TYPE x_total counter\nx_total 1 1700000000\n# EOF\n", "m.om");
        // promtool also accepts a counter family whose samples carry exactly its name (Prometheus text habit).
        assertThat(OpenMetricsParser.parse("# TYPE requests_count counter\nrequests_count 3 1700000000\n# EOF\n", "m.om")
                .series()).singleElement().satisfies(s -> assertThat(s.name()).isEqualTo("requests_count"));

        assertThat(m.series()).singleElement().satisfies(s -> assertThat(s.name()).isEqualTo("x_total"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "# TYPE up gauge\\nup 1 1700000000\\n| line 3| EOF",
            "# TYPE up gauge\\nup 1\\n# EOF\\n| line 2| no timestamp",
            "# TYPE up gauge\\nup{a=\"1} 1 1\\n# EOF\\n| line 2| unterminated",
            "# TYPE up gauge\\nup{a=\"1\"} 1 1 2\\n# EOF\\n| line 2| after the timestamp",
            "# TYPE up gauge\\ndown 1 1\\n# EOF\\n| line 2| does not belong",
            "# TYPE up counter\\nup_bucket 1 1\\n# EOF\\n| line 2| does not belong",
            "# TYPE up gauge\\n# EOF\\nup 1 1\\n| line 2| last line",
            "# TYPE up gauge\\nup 1 1\\nup 2 1\\n# EOF\\n| line 3| duplicate",
            "# TYPE up gauges\\n# EOF\\n| line 1| unknown metric type",
            "# comment\\n# EOF\\n| line 1| unexpected comment",
            "# TYPE up gauge\\nup 0x1 1\\n# EOF\\n| line 2| invalid value",
            "# TYPE up gauge\\nup 1 1\\n# TYPE x gauge\\n# TYPE up gauge\\n# EOF\\n| line 4| appears twice",
    })
    void rejectsMalformedInputWithTheLine(String text, String line, String problem) {
        assertThatThrownBy(() -> OpenMetricsParser.parse(text.replace("\\n", "\n"), "bad.om"))
                .isInstanceOfSatisfying(ScenarioException.class, e -> {
                    assertThat(e.file()).isEqualTo("bad.om");
                    assertThat(e.position()).isEqualTo(line.trim());
                    assertThat(e.problem()).contains(problem.trim());
                });
    }
}
