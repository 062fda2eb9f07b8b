package io.sreagent.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.sreagent.workflow.SreWorkflow;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Swagger UI and ReDoc render in a real browser (Debian's Chromium, headless) with every host but the server made
 * unresolvable, so a page that needed a CDN would not render. Skipped when Chromium is absent.
 */
class RenderedDocsTest {

    static Path chromium() {
        for (String p : new String[] {"/usr/bin/chromium", "/usr/bin/chromium-browser"}) {
            if (Files.isExecutable(Path.of(p))) {
                return Path.of(p);
            }
        }
        return null;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"/docs, opblock-summary-path", "/redoc, redoc-wrap"})
    void theDocsRenderFromTheServersOwnFiles(String page, String rendered) throws Exception {
        Path browser = chromium();
        assumeThat(browser).as("Chromium is not installed; install it (apt-get install -y chromium) to run this test")
                .isNotNull();
        try (SreServer server = SreServer.create(SreWorkflow.builder().build()).start("127.0.0.1", 0)) {
            Process p = new ProcessBuilder(browser.toString(), "--headless=new", "--no-sandbox", "--disable-gpu",
                    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1", "--virtual-time-budget=10000",
                    "--dump-dom", "http://127.0.0.1:" + server.port() + page)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String dom = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(90, TimeUnit.SECONDS)).isTrue();
            assertThat(dom).contains(rendered).contains("Diagnose one incident");
        }
    }
}
