package io.sreagent.prometheus.alertmanager;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sreagent.core.incident.Trigger;
import io.sreagent.core.support.Json;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The body Alertmanager POSTs to a webhook receiver (payload version 4): one notification for one alert group, and
 * its mapping to an incident {@link Trigger}.
 *
 * @param version           payload version ({@code 4})
 * @param groupKey          the group's key, or null
 * @param truncatedAlerts   how many alerts were left out because of {@code max_alerts}
 * @param status            {@code firing} or {@code resolved}
 * @param receiver          the receiver's name
 * @param groupLabels       labels the group is formed by
 * @param commonLabels      labels every alert of the group has
 * @param commonAnnotations annotations every alert of the group has
 * @param externalUrl       Alertmanager's external URL, or null
 * @param alerts            the alerts
 */
public record AlertmanagerWebhook(String version, String groupKey, int truncatedAlerts, String status,
                                  String receiver, Map<String, String> groupLabels, Map<String, String> commonLabels,
                                  Map<String, String> commonAnnotations, String externalUrl,
                                  List<WebhookAlert> alerts) {

    /**
     * Labels naming the affected object, most specific first; the first one present names the trigger's resource.
     * Kubernetes kinds for kube-state-metrics' and cAdvisor's label names.
     */
    private static final List<String[]> RESOURCE_LABELS = List.of(
            new String[] {"pod", "Pod"},
            new String[] {"deployment", "Deployment"},
            new String[] {"statefulset", "StatefulSet"},
            new String[] {"daemonset", "DaemonSet"},
            new String[] {"job_name", "Job"},
            new String[] {"persistentvolumeclaim", "PersistentVolumeClaim"},
            new String[] {"horizontalpodautoscaler", "HorizontalPodAutoscaler"},
            new String[] {"service", "Service"},
            new String[] {"node", "Node"},
            new String[] {"namespace", "Namespace"});

    /** Copies the maps and the list. */
    public AlertmanagerWebhook {
        groupLabels = Map.copyOf(groupLabels);
        commonLabels = Map.copyOf(commonLabels);
        commonAnnotations = Map.copyOf(commonAnnotations);
        alerts = List.copyOf(alerts);
    }

    /**
     * Parses a webhook body.
     *
     * @throws WebhookParseException naming the field that is missing or malformed, with its value
     */
    public static AlertmanagerWebhook parse(String body) throws WebhookParseException {
        if (body == null || body.isBlank()) {
            throw new WebhookParseException("$", "the body is empty; expected Alertmanager's webhook JSON");
        }
        JsonNode root;
        try {
            root = Json.mapper().readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new WebhookParseException("$", "not JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new WebhookParseException("$", "unreadable (" + e.getMessage() + ")");
        }
        if (root == null || !root.isObject()) {
            throw new WebhookParseException("$", "expected a JSON object, got " + (root == null ? "nothing"
                    : root.getNodeType()));
        }
        String version = root.path("version").asText("4");
        if (!version.equals("4")) {
            throw new WebhookParseException("version", "payload version '" + version
                    + "' is not supported; Alertmanager 0.x sends version 4");
        }
        JsonNode alertsNode = root.get("alerts");
        if (alertsNode == null || !alertsNode.isArray()) {
            throw new WebhookParseException("alerts", "missing or not an array ("
                    + (alertsNode == null ? "absent" : alertsNode.getNodeType()) + ")");
        }
        List<WebhookAlert> alerts = new ArrayList<>();
        for (int i = 0; i < alertsNode.size(); i++) {
            JsonNode a = alertsNode.get(i);
            String at = "alerts[" + i + "]";
            if (!a.isObject()) {
                throw new WebhookParseException(at, "expected an object, got " + a.getNodeType());
            }
            Map<String, String> labels = stringMap(a.get("labels"), at + ".labels");
            Instant startsAt = time(a.get("startsAt"), at + ".startsAt");
            if (startsAt == null) {
                throw new WebhookParseException(at + ".startsAt", "missing; every alert has a start time");
            }
            alerts.add(new WebhookAlert(a.path("status").asText(root.path("status").asText("firing")), labels,
                    stringMap(a.get("annotations"), at + ".annotations"), startsAt,
                    time(a.get("endsAt"), at + ".endsAt"), text(a.get("generatorURL")), text(a.get("fingerprint"))));
        }
        String status = root.path("status").asText("");
        if (!status.equals("firing") && !status.equals("resolved")) {
            throw new WebhookParseException("status", "'" + status + "' is neither firing nor resolved");
        }
        return new AlertmanagerWebhook(version, text(root.get("groupKey")), root.path("truncatedAlerts").asInt(0),
                status, root.path("receiver").asText(""), stringMap(root.get("groupLabels"), "groupLabels"),
                stringMap(root.get("commonLabels"), "commonLabels"),
                stringMap(root.get("commonAnnotations"), "commonAnnotations"), text(root.get("externalURL")), alerts);
    }

    /**
     * The incident trigger for this alert group: event type {@code Alert}; the resource from the most specific
     * resource label (pod, deployment, statefulset, daemonset, job, PVC, HPA, service, node, namespace) shared by
     * the group, else of the first firing alert; reason the {@code alertname}; message the {@code summary} (else
     * {@code description}, else {@code message}) annotation. The labels, status, alert count, start time and
     * fingerprints go into the event data. A group without any resource label is about the cluster: kind
     * {@code Cluster}, name the alertname.
     */
    public Trigger toTrigger() {
        WebhookAlert first = alerts.stream().filter(WebhookAlert::firing).findFirst()
                .orElse(alerts.isEmpty() ? null : alerts.get(0));
        Map<String, String> labels = new LinkedHashMap<>();
        if (first != null) {
            labels.putAll(first.labels());
        }
        labels.putAll(commonLabels);
        Map<String, String> annotations = new LinkedHashMap<>();
        if (first != null) {
            annotations.putAll(first.annotations());
        }
        annotations.putAll(commonAnnotations);
        String alertname = labels.getOrDefault("alertname", groupLabels.getOrDefault("alertname", "unnamed alert"));
        String kind = "Cluster";
        String name = alertname;
        for (String[] rl : RESOURCE_LABELS) {
            // Prefer labels common to the group: a pod label of only the first alert is a guess for the group.
            String v = commonLabels.get(rl[0]);
            if (v != null && !v.isBlank()) {
                kind = rl[1];
                name = v;
                break;
            }
        }
        if (kind.equals("Cluster") && first != null) {
            for (String[] rl : RESOURCE_LABELS) {
                String v = first.labels().get(rl[0]);
                if (v != null && !v.isBlank()) {
                    kind = rl[1];
                    name = v;
                    break;
                }
            }
        }
        String namespace = kind.equals("Node") || kind.equals("Cluster") ? null
                : kind.equals("Namespace") ? null : labels.get("namespace");
        String message = firstNonBlank(annotations.get("summary"), annotations.get("description"),
                annotations.get("message"), alertname);
        ObjectNode data = Json.object();
        data.put("reason", alertname);
        data.put("message", message);
        data.put("status", status);
        data.put("receiver", receiver);
        data.put("alerts", alerts.size());
        data.put("firing", (int) alerts.stream().filter(WebhookAlert::firing).count());
        if (first != null) {
            data.put("starts_at", first.startsAt().toString());
        }
        if (externalUrl != null) {
            data.put("external_url", externalUrl);
        }
        data.set("labels", Json.mapper().valueToTree(new java.util.TreeMap<>(labels)));
        data.set("annotations", Json.mapper().valueToTree(new java.util.TreeMap<>(annotations)));
        ArrayNode fps = data.putArray("fingerprints");
        alerts.stream().map(WebhookAlert::fingerprint).filter(f -> f != null).forEach(fps::add);
        return new Trigger("Alert", namespace, kind, name, data);
    }

    // ------------------------------------------------------------------ parsing helpers

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return "";
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() || n.asText().isEmpty() ? null : n.asText();
    }

    private static Map<String, String> stringMap(JsonNode n, String field) throws WebhookParseException {
        Map<String, String> m = new LinkedHashMap<>();
        if (n == null || n.isNull()) {
            return m;
        }
        if (!n.isObject()) {
            throw new WebhookParseException(field, "expected an object of strings, got " + n.getNodeType());
        }
        var it = n.fields();
        while (it.hasNext()) {
            var e = it.next();
            if (!e.getValue().isValueNode()) {
                throw new WebhookParseException(field + "." + e.getKey(), "expected a string, got "
                        + e.getValue().getNodeType());
            }
            m.put(e.getKey(), e.getValue().asText());
        }
        return m;
    }

    private static Instant time(JsonNode n, String field) throws WebhookParseException {
        String s = text(n);
        if (s == null) {
            return null;
        }
        // Alertmanager sends Go's zero time for "not ended yet".
        if (s.startsWith("0001-01-01")) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            throw new WebhookParseException(field, "'" + s + "' is not an RFC 3339 time such as "
                    + "2026-11-20T10:30:00Z");
        }
    }
}
