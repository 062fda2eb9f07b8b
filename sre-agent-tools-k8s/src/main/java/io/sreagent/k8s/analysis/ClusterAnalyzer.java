package io.sreagent.k8s.analysis;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressServiceBackend;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.sreagent.core.incident.AnalysisKeys;
import io.sreagent.core.incident.Category;
import io.sreagent.core.incident.Finding;
import io.sreagent.core.incident.ResourceRef;
import io.sreagent.core.support.Json;
import io.sreagent.k8s.internal.Times;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import io.sreagent.core.input.KubernetesNames;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Finds what is wrong around one Kubernetes object and returns the causes as ranked {@link Finding}s.
 *
 * <p>{@link #analyze} resolves the start object (a Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob,
 * Node, Service, PersistentVolumeClaim or Ingress), walks up to the owning workload, and checks all of its pods,
 * their events, nodes, claims, quotas and the rollout history. It follows dependencies so the deepest cause in view
 * comes first (taxonomy "When causes chain"): a Service without endpoints leads to why its pods fail, a workload
 * that crash-loops while a Service named in its environment has no endpoints leads to that Service's workload.
 * {@link #analyzeService} starts from a dependency host as a log line names it ({@code postgres},
 * {@code postgres.shop.svc.cluster.local:5432}, a ClusterIP).
 *
 * <p>Thread-safe; each call reads one {@link ClusterSnapshot} (a bounded number of list calls) and analyses it
 * without further API calls. API failures surface as {@link io.fabric8.kubernetes.client.KubernetesClientException};
 * a start object that does not exist as {@link ObjectNotFoundException}.
 */
public final class ClusterAnalyzer {

    /** Confidence kept for a dependency found through the workload's environment rather than its logs. */
    static final double DECLARED_DEPENDENCY = 0.85;
    private static final Pattern URL_HOST = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*://(?:[^@/\\s]+@)?([A-Za-z0-9.-]+)");
    private static final Pattern BARE_HOST = Pattern.compile("^([a-z0-9]([a-z0-9.-]*[a-z0-9])?)(:\\d+)?$");
    private static final Pattern IPV4 = Pattern.compile("^\\d{1,3}(\\.\\d{1,3}){3}$");

    private final KubernetesClient client;
    private final Clock clock;

    public ClusterAnalyzer(KubernetesClient client, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Analyses the object {@code start} and everything it depends on.
     *
     * @throws ObjectNotFoundException when the start object does not exist
     * @throws IllegalArgumentException when the kind is not supported
     */
    public Analysis analyze(ResourceRef start) {
        String kind = normalizeKind(start.kind());
        ResourceRef ref = new ResourceRef(kind, "Node".equals(kind) ? null : start.namespace(), start.name());
        if (!"Node".equals(kind) && (start.namespace() == null || start.namespace().isBlank())) {
            throw new IllegalArgumentException(kind + " " + start.name() + " needs a namespace");
        }
        ClusterSnapshot s = ClusterSnapshot.load(client, ref.namespace());
        return analyze(s, ref, clock.instant());
    }

    /**
     * Resolves a dependency host to its Service, the Service's endpoints and backing workload, and analyses why it
     * serves nothing (scaled to zero, pods Pending or crashing, selector matching no pods).
     *
     * @param namespace the caller's namespace, used for short names
     * @param host      {@code postgres}, {@code postgres.shop}, {@code postgres.shop.svc.cluster.local},
     *                  {@code redis:6379}, {@code postgres://user@postgres:5432/db} or a ClusterIP
     */
    public Analysis analyzeService(String namespace, String host) {
        return analyzeService(namespace, host, null);
    }

    /**
     * As {@link #analyzeService(String, String)}, and when {@code caller} (the workload whose logs name the host) is
     * given, also whether a NetworkPolicy of either side denies the caller's pods the dependency's ports.
     */
    public Analysis analyzeService(String namespace, String host, @Nullable ResourceRef caller) {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host is empty; pass a Service name, DNS name or ClusterIP");
        }
        HostRef h = HostRef.parse(host, namespace);
        String ns = h.namespace;
        if (h.ip != null) {
            ns = findNamespaceOfIp(namespace, h.ip);
        }
        if (ns == null || ns.isBlank()) {
            throw new IllegalArgumentException("host '" + host + "' gives no namespace; pass the caller's namespace");
        }
        KubernetesNames.namespaceProblem("namespace of host", ns).ifPresent(p -> {
            throw new IllegalArgumentException(p);
        });
        ClusterSnapshot s = ClusterSnapshot.load(client, ns);
        Caller c = null;
        if (caller != null && caller.namespace() != null) {
            KubernetesNames.namespaceProblem("namespace of caller", caller.namespace()).ifPresent(p -> {
                throw new IllegalArgumentException(p);
            });
            ClusterSnapshot cs = caller.namespace().equals(ns) ? s : ClusterSnapshot.load(client, caller.namespace());
            c = Caller.of(ResourceRef.of(normalizeKind(caller.kind()), caller.namespace(), caller.name()), cs, h.port);
        }
        return analyzeService(s, h, clock.instant(), c);
    }

    /**
     * The workload on the calling side of a dependency, for NetworkPolicy evaluation.
     *
     * @param port the port the caller addresses, or -1 when it is not known
     */
    record Caller(ResourceRef workload, List<Pod> pods, List<NetworkPolicy> policies, Map<String, String> namespaceLabels,
                  int port) {
        static @Nullable Caller of(ResourceRef workload, ClusterSnapshot s, int port) {
            List<Pod> pods = "Pod".equals(workload.kind()) ? s.pod(workload.name()).map(List::of).orElse(List.of())
                    : Owners.podsOf(workload, s);
            return pods.isEmpty() ? null
                    : new Caller(workload, pods, s.networkPolicies, s.namespaceLabels(workload.namespace()), port);
        }
    }

    private String findNamespaceOfIp(String preferred, String ip) {
        if (preferred != null) {
            for (Service svc : client.services().inNamespace(preferred).list().getItems()) {
                if (svc.getSpec() != null && ip.equals(svc.getSpec().getClusterIP())) {
                    return preferred;
                }
            }
        }
        for (Service svc : client.services().inAnyNamespace().list().getItems()) {
            if (svc.getSpec() != null && ip.equals(svc.getSpec().getClusterIP())) {
                return svc.getMetadata().getNamespace();
            }
        }
        for (Pod p : client.pods().inAnyNamespace().list().getItems()) {
            if (p.getStatus() != null && ip.equals(p.getStatus().getPodIP())) {
                return p.getMetadata().getNamespace();
            }
        }
        return preferred;
    }

    /** Analyses {@code start} over an already-read snapshot (pure; for hosts that hold a snapshot). */
    public static Analysis analyze(ClusterSnapshot s, ResourceRef start, Instant now) {
        Run run = new Run(s, now);
        ObjectNode resolved = Json.object();
        String kind = normalizeKind(start.kind());
        String name = start.name();
        switch (kind) {
            case "Pod" -> {
                Pod p = s.pod(name).orElseThrow(() -> missing(start));
                List<ResourceRef> chain = Owners.chain(p, s);
                resolved.set(AnalysisKeys.OWNER_CHAIN, Json.mapper().valueToTree(chain));
                ResourceRef w = chain.get(chain.size() - 1);
                run.workload(w, List.of(), 0);
                run.frontingIngresses(w);
            }
            case "Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob", "ReplicaSet" -> {
                ResourceRef w = ResourceRef.of(kind, s.namespace, name);
                if (!exists(s, w)) {
                    throw missing(start);
                }
                if ("ReplicaSet".equals(kind)) {
                    var owner = Owners.controller(s.replicaSet(name).orElseThrow());
                    if (owner != null) {
                        w = ResourceRef.of(owner.getKind(), s.namespace, owner.getName());
                    }
                } else if ("Job".equals(kind)) {
                    var owner = Owners.controller(s.job(name).orElseThrow());
                    if (owner != null && "CronJob".equals(owner.getKind())) {
                        w = ResourceRef.of("CronJob", s.namespace, owner.getName());
                    }
                }
                resolved.set(AnalysisKeys.WORKLOAD, Json.mapper().valueToTree(w));
                run.workload(w, List.of(), 0);
                run.frontingIngresses(w);
            }
            case "Node" -> {
                Node n = s.node(name).orElseThrow(() -> missing(start));
                run.add(new NodeChecks(s).check(n, List.of()), List.of(), 0, 1.0);
                for (Pod p : s.pods) {
                    if (p.getSpec() != null && name.equals(p.getSpec().getNodeName()) && p.getStatus() != null
                            && "Evicted".equals(p.getStatus().getReason())) {
                        run.add(run.pods.check(p), List.of(), 0, 1.0);
                    }
                }
            }
            case "Service" -> {
                Service svc = s.service(name).orElseThrow(() -> missing(start));
                run.service(svc, List.of(), 0, 1.0, resolved, null);
            }
            case "PersistentVolumeClaim" -> {
                PersistentVolumeClaim pvc = s.pvc(name).orElseThrow(() -> missing(start));
                run.add(run.storage.check(pvc, List.of()), List.of(), 0, 1.0);
                for (Pod p : s.pods) {
                    for (Volume v : PodChecks.volumes(p)) {
                        if (v.getPersistentVolumeClaim() != null && name.equals(v.getPersistentVolumeClaim().getClaimName())) {
                            run.workload(Owners.workloadOf(p, s), List.of(), 0);
                        }
                    }
                }
            }
            case "Ingress" -> {
                Ingress ing = s.ingress(name).orElseThrow(() -> missing(start));
                // The Services it routes to: callers of the cause usually sit behind them.
                resolved.set(AnalysisKeys.BACKEND_SERVICES, Json.mapper().valueToTree(backends(ing)));
                run.ingress(ing, List.of());
            }
            default -> throw new IllegalArgumentException("cannot analyse kind '" + start.kind()
                    + "'; use Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, Node, Service,"
                    + " PersistentVolumeClaim or Ingress");
        }
        return new Analysis(new ResourceRef(kind, start.namespace(), name), run.ranked(), s.unreadable, resolved);
    }

    /** The Services an Ingress routes to (default backend and every path), in order. */
    static Set<String> backends(Ingress ing) {
        Set<String> out = new LinkedHashSet<>();
        routes(ing).values().forEach(b -> out.add(b.getName()));
        return out;
    }

    /** Each route of an Ingress ("host/path", or "the default backend") with the Service backend it names. */
    static Map<String, IngressServiceBackend> routes(Ingress ing) {
        Map<String, IngressServiceBackend> out = new LinkedHashMap<>();
        if (ing.getSpec() == null) {
            return out;
        }
        if (ing.getSpec().getDefaultBackend() != null && ing.getSpec().getDefaultBackend().getService() != null) {
            out.put("the default backend", ing.getSpec().getDefaultBackend().getService());
        }
        if (ing.getSpec().getRules() != null) {
            for (IngressRule r : ing.getSpec().getRules()) {
                if (r.getHttp() == null || r.getHttp().getPaths() == null) {
                    continue;
                }
                for (HTTPIngressPath p : r.getHttp().getPaths()) {
                    if (p.getBackend() != null && p.getBackend().getService() != null
                            && p.getBackend().getService().getName() != null) {
                        out.putIfAbsent((r.getHost() == null ? "*" : r.getHost())
                                + (p.getPath() == null ? "/" : p.getPath()), p.getBackend().getService());
                    }
                }
            }
        }
        return out;
    }

    /** Analyses a dependency host over an already-read snapshot of its namespace. */
    static Analysis analyzeService(ClusterSnapshot s, HostRef h, Instant now, @Nullable Caller caller) {
        Run run = new Run(s, now);
        ObjectNode resolved = Json.object();
        resolved.put("host", h.raw);
        Service svc = null;
        if (h.ip != null) {
            for (Service x : s.services) {
                if (x.getSpec() != null && h.ip.equals(x.getSpec().getClusterIP())) {
                    svc = x;
                }
            }
            if (svc == null) {
                for (Pod p : s.pods) {
                    if (p.getStatus() != null && h.ip.equals(p.getStatus().getPodIP())) {
                        ResourceRef w = Owners.workloadOf(p, s);
                        resolved.set(AnalysisKeys.WORKLOAD, Json.mapper().valueToTree(w));
                        run.workload(w, List.of("host " + h.raw + " is the IP of Pod " + p.getMetadata().getName()), 0);
                        return new Analysis(w, run.ranked(), s.unreadable, resolved);
                    }
                }
            }
        } else if (h.service != null) {
            svc = s.service(h.service).orElse(null);
        }
        if (svc == null) {
            resolved.putNull(AnalysisKeys.SERVICE);
            ResourceRef missing = ResourceRef.of("Service", s.namespace, h.service == null ? h.raw : h.service);
            boolean clusterName = h.ip == null && !h.external && h.service != null && s.readable("services")
                    && s.namespaceExists(s.namespace) && KubernetesNames.isLabel(h.service);
            resolved.put("note", h.external || h.ip != null ? "host is outside the cluster's service DNS: no Service to follow"
                    : "no Service matches host '" + h.raw + "' in namespace " + s.namespace
                    + " (the name does not resolve in the cluster: the Service was deleted or the name is wrong)");
            List<Finding> found = List.of();
            if (clusterName) {
                // A cluster-local name without a Service is NXDOMAIN by design: the dependency is gone, not DNS.
                String msg = "no Service " + s.namespace + "/" + h.service + " exists, so the cluster name " + h.raw
                        + " does not resolve: the dependency was deleted or was never created";
                found = List.of(PodChecks.finding("dependency.service_missing", Category.DEPENDENCY_UNAVAILABLE, missing,
                        missing, 0.7, msg, Json.object().put("host", h.raw).put("service", h.service), null, List.of(msg)));
            }
            return new Analysis(missing, found, s.unreadable, resolved);
        }
        ResourceRef ref = ResourceRef.of("Service", s.namespace, svc.getMetadata().getName());
        resolved.set(AnalysisKeys.SERVICE, Json.mapper().valueToTree(ref));
        run.service(svc, List.of(), 0, 1.0, resolved, caller);
        return new Analysis(ref, run.ranked(), s.unreadable, resolved);
    }

    static String normalizeKind(String kind) {
        String k = kind == null ? "" : kind.trim().toLowerCase(Locale.ROOT);
        return switch (k) {
            case "pod", "pods", "po" -> "Pod";
            case "deployment", "deployments", "deploy" -> "Deployment";
            case "statefulset", "statefulsets", "sts" -> "StatefulSet";
            case "daemonset", "daemonsets", "ds" -> "DaemonSet";
            case "replicaset", "replicasets", "rs" -> "ReplicaSet";
            case "job", "jobs" -> "Job";
            case "cronjob", "cronjobs", "cj" -> "CronJob";
            case "node", "nodes", "no" -> "Node";
            case "service", "services", "svc" -> "Service";
            case "persistentvolumeclaim", "persistentvolumeclaims", "pvc" -> "PersistentVolumeClaim";
            case "ingress", "ingresses", "ing" -> "Ingress";
            default -> kind;
        };
    }

    private static boolean exists(ClusterSnapshot s, ResourceRef w) {
        return switch (w.kind()) {
            case "Deployment" -> s.deployment(w.name()).isPresent();
            case "StatefulSet" -> s.statefulSet(w.name()).isPresent();
            case "DaemonSet" -> s.daemonSet(w.name()).isPresent();
            case "Job" -> s.job(w.name()).isPresent();
            case "CronJob" -> s.cronJob(w.name()).isPresent();
            case "ReplicaSet" -> s.replicaSet(w.name()).isPresent();
            case "Pod" -> s.pod(w.name()).isPresent();
            default -> false;
        };
    }

    private static ObjectNotFoundException missing(ResourceRef r) {
        return new ObjectNotFoundException(r.kind() + " " + (r.namespace() == null ? "" : r.namespace() + "/") + r.name()
                + " does not exist; check the name and namespace (kubectl get " + r.kind().toLowerCase(Locale.ROOT)
                + (r.namespace() == null ? "" : " -n " + r.namespace()) + ")");
    }

    /** A dependency host as a log line or an environment variable names it. */
    static final class HostRef {
        final String raw;
        String service;
        String namespace;
        String ip;
        int port = -1;
        boolean external;

        private HostRef(String raw) {
            this.raw = raw;
        }

        static HostRef parse(String raw, String defaultNs) {
            HostRef h = new HostRef(raw.trim());
            String host = raw.trim();
            int scheme = host.indexOf("://");
            if (scheme >= 0) {
                host = host.substring(scheme + 3);
            }
            int at = host.lastIndexOf('@');
            if (at >= 0) {
                host = host.substring(at + 1);
            }
            int slash = host.indexOf('/');
            if (slash >= 0) {
                host = host.substring(0, slash);
            }
            int colon = host.lastIndexOf(':');
            if (colon > 0 && host.indexOf(':') == colon) {
                String port = host.substring(colon + 1);
                if (port.matches("\\d{1,5}")) {
                    h.port = Integer.parseInt(port);
                }
                host = host.substring(0, colon);
            }
            host = host.toLowerCase(Locale.ROOT);
            if (host.endsWith(".")) {
                host = host.substring(0, host.length() - 1);
            }
            h.namespace = defaultNs;
            if (IPV4.matcher(host).matches()) {
                h.ip = host;
                return h;
            }
            String[] labels = host.split("\\.");
            if (labels.length == 1) {
                h.service = labels[0];
            } else if (labels.length == 2 || (labels.length >= 3 && "svc".equals(labels[2]))) {
                h.service = labels[0];
                h.namespace = labels[1];
            } else {
                h.external = true;
                h.service = labels[0];
            }
            return h;
        }
    }

    /** One analysis: the snapshot, the checks and what they found. */
    static final class Run {
        final ClusterSnapshot s;
        final StorageChecks storage;
        final PodChecks pods;
        final NodeChecks nodes;
        final ControllerChecks controllers;
        final List<Scored> out = new ArrayList<>();
        private final Set<ResourceRef> visited = new LinkedHashSet<>();
        private final Set<String> visitedServices = new LinkedHashSet<>();

        Run(ClusterSnapshot s, Instant now) {
            this.s = s;
            this.storage = new StorageChecks(s);
            this.pods = new PodChecks(s, now, storage);
            this.nodes = new NodeChecks(s);
            this.controllers = new ControllerChecks(s);
        }

        /** Adds findings reached through {@code via}, {@code hops} objects away, confidence scaled by {@code factor}. */
        void add(List<Scored> found, List<String> via, int hops, double factor) {
            for (Scored sc : found) {
                Finding f = sc.finding();
                List<String> chain = new ArrayList<>(via);
                chain.addAll(f.chain());
                Finding g = new Finding(f.source(), f.analyzer(), f.category(), f.resource(), f.subject(),
                        Math.max(0, Math.min(1, f.confidence() * factor)), f.summary(), f.detail(), f.since(), chain);
                out.add(new Scored(g, sc.hops() + hops));
            }
        }

        void workload(ResourceRef w, List<String> via, int hops) {
            if (!visited.add(w)) {
                return;
            }
            switch (w.kind()) {
                case "Deployment" -> s.deployment(w.name()).ifPresent(d -> add(controllers.deployment(d), via, hops, 1.0));
                case "StatefulSet" -> s.statefulSet(w.name()).ifPresent(st -> add(controllers.statefulSet(st), via, hops, 1.0));
                case "DaemonSet" -> s.daemonSet(w.name()).ifPresent(ds -> add(controllers.daemonSet(ds), via, hops, 1.0));
                case "Job" -> s.job(w.name()).ifPresent(j -> add(controllers.job(j, w), via, hops, 1.0));
                case "CronJob" -> s.cronJob(w.name()).ifPresent(cj -> add(controllers.cronJob(cj), via, hops, 1.0));
                case "ReplicaSet" -> s.replicaSet(w.name()).ifPresent(rs -> add(controllers.replicaSet(rs, w), via, hops, 1.0));
                default -> { }
            }
            List<Pod> mine = "Pod".equals(w.kind()) ? s.pod(w.name()).map(List::of).orElse(List.of()) : Owners.podsOf(w, s);
            int before = out.size();
            for (Pod p : mine) {
                add(pods.check(p), via, hops, 1.0);
            }
            Set<String> nodeNames = new LinkedHashSet<>();
            Set<String> claims = new LinkedHashSet<>();
            for (Pod p : mine) {
                if (p.getSpec() != null && p.getSpec().getNodeName() != null) {
                    nodeNames.add(p.getSpec().getNodeName());
                }
                for (Volume v : PodChecks.volumes(p)) {
                    if (v.getPersistentVolumeClaim() != null) {
                        claims.add(v.getPersistentVolumeClaim().getClaimName());
                    }
                }
            }
            for (String n : nodeNames) {
                s.node(n).ifPresent(node -> add(nodes.check(node,
                        List.of(w.kind() + " " + w.namespace() + "/" + w.name() + " has pods on node " + n)), via, hops, 1.0));
            }
            for (String c : claims) {
                add(storage.checkClaim(w.namespace(), c, List.of(w.kind() + " " + w.namespace() + "/" + w.name()
                        + " mounts claim " + c)), via, hops, 1.0);
            }
            boolean crashing = false;
            for (int i = before; i < out.size(); i++) {
                Category c = out.get(i).finding().category();
                String an = out.get(i).finding().analyzer();
                // a crash, an unexplained kill or a failing readiness probe can all be a dependency that is down
                if (c == Category.APP_CRASH || an.equals("pod.killed")
                        || (an.equals("pod.probe_failure") && "readiness".equals(out.get(i).finding().detail().path("probe").asText()))) {
                    crashing = true;
                }
            }
            if (crashing && !mine.isEmpty()) {
                dependencies(w, mine, via, hops);
            }
        }

        /** Follows Services named in the workload's environment when it crashes: a dependency may be down. */
        private void dependencies(ResourceRef w, List<Pod> mine, List<String> via, int hops) {
            Pod p = mine.get(0);
            if (p.getSpec() == null || p.getSpec().getContainers() == null) {
                return;
            }
            boolean depDown = false;
            for (Container c : p.getSpec().getContainers()) {
                if (c.getEnv() == null) {
                    continue;
                }
                for (EnvVar ev : c.getEnv()) {
                    for (String host : hosts(ev.getValue())) {
                        HostRef h = HostRef.parse(host, w.namespace());
                        if (h.ip != null || h.external || !Objects.equals(h.namespace, s.namespace)) {
                            continue;
                        }
                        Service svc = s.service(h.service).orElse(null);
                        if (svc == null || selectsAny(svc, mine)) {
                            continue;
                        }
                        int before = out.size();
                        List<String> v = new ArrayList<>(via);
                        v.add(w.kind() + " " + w.namespace() + "/" + w.name() + " crashes; env " + ev.getName()
                                + " of container " + c.getName() + " names Service " + svc.getMetadata().getName());
                        service(svc, v, hops + 1, DECLARED_DEPENDENCY, null,
                                new Caller(w, mine, s.networkPolicies, s.namespaceLabels(w.namespace()), h.port));
                        for (int i = before; i < out.size(); i++) {
                            Finding f = out.get(i).finding();
                            if (f.category() != Category.UNKNOWN) {
                                depDown = true;
                                ((ObjectNode) f.detail()).put("discovered_via", "env " + ev.getName() + " of " + w);
                            }
                        }
                    }
                }
            }
            if (depDown) {
                // the crash is probably the dependency's fault: lower the app-crash findings of this workload
                for (int i = 0; i < out.size(); i++) {
                    Finding f = out.get(i).finding();
                    if ((f.category() == Category.APP_CRASH || f.category() == Category.PROBE_FAILURE)
                            && f.resource().equals(w)) {
                        ((ObjectNode) f.detail()).put("dependency_down", true);
                        out.set(i, new Scored(f.withConfidence(f.confidence() * 0.75), out.get(i).hops()));
                    }
                }
            }
        }

        static List<String> hosts(String value) {
            List<String> out = new ArrayList<>();
            if (value == null || value.isBlank() || value.length() > 2048) {
                return out;
            }
            Matcher m = URL_HOST.matcher(value);
            while (m.find()) {
                out.add(m.group(1));
            }
            if (out.isEmpty()) {
                Matcher b = BARE_HOST.matcher(value.trim());
                if (b.matches()) {
                    out.add(value.trim());
                }
            }
            return out;
        }

        private boolean selectsAny(Service svc, List<Pod> pods) {
            Map<String, String> sel = svc.getSpec() == null ? null : svc.getSpec().getSelector();
            for (Pod p : pods) {
                if (Owners.matches(sel, p.getMetadata().getLabels())) {
                    return true;
                }
            }
            return false;
        }

        void service(Service svc, List<String> via, int hops, double factor, @Nullable ObjectNode resolved,
                     @Nullable Caller caller) {
            String name = svc.getMetadata().getName();
            if (!visitedServices.add(name)) {
                return;
            }
            String ns = svc.getMetadata().getNamespace();
            ResourceRef ref = ResourceRef.of("Service", ns, name);
            Endpoints ep = s.endpointsOf(name).orElse(null);
            int ready = 0;
            List<String> notReady = new ArrayList<>();
            if (ep != null && ep.getSubsets() != null) {
                for (EndpointSubset sub : ep.getSubsets()) {
                    ready += sub.getAddresses() == null ? 0 : sub.getAddresses().size();
                    if (sub.getNotReadyAddresses() != null) {
                        sub.getNotReadyAddresses().forEach(a -> notReady.add(a.getTargetRef() == null ? a.getIp()
                                : a.getTargetRef().getKind() + "/" + a.getTargetRef().getName()));
                    }
                }
            }
            Map<String, String> selector = svc.getSpec() == null ? null : svc.getSpec().getSelector();
            List<Pod> matching = new ArrayList<>();
            for (Pod p : s.pods) {
                if (Owners.matches(selector, p.getMetadata().getLabels())) {
                    matching.add(p);
                }
            }
            if (resolved != null) {
                resolved.put("ready_endpoints", ready);
                resolved.set("not_ready_endpoints", Json.mapper().valueToTree(notReady));
                resolved.set("selector", Json.mapper().valueToTree(selector));
                resolved.set("matching_pods", Json.mapper().valueToTree(PodChecks.names(matching)));
            }
            ObjectNode base = Json.object();
            base.put("service", name);
            base.set("selector", Json.mapper().valueToTree(selector));
            base.put("ready_endpoints", ready);
            base.set("not_ready_endpoints", Json.mapper().valueToTree(notReady));
            for (Event e : s.eventsFor("Service", name)) {
                if (!"Normal".equals(e.getType())) {
                    String msg = "Service " + ns + "/" + name + " has event " + e.getMessage();
                    add(List.of(new Scored(PodChecks.finding("service.event", Category.UNKNOWN, ref, ref, 0.4, msg,
                            base.deepCopy().put("reason", e.getReason()), Times.firstSeen(e), List.of(msg)), 0)),
                            via, hops, factor);
                }
            }
            if (!matching.isEmpty() && undeclaredTargetPorts(svc, ref, matching, ready, base, via, hops, factor)) {
                return;
            }
            if (caller != null && ready > 0) {
                networkPolicy(svc, ref, matching, caller, via, hops, factor);
            }
            if (selector == null || selector.isEmpty()) {
                if (ready == 0 && (svc.getSpec() == null || !"ExternalName".equals(svc.getSpec().getType()))) {
                    String msg = "Service " + ns + "/" + name + " has no selector and no ready endpoints";
                    add(List.of(new Scored(PodChecks.finding("service.no_endpoints", Category.SERVICE_NO_ENDPOINTS, ref, ref,
                            0.6, msg, base, null, List.of(msg)), 0)), via, hops, factor);
                }
                return;
            }
            if (ready > 0 && notReady.isEmpty()) {
                return;
            }
            String step = ready == 0 ? "Service " + ns + "/" + name + " has no ready endpoints"
                    : "Service " + ns + "/" + name + " has " + notReady.size() + " not ready endpoints";
            List<String> v = new ArrayList<>(via);
            v.add(step);
            if (matching.isEmpty()) {
                List<HasMetadata> backing = backingWorkloads(selector);
                if (backing.isEmpty() && resembling(selector, name).isEmpty()) {
                    // Nothing even resembles what it selects: the workload is gone, not mislabelled.
                    String msg = "Service " + ns + "/" + name + " selects no pods and no workload in " + ns
                            + " resembles its selector " + selector + ": the workload behind it was deleted or never"
                            + " deployed";
                    add(List.of(new Scored(PodChecks.finding("dependency.no_workload", Category.DEPENDENCY_UNAVAILABLE,
                            ref, ref, 0.8, msg, base, null, List.of(step, msg)), 0)), via, hops, factor);
                    return;
                }
                if (backing.isEmpty()) {
                    String msg = "Service " + ns + "/" + name + " selects no pods: no pod or workload carries the labels "
                            + selector + " (" + String.join(", ", resembling(selector, name)) + " nearly does)";
                    add(List.of(new Scored(PodChecks.finding("service.selector_matches_nothing",
                            Category.SERVICE_NO_ENDPOINTS, ref, ref, 0.9, msg, base, null,
                            List.of(step, "selector " + selector + " matches no pod and no workload template")), 0)),
                            via, hops, factor);
                    return;
                }
                for (HasMetadata w : backing) {
                    ResourceRef wref = ResourceRef.of(w.getKind(), ns, w.getMetadata().getName());
                    if (resolved != null) {
                        resolved.set(AnalysisKeys.WORKLOAD, Json.mapper().valueToTree(wref));
                    }
                    Integer replicas = replicas(w);
                    if (replicas != null && replicas == 0) {
                        ObjectNode d = base.deepCopy();
                        d.put("workload", wref.toString());
                        d.put("replicas", 0);
                        Instant since = null;
                        for (Event e : s.eventsFor(w.getKind(), w.getMetadata().getName())) {
                            String r = e.getReason() == null ? "" : e.getReason();
                            if (r.equals("SuccessfulDelete") || r.equals("ScalingReplicaSet")) {
                                since = Times.lastSeen(e);
                                d.put("last_scale_event", r + ": " + e.getMessage());
                                break;
                            }
                        }
                        String msg = wref.kind() + " " + ns + "/" + wref.name() + " behind Service " + name
                                + " is scaled to 0 replicas, so the Service has no endpoints";
                        add(List.of(new Scored(PodChecks.finding("dependency.scaled_to_zero",
                                Category.DEPENDENCY_UNAVAILABLE, wref, ref, 0.9, msg, d, since,
                                List.of(step, wref.kind() + " " + ns + "/" + wref.name() + " has spec.replicas 0")), 1)),
                                via, hops, factor);
                    } else {
                        int before = out.size();
                        workload(wref, v, hops + 1);
                        if (!hasCause(before)) {
                            ObjectNode d = base.deepCopy().put("workload", wref.toString());
                            String msg = wref.kind() + " " + ns + "/" + wref.name() + " behind Service " + name
                                    + " wants " + replicas + " replicas but has no pods";
                            add(List.of(new Scored(PodChecks.finding("dependency.no_pods", Category.DEPENDENCY_UNAVAILABLE,
                                    wref, ref, 0.6, msg, d, null, List.of(step, msg)), 1)), via, hops, factor);
                        }
                    }
                }
                return;
            }
            Set<ResourceRef> owners = new LinkedHashSet<>();
            matching.forEach(p -> owners.add(Owners.workloadOf(p, s)));
            if (resolved != null && owners.size() == 1) {
                resolved.set(AnalysisKeys.WORKLOAD, Json.mapper().valueToTree(owners.iterator().next()));
            }
            for (ResourceRef w : owners) {
                int before = out.size();
                workload(w, v, hops + 1);
                scale(before, factor);
                if (ready == 0 && !hasCause(before)) {
                    ObjectNode d = base.deepCopy().put("workload", w.toString());
                    String msg = w.kind() + " " + ns + "/" + w.name() + " behind Service " + name
                            + " has pods but none is ready";
                    add(List.of(new Scored(PodChecks.finding("dependency.not_ready", Category.DEPENDENCY_UNAVAILABLE, w, ref,
                            0.6, msg, d, null, List.of(step, msg)), 1)), via, hops, factor);
                }
            }
            if (ready > 0 && !notReady.isEmpty()) {
                String msg = "Service has not ready endpoints, pods: " + notReady + ", expected " + notReady.size();
                add(List.of(new Scored(PodChecks.finding("service.not_ready_endpoints", Category.UNKNOWN, ref, ref, 0.3,
                        msg, base, null, List.of(step)), 0)), via, hops, factor);
            }
        }

        /**
         * Finds the Service's named targetPorts that none of the pods it selects declares (the endpoints controller
         * then publishes no address for that port). True when that alone explains why ready pods serve nothing.
         */
        private boolean undeclaredTargetPorts(Service svc, ResourceRef ref, List<Pod> matching, int ready,
                                              ObjectNode base, List<String> via, int hops, double factor) {
            if (svc.getSpec() == null || svc.getSpec().getPorts() == null) {
                return false;
            }
            boolean found = false;
            for (ServicePort sp : svc.getSpec().getPorts()) {
                IntOrString tp = sp.getTargetPort();
                if (tp == null || tp.getStrVal() == null) {
                    continue;
                }
                String portName = tp.getStrVal();
                Set<String> declared = new LinkedHashSet<>();
                boolean any = false;
                for (Pod p : matching) {
                    for (var cp : NetworkPolicies.containerPorts(p)) {
                        declared.add((cp.getName() == null ? "" : cp.getName() + "=") + cp.getContainerPort());
                        any |= portName.equals(cp.getName());
                    }
                }
                if (any) {
                    continue;
                }
                found = true;
                String msg = "Service " + ref.namespace() + "/" + ref.name() + " sends port " + sp.getPort()
                        + " to targetPort '" + portName + "', which none of its " + matching.size()
                        + " selected pods declares (they declare " + (declared.isEmpty() ? "no ports" : declared)
                        + "), so it has no endpoint for that port";
                ObjectNode d = base.deepCopy().put("target_port", portName).put("port", sp.getPort());
                d.set("declared_ports", Json.mapper().valueToTree(declared));
                add(List.of(new Scored(PodChecks.finding("service.target_port_undeclared", Category.SERVICE_NO_ENDPOINTS,
                        ref, ref, ready == 0 ? 0.9 : 0.5, msg, d, null, List.of(msg)), 0)), via, hops, factor);
            }
            return found && ready == 0 && matching.stream().allMatch(PodChecks::ready);
        }

        /**
         * Whether a NetworkPolicy of either side denies {@code caller}'s pods every port of {@code svc} it may use,
         * while the Service has ready endpoints (so the peer is up and only the network stands between them).
         */
        private void networkPolicy(Service svc, ResourceRef ref, List<Pod> matching, Caller caller, List<String> via,
                                   int hops, double factor) {
            Pod target = matching.stream().filter(PodChecks::ready).findFirst().orElse(null);
            if (target == null || svc.getSpec() == null || svc.getSpec().getPorts() == null) {
                return;
            }
            var from = new NetworkPolicies.Endpoint(caller.pods().get(0), caller.namespaceLabels());
            var to = new NetworkPolicies.Endpoint(target, s.namespaceLabels(ref.namespace()));
            List<NetworkPolicy> egress = NetworkPolicies.isolating(caller.policies(), from, NetworkPolicies.EGRESS);
            List<NetworkPolicy> ingress = NetworkPolicies.isolating(s.networkPolicies, to, NetworkPolicies.INGRESS);
            if (egress.isEmpty() && ingress.isEmpty()) {
                return;
            }
            List<NetworkPolicies.Port> all = new ArrayList<>();
            List<NetworkPolicies.Port> addressed = new ArrayList<>();
            for (ServicePort sp : svc.getSpec().getPorts()) {
                IntOrString tp = sp.getTargetPort() == null ? new IntOrString(sp.getPort()) : sp.getTargetPort();
                var port = NetworkPolicies.resolve(target, tp, sp.getProtocol() == null ? "TCP" : sp.getProtocol());
                if (port == null) {
                    continue;
                }
                all.add(port);
                if (caller.port() == Objects.requireNonNullElse(sp.getPort(), -1) || caller.port() == port.number()) {
                    addressed.add(port);
                }
            }
            List<NetworkPolicies.Port> ports = addressed.isEmpty() ? all : addressed;
            List<NetworkPolicy> blame = null;
            String direction = null;
            for (var port : ports) {
                boolean out = NetworkPolicies.admits(egress, NetworkPolicies.EGRESS, to, port);
                boolean in = NetworkPolicies.admits(ingress, NetworkPolicies.INGRESS, from, port);
                if (out && in) {
                    return; // one port the caller may use is open
                }
                if (blame == null) {
                    blame = out ? ingress : egress;
                    direction = out ? NetworkPolicies.INGRESS : NetworkPolicies.EGRESS;
                }
            }
            if (blame == null) {
                return;
            }
            // A policy written for these pods (a non-empty podSelector) is the one to change; else the namespace-wide one.
            List<NetworkPolicy> blamed = blame;
            NetworkPolicy policy = blamed.stream().filter(p -> p.getSpec().getPodSelector() != null
                            && ((p.getSpec().getPodSelector().getMatchLabels() != null
                            && !p.getSpec().getPodSelector().getMatchLabels().isEmpty())
                            || (p.getSpec().getPodSelector().getMatchExpressions() != null
                            && !p.getSpec().getPodSelector().getMatchExpressions().isEmpty())))
                    .min(Comparator.comparing(p -> p.getMetadata().getName()))
                    .orElseGet(() -> blamed.stream().min(Comparator.comparing(p -> p.getMetadata().getName())).orElseThrow());
            ResourceRef pref = ResourceRef.of("NetworkPolicy", policy.getMetadata().getNamespace(),
                    policy.getMetadata().getName());
            boolean isEgress = NetworkPolicies.EGRESS.equals(direction);
            ResourceRef isolated = isEgress ? caller.workload() : ref;
            String msg = "NetworkPolicy " + pref.namespace() + "/" + pref.name() + (isEgress
                    ? " isolates the egress of " + caller.workload() + " and no policy allows it to reach Service "
                    : " isolates the ingress of the pods behind Service ") + ref.namespace() + "/" + ref.name()
                    + (isEgress ? "" : " and no policy admits " + caller.workload()) + " on " + ports
                    + ", while those pods are ready";
            ObjectNode d = Json.object().put("direction", direction).put("caller", caller.workload().toString())
                    .put("service", ref.toString()).put("target_pod", target.getMetadata().getName());
            d.set("ports", Json.mapper().valueToTree(ports.stream().map(Object::toString).toList()));
            d.set("isolating_policies", Json.mapper().valueToTree(blamed.stream().map(p -> p.getMetadata().getName()).toList()));
            List<String> chain = List.of(caller.workload() + " calls Service " + ref.namespace() + "/" + ref.name()
                    + ", whose pods are ready", msg);
            add(List.of(new Scored(PodChecks.finding("network.policy_denies", Category.NETWORK_BLOCKED, pref, isolated,
                    0.85, msg, d, null, chain), 1)), via, hops, factor);
        }

        /** Workloads of the namespace that nearly match {@code selector}: named like the Service, or one label off. */
        private List<String> resembling(Map<String, String> selector, String serviceName) {
            List<String> out = new ArrayList<>();
            List<HasMetadata> all = new ArrayList<>();
            all.addAll(s.deployments);
            all.addAll(s.statefulSets);
            all.addAll(s.daemonSets);
            for (HasMetadata w : all) {
                PodTemplateSpec t = w instanceof Deployment d && d.getSpec() != null ? d.getSpec().getTemplate()
                        : w instanceof StatefulSet st && st.getSpec() != null ? st.getSpec().getTemplate()
                        : w instanceof DaemonSet ds && ds.getSpec() != null ? ds.getSpec().getTemplate() : null;
                Map<String, String> labels = Owners.templateLabels(t);
                int off = 0;
                boolean similar = true;
                for (Map.Entry<String, String> e : selector.entrySet()) {
                    String v = labels.get(e.getKey());
                    if (!e.getValue().equals(v)) {
                        off++;
                        similar &= v == null || v.contains(e.getValue()) || e.getValue().contains(v)
                                || distance(v, e.getValue()) <= 2;
                    }
                }
                if (serviceName.equals(w.getMetadata().getName()) || (off == 1 && similar && selector.size() > 0)) {
                    out.add(w.getKind() + " " + w.getMetadata().getName());
                }
            }
            return out;
        }

        private static int distance(String a, String b) {
            int[] prev = new int[b.length() + 1];
            for (int j = 0; j <= b.length(); j++) {
                prev[j] = j;
            }
            for (int i = 1; i <= a.length(); i++) {
                int[] cur = new int[b.length() + 1];
                cur[0] = i;
                for (int j = 1; j <= b.length(); j++) {
                    cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1),
                            prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
                }
                prev = cur;
            }
            return prev[b.length()];
        }

        private void scale(int from, double factor) {
            if (factor == 1.0) {
                return;
            }
            for (int i = from; i < out.size(); i++) {
                Scored sc = out.get(i);
                out.set(i, new Scored(sc.finding().withConfidence(sc.finding().confidence() * factor), sc.hops()));
            }
        }

        private boolean hasCause(int from) {
            for (int i = from; i < out.size(); i++) {
                if (out.get(i).finding().category() != Category.UNKNOWN) {
                    return true;
                }
            }
            return false;
        }

        private List<HasMetadata> backingWorkloads(Map<String, String> selector) {
            List<HasMetadata> out = new ArrayList<>();
            for (Deployment d : s.deployments) {
                if (d.getSpec() != null && selects(selector, d.getSpec().getTemplate())) {
                    out.add(d);
                }
            }
            for (StatefulSet st : s.statefulSets) {
                if (st.getSpec() != null && selects(selector, st.getSpec().getTemplate())) {
                    out.add(st);
                }
            }
            for (DaemonSet ds : s.daemonSets) {
                if (ds.getSpec() != null && selects(selector, ds.getSpec().getTemplate())) {
                    out.add(ds);
                }
            }
            return out;
        }

        private static boolean selects(Map<String, String> selector, PodTemplateSpec t) {
            return Owners.matches(selector, Owners.templateLabels(t));
        }

        private static Integer replicas(HasMetadata w) {
            if (w instanceof Deployment d) {
                return d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
            }
            if (w instanceof StatefulSet st) {
                return st.getSpec().getReplicas() == null ? 1 : st.getSpec().getReplicas();
            }
            return null;
        }

        /**
         * When nothing on {@code w} explains the incident, checks the Ingresses that route to a Service selecting its
         * pods: a workload that runs well can still be unreachable through its Ingress.
         */
        void frontingIngresses(ResourceRef w) {
            if (out.stream().anyMatch(sc -> sc.finding().category() != Category.UNKNOWN)) {
                return;
            }
            List<Pod> mine = Owners.podsOf(w, s);
            Set<String> services = new LinkedHashSet<>();
            for (Service svc : s.services) {
                if (selectsAny(svc, mine)) {
                    services.add(svc.getMetadata().getName());
                }
            }
            for (Ingress ing : s.ingresses) {
                for (IngressServiceBackend b : routes(ing).values()) {
                    if (services.contains(b.getName())) {
                        ingress(ing, List.of(w + " runs; Ingress " + ing.getMetadata().getNamespace() + "/"
                                + ing.getMetadata().getName() + " routes to its Service " + b.getName()));
                        break;
                    }
                }
            }
        }

        void ingress(Ingress ing, List<String> via) {
            String ns = ing.getMetadata().getNamespace();
            String name = ing.getMetadata().getName();
            ResourceRef ref = ResourceRef.of("Ingress", ns, name);
            List<Scored> found = new ArrayList<>();
            String cls = ing.getSpec() == null ? null : ing.getSpec().getIngressClassName();
            if (cls == null && ing.getMetadata().getAnnotations() != null) {
                cls = ing.getMetadata().getAnnotations().get("kubernetes.io/ingress.class");
            }
            if (cls == null || cls.isBlank()) {
                if (s.readable("ingressclasses") && s.defaultIngressClasses.isEmpty()) {
                    found.add(ingressFinding("ingress.no_class", ref, 0.6, "Ingress " + ns + "/" + name
                            + " names no Ingress class and no IngressClass is marked default, so no controller serves it",
                            Json.object()));
                }
            } else if (!cls.equals("gce") && !cls.equals("gce-internal") && s.readable("ingressclasses")
                    && !s.ingressClasses.contains(cls)) {
                found.add(ingressFinding("ingress.class_missing", ref, 0.8, "Ingress " + ns + "/" + name
                        + " asks for IngressClass " + cls + ", which does not exist (classes: " + s.ingressClasses
                        + "), so no controller serves it", Json.object().put("ingress_class", cls)));
            }
            if (ing.getSpec() != null && ing.getSpec().getTls() != null && s.readable("secrets")) {
                for (IngressTLS tls : ing.getSpec().getTls()) {
                    String secret = tls.getSecretName();
                    if (secret == null || secret.isEmpty()) {
                        continue;
                    }
                    Set<String> keys = s.secretKeys.get(secret);
                    String hosts = tls.getHosts() == null ? "its hosts" : String.join(", ", tls.getHosts());
                    if (keys == null) {
                        found.add(ingressFinding("ingress.tls_secret_missing", ref, 0.8, "Ingress " + ns + "/" + name
                                + " serves " + hosts + " with TLS Secret " + ns + "/" + secret + ", which does not exist:"
                                + " the controller falls back to its default certificate",
                                Json.object().put("secret", secret)));
                    } else if (!keys.contains("tls.crt") || !keys.contains("tls.key")) {
                        found.add(ingressFinding("ingress.tls_secret_incomplete", ref, 0.7, "Ingress " + ns + "/" + name
                                + " serves " + hosts + " with Secret " + ns + "/" + secret + ", which lacks tls.crt or"
                                + " tls.key (keys: " + keys + ")", Json.object().put("secret", secret)));
                    }
                }
            }
            add(found, via, 0, 1.0);
            for (Map.Entry<String, IngressServiceBackend> e : routes(ing).entrySet()) {
                IngressServiceBackend b = e.getValue();
                Optional<Service> svc = s.service(b.getName());
                String route = "Ingress " + ns + "/" + name + " routes " + e.getKey() + " to Service " + b.getName();
                if (svc.isEmpty()) {
                    if (s.readable("services")) {
                        add(List.of(ingressFinding("ingress.service_missing", ref, 0.85, route + ", which does not exist",
                                Json.object().put("service", b.getName()))), via, 0, 1.0);
                    }
                    continue;
                }
                String port = missingPort(b, svc.get());
                if (port != null) {
                    add(List.of(ingressFinding("ingress.service_port_missing", ref, 0.85, route + " port " + port
                                    + ", which the Service does not expose (ports: " + servicePorts(svc.get()) + ")",
                            Json.object().put("service", b.getName()).put("port", port))), via, 0, 1.0);
                    continue;
                }
                List<String> v = new ArrayList<>(via);
                v.add(route);
                service(svc.get(), v, 1, 1.0, null, null);
            }
        }

        private static Scored ingressFinding(String analyzer, ResourceRef ref, double confidence, String msg, ObjectNode d) {
            return new Scored(PodChecks.finding(analyzer, Category.INGRESS_MISCONFIGURED, ref, ref, confidence, msg, d, null,
                    List.of(msg)), 0);
        }

        /** The backend's port when the Service exposes no such port (by number or by name), else null. */
        private static @Nullable String missingPort(IngressServiceBackend b, Service svc) {
            if (b.getPort() == null || svc.getSpec() == null) {
                return null;
            }
            List<ServicePort> ports = svc.getSpec().getPorts() == null ? List.of() : svc.getSpec().getPorts();
            Integer number = b.getPort().getNumber();
            String portName = b.getPort().getName();
            if (number != null && ports.stream().noneMatch(p -> number.equals(p.getPort()))) {
                return String.valueOf(number);
            }
            if (number == null && portName != null && !portName.isEmpty()
                    && ports.stream().noneMatch(p -> portName.equals(p.getName()))) {
                return portName;
            }
            return null;
        }

        private static List<String> servicePorts(Service svc) {
            List<String> out = new ArrayList<>();
            if (svc.getSpec() != null && svc.getSpec().getPorts() != null) {
                svc.getSpec().getPorts().forEach(p -> out.add((p.getName() == null ? "" : p.getName() + "=") + p.getPort()));
            }
            return out;
        }

        /** Merges duplicates (one per workload, analyzer and category) and ranks deepest and strongest first. */
        List<Finding> ranked() {
            Map<String, Scored> merged = new LinkedHashMap<>();
            for (Scored sc : out) {
                Finding f = sc.finding();
                String key = f.analyzer() + "|" + f.category() + "|" + f.resource();
                Scored prev = merged.get(key);
                if (prev == null) {
                    ObjectNode d = f.detail() instanceof ObjectNode o ? o.deepCopy() : Json.object();
                    if (d.has("pod")) {
                        d.putArray("pods").add(d.get("pod").asText());
                    }
                    merged.put(key, new Scored(new Finding(f.source(), f.analyzer(), f.category(), f.resource(), f.subject(),
                            f.confidence(), f.summary(), d, f.since(), f.chain()), sc.hops()));
                    continue;
                }
                Finding p = prev.finding();
                ObjectNode d = (ObjectNode) p.detail();
                if (f.detail().has("pod") && d.has("pods")) {
                    String pod = f.detail().get("pod").asText();
                    boolean seen = false;
                    for (var n : d.get("pods")) {
                        seen |= n.asText().equals(pod);
                    }
                    if (!seen) {
                        ((ArrayNode) d.get("pods")).add(pod);
                    }
                }
                Instant since = p.since() == null ? f.since() : f.since() == null ? p.since()
                        : f.since().isBefore(p.since()) ? f.since() : p.since();
                Finding best = f.confidence() > p.confidence() ? f : p;
                merged.put(key, new Scored(new Finding(best.source(), best.analyzer(), best.category(), best.resource(),
                        best.subject(), best.confidence(), best.summary(), d, since, best.chain()),
                        Math.max(prev.hops(), sc.hops())));
            }
            List<Scored> list = new ArrayList<>(merged.values());
            list.sort(Comparator.comparing((Scored sc) -> sc.finding().category() == Category.UNKNOWN)
                    .thenComparing(Comparator.comparingDouble(Run::score).reversed())
                    .thenComparing(sc -> sc.finding().analyzer()));
            return list.stream().map(Scored::finding).toList();
        }

        /** Confidence plus a small bonus per object crossed, so a deeper cause of similar strength ranks first. */
        static double score(Scored sc) {
            return sc.finding().confidence() + 0.05 * Math.min(3, sc.hops());
        }
    }
}
