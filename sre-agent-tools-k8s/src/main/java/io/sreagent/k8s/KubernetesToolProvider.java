package io.sreagent.k8s;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.sreagent.core.spi.ToolProvider;
import io.sreagent.core.spi.ToolProviderContext;
import io.sreagent.core.tool.Tool;

import java.util.List;

/**
 * The ServiceLoader entry of this module (namespace {@code k8s}): uses the host's {@link KubernetesClient} component
 * when it supplies one, else builds a client from KUBECONFIG or the in-cluster configuration; configuration comes
 * from the context's properties (see {@link KubernetesToolsConfig}).
 */
public final class KubernetesToolProvider implements ToolProvider {

    private final java.util.List<KubernetesClient> owned = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public String id() {
        return "k8s";
    }

    @Override
    public String namespace() {
        return "k8s";
    }

    @Override
    public String artifact() {
        return "io.sreagent:sre-agent-tools-k8s";
    }

    @Override
    public List<Tool> createTools(ToolProviderContext context) {
        KubernetesToolsConfig config = KubernetesToolsConfig.from(k -> context.property(k).orElse(null));
        config.validate();
        KubernetesClient client = context.component(KubernetesClient.class).orElseGet(() -> {
            KubernetesClient built = KubernetesTools.buildClient(config);
            owned.add(built);
            return built;
        });
        return KubernetesTools.create(client, config, context.clock());
    }

    /** Closes the clients this provider built (never a host's). */
    @Override
    public void close() {
        owned.forEach(KubernetesClient::close);
        owned.clear();
    }
}
