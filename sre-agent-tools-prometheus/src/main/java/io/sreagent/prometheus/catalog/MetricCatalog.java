package io.sreagent.prometheus.catalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The named PromQL queries an SRE runs for a workload, over cAdvisor, kube-state-metrics, kubelet and common HTTP
 * metrics; agents pick one by name and render it for the workload under investigation.
 */
public final class MetricCatalog {

    private static final String C = "namespace=\"{namespace}\",pod=~\"{pod}\",container=~\"{container}\"";
    private static final String P = "namespace=\"{namespace}\",pod=~\"{pod}\"";

    private final List<CatalogQuery> queries;
    private final Map<String, CatalogQuery> byName;

    /** A catalog of the given queries; names must be unique. */
    public MetricCatalog(List<CatalogQuery> queries) {
        this.queries = List.copyOf(queries);
        Map<String, CatalogQuery> map = new LinkedHashMap<>();
        for (CatalogQuery q : this.queries) {
            if (map.put(q.name(), q) != null) {
                throw new IllegalArgumentException("catalog query name '" + q.name()
                        + "' is used twice; give every query a unique name");
            }
        }
        this.byName = Map.copyOf(map);
    }

    /** All queries, in catalog order. */
    public List<CatalogQuery> queries() {
        return queries;
    }

    /** The query called {@code name}, if any. */
    public Optional<CatalogQuery> find(String name) {
        return Optional.ofNullable(byName.get(Objects.requireNonNull(name, "name")));
    }

    /** The names of all queries, in catalog order, for error messages and tool descriptions. */
    public List<String> names() {
        return queries.stream().map(CatalogQuery::name).toList();
    }

    /** The standard catalog. */
    public static MetricCatalog standard() {
        return new MetricCatalog(List.of(
                // --- memory (cAdvisor + kube-state-metrics)
                q("memory_working_set", QueryKind.RANGE, "bytes",
                        "Memory working set per container (what the OOM killer compares with the limit).",
                        "sum by (pod, container) (container_memory_working_set_bytes{" + C + "})"),
                q("memory_limit", QueryKind.INSTANT, "bytes",
                        "Memory limit per container from kube-state-metrics; no series means no limit is set.",
                        "max by (pod, container) (kube_pod_container_resource_limits{" + C + ",resource=\"memory\"})"),
                q("memory_working_set_ratio", QueryKind.RANGE, "ratio",
                        "Working set divided by the memory limit; near 1 means the container is about to be OOM-killed.",
                        "sum by (pod, container) (container_memory_working_set_bytes{" + C + "})"
                                + " / max by (pod, container) (kube_pod_container_resource_limits{" + C
                                + ",resource=\"memory\"})"),
                q("memory_working_set_max_1h", QueryKind.INSTANT, "bytes",
                        "Highest working set per container over the last hour (peaks between scrapes of a crash loop).",
                        "max by (pod, container) (max_over_time(container_memory_working_set_bytes{" + C + "}[1h]))"),
                q("memory_growth_rate", QueryKind.RANGE, "bytes/s",
                        "Slope of the working set over 30 minutes; a steady positive slope is a leak or a filling cache.",
                        "max by (pod, container) (deriv(container_memory_working_set_bytes{" + C + "}[30m]))"),
                // --- CPU
                q("cpu_usage", QueryKind.RANGE, "cores",
                        "CPU used per container, in cores, averaged over 5 minutes.",
                        "sum by (pod, container) (rate(container_cpu_usage_seconds_total{" + C + "}[5m]))"),
                q("cpu_limit", QueryKind.INSTANT, "cores",
                        "CPU limit per container from kube-state-metrics; no series means no limit is set.",
                        "max by (pod, container) (kube_pod_container_resource_limits{" + C + ",resource=\"cpu\"})"),
                q("cpu_usage_ratio", QueryKind.RANGE, "ratio",
                        "CPU used divided by the CPU limit; near 1 means the container is held at its limit.",
                        "sum by (pod, container) (rate(container_cpu_usage_seconds_total{" + C + "}[5m]))"
                                + " / max by (pod, container) (kube_pod_container_resource_limits{" + C
                                + ",resource=\"cpu\"})"),
                q("cpu_throttled_ratio", QueryKind.RANGE, "ratio",
                        "Share of CFS periods in which the container was throttled; above 0.25 slows requests.",
                        "sum by (pod, container) (rate(container_cpu_cfs_throttled_periods_total{" + C + "}[5m]))"
                                + " / sum by (pod, container) (rate(container_cpu_cfs_periods_total{" + C + "}[5m]))"),
                // --- restarts and terminations (kube-state-metrics)
                q("restarts_total", QueryKind.RANGE, "count",
                        "Container restart counter; steps up at every restart.",
                        "max by (pod, container) (kube_pod_container_status_restarts_total{" + C + "})"),
                q("restarts_increase_1h", QueryKind.INSTANT, "count",
                        "Restarts per container during the last hour.",
                        "sum by (pod, container) (increase(kube_pod_container_status_restarts_total{" + C + "}[1h]))"),
                q("last_terminated_reason", QueryKind.INSTANT, "info",
                        "Why each container last terminated (label reason: OOMKilled, Error, Completed, ...); value 1.",
                        "max by (pod, container, reason) (kube_pod_container_status_last_terminated_reason{" + C
                                + "})"),
                // --- volumes (kubelet): labelled by PVC, not pod, so the namespace's claims are listed
                q("volume_available_bytes", QueryKind.RANGE, "bytes",
                        "Free bytes per PersistentVolumeClaim in the namespace.",
                        "sum by (persistentvolumeclaim) (kubelet_volume_stats_available_bytes{namespace=\"{namespace}\"})"),
                q("volume_available_ratio", QueryKind.RANGE, "ratio",
                        "Free share of each PersistentVolumeClaim in the namespace; near 0 means the volume is full.",
                        "sum by (persistentvolumeclaim) (kubelet_volume_stats_available_bytes{namespace=\"{namespace}\"})"
                                + " / sum by (persistentvolumeclaim) (kubelet_volume_stats_capacity_bytes{"
                                + "namespace=\"{namespace}\"})"),
                // --- requests (application metrics, in whichever convention the workload's library uses)
                q("request_rate", QueryKind.RANGE, "req/s",
                        "Requests per second served by the workload's pods (HTTP or gRPC, any common instrumentation).",
                        firstOf(REQUEST_COUNTERS.stream().map(f -> "sum(rate(" + f.name() + "{" + P + "}[5m]))").toList())),
                q("request_rate_by_code", QueryKind.RANGE, "req/s",
                        "Requests per second by HTTP status code (Prometheus client libraries' http_requests_total).",
                        "sum by (code) (rate(http_requests_total{" + P + "}[5m]))"),
                q("error_ratio", QueryKind.RANGE, "ratio",
                        "Share of requests answered with a server error (HTTP 5xx; gRPC Internal, Unavailable, ...);"
                                + " 0 while requests are served without one.",
                        firstOf(REQUEST_COUNTERS.stream().map(MetricCatalog::errorRatio).toList())),
                q("latency_p99", QueryKind.RANGE, "seconds",
                        "99th percentile request latency from the duration histogram.",
                        firstOf(DURATION_HISTOGRAMS.stream().map(h -> quantile("0.99", h)).toList())),
                q("latency_p50", QueryKind.RANGE, "seconds",
                        "Median request latency from the duration histogram.",
                        firstOf(DURATION_HISTOGRAMS.stream().map(h -> quantile("0.5", h)).toList())),
                q("latency_mean", QueryKind.RANGE, "seconds",
                        "Mean request latency (duration sum over count); also where a library exports no buckets.",
                        firstOf(DURATION_HISTOGRAMS.stream().map(h -> "sum(rate(" + h + "_sum{" + P + "}[5m])) / sum(rate("
                                + h + "_count{" + P + "}[5m]))").toList())),
                // --- scaling (kube-state-metrics, labelled by the owning workload's name)
                q("hpa_current_replicas", QueryKind.RANGE, "replicas",
                        "Replicas the HorizontalPodAutoscaler currently runs.",
                        "max by (horizontalpodautoscaler) (kube_horizontalpodautoscaler_status_current_replicas{"
                                + "namespace=\"{namespace}\",horizontalpodautoscaler=~\"{workload}\"})"),
                q("hpa_max_replicas", QueryKind.INSTANT, "replicas",
                        "The HorizontalPodAutoscaler's maximum replicas.",
                        "max by (horizontalpodautoscaler) (kube_horizontalpodautoscaler_spec_max_replicas{"
                                + "namespace=\"{namespace}\",horizontalpodautoscaler=~\"{workload}\"})"),
                q("hpa_saturation", QueryKind.RANGE, "ratio",
                        "Current replicas divided by the HPA's maximum; 1 means the autoscaler cannot add capacity.",
                        "max by (horizontalpodautoscaler) (kube_horizontalpodautoscaler_status_current_replicas{"
                                + "namespace=\"{namespace}\",horizontalpodautoscaler=~\"{workload}\"})"
                                + " / max by (horizontalpodautoscaler) (kube_horizontalpodautoscaler_spec_max_replicas{"
                                + "namespace=\"{namespace}\",horizontalpodautoscaler=~\"{workload}\"})"),
                q("deployment_available_replicas", QueryKind.RANGE, "replicas",
                        "Available replicas of the Deployment.",
                        "max by (deployment) (kube_deployment_status_replicas_available{"
                                + "namespace=\"{namespace}\",deployment=~\"{workload}\"})"),
                q("deployment_desired_replicas", QueryKind.RANGE, "replicas",
                        "Replicas the Deployment asks for (0 means it was scaled to zero).",
                        "max by (deployment) (kube_deployment_spec_replicas{"
                                + "namespace=\"{namespace}\",deployment=~\"{workload}\"})")));
    }

    /**
     * A request counter as an instrumentation library names it, with the labels that may carry the status and what a
     * server error looks like in them.
     */
    private record Counter(String name, List<String> statusLabels, String serverError) {
    }

    private static final List<String> HTTP_STATUS = List.of("code", "status", "status_code", "http_status_code",
            "http_response_status_code");
    private static final String HTTP_5XX = "5..";

    /**
     * Request counters, most specific first: Prometheus client libraries ({@code http_requests_total}), a duration
     * histogram's count (prom-client, express-prom-bundle), Micrometer / Spring Boot, OpenTelemetry's HTTP semantic
     * conventions, and go-grpc-prometheus.
     */
    private static final List<Counter> REQUEST_COUNTERS = List.of(
            new Counter("http_requests_total", HTTP_STATUS, HTTP_5XX),
            new Counter("http_request_duration_seconds_count", HTTP_STATUS, HTTP_5XX),
            new Counter("http_server_requests_seconds_count", HTTP_STATUS, HTTP_5XX),
            new Counter("http_server_request_duration_seconds_count", HTTP_STATUS, HTTP_5XX),
            new Counter("grpc_server_handled_total", List.of("grpc_code"),
                    "Unknown|DeadlineExceeded|Unimplemented|Internal|Unavailable|DataLoss"));

    /** Request duration histograms (family names) in the same conventions. */
    private static final List<String> DURATION_HISTOGRAMS = List.of("http_request_duration_seconds",
            "http_server_requests_seconds", "http_server_request_duration_seconds", "grpc_server_handling_seconds");

    /** The first alternative that has data at each step: a workload exports one convention, rarely several. */
    private static String firstOf(List<String> alternatives) {
        return alternatives.size() == 1 ? alternatives.get(0) : "(" + String.join(") or (", alternatives) + ")";
    }

    /** Server errors over all requests of one counter; 0 (not absent) while it counts requests but no errors. */
    private static String errorRatio(Counter c) {
        String all = "sum(rate(" + c.name() + "{" + P + "}[5m]))";
        List<String> errors = new java.util.ArrayList<>();
        for (String label : c.statusLabels()) {
            errors.add("sum(rate(" + c.name() + "{" + P + "," + label + "=~\"" + c.serverError() + "\"}[5m]))");
        }
        errors.add("0 * " + all);
        return "(" + String.join(" or ", errors) + ") / " + all;
    }

    private static String quantile(String q, String histogram) {
        return "histogram_quantile(" + q + ", sum by (le) (rate(" + histogram + "_bucket{" + P + "}[5m])))";
    }

    private static CatalogQuery q(String name, QueryKind kind, String unit, String description, String template) {
        return new CatalogQuery(name, description, kind, template, unit);
    }
}
