package io.sreagent.k8s.analysis;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.sreagent.k8s.internal.Times;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Everything the analyzers look at, read once from the API: the objects of one namespace plus the cluster-scoped
 * objects they depend on. Analysis over a snapshot is pure, so one diagnosis sees one consistent state and makes a
 * bounded number of API calls.
 *
 * <p>Secrets are kept as key names only: their data never enters the snapshot. Kinds the caller may not read (403)
 * are recorded in {@link #unreadable()} and treated as empty, so the analysis degrades instead of failing.
 */
public final class ClusterSnapshot {

    final String namespace;
    final List<Pod> pods;
    final List<Event> events;
    final List<ReplicaSet> replicaSets;
    final List<Deployment> deployments;
    final List<StatefulSet> statefulSets;
    final List<DaemonSet> daemonSets;
    final List<Job> jobs;
    final List<CronJob> cronJobs;
    final List<Service> services;
    final List<Endpoints> endpoints;
    final List<PersistentVolumeClaim> pvcs;
    final List<ResourceQuota> quotas;
    final List<LimitRange> limitRanges;
    final Map<String, Set<String>> configMapKeys;
    final Map<String, Set<String>> secretKeys;
    final List<Ingress> ingresses;
    final List<NetworkPolicy> networkPolicies;
    final List<HorizontalPodAutoscaler> hpas;
    final List<PodDisruptionBudget> pdbs;
    final List<Node> nodes;
    final Set<String> storageClasses;
    final Set<String> defaultStorageClasses;
    final Set<String> ingressClasses;
    final Set<String> defaultIngressClasses;
    final Map<String, Map<String, String>> namespaceLabels;
    final Map<String, String> unreadable;

    private ClusterSnapshot(Loader l) {
        this.namespace = l.namespace;
        this.pods = List.copyOf(l.pods);
        this.events = List.copyOf(l.events);
        this.replicaSets = List.copyOf(l.replicaSets);
        this.deployments = List.copyOf(l.deployments);
        this.statefulSets = List.copyOf(l.statefulSets);
        this.daemonSets = List.copyOf(l.daemonSets);
        this.jobs = List.copyOf(l.jobs);
        this.cronJobs = List.copyOf(l.cronJobs);
        this.services = List.copyOf(l.services);
        this.endpoints = List.copyOf(l.endpoints);
        this.pvcs = List.copyOf(l.pvcs);
        this.quotas = List.copyOf(l.quotas);
        this.limitRanges = List.copyOf(l.limitRanges);
        this.configMapKeys = Map.copyOf(l.configMapKeys);
        this.secretKeys = Map.copyOf(l.secretKeys);
        this.ingresses = List.copyOf(l.ingresses);
        this.networkPolicies = List.copyOf(l.networkPolicies);
        this.hpas = List.copyOf(l.hpas);
        this.pdbs = List.copyOf(l.pdbs);
        this.nodes = List.copyOf(l.nodes);
        this.storageClasses = Set.copyOf(l.storageClasses);
        this.defaultStorageClasses = Set.copyOf(l.defaultStorageClasses);
        this.ingressClasses = Set.copyOf(l.ingressClasses);
        this.defaultIngressClasses = Set.copyOf(l.defaultIngressClasses);
        this.namespaceLabels = Map.copyOf(l.namespaceLabels);
        this.unreadable = Map.copyOf(l.unreadable);
    }

    /**
     * Reads the objects of {@code namespace} and the cluster-scoped objects (Nodes, StorageClasses,
     * IngressClasses). With a null namespace it reads Pods of every namespace and no other namespaced kinds
     * (enough to analyse a Node).
     *
     * @throws KubernetesClientException when Pods cannot be read at all (the API is down or refuses us)
     */
    public static ClusterSnapshot load(KubernetesClient client, String namespace) {
        Loader l = new Loader(namespace);
        if (namespace == null) {
            l.pods = client.pods().inAnyNamespace().list().getItems();
            // What would hold a drain of a Node back, wherever its pods live.
            l.pdbs = l.read("poddisruptionbudgets", () -> client.policy().v1().podDisruptionBudget().inAnyNamespace()
                    .list().getItems());
        } else {
            // Pods are the heart of every diagnosis: failing to read them fails the call (typed by the caller).
            l.pods = client.pods().inNamespace(namespace).list().getItems();
            l.events = l.read("events", () -> client.v1().events().inNamespace(namespace).list().getItems());
            l.replicaSets = l.read("replicasets", () -> client.apps().replicaSets().inNamespace(namespace).list().getItems());
            l.deployments = l.read("deployments", () -> client.apps().deployments().inNamespace(namespace).list().getItems());
            l.statefulSets = l.read("statefulsets", () -> client.apps().statefulSets().inNamespace(namespace).list().getItems());
            l.daemonSets = l.read("daemonsets", () -> client.apps().daemonSets().inNamespace(namespace).list().getItems());
            l.jobs = l.read("jobs", () -> client.batch().v1().jobs().inNamespace(namespace).list().getItems());
            l.cronJobs = l.read("cronjobs", () -> client.batch().v1().cronjobs().inNamespace(namespace).list().getItems());
            l.services = l.read("services", () -> client.services().inNamespace(namespace).list().getItems());
            l.endpoints = l.read("endpoints", () -> client.endpoints().inNamespace(namespace).list().getItems());
            l.pvcs = l.read("persistentvolumeclaims", () -> client.persistentVolumeClaims().inNamespace(namespace).list().getItems());
            l.quotas = l.read("resourcequotas", () -> client.resourceQuotas().inNamespace(namespace).list().getItems());
            l.limitRanges = l.read("limitranges", () -> client.limitRanges().inNamespace(namespace).list().getItems());
            l.ingresses = l.read("ingresses", () -> client.network().v1().ingresses().inNamespace(namespace).list().getItems());
            l.networkPolicies = l.read("networkpolicies", () -> client.network().v1().networkPolicies()
                    .inNamespace(namespace).list().getItems());
            // Labels of namespaces, for NetworkPolicy namespaceSelectors (cluster-scoped: may be forbidden).
            l.read("namespaces", () -> client.namespaces().list().getItems()).forEach(n -> l.namespaceLabels.put(
                    n.getMetadata().getName(), n.getMetadata().getLabels() == null ? Map.of()
                            : Map.copyOf(n.getMetadata().getLabels())));
            l.pdbs = l.read("poddisruptionbudgets", () -> client.policy().v1().podDisruptionBudget()
                    .inNamespace(namespace).list().getItems());
            l.hpas = l.read("horizontalpodautoscalers", () -> client.autoscaling().v2().horizontalPodAutoscalers()
                    .inNamespace(namespace).list().getItems());
            for (ConfigMap cm : l.read("configmaps", () -> client.configMaps().inNamespace(namespace).list().getItems())) {
                Set<String> keys = new LinkedHashSet<>();
                if (cm.getData() != null) {
                    keys.addAll(cm.getData().keySet());
                }
                if (cm.getBinaryData() != null) {
                    keys.addAll(cm.getBinaryData().keySet());
                }
                l.configMapKeys.put(cm.getMetadata().getName(), keys);
            }
            for (Secret s : l.read("secrets", () -> client.secrets().inNamespace(namespace).list().getItems())) {
                Set<String> keys = new LinkedHashSet<>();
                if (s.getData() != null) {
                    keys.addAll(s.getData().keySet());
                }
                if (s.getStringData() != null) {
                    keys.addAll(s.getStringData().keySet());
                }
                // only the key names are kept: secret values never leave this method
                l.secretKeys.put(s.getMetadata().getName(), keys);
            }
        }
        l.nodes = l.read("nodes", () -> client.nodes().list().getItems());
        // Node events are recorded in the default namespace by the kubelet and node problem detector.
        if (!"default".equals(namespace)) {
            List<Event> nodeEvents = l.read("events(default)",
                    () -> client.v1().events().inNamespace("default").list().getItems());
            List<Event> all = new ArrayList<>(l.events);
            for (Event e : nodeEvents) {
                if (e.getInvolvedObject() != null && "Node".equals(e.getInvolvedObject().getKind())) {
                    all.add(e);
                }
            }
            l.events = all;
        }
        l.read("storageclasses", () -> client.storage().v1().storageClasses().list().getItems()).forEach(sc -> {
            l.storageClasses.add(sc.getMetadata().getName());
            Map<String, String> ann = sc.getMetadata().getAnnotations();
            if (ann != null && ("true".equals(ann.get("storageclass.kubernetes.io/is-default-class"))
                    || "true".equals(ann.get("storageclass.beta.kubernetes.io/is-default-class")))) {
                l.defaultStorageClasses.add(sc.getMetadata().getName());
            }
        });
        l.read("ingressclasses", () -> client.network().v1().ingressClasses().list().getItems())
                .forEach(ic -> {
                    l.ingressClasses.add(ic.getMetadata().getName());
                    Map<String, String> ann = ic.getMetadata().getAnnotations();
                    if (ann != null && "true".equals(ann.get("ingressclass.kubernetes.io/is-default-class"))) {
                        l.defaultIngressClasses.add(ic.getMetadata().getName());
                    }
                });
        return new ClusterSnapshot(l);
    }

    /** The namespace read, or null for a cluster-wide (Node) snapshot. */
    public String namespace() {
        return namespace;
    }

    /** Kinds that could not be read (kind → reason); the analysis treated them as empty. */
    public Map<String, String> unreadable() {
        return unreadable;
    }

    /** Events about one object, newest first. */
    List<Event> eventsFor(String kind, String name) {
        List<Event> out = new ArrayList<>();
        for (Event e : events) {
            if (e.getInvolvedObject() != null && Objects.equals(name, e.getInvolvedObject().getName())
                    && (kind == null || Objects.equals(kind, e.getInvolvedObject().getKind()))) {
                out.add(e);
            }
        }
        out.sort(Comparator.comparing((Event e) -> Optional.ofNullable(Times.lastSeen(e)).orElse(Instant.EPOCH))
                .reversed());
        return out;
    }

    Optional<Pod> pod(String name) {
        return find(pods, name);
    }

    Optional<Node> node(String name) {
        return find(nodes, name);
    }

    Optional<Service> service(String name) {
        return find(services, name);
    }

    Optional<Endpoints> endpointsOf(String name) {
        return find(endpoints, name);
    }

    Optional<PersistentVolumeClaim> pvc(String name) {
        return find(pvcs, name);
    }

    Optional<Deployment> deployment(String name) {
        return find(deployments, name);
    }

    Optional<StatefulSet> statefulSet(String name) {
        return find(statefulSets, name);
    }

    Optional<DaemonSet> daemonSet(String name) {
        return find(daemonSets, name);
    }

    Optional<ReplicaSet> replicaSet(String name) {
        return find(replicaSets, name);
    }

    Optional<Job> job(String name) {
        return find(jobs, name);
    }

    Optional<CronJob> cronJob(String name) {
        return find(cronJobs, name);
    }

    Optional<Ingress> ingress(String name) {
        return find(ingresses, name);
    }

    /**
     * The labels of namespace {@code ns}: as read, or (when namespaces could not be read or it is absent) the
     * {@code kubernetes.io/metadata.name} label the API server sets on every namespace.
     */
    Map<String, String> namespaceLabels(String ns) {
        Map<String, String> read = namespaceLabels.get(ns);
        if (read != null && read.containsKey("kubernetes.io/metadata.name")) {
            return read;
        }
        Map<String, String> out = new LinkedHashMap<>(read == null ? Map.of() : read);
        out.put("kubernetes.io/metadata.name", ns);
        return out;
    }

    /**
     * Whether namespace {@code ns} exists: listed among the namespaces, or (when they could not be listed) this
     * snapshot's namespace holding Pods or Services.
     */
    boolean namespaceExists(String ns) {
        if (!namespaceLabels.isEmpty()) {
            return namespaceLabels.containsKey(ns);
        }
        return Objects.equals(namespace, ns) && (!pods.isEmpty() || !services.isEmpty());
    }

    boolean readable(String kind) {
        return !unreadable.containsKey(kind);
    }

    private static <T extends HasMetadata> Optional<T> find(List<T> items, String name) {
        for (T t : items) {
            if (t.getMetadata() != null && Objects.equals(name, t.getMetadata().getName())) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    private static final class Loader {
        final String namespace;
        List<Pod> pods = List.of();
        List<Event> events = List.of();
        List<ReplicaSet> replicaSets = List.of();
        List<Deployment> deployments = List.of();
        List<StatefulSet> statefulSets = List.of();
        List<DaemonSet> daemonSets = List.of();
        List<Job> jobs = List.of();
        List<CronJob> cronJobs = List.of();
        List<Service> services = List.of();
        List<Endpoints> endpoints = List.of();
        List<PersistentVolumeClaim> pvcs = List.of();
        List<ResourceQuota> quotas = List.of();
        List<LimitRange> limitRanges = List.of();
        final Map<String, Set<String>> configMapKeys = new LinkedHashMap<>();
        final Map<String, Set<String>> secretKeys = new LinkedHashMap<>();
        List<Ingress> ingresses = List.of();
        List<NetworkPolicy> networkPolicies = List.of();
        List<HorizontalPodAutoscaler> hpas = List.of();
        List<PodDisruptionBudget> pdbs = List.of();
        List<Node> nodes = List.of();
        final Set<String> storageClasses = new LinkedHashSet<>();
        final Set<String> defaultStorageClasses = new LinkedHashSet<>();
        final Set<String> ingressClasses = new LinkedHashSet<>();
        final Set<String> defaultIngressClasses = new LinkedHashSet<>();
        final Map<String, Map<String, String>> namespaceLabels = new LinkedHashMap<>();
        final Map<String, String> unreadable = new LinkedHashMap<>();

        Loader(String namespace) {
            this.namespace = namespace;
        }

        <T> List<T> read(String kind, Supplier<List<T>> call) {
            try {
                List<T> items = call.get();
                return items == null ? List.of() : items;
            } catch (KubernetesClientException e) {
                // Forbidden or absent API groups degrade the analysis; a server that is down fails it.
                if (e.getCode() == 401 || e.getCode() == 403 || e.getCode() == 404 || e.getCode() == 405) {
                    unreadable.put(kind, e.getCode() + ": " + (e.getStatus() != null && e.getStatus().getMessage() != null
                            ? e.getStatus().getMessage() : e.getMessage()));
                    return List.of();
                }
                throw e;
            }
        }
    }
}
