package io.sreagent.k8s;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.sreagent.core.tool.Tool;
import io.sreagent.k8s.action.ActionTools;
import io.sreagent.k8s.read.ReadTools;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import io.sreagent.k8s.internal.ApiProbe;
import java.util.Objects;

/**
 * Builds this module's tools explicitly (no ServiceLoader needed): {@code KubernetesTools.create(client, config,
 * clock)} returns the read-only tools, the analyzers as tools, and the actions.
 */
public final class KubernetesTools {

    private KubernetesTools() {
    }

    /** Every tool of this module over {@code client}. */
    public static List<Tool> create(KubernetesClient client, KubernetesToolsConfig config, Clock clock) {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(clock, "clock");
        config.validate();
        List<Tool> out = new ArrayList<>(new ReadTools(client, config, clock).tools());
        out.addAll(new ActionTools(client, config, clock).tools());
        ApiProbe probe = new ApiProbe(client);
        return out.stream().map(probe::guard).toList();
    }

    /**
     * A client built from {@code config.kubeconfig()} when set, else from the standard lookup (KUBECONFIG,
     * ~/.kube/config, in-cluster service account), using the okhttp transport and the configured request timeout.
     *
     * @throws IllegalArgumentException when a kubeconfig file is named but cannot be read
     */
    public static KubernetesClient buildClient(KubernetesToolsConfig config) {
        Config base;
        String file = config.kubeconfig();
        if (file != null) {
            Path p = Path.of(file);
            if (!Files.isReadable(p)) {
                throw new IllegalArgumentException("KUBECONFIG names " + file + " which cannot be read; fix the path or"
                        + " unset it to use ~/.kube/config or the in-cluster service account");
            }
            try {
                base = Config.fromKubeconfig(Files.readString(p));
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException("cannot read kubeconfig " + file + ": " + e.getMessage(), e);
            }
        } else {
            base = Config.autoConfigure(null);
        }
        // fabric8's defaults retry a refused connection ten times with exponential backoff (about 100 s in all);
        // an incident tool must fail within its timeout and let the workflow degrade instead.
        Config cfg = new ConfigBuilder(base)
                .withRequestTimeout((int) config.requestTimeout().toMillis())
                .withConnectionTimeout((int) config.requestTimeout().toMillis())
                .withRequestRetryBackoffLimit(config.requestRetries())
                .withRequestRetryBackoffInterval(200)
                .build();
        return new KubernetesClientBuilder().withConfig(cfg)
                .withHttpClientFactory(new io.fabric8.kubernetes.client.okhttp.OkHttpClientFactory())
                .build();
    }
}
