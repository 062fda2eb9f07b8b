package io.sreagent.loki;

import io.sreagent.core.spi.ToolProvider;
import io.sreagent.core.spi.ToolProviderContext;
import io.sreagent.core.tool.Tool;
import java.util.List;
import java.util.Optional;
import okhttp3.OkHttpClient;

/**
 * Provides the {@code loki.*} tools, found by {@link java.util.ServiceLoader} or registered explicitly.
 *
 * <p>Configuration: a {@link LokiConfig} component if the host supplied one, else the context's properties
 * ({@code LOKI_URL}, {@code LOKI_TENANT}, ...). An {@link OkHttpClient} component, if any, is shared. Throws (so the
 * registry reports and skips it) when neither a {@code LokiConfig} nor {@code LOKI_URL} is given.
 */
public final class LokiToolProvider implements ToolProvider {

    /** Needed by {@link java.util.ServiceLoader}. */
    public LokiToolProvider() {
    }

    @Override
    public String id() {
        return "loki";
    }

    @Override
    public String namespace() {
        return "loki";
    }

    @Override
    public String artifact() {
        return "io.sreagent:sre-agent-tools-loki";
    }

    @Override
    public List<Tool> createTools(ToolProviderContext context) {
        Optional<LokiConfig> component = context.component(LokiConfig.class);
        LokiConfig config;
        if (component.isPresent()) {
            config = component.get();
        } else if (context.property("LOKI_URL").isPresent()) {
            config = LokiConfig.fromEnv(k -> context.property(k).orElse(null));
        } else {
            throw new IllegalStateException("no Loki configured: set the LOKI_URL property (such as "
                    + "http://loki.monitoring:3100) or supply a LokiConfig component");
        }
        OkHttpClient http = context.component(OkHttpClient.class).orElseGet(() -> {
            OkHttpClient built = new OkHttpClient();
            owned.add(built);
            return built;
        });
        LokiClient client = new LokiClient(config, http);
        return new LokiTools(client, context.clock()).all();
    }

    /** Releases the threads and connections of the HTTP clients this provider built (never a host's). */
    @Override
    public void close() {
        for (OkHttpClient http : owned) {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
        owned.clear();
    }

    private final List<OkHttpClient> owned = new java.util.concurrent.CopyOnWriteArrayList<>();
}
