package io.sreagent.prometheus.tools;

import io.sreagent.core.spi.ToolProvider;
import io.sreagent.core.spi.ToolProviderContext;
import io.sreagent.core.tool.Tool;
import io.sreagent.prometheus.catalog.MetricCatalog;
import io.sreagent.prometheus.client.PrometheusClient;
import io.sreagent.prometheus.client.PrometheusConfig;
import java.util.List;
import okhttp3.OkHttpClient;

/**
 * Provides the {@code prometheus.*} tools: configured by a {@link PrometheusConfig} component or by
 * {@code PROMETHEUS_URL} (and the other {@code PROMETHEUS_*} properties of {@link PrometheusConfig#fromEnv}); an
 * {@link OkHttpClient} component, when given, is shared.
 */
public final class PrometheusToolProvider implements ToolProvider {

    /** Needed by {@link java.util.ServiceLoader}. */
    public PrometheusToolProvider() {
    }

    @Override
    public String id() {
        return "prometheus";
    }

    @Override
    public String namespace() {
        return "prometheus";
    }

    @Override
    public String artifact() {
        return "io.sreagent:sre-agent-tools-prometheus";
    }

    /**
     * @throws IllegalStateException when neither a {@link PrometheusConfig} component nor {@code PROMETHEUS_URL} is
     *                               given
     */
    @Override
    public List<Tool> createTools(ToolProviderContext context) {
        PrometheusConfig config = context.component(PrometheusConfig.class).orElseGet(() -> {
            if (context.property("PROMETHEUS_URL").isEmpty()) {
                throw new IllegalStateException("Prometheus is not configured: set PROMETHEUS_URL (e.g. "
                        + "http://prometheus:9090) or supply a PrometheusConfig component");
            }
            return PrometheusConfig.fromEnv(k -> context.property(k).orElse(null));
        });
        OkHttpClient http = context.component(OkHttpClient.class).orElseGet(() -> {
            OkHttpClient built = new OkHttpClient();
            owned.add(built);
            return built;
        });
        PrometheusClient client = new PrometheusClient(config, http);
        return new PrometheusTools(client, context.clock(), MetricCatalog.standard()).tools();
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
