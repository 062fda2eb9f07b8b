package io.sreagent.core.incident;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Names one Kubernetes object: kind, namespace (null for cluster-scoped kinds such as Node) and name.
 *
 * @param kind      the object's kind as the API writes it ({@code Deployment}, {@code Node})
 * @param namespace the namespace, or null for a cluster-scoped object
 * @param name      the object's name
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ResourceRef(String kind, @Nullable String namespace, String name) {

    public ResourceRef {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        if (namespace != null && namespace.isBlank()) {
            namespace = null; // "" and null both mean cluster-scoped; one spelling keeps equality honest
        }
    }

    /** A namespaced object. */
    public static ResourceRef of(String kind, String namespace, String name) {
        return new ResourceRef(kind, namespace, name);
    }

    /** A cluster-scoped object such as a Node. */
    public static ResourceRef cluster(String kind, String name) {
        return new ResourceRef(kind, null, name);
    }

    /** {@code Kind/namespace/name} or {@code Kind/name}, as people read it. */
    @Override
    public String toString() {
        return namespace == null ? kind + "/" + name : kind + "/" + namespace + "/" + name;
    }
}
