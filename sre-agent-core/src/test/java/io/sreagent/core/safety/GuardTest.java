package io.sreagent.core.safety;

import static org.assertj.core.api.Assertions.assertThat;

import io.sreagent.core.incident.ActionType;
import io.sreagent.core.incident.Category;
import io.sreagent.core.incident.Finding;
import io.sreagent.core.incident.ProposedAction;
import io.sreagent.core.incident.ResourceRef;
import io.sreagent.core.incident.Risk;
import io.sreagent.core.support.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class GuardTest {

    private final Guard guard = new Guard(SafetyPolicy.defaults());
    private static final ResourceRef CART = ResourceRef.of("Deployment", "shop", "cart");
    private static final ResourceRef DNS = ResourceRef.of("Deployment", "kube-system", "coredns");

    private static Finding k8s(ResourceRef r) {
        return Finding.of("kubernetes", "pod.oom_killed", Category.OOM_KILLED, r, 0.9, "evidence", null);
    }

    @Test
    void anActionOnAnObjectTheClusterEvidenceNamesIsAllowedAtItsBaseRisk() {
        var r = guard.review(ProposedAction.propose("act-1", ActionType.RESTART_ROLLOUT, CART, null, ""), List.of(k8s(CART)), 0);
        assertThat(r.verdict().allowed()).isTrue();
        assertThat(r.risk()).isEqualTo(Risk.LOW);
    }

    @Test
    void aTargetOnlyALogLineNamesIsDenied() {
        ResourceRef fromLog = ResourceRef.of("Deployment", "shop", "payments");
        Finding logOnly = Finding.of("loki", "logs.signature", Category.DEPENDENCY_UNAVAILABLE, fromLog, 0.9, "log says so", null);
        var r = guard.review(ProposedAction.propose("act-1", ActionType.SCALE, fromLog, Json.object().put("replicas", 3), ""),
                List.of(logOnly, k8s(CART)), 0);
        assertThat(r.verdict().allowed()).isFalse();
        assertThat(r.verdict().reasons()).anyMatch(s -> s.contains("not named by evidence from a trusted source"));
    }

    @Test
    void aHostSourceNamesATargetOnlyWhenTheHostTrustsIt() {
        ResourceRef db = ResourceRef.of("Deployment", "shop", "db");
        Finding host = Finding.of("acme", "acme.check", Category.DEPENDENCY_UNAVAILABLE, db, 0.9, "acme says so", null);
        ProposedAction scale = ProposedAction.propose("act-1", ActionType.SCALE, db, Json.object().put("replicas", 3), "");
        assertThat(guard.review(scale, List.of(host), 0).verdict().allowed()).isFalse();
        Guard trusting = new Guard(SafetyPolicy.defaults().withTrustedSources(java.util.Set.of("acme")));
        assertThat(trusting.review(scale, List.of(host), 0).verdict().allowed()).isTrue();
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> SafetyPolicy.defaults().withTrustedSources(java.util.Set.of("loki")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aProtectedNamespaceMakesEveryActionHighRisk() {
        var r = guard.review(ProposedAction.propose("act-1", ActionType.RESTART_ROLLOUT, DNS, null, ""), List.of(k8s(DNS)), 0);
        assertThat(r.verdict().allowed()).isTrue();
        assertThat(r.risk()).isEqualTo(Risk.HIGH);
    }

    @Test
    void scalingDownIsHighAndBeyondTheBoundIsDenied() {
        var down = guard.review(ProposedAction.propose("a", ActionType.SCALE, CART,
                Json.object().put("replicas", 1).put("current_replicas", 4), ""), List.of(k8s(CART)), 0);
        assertThat(down.risk()).isEqualTo(Risk.HIGH);
        var up = guard.review(ProposedAction.propose("a", ActionType.SCALE, CART,
                Json.object().put("replicas", 6).put("current_replicas", 4), ""), List.of(k8s(CART)), 0);
        assertThat(up.risk()).isEqualTo(Risk.MEDIUM);
        var huge = guard.review(ProposedAction.propose("a", ActionType.SCALE, CART, Json.object().put("replicas", 500), ""),
                List.of(k8s(CART)), 0);
        assertThat(huge.verdict().allowed()).isFalse();
    }

    @Test
    void resourceChangesAreBounded() {
        var p = Json.object();
        p.putObject("current_limits").put("memory", "128Mi");
        p.putObject("limits").put("memory", "256Mi");
        assertThat(guard.review(ProposedAction.propose("a", ActionType.ADJUST_RESOURCES, CART, p, ""), List.of(k8s(CART)), 0)
                .verdict().allowed()).isTrue();
        p.putObject("limits").put("memory", "4Gi");
        var r = guard.review(ProposedAction.propose("a", ActionType.ADJUST_RESOURCES, CART, p, ""), List.of(k8s(CART)), 0);
        assertThat(r.verdict().allowed()).isFalse();
        assertThat(r.verdict().reasons()).anyMatch(s -> s.contains("more than 4.0x"));
    }

    @Test
    void atMostNExecutableActionsPerIncident() {
        var r = guard.review(ProposedAction.propose("act-4", ActionType.RESTART_ROLLOUT, CART, null, ""), List.of(k8s(CART)), 3);
        assertThat(r.verdict().allowed()).isFalse();
        // Advisory actions are not counted against the bound.
        assertThat(guard.review(ProposedAction.propose("act-5", ActionType.INVESTIGATE, CART, null, ""), List.of(), 3)
                .verdict().allowed()).isTrue();
    }

    @Test
    void highRiskAlwaysWaitsForAPersonWhateverThePolicy() {
        Guard permissive = new Guard(SafetyPolicy.defaults().withApproval(ApprovalPolicy.ALL));
        var high = ProposedAction.propose("a", ActionType.RESTART_ROLLOUT, DNS, null, "").withGuard(null, Risk.HIGH);
        var medium = ProposedAction.propose("b", ActionType.ROLLBACK, CART, null, "").withGuard(null, Risk.MEDIUM);
        assertThat(permissive.whyPerson(high, DNS.namespace())).hasValue("HIGH risk");
        assertThat(permissive.whyPerson(medium, CART.namespace())).isEmpty();
        assertThat(new Guard(SafetyPolicy.defaults().withApproval(ApprovalPolicy.LOW)).whyPerson(medium, CART.namespace()))
                .isPresent();
    }

    @Test
    void anActionOutsideTheIncidentsNamespaceAlwaysWaitsForAPerson() {
        Guard permissive = new Guard(SafetyPolicy.defaults().withApproval(ApprovalPolicy.ALL));
        var elsewhere = ProposedAction.propose("a", ActionType.SCALE, ResourceRef.of("Deployment", "prod", "billing-db"),
                null, "").withGuard(null, Risk.LOW);
        assertThat(permissive.whyPerson(elsewhere, "shop")).hasValueSatisfying(w -> assertThat(w).contains("outside"));
        assertThat(permissive.whyPerson(elsewhere, "prod")).isEmpty();
        var node = ProposedAction.propose("b", ActionType.CORDON_NODE, ResourceRef.cluster("Node", "n1"), null, "")
                .withGuard(null, Risk.MEDIUM);
        assertThat(permissive.whyPerson(node, "shop")).isPresent();
    }

    @Test
    void systemNamespacesStayProtectedWhateverTheHostConfigures() {
        SafetyPolicy none = SafetyPolicy.defaults().withProtectedNamespaces(java.util.Set.of());
        assertThat(none.protectedNamespaces()).containsAll(SafetyPolicy.SYSTEM_NAMESPACES);
        assertThat(SafetyPolicy.defaults().withProtectedNamespaces(java.util.Set.of("payments")).protectedNamespaces())
                .contains("payments", "kube-system");
        var dns = ResourceRef.of("Deployment", "kube-system", "coredns");
        var r = new Guard(none.withApproval(ApprovalPolicy.ALL)).review(
                ProposedAction.propose("a", ActionType.RESTART_ROLLOUT, dns, null, ""), List.of(k8s(dns)), 0);
        assertThat(r.risk()).isEqualTo(Risk.HIGH);
    }
}
