package io.sreagent.testkit.k8s;

import io.fabric8.kubernetes.api.Pluralize;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.okhttp.OkHttpClientFactory;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import java.util.Locale;
import io.sreagent.core.support.Json;
import io.sreagent.testkit.k8s.internal.ScenarioDispatcher;
import io.sreagent.testkit.scenario.Scenario;
import java.net.InetAddress;
import java.util.Collections;
import java.util.HashMap;

/**
 * A Kubernetes API server holding one scenario's cluster, for the real fabric8 client and the real Kubernetes tools.
 *
 * <p>Built on fabric8's mock server in CRUD mode, with what a real API server does and the CRUD store does not:
 * <ul>
 *   <li>objects keep {@code metadata.uid}, {@code resourceVersion}, {@code creationTimestamp} and
 *       {@code ownerReferences} exactly as written in {@code cluster.yaml}: they are put into the store directly,
 *       because creating them through the API lets the store replace uid, resourceVersion and creationTimestamp. A
 *       real (not dry-run) write afterwards gets a resourceVersion from the store's own counter, which restarts at a
 *       small number. An object written without {@code metadata.generation} gets its
 *       {@code status.observedGeneration} (else 1), because the store's update handlers need one;</li>
 *   <li>{@code dryRun=All} on POST, PUT, PATCH and DELETE (also on the {@code scale} and {@code eviction}
 *       subresources) validates the request against the stored object (404 when it does not exist, 409 on a name
 *       clash or a stale resourceVersion, 422 when a patch does not apply) and returns the would-be object, persisting
 *       nothing. JSON patch is applied as RFC 6902, merge patch as RFC 7386; strategic-merge and apply patches are
 *       treated as merge patches (they differ for lists with merge keys);</li>
 *   <li>{@code GET .../pods/POD/log} is served from {@code logs.json} ({@code container}, {@code previous},
 *       {@code tailLines}, {@code sinceSeconds} relative to the scenario clock, {@code sinceTime},
 *       {@code limitBytes}, {@code timestamps}); a pod or log stream that does not exist is a 404 with a
 *       {@code Status} body;</li>
 *   <li>{@code POST .../pods/POD/eviction} deletes the pod, as the API server does (PodDisruptionBudgets are not
 *       consulted); the store alone would keep the pod and file the Eviction as an object;</li>
 *   <li>{@code fieldSelector} on list requests ({@code involvedObject.name=x}, {@code status.phase!=Running}, any
 *       dotted field path, {@code =}, {@code ==} and {@code !=}) is applied by the server, as the CRUD store ignores
 *       it.</li>
 * </ul>
 * One server per scenario; each start is independent. Thread-safe for concurrent requests. Close it to stop the
 * server and the client.
 */
public final class EmbeddedCluster implements AutoCloseable {

    private final KubernetesMockServer server;
    private final NamespacedKubernetesClient client;

    private EmbeddedCluster(KubernetesMockServer server, NamespacedKubernetesClient client) {
        this.server = server;
        this.client = client;
    }

    /** Starts a server on a free loopback port loaded with every object of {@code scenario}. */
    public static EmbeddedCluster start(Scenario scenario) {
        KubernetesCrudDispatcher crud = new KubernetesCrudDispatcher(Collections.emptyList());
        KubernetesSerialization serialization = new KubernetesSerialization();
        for (HasMetadata object : scenario.objects()) {
            // The same key the store's own POST handler computes: the collection path's attributes plus the name.
            AttributeSet key = crud.getKey(collectionPath(object))
                    .add(new Attribute(KubernetesAttributesExtractor.NAME, object.getMetadata().getName()));
            crud.getMap().put(key, serialization.asJson(withGeneration(object, serialization)));
        }
        ScenarioDispatcher dispatcher = new ScenarioDispatcher(crud, scenario.logs(), scenario.now());
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                dispatcher, false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        NamespacedKubernetesClient client = server.createClient(new OkHttpClientFactory());
        return new EmbeddedCluster(server, client);
    }

    /**
     * The store's PATCH and PUT handlers need {@code metadata.generation}; {@code kubectl get -o yaml} output usually has
     * it, hand-written objects often not. A missing one becomes {@code status.observedGeneration}, else 1.
     */
    private static HasMetadata withGeneration(HasMetadata object, KubernetesSerialization serialization) {
        if (object.getMetadata().getGeneration() != null) {
            return object;
        }
        HasMetadata copy = serialization.clone(object);
        long generation = 1;
        if (copy instanceof GenericKubernetesResource g) {
            Object status = g.getAdditionalProperties().get("status");
            if (status instanceof java.util.Map<?, ?> m && m.get("observedGeneration") instanceof Number n) {
                generation = n.longValue();
            }
        } else {
            com.fasterxml.jackson.databind.JsonNode node = Json.mapper().valueToTree(copy);
            generation = Math.max(1, node.path("status").path("observedGeneration").asLong(1));
        }
        copy.getMetadata().setGeneration(generation);
        return copy;
    }

    private static String collectionPath(HasMetadata object) {
        String apiVersion = object.getApiVersion();
        String prefix = apiVersion.contains("/") ? "/apis/" + apiVersion : "/api/" + apiVersion;
        String plural = object instanceof GenericKubernetesResource
                ? Pluralize.toPlural(object.getKind().toLowerCase(Locale.ROOT))
                : HasMetadata.getPlural(object.getClass());
        String namespace = object.getMetadata().getNamespace();
        return prefix + (namespace == null || namespace.isEmpty() ? "" : "/namespaces/" + namespace) + "/" + plural;
    }

    /** A fabric8 client (okhttp transport) connected to this server; closed by {@link #close()}. */
    public KubernetesClient client() {
        return client;
    }

    /** The base URL of the API server, for example {@code http://127.0.0.1:41234/}. */
    public String url() {
        return client.getConfiguration().getMasterUrl();
    }

    /** Stops the client and the server. */
    @Override
    public void close() {
        client.close();
        try {
            server.destroy();
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // fabric8 7.5.2's MockWebServer.shutdown() races with its own Vert.x close and can throw this once the HTTP
            // server is closed and Vert.x is already stopping (fabric8io/kubernetes-client#7747, fixed after 7.5.2):
            // nothing is left to stop.
        }
    }
}
