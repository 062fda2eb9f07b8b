package io.sreagent.prometheus.catalog;

import java.util.Objects;

/**
 * The workload under investigation, as the label values catalog queries select it by.
 *
 * @param namespace the Kubernetes namespace (exact match on the {@code namespace} label); required
 * @param podRegex  a RE2 regular expression over pod names, such as {@code cart-.*}; required
 * @param container the container name (exact match), or {@code null} for any container
 */
public record Workload(String namespace, String podRegex, String container) {

    /** Validates that namespace and pod regex are present. */
    public Workload {
        if (namespace == null || namespace.isBlank()) {
            throw new IllegalArgumentException("workload namespace is missing ('" + namespace
                    + "'); give the namespace the pods run in, such as 'shop'");
        }
        if (podRegex == null || podRegex.isBlank()) {
            throw new IllegalArgumentException("workload pod regex is missing ('" + podRegex
                    + "'); give a regex over pod names, such as 'cart-.*'");
        }
        if (container != null && container.isBlank()) {
            container = null;
        }
    }

    /** The pods of a Deployment or StatefulSet named {@code name}: pod regex {@code name-.*}, any container. */
    public static Workload of(String namespace, String name) {
        Objects.requireNonNull(name, "name");
        return new Workload(namespace, name + "-.*", null);
    }

    /**
     * The name of the owning workload, used for kube-state-metrics series labelled by deployment or HPA name: the pod
     * regex without a trailing {@code -.*} or {@code .*} (so {@code cart-.*} gives {@code cart}).
     */
    public String workloadName() {
        if (podRegex.endsWith("-.*")) {
            return podRegex.substring(0, podRegex.length() - 3);
        }
        if (podRegex.endsWith(".*") || podRegex.endsWith(".+")) {
            return podRegex.substring(0, podRegex.length() - 2);
        }
        return podRegex;
    }
}
