package io.sreagent.k8s;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.sreagent.core.spi.ToolProviderContext;
import io.sreagent.core.tool.SafetyClass;
import io.sreagent.core.tool.Tool;
import io.sreagent.core.tool.ToolRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProviderAndConfigTest {

    @Test
    void serviceLoaderFindsTheProviderAndItUsesTheHostsClient() {
        try (MockCluster c = MockCluster.crud()) {
            ToolProviderContext ctx = ToolProviderContext.builder().component(KubernetesClient.class, c.client).build();
            ToolRegistry reg = ToolRegistry.builder().discover(getClass().getClassLoader(), ctx).build();
            assertThat(reg.providers()).anySatisfy(p -> {
                assertThat(p.id()).isEqualTo("k8s");
                assertThat(p.loaded()).isTrue();
            });
            assertThat(reg.has("k8s.get_pod")).isTrue();
            assertThat(reg.has("k8s.analyze")).isTrue();
            assertThat(reg.has("k8s.analyze_dependency")).isTrue();
            assertThat(reg.require("k8s.get_pod").safety()).isEqualTo(SafetyClass.READ_ONLY);
            assertThat(reg.require("k8s.scale").safety()).isEqualTo(SafetyClass.MUTATING);
            assertThat(reg.require("k8s.drain").safety()).isEqualTo(SafetyClass.DESTRUCTIVE);
            assertThat(reg.require("k8s.delete_pod").safety()).isEqualTo(SafetyClass.DESTRUCTIVE);
            assertThat(reg.tools()).extracting(Tool::id).allMatch(id -> id.startsWith("k8s."));
            assertThat(new KubernetesToolProvider().artifact()).isEqualTo("io.sreagent:sre-agent-tools-k8s");
        }
    }

    @Test
    void aBadConfigValueMakesTheProviderReportAndSkipItself() {
        try (MockCluster c = MockCluster.crud()) {
            ToolProviderContext ctx = ToolProviderContext.builder().component(KubernetesClient.class, c.client)
                    .properties(Map.of("K8S_LOG_BYTE_CAP", "lots")).build();
            ToolRegistry reg = ToolRegistry.builder().provider(new KubernetesToolProvider(), ctx).build();
            assertThat(reg.has("k8s.get_pod")).isFalse();
            assertThat(reg.providers().get(0).failure()).contains("K8S_LOG_BYTE_CAP").contains("lots");
        }
    }

    @Test
    void configDefaultsAndOverrides() {
        KubernetesToolsConfig d = KubernetesToolsConfig.defaults();
        assertThat(d.protectedNamespaces()).containsExactlyInAnyOrder("kube-system", "kube-public", "kube-node-lease");
        assertThat(d.allowProtectedNamespaces()).isFalse();
        assertThat(d.requestTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(d.watchedNamespaces()).isEmpty();
        KubernetesToolsConfig c = KubernetesToolsConfig.from(Map.of("k8s.protected.namespaces", "payments, billing",
                "K8S_WATCH_NAMESPACES", "shop,payments", "K8S_LOG_BYTE_CAP", "2048")::get);
        assertThat(c.protectedNamespaces()).containsAll(Set.of("kube-system", "payments", "billing"));
        assertThat(c.watchedNamespaces()).containsExactly("shop", "payments");
        assertThat(c.logByteCap()).isEqualTo(2048);
        c.validate();
    }

    @Test
    void validateNamesTheKeyAndTheBadValue() {
        assertThatThrownBy(() -> KubernetesToolsConfig.from(Map.of("K8S_LOG_BYTE_CAP", "10")::get).validate())
                .hasMessageContaining("K8S_LOG_BYTE_CAP").hasMessageContaining("10");
        assertThatThrownBy(() -> KubernetesToolsConfig.from(Map.of("K8S_ALLOW_PROTECTED_NAMESPACES", "yes")::get).validate())
                .hasMessageContaining("yes");
        assertThatThrownBy(() -> KubernetesToolsConfig.from(Map.of("K8S_CORRELATION_WINDOW_SECONDS", "0")::get).validate())
                .hasMessageContaining("K8S_CORRELATION_WINDOW_SECONDS");
    }
}
