package io.sreagent.core.analysis.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BadInputTest {

    @Test
    void emptyInputGivesAnEmptySummary() {
        LogSummary s = LogAnalyzer.analyze(List.of(), Instant.EPOCH);
        assertThat(s.lines()).isZero();
        assertThat(s.templates()).isEmpty();
        assertThat(s.signatures()).isEmpty();
        assertThat(LogAnalyzer.analyze(null, null).events()).isZero();
    }

    @Test
    void emptyAndNullLinesAreMinedWithoutError() {
        TemplateMiner m = new TemplateMiner();
        int a = m.add("");
        int b = m.add(null);
        int c = m.add("   \t ");
        assertThat(m.resolve(a)).isEqualTo(m.resolve(b)).isEqualTo(m.resolve(c));
        assertThat(m.templateText(a)).isEmpty();
    }

    @Test
    void binaryJunkAndInvalidUtf8DoNotThrow() {
        Random r = new Random(42);
        List<LogLine> lines = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            byte[] junk = new byte[r.nextInt(300)];
            r.nextBytes(junk);
            // invalid UTF-8 becomes U+FFFD when decoded, as any reader of a log stream would do
            lines.add(LogLine.of(new String(junk, StandardCharsets.UTF_8)));
            lines.add(LogLine.of(new String(junk, StandardCharsets.ISO_8859_1))); // raw control bytes, NULs
        }
        lines.add(LogLine.of("\uD800 lone surrogate \uDFFF"));
        assertThatCode(() -> {
            LogSummary s = LogAnalyzer.analyze(lines, null);
            assertThat(s.lines()).isEqualTo(lines.size());
            s.toText(10);
        }).doesNotThrowAnyException();
    }

    @Test
    void oneMegabyteLinesAreHandledWithBoundedTemplates() {
        StringBuilder sb = new StringBuilder();
        while (sb.length() < 1_000_000) {
            sb.append("word").append(sb.length()).append(' ');
        }
        String huge = sb.toString();
        String noSpaces = "x".repeat(1_000_000);
        TemplateMiner m = new TemplateMiner();
        int a = m.add(huge);
        int b = m.add(noSpaces);
        assertThat(m.templateText(m.resolve(a)).length()).isLessThan(TemplateMiner.MAX_SCAN_CHARS * 2);
        assertThat(m.template(b).examples().get(0).length()).isLessThanOrEqualTo(2_000);
        LogSummary s = LogAnalyzer.analyze(List.of(LogLine.of(huge), LogLine.of(noSpaces),
                LogLine.of("Caused by: java.lang.OutOfMemoryError: " + noSpaces)), null);
        assertThat(s.lines()).isEqualTo(3);
    }
}
