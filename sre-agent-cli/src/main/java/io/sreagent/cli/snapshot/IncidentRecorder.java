package io.sreagent.cli.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.sreagent.core.incident.Trigger;
import io.sreagent.core.redaction.Redactor;
import io.sreagent.core.support.Json;
import io.sreagent.loki.LogEntry;
import io.sreagent.loki.LokiClient;
import io.sreagent.prometheus.catalog.CatalogQuery;
import io.sreagent.prometheus.catalog.MetricCatalog;
import io.sreagent.prometheus.client.PrometheusClient;
import io.sreagent.prometheus.client.PrometheusException;
import io.sreagent.prometheus.client.QueryResult;
import io.sreagent.prometheus.client.Series;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Records a live incident in the scenario format: what the analyzers read around a resource, the metric catalog's raw
 * series over a window, and the logs.
 *
 * <p>What is recorded:
 * <ul>
 *   <li>Objects: every kind the analyzers read (workloads and their ReplicaSets and revisions, Pods, Events, Services
 *       and Endpoints, claims, quotas, NetworkPolicies, Ingresses, autoscalers, disruption budgets, ConfigMaps and
 *       Secrets) in the resource's namespace and in the namespaces it depends on: {@code kube-system} (cluster DNS),
 *       namespaces its objects, events and logs name as a DNS name ({@code svc.NAMESPACE}), the namespaces of
 *       admission webhooks' Services, and for a Node the namespaces of the pods on it. Cluster-scoped: Namespaces,
 *       Nodes, PersistentVolumes, StorageClasses, IngressClasses, VolumeAttachments, webhook configurations, and the
 *       Nodes' events.</li>
 *   <li>ConfigMaps and Secrets by name and keys only: every value is replaced by an empty string, and the
 *       {@code last-applied-configuration} annotation (which holds the values) is dropped.</li>
 *   <li>Metrics: each metric the catalog's queries read, as raw samples over the window (a range selector at now),
 *       in those namespaces.</li>
 *   <li>Logs: from Loki when a client is given, else from the pod-log API (current and previous containers).</li>
 * </ul>
 * Every string that is written passes through the redactor. Each list is bounded; what a bound cut, or what the API
 * refused, is named in {@link Recording#notes()} and the recording goes on.
 */
public final class IncidentRecorder {

    /** Most objects of one kind read in one namespace. */
    static final int MAX_OBJECTS_PER_KIND = 5000;
    /** Most log lines read per namespace (Loki's default per-query limit). */
    static final int MAX_LOG_LINES = 5000;
    /** Most bytes of one container's log read through the pod-log API. */
    static final int MAX_POD_LOG_BYTES = 1 << 20;
    /** Most namespaces recorded besides the resource's own. */
    static final int MAX_NAMESPACES = 16;

    /** A kind to record: where the API serves it. */
    record Kind(String group, String version, String kind, String plural, boolean namespaced) {
        String apiVersion() {
            return group.isEmpty() ? version : group + "/" + version;
        }

        ResourceDefinitionContext context() {
            return new ResourceDefinitionContext.Builder().withGroup(group).withVersion(version).withKind(kind)
                    .withPlural(plural).withNamespaced(namespaced).build();
        }
    }

    static final List<Kind> CLUSTER_KINDS = List.of(
            new Kind("", "v1", "Namespace", "namespaces", false),
            new Kind("", "v1", "Node", "nodes", false),
            new Kind("", "v1", "PersistentVolume", "persistentvolumes", false),
            new Kind("storage.k8s.io", "v1", "StorageClass", "storageclasses", false),
            new Kind("storage.k8s.io", "v1", "VolumeAttachment", "volumeattachments", false),
            new Kind("networking.k8s.io", "v1", "IngressClass", "ingressclasses", false),
            new Kind("admissionregistration.k8s.io", "v1", "ValidatingWebhookConfiguration",
                    "validatingwebhookconfigurations", false),
            new Kind("admissionregistration.k8s.io", "v1", "MutatingWebhookConfiguration",
                    "mutatingwebhookconfigurations", false));

    static final List<Kind> NAMESPACED_KINDS = List.of(
            new Kind("apps", "v1", "Deployment", "deployments", true),
            new Kind("apps", "v1", "StatefulSet", "statefulsets", true),
            new Kind("apps", "v1", "DaemonSet", "daemonsets", true),
            new Kind("apps", "v1", "ReplicaSet", "replicasets", true),
            new Kind("apps", "v1", "ControllerRevision", "controllerrevisions", true),
            new Kind("batch", "v1", "CronJob", "cronjobs", true),
            new Kind("batch", "v1", "Job", "jobs", true),
            new Kind("", "v1", "Pod", "pods", true),
            new Kind("", "v1", "Service", "services", true),
            new Kind("", "v1", "Endpoints", "endpoints", true),
            new Kind("", "v1", "PersistentVolumeClaim", "persistentvolumeclaims", true),
            new Kind("", "v1", "ConfigMap", "configmaps", true),
            new Kind("", "v1", "Secret", "secrets", true),
            new Kind("", "v1", "ServiceAccount", "serviceaccounts", true),
            new Kind("", "v1", "ResourceQuota", "resourcequotas", true),
            new Kind("", "v1", "LimitRange", "limitranges", true),
            new Kind("networking.k8s.io", "v1", "Ingress", "ingresses", true),
            new Kind("networking.k8s.io", "v1", "NetworkPolicy", "networkpolicies", true),
            new Kind("autoscaling", "v2", "HorizontalPodAutoscaler", "horizontalpodautoscalers", true),
            new Kind("policy", "v1", "PodDisruptionBudget", "poddisruptionbudgets", true),
            new Kind("", "v1", "Event", "events", true));

    private static final Kind EVENT = namespaced("Event");
    private static final Kind POD = namespaced("Pod");

    private static Kind namespaced(String kind) {
        return NAMESPACED_KINDS.stream().filter(k -> k.kind().equals(kind)).findFirst().orElseThrow();
    }

    /** The metric names a PromQL template reads: an identifier right before a selector's brace. */
    private static final Pattern METRIC_IN_TEMPLATE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\{");

    /** A cluster DNS name's namespace part: {@code svc.NS}, {@code svc.NS.svc...}, {@code svc.NS:port}. */
    private static final Pattern DNS_NAME = Pattern.compile("\\b[a-z0-9](?:[-a-z0-9]*[a-z0-9])?\\.([a-z0-9](?:[-a-z0-9]*[a-z0-9])?)\\b");

    private static final DateTimeFormatter NAME_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmm").withZone(ZoneOffset.UTC);

    private final KubernetesClient k8s;
    private final @Nullable PrometheusClient prometheus;
    private final @Nullable LokiClient loki;
    private final Clock clock;
    private final Redactor redactor;
    private final MetricCatalog catalog;

    /**
     * @param k8s        the cluster
     * @param prometheus where the metrics are, or null to record none
     * @param loki       where the logs are, or null to read them through the pod-log API
     * @param clock      the recording's now (a scenario's clock in tests, the wall clock in a live cluster)
     */
    public IncidentRecorder(KubernetesClient k8s, @Nullable PrometheusClient prometheus, @Nullable LokiClient loki,
                            Clock clock, Redactor redactor) {
        this.k8s = Objects.requireNonNull(k8s, "k8s");
        this.prometheus = prometheus;
        this.loki = loki;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.redactor = Objects.requireNonNull(redactor, "redactor");
        this.catalog = MetricCatalog.standard();
    }

    /**
     * What to record.
     *
     * @param namespace  the resource's namespace (for a Node: the namespace its trigger names, may be empty)
     * @param kind       the resource's kind, such as {@code Deployment} or {@code Node}
     * @param name       the resource's name
     * @param window     how far back metrics and logs are read
     * @param trigger    the event that started the incident, or null to take the newest Warning event about the
     *                   resource (or its pods)
     * @param scenarioName the scenario's name, or null for {@code NAMESPACE-NAME-yyyyMMdd-HHmm}
     * @param alsoNamespaces further namespaces to record in full
     */
    public record Request(String namespace, String kind, String name, Duration window, @Nullable Trigger trigger,
                          @Nullable String scenarioName, Set<String> alsoNamespaces) {
        public Request {
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(window, "window");
            alsoNamespaces = Set.copyOf(alsoNamespaces);
        }
    }

    /**
     * Records the incident around {@code r}.
     *
     * @throws KubernetesClientException when the API cannot be read at all (not even the resource's Pods)
     */
    public Recording record(Request r) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        List<String> notes = new ArrayList<>();
        boolean node = "Node".equalsIgnoreCase(r.kind());

        Map<String, List<JsonNode>> cluster = new LinkedHashMap<>();
        for (Kind k : CLUSTER_KINDS) {
            cluster.put(k.kind(), list(k, null, notes));
        }
        Set<String> existing = new TreeSet<>();
        cluster.get("Namespace").forEach(n -> existing.add(n.path("metadata").path("name").asText()));

        // The namespaces to record in full: the resource's own first (its pods are the heart of the diagnosis).
        Set<String> namespaces = new LinkedHashSet<>();
        Map<String, Map<String, List<JsonNode>>> objects = new LinkedHashMap<>();
        if (!r.namespace().isEmpty() && !node) {
            namespaces.add(r.namespace());
        }
        if (node) {
            for (JsonNode p : list(POD, "", notes)) {
                if (r.name().equals(p.path("spec").path("nodeName").asText())) {
                    namespaces.add(p.path("metadata").path("namespace").asText());
                }
            }
        }
        namespaces.add("kube-system");
        namespaces.addAll(r.alsoNamespaces());
        for (String hookNs : webhookNamespaces(cluster)) {
            namespaces.add(hookNs);
        }
        namespaces.retainAll(existing.isEmpty() ? namespaces : existing);
        for (String ns : List.copyOf(namespaces)) {
            objects.put(ns, readNamespace(ns, notes));
        }
        // Dependencies named as cluster DNS names in the first namespace's objects and events.
        Set<String> named = new LinkedHashSet<>();
        objects.values().stream().findFirst().ifPresent(first -> first.values().forEach(list -> list.forEach(
                o -> named.addAll(namespacesNamedIn(o.toString(), existing)))));
        List<ObjectNode> streams = logs(namespaces, objects, r.window(), now, notes);
        streams.forEach(s -> s.path("values").forEach(v -> named.addAll(namespacesNamedIn(v.path(1).asText(), existing))));
        named.removeAll(namespaces);
        for (String ns : named) {
            if (namespaces.size() > MAX_NAMESPACES) {
                notes.add("more namespaces are named than " + MAX_NAMESPACES + "; left out: " + ns);
                continue;
            }
            namespaces.add(ns);
            objects.put(ns, readNamespace(ns, notes));
            streams.addAll(logs(Set.of(ns), objects, r.window(), now, notes));
        }

        // Node events are recorded in the default namespace by the kubelet and the node problem detector.
        List<JsonNode> nodeEvents = new ArrayList<>();
        if (!namespaces.contains("default")) {
            for (JsonNode e : list(EVENT, "default", notes)) {
                if ("Node".equals(e.path("involvedObject").path("kind").asText())) {
                    nodeEvents.add(e);
                }
            }
        }

        List<JsonNode> docs = new ArrayList<>();
        cluster.values().forEach(docs::addAll);
        objects.values().forEach(byKind -> byKind.values().forEach(docs::addAll));
        docs.addAll(nodeEvents);

        Trigger trigger = r.trigger() != null ? r.trigger() : triggerFrom(r, objects.getOrDefault(r.namespace(), Map.of()),
                nodeEvents);
        String metrics = metrics(namespaces, r.window(), now, notes);
        return new Recording(scenarioYaml(r, trigger, now, notes), clusterYaml(docs),
                metrics, logsJson(streams), notes);
    }

    private Map<String, List<JsonNode>> readNamespace(String ns, List<String> notes) {
        Map<String, List<JsonNode>> byKind = new LinkedHashMap<>();
        for (Kind k : NAMESPACED_KINDS) {
            List<JsonNode> items;
            if (k == POD) {
                // Pods are the heart of every diagnosis: failing to read them fails the recording.
                items = listOrThrow(k, ns, notes);
            } else {
                items = list(k, ns, notes);
            }
            byKind.put(k.kind(), items);
        }
        return byKind;
    }

    private List<JsonNode> list(Kind k, @Nullable String ns, List<String> notes) {
        try {
            return listOrThrow(k, ns, notes);
        } catch (KubernetesClientException e) {
            notes.add(k.plural() + (ns == null ? "" : " in " + ns) + " could not be read (HTTP " + e.getCode()
                    + "): left out");
            return List.of();
        }
    }

    /** The objects of {@code k} in {@code ns} (null: cluster-scoped, empty: every namespace), cleaned and redacted. */
    private List<JsonNode> listOrThrow(Kind k, @Nullable String ns, List<String> notes) {
        var op = k8s.genericKubernetesResources(k.context());
        List<GenericKubernetesResource> items = ns == null ? op.list().getItems()
                : ns.isEmpty() ? op.inAnyNamespace().list().getItems() : op.inNamespace(ns).list().getItems();
        if (items.size() > MAX_OBJECTS_PER_KIND) {
            notes.add(items.size() + " " + k.plural() + (ns == null ? "" : " in " + ns) + ": only the first "
                    + MAX_OBJECTS_PER_KIND + " are recorded");
            items = items.subList(0, MAX_OBJECTS_PER_KIND);
        }
        List<JsonNode> out = new ArrayList<>(items.size());
        for (GenericKubernetesResource item : items) {
            ObjectNode o = Json.mapper().valueToTree(item);
            o.put("apiVersion", k.apiVersion());
            o.put("kind", k.kind());
            out.add(redactor.redactTree(clean(o)));
        }
        return out;
    }

    /**
     * Drops what a scenario must not hold: secret and config values (keys kept, values empty), the
     * last-applied-configuration annotation (a copy of the values), and managed fields (noise).
     */
    static ObjectNode clean(ObjectNode o) {
        ObjectNode meta = o.with("metadata");
        meta.remove("managedFields");
        if (meta.path("annotations").isObject()) {
            ((ObjectNode) meta.get("annotations")).remove("kubectl.kubernetes.io/last-applied-configuration");
        }
        String kind = o.path("kind").asText();
        if ("Secret".equals(kind) || "ConfigMap".equals(kind)) {
            for (String field : List.of("data", "stringData", "binaryData")) {
                if (o.path(field).isObject()) {
                    ObjectNode keysOnly = Json.object();
                    o.get(field).fieldNames().forEachRemaining(key -> keysOnly.put(key, ""));
                    o.set(field, keysOnly);
                }
            }
        }
        return o;
    }

    private static Set<String> webhookNamespaces(Map<String, List<JsonNode>> cluster) {
        Set<String> out = new LinkedHashSet<>();
        for (String kind : List.of("ValidatingWebhookConfiguration", "MutatingWebhookConfiguration")) {
            for (JsonNode cfg : cluster.getOrDefault(kind, List.of())) {
                for (JsonNode hook : cfg.path("webhooks")) {
                    String ns = hook.path("clientConfig").path("service").path("namespace").asText("");
                    if (!ns.isEmpty()) {
                        out.add(ns);
                    }
                }
            }
        }
        return out;
    }

    /** Existing namespaces that {@code text} names as the second label of a DNS name. */
    static Set<String> namespacesNamedIn(String text, Set<String> existing) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = DNS_NAME.matcher(text);
        while (m.find()) {
            if (existing.contains(m.group(1))) {
                out.add(m.group(1));
            }
        }
        return out;
    }

    /** The newest Warning event about the resource or one of its pods, as the trigger. */
    private Trigger triggerFrom(Request r, Map<String, List<JsonNode>> ownObjects, List<JsonNode> nodeEvents) {
        List<JsonNode> events = new ArrayList<>(ownObjects.getOrDefault("Event", List.of()));
        events.addAll(nodeEvents);
        JsonNode best = null;
        String bestAt = "";
        for (JsonNode e : events) {
            JsonNode io = e.path("involvedObject");
            String name = io.path("name").asText();
            boolean about = name.equals(r.name()) || ("Pod".equals(io.path("kind").asText()) && name.startsWith(r.name() + "-"));
            String at = e.path("lastTimestamp").asText(e.path("eventTime").asText(""));
            if ("Warning".equals(e.path("type").asText()) && about && at.compareTo(bestAt) >= 0) {
                best = e;
                bestAt = at;
            }
        }
        ObjectNode data = Json.object();
        if (best == null) {
            data.put("reason", "Snapshot").put("message", "recorded by sre-agent snapshot; no Warning event about "
                    + r.kind() + " " + r.name() + " was found");
        } else {
            data.put("reason", best.path("reason").asText()).put("message", best.path("message").asText());
        }
        return new Trigger("Warning", r.namespace().isEmpty() ? null : r.namespace(), r.kind(), r.name(), data);
    }

    private String metrics(Set<String> namespaces, Duration window, Instant now, List<String> notes) {
        if (prometheus == null) {
            return "";
        }
        Set<String> names = new TreeSet<>();
        for (CatalogQuery q : catalog.queries()) {
            Matcher m = METRIC_IN_TEMPLATE.matcher(q.template());
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        // A histogram's sum and count belong with its buckets.
        for (String n : List.copyOf(names)) {
            if (n.endsWith("_bucket")) {
                String base = n.substring(0, n.length() - "_bucket".length());
                names.add(base + "_sum");
                names.add(base + "_count");
            }
        }
        String nsRegex = String.join("|", namespaces);
        long seconds = Math.max(60, window.toSeconds());
        Map<String, List<Series>> byName = new TreeMap<>();
        for (String name : names) {
            String promql = name + "{namespace=~\"" + nsRegex + "\"}[" + seconds + "s]";
            try {
                QueryResult res = prometheus.query(promql, now);
                List<Series> series = new ArrayList<>();
                for (Series s : res.series()) {
                    Map<String, String> labels = new TreeMap<>();
                    s.labels().forEach((k, v) -> {
                        if (!"__name__".equals(k)) {
                            labels.put(k, Objects.requireNonNullElse(redactor.redact(v), ""));
                        }
                    });
                    series.add(new Series(labels, s.samples()));
                }
                series.sort(Comparator.comparing(s -> s.labels().toString()));
                byName.put(name, series);
            } catch (PrometheusException | RuntimeException e) {
                notes.add("metric " + name + " could not be read from Prometheus (" + oneLine(e.getMessage()) + "): left out");
            }
        }
        return OpenMetricsWriter.write(byName);
    }

    /** Log streams (Loki push-body form) of the pods of {@code namespaces}, oldest line first. */
    private List<ObjectNode> logs(Set<String> namespaces, Map<String, Map<String, List<JsonNode>>> objects, Duration window,
                                  Instant now, List<String> notes) {
        Map<Map<String, String>, List<Line>> byStream = new LinkedHashMap<>();
        Instant start = now.minus(window);
        for (String ns : namespaces) {
            if (loki != null) {
                for (String selector : List.of("{namespace=\"" + ns + "\"}", "{namespace=\"" + ns + "\",previous=\"true\"}")) {
                    try {
                        List<LogEntry> entries = loki.queryRange(selector, start, now, MAX_LOG_LINES,
                                LokiClient.Direction.BACKWARD).entries();
                        if (entries.size() >= MAX_LOG_LINES) {
                            notes.add("logs of " + ns + ": only the newest " + MAX_LOG_LINES + " lines are recorded");
                        }
                        for (LogEntry e : entries) {
                            add(byStream, new TreeMap<>(e.labels()), e.timestampNanos(), e.line());
                        }
                    } catch (RuntimeException e) {
                        notes.add("logs of " + ns + " could not be read from Loki (" + oneLine(e.getMessage()) + "): left out");
                        break;
                    }
                }
            } else {
                for (JsonNode pod : objects.getOrDefault(ns, Map.of()).getOrDefault("Pod", List.of())) {
                    podLogs(ns, pod, start, byStream);
                }
            }
        }
        List<ObjectNode> out = new ArrayList<>();
        for (Map.Entry<Map<String, String>, List<Line>> s : byStream.entrySet()) {
            Map<String, String> labels = s.getKey();
            if (!labels.containsKey("namespace") || !labels.containsKey("pod") || !labels.containsKey("container")) {
                notes.add("a log stream without namespace, pod and container labels is left out: " + labels.keySet());
                continue;
            }
            List<Line> lines = s.getValue();
            // Stable: lines of the same nanosecond keep the order they were read in.
            lines.sort(Comparator.comparingLong(Line::nanos));
            ObjectNode stream = Json.object();
            ObjectNode l = stream.putObject("stream");
            labels.forEach((k, v) -> l.put(k, redactor.redact(v)));
            ArrayNode values = stream.putArray("values");
            for (Line line : lines) {
                values.addArray().add(Long.toString(line.nanos())).add(redactor.redact(line.text()));
            }
            out.add(stream);
        }
        return out;
    }

    /** One log line and its time. */
    private record Line(long nanos, String text) {
    }

    private static void add(Map<Map<String, String>, List<Line>> byStream, Map<String, String> labels, long nanos, String text) {
        byStream.computeIfAbsent(labels, k -> new ArrayList<>()).add(new Line(nanos, text));
    }

    private void podLogs(String ns, JsonNode pod, Instant start, Map<Map<String, String>, List<Line>> byStream) {
        String name = pod.path("metadata").path("name").asText();
        List<String> containers = new ArrayList<>();
        pod.path("spec").path("initContainers").forEach(c -> containers.add(c.path("name").asText()));
        pod.path("spec").path("containers").forEach(c -> containers.add(c.path("name").asText()));
        for (String c : containers) {
            for (boolean previous : new boolean[] {false, true}) {
                String text;
                try {
                    var log = k8s.pods().inNamespace(ns).withName(name).inContainer(c).usingTimestamps();
                    // The API bounds a current log by bytes; a previous one only by lines.
                    text = (previous ? log.terminated() : log.limitBytes(MAX_POD_LOG_BYTES))
                            .sinceTime(start.toString()).tailingLines(MAX_LOG_LINES).getLog();
                } catch (KubernetesClientException e) {
                    continue; // no such log (a container that never ran, no previous instance): nothing to record
                }
                Map<String, String> labels = new TreeMap<>(Map.of("namespace", ns, "pod", name, "container", c));
                if (previous) {
                    labels.put("previous", "true");
                }
                for (String line : text == null ? new String[0] : text.split("\n")) {
                    int sp = line.indexOf(' ');
                    if (sp < 0) {
                        continue;
                    }
                    try {
                        Instant t = Instant.parse(line.substring(0, sp));
                        add(byStream, labels, t.getEpochSecond() * 1_000_000_000L + t.getNano(), line.substring(sp + 1));
                    } catch (RuntimeException e) {
                        // a line cut by the byte limit, or not prefixed with a time: not a log entry
                    }
                }
            }
        }
    }

    private static String logsJson(List<ObjectNode> streams) {
        if (streams.isEmpty()) {
            return "";
        }
        ObjectNode body = Json.object();
        ArrayNode arr = body.putArray("streams");
        streams.forEach(arr::add);
        return Json.writePretty(body) + "\n";
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS));

    private static String clusterYaml(List<JsonNode> docs) {
        StringBuilder sb = new StringBuilder("# Recorded by sre-agent snapshot. Secret and ConfigMap values are left out"
                + " (keys only); every string is redacted.\n");
        for (JsonNode d : docs) {
            sb.append("---\n").append(yaml(d));
        }
        return sb.toString();
    }

    private String scenarioYaml(Request r, Trigger t, Instant now, List<String> notes) {
        String name = r.scenarioName() != null ? r.scenarioName()
                : ((r.namespace().isEmpty() ? "" : r.namespace() + "-") + r.name() + "-" + NAME_TIME.format(now))
                .toLowerCase(Locale.ROOT);
        ObjectNode head = Json.object();
        head.put("name", name);
        head.put("description", "Recorded by sre-agent snapshot from " + r.kind() + " " + (r.namespace().isEmpty() ? ""
                : r.namespace() + "/") + r.name() + " at " + now + "; replace this line with what happened.");
        head.put("now", now.toString());
        ObjectNode trigger = head.putObject("trigger");
        trigger.put("event_type", t.eventType());
        if (t.namespace() != null) {
            trigger.put("namespace", t.namespace());
        }
        trigger.put("resource_kind", t.resourceKind()).put("resource_name", t.resourceName());
        trigger.set("event_data", redactor.redactTree(t.eventData()));
        StringBuilder sb = new StringBuilder(yaml(head));
        sb.append("# expected: what a correct diagnosis says, for a person to fill in (see the taxonomy), e.g.\n")
                .append("#   category: OOM_KILLED\n")
                .append("#   resource: {kind: Deployment, namespace: shop, name: cart}\n")
                .append("#   actions: [ADJUST_RESOURCES]\n");
        for (String n : notes) {
            sb.append("# not recorded: ").append(oneLine(n)).append('\n');
        }
        return sb.toString();
    }

    private static String yaml(JsonNode n) {
        try {
            return YAML.writeValueAsString(n);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write YAML: " + e.getMessage(), e);
        }
    }

    private static String oneLine(@Nullable String s) {
        String t = s == null ? "" : s.replaceAll("[\\r\\n\\t]+", " ");
        return t.length() > 200 ? t.substring(0, 200) + "..." : t;
    }
}
