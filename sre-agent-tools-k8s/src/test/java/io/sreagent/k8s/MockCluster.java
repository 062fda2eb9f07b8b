package io.sreagent.k8s;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Queue;
import java.util.HashMap;

/** A fabric8 Kubernetes mock server in CRUD mode with a real client, loaded from YAML (test fixture). */
public final class MockCluster implements AutoCloseable {

    public final KubernetesMockServer server;
    public final KubernetesClient client;

    private MockCluster() {
        // the mixed dispatcher answers expectations first (pod logs) and CRUD for everything else
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        server = new KubernetesMockServer(new Context(), new MockWebServer(), responses,
                new KubernetesMixedDispatcher(responses), false);
        server.init();
        client = server.createClient();
    }

    /** An empty CRUD cluster. */
    public static MockCluster crud() {
        return new MockCluster();
    }

    /** A CRUD cluster holding the objects of a test resource such as {@code clusters/cart-oom-killed.yaml}. */
    public static MockCluster fromResource(String resource) {
        MockCluster c = new MockCluster();
        try (InputStream in = MockCluster.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + resource);
            }
            c.load(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return c;
    }

    /** Creates every object of a multi-document YAML text, status included. */
    public MockCluster load(String yaml) {
        for (HasMetadata h : client.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))).items()) {
            try {
                client.resource(h).create();
            } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
                if (e.getCode() != 409) {
                    throw e;
                }
                // the same cluster-scoped object (a Node) in two fixtures: keep the first
            }
        }
        return this;
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
