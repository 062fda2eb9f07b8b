package io.sreagent.loki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sreagent.core.spi.ToolProvider;
import io.sreagent.core.spi.ToolProviderContext;
import io.sreagent.core.tool.Tool;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class LokiToolProviderTest {

    @Test
    void isFoundByServiceLoaderWithItsNamespaceAndArtifact() {
        ToolProvider p = ServiceLoader.load(ToolProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(x -> x instanceof LokiToolProvider).findFirst().orElseThrow();
        assertThat(p.namespace()).isEqualTo("loki");
        assertThat(p.artifact()).isEqualTo("io.sreagent:sre-agent-tools-loki");
    }

    @Test
    void refusesToStartWithoutLokiAndSaysWhatToSet() {
        assertThatThrownBy(() -> new LokiToolProvider().createTools(ToolProviderContext.empty()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("LOKI_URL");
    }

    @Test
    void acceptsAConfigComponentInsteadOfProperties() {
        LokiConfig cfg = Map.of("LOKI_URL", "http://loki.example:3100")::get;
        var tools = new LokiToolProvider().createTools(ToolProviderContext.builder()
                .component(LokiConfig.class, cfg).build());
        assertThat(tools).extracting(Tool::id).containsExactlyInAnyOrder("loki.query_range", "loki.log_patterns");
    }

    @Test
    void anInvalidUrlIsReportedWithItsValue() {
        assertThatThrownBy(() -> new LokiToolProvider().createTools(ToolProviderContext.builder()
                .properties(Map.of("LOKI_URL", "loki:3100")).build()))
                .hasMessageContaining("'loki:3100'");
    }
}
