package io.sreagent.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sreagent.core.incident.AnalysisKeys;
import io.sreagent.core.support.Json;
import io.sreagent.core.tool.Tool;
import io.sreagent.core.tool.ToolInvocation;
import io.sreagent.core.tool.ToolResult;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The analysis output holds every field the workflow's agents read ({@link AnalysisKeys}): a writer that renames one
 * of them without the constant fails here.
 */
class AnalysisContractTest {

    @Test
    void theAnalysisOutputHoldsEveryFieldTheWorkflowReads() {
        try (MockCluster c = MockCluster.fromResource("clusters/cart-oom-killed.yaml")) {
            Tool analyze = KubernetesTools.create(c.client, KubernetesToolsConfig.from(Map.<String, String>of()::get),
                    Clock.fixed(Instant.parse("2026-11-20T10:30:00Z"), ZoneOffset.UTC)).stream()
                    .filter(t -> t.id().equals("k8s.analyze")).findFirst().orElseThrow();

            ToolResult r = analyze.invoke(ToolInvocation.of("k8s.analyze", Json.object().put("kind", "Pod")
                    .put("namespace", "shop").put("name", "cart-7d9f8b6c5-x2k4q")));

            JsonNode data = r.data();
            assertThat(data.has(AnalysisKeys.START)).isTrue();
            assertThat(data.has(AnalysisKeys.UNREADABLE)).isTrue();
            assertThat(data.path(AnalysisKeys.FINDINGS)).isNotEmpty();
            JsonNode resolved = data.path(AnalysisKeys.RESOLVED);
            assertThat(resolved.path(AnalysisKeys.OWNER_CHAIN)).isNotEmpty();
            JsonNode fromDeployment = analyze.invoke(ToolInvocation.of("k8s.analyze", Json.object().put("kind", "Deployment")
                    .put("namespace", "shop").put("name", "cart"))).data();
            assertThat(fromDeployment.path(AnalysisKeys.RESOLVED).path(AnalysisKeys.WORKLOAD).path("name").asText())
                    .isEqualTo("cart");
            JsonNode rollout = data.path(AnalysisKeys.FINDINGS).get(0).path("detail").path(AnalysisKeys.ROLLOUT);
            assertThat(rollout.has(AnalysisKeys.CURRENT_REVISION)).isTrue();
            assertThat(rollout.has(AnalysisKeys.PREVIOUS_HEALTHY)).isTrue();
        }
    }
}
