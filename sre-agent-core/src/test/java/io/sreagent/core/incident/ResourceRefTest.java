package io.sreagent.core.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.sreagent.core.support.Json;
import org.junit.jupiter.api.Test;

class ResourceRefTest {

    @Test
    void anEmptyNamespaceIsAClusterScopedObjectLikeNoNamespace() throws Exception {
        ResourceRef blank = ResourceRef.of("Node", "", "worker-2");
        assertThat(blank).isEqualTo(ResourceRef.cluster("Node", "worker-2"));
        assertThat(blank.toString()).isEqualTo("Node/worker-2");
        assertThat(Json.mapper().readValue("{\"kind\":\"Node\",\"namespace\":\"\",\"name\":\"worker-2\"}", ResourceRef.class))
                .isEqualTo(ResourceRef.cluster("Node", "worker-2"));
        assertThat(ResourceRef.of("Deployment", "shop", "cart").toString()).isEqualTo("Deployment/shop/cart");
    }
}
