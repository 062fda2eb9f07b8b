package io.sreagent.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sreagent.core.incident.ActionType;
import io.sreagent.core.safety.ApprovalPolicy;
import io.sreagent.core.support.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkflowConfigTest {

    @Test
    void defaultsAreSafe() {
        WorkflowConfig c = WorkflowConfig.defaults();
        assertThat(c.safety().dryRun()).isTrue();
        assertThat(c.requireHumanApproval()).isTrue();
        assertThat(c.effectiveApproval()).isEqualTo(ApprovalPolicy.NONE);
        assertThat(c.safety().protectedNamespaces()).contains("kube-system");
    }

    @Test
    void readsATreeAndTheEnvironmentOverridesIt() throws Exception {
        var tree = Json.mapper().readTree("""
                {"workflow": {"max_turns": 50, "timeout_seconds": 20, "approval_policy": "low",
                              "require_human_approval": false, "human_in_the_loop": ["SCALE"],
                              "protected_namespaces": ["prod"]},
                 "sources": {"prometheus_url": "http://file:9090"},
                 "agents": {"metric_analysis": {"enabled": false}}}""");
        WorkflowConfig c = WorkflowConfig.fromTree(tree).withEnvironment(Map.of(
                "PROMETHEUS_URL", "http://env:9090", "ENABLE_DRY_RUN", "false")::get);

        assertThat(c.maxTurns()).isEqualTo(50);
        assertThat(c.timeout().toSeconds()).isEqualTo(20);
        assertThat(c.effectiveApproval()).isEqualTo(ApprovalPolicy.LOW);
        assertThat(c.safety().humanApprovalTypes()).containsExactly(ActionType.SCALE);
        // A host adds protected namespaces; the system ones stay.
        assertThat(c.safety().protectedNamespaces()).containsExactlyInAnyOrder("prod", "kube-system", "kube-public",
                "kube-node-lease");
        assertThat(c.prometheusUrl()).isEqualTo("http://env:9090");
        assertThat(c.safety().dryRun()).isFalse();
        assertThat(c.enabled("metric_analysis")).isFalse();
        assertThat(c.enabled("triage")).isTrue();
    }

    @Test
    void requireHumanApprovalFromTheEnvironmentWinsOverThePolicy() throws Exception {
        var tree = Json.mapper().readTree("{\"workflow\": {\"approval_policy\": \"all\", \"require_human_approval\": false}}");
        WorkflowConfig c = WorkflowConfig.fromTree(tree).withEnvironment(Map.of("REQUIRE_HUMAN_APPROVAL", "true")::get);
        assertThat(c.effectiveApproval()).isEqualTo(ApprovalPolicy.NONE);
    }

    @Test
    void invalidValuesNameTheKeyAndTheReason() throws Exception {
        assertThatThrownBy(() -> WorkflowConfig.fromTree(Json.mapper().readTree("{\"workflow\": {\"max_turns\": 0}}")))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("workflow.max_turns");
        assertThatThrownBy(() -> WorkflowConfig.fromTree(Json.mapper().readTree("{\"workflow\": {\"approval_policy\": \"some\"}}")))
                .hasMessageContaining("workflow.approval_policy").hasMessageContaining("none, low or all");
        assertThatThrownBy(() -> WorkflowConfig.fromTree(Json.mapper().readTree("{\"workflow\": {\"max_turn\": 3}}")))
                .hasMessageContaining("workflow.max_turn").hasMessageContaining("unknown key");
        assertThatThrownBy(() -> WorkflowConfig.fromTree(Json.mapper().readTree("{\"workflow\": {\"dry_run\": \"maybe\"}}")))
                .hasMessageContaining("workflow.dry_run");
        assertThatThrownBy(() -> WorkflowConfig.defaults().withEnvironment(Map.of("ENABLE_DRY_RUN", "perhaps")::get))
                .hasMessageContaining("ENABLE_DRY_RUN");
    }

    @Test
    void anUnknownAgentIsAnErrorNamingTheKey() throws Exception {
        var tree = Json.mapper().readTree("{\"agents\": {\"triagee\": {\"enabled\": false}}}");
        assertThatThrownBy(() -> WorkflowConfig.fromTree(tree))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("agents.triagee")
                .hasMessageContaining("unknown agent");
    }

    @Test
    void theGuardAndApprovalCannotBeDisabled() throws Exception {
        for (String agent : new String[] {"guard", "approval"}) {
            var tree = Json.mapper().readTree("{\"agents\": {\"" + agent + "\": {\"enabled\": false}}}");
            assertThatThrownBy(() -> WorkflowConfig.fromTree(tree))
                    .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("agents." + agent + ".enabled");
        }
    }
}
