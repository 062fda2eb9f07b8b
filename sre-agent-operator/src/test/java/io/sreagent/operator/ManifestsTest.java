package io.sreagent.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.sreagent.core.input.YamlInput;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The manifests under deploy/: every one parses with fabric8 and applies to the mock API server; RBAC is least privilege. */
@EnableKubernetesMockClient(crud = true)
class ManifestsTest {

    static final Path DEPLOY = Path.of("../deploy");
    static final Set<String> WRITE = Set.of("create", "update", "patch", "delete", "deletecollection", "*");

    KubernetesClient client;

    static List<HasMetadata> manifests(KubernetesClient client) throws IOException {
        List<String> files = new ArrayList<>();
        YamlInput.single(Files.readString(DEPLOY.resolve("kustomization.yaml")), "kustomization.yaml")
                .path("resources").forEach(r -> files.add(r.asText()));
        List<HasMetadata> all = new ArrayList<>();
        for (String f : files) {
            try (InputStream in = Files.newInputStream(DEPLOY.resolve(f))) {
                all.addAll(client.load(in).items());
            }
        }
        return all;
    }

    @Test
    void everyManifestParsesAndApplies() throws Exception {
        List<HasMetadata> all = manifests(client);
        assertThat(all).extracting(HasMetadata::getKind).contains("Namespace", "CustomResourceDefinition",
                "ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding", "Deployment", "Service",
                "PodDisruptionBudget", "NetworkPolicy", "ValidatingAdmissionPolicy");
        for (HasMetadata m : all) {
            client.resource(m).create();
        }
        for (HasMetadata m : all) {
            assertThat(client.resource(m).get()).as(m.getKind() + " " + m.getMetadata().getName()).isNotNull();
        }
        var deployment = client.apps().deployments().inNamespace("sre-agent").withName("sre-agent").get();
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
        var container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(container.getReadinessProbe()).isNotNull();
        assertThat(container.getLivenessProbe()).isNotNull();
        assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
        assertThat(container.getResources().getLimits()).containsKeys("cpu", "memory");
        // every file in deploy/ but the image definition is listed in the kustomization
        try (Stream<Path> files = Files.walk(DEPLOY)) {
            List<String> yaml = files.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .map(p -> DEPLOY.relativize(p).toString()).filter(p -> !p.equals("kustomization.yaml")).toList();
            assertThat(Files.readString(DEPLOY.resolve("kustomization.yaml"))).contains(yaml);
        }
    }

    @Test
    void theDefaultRoleWritesNothingAndReadsNoSecret() throws Exception {
        ClusterRole read = manifests(client).stream().filter(ClusterRole.class::isInstance).map(ClusterRole.class::cast)
                .filter(r -> r.getMetadata().getName().equals("sre-agent-read")).findFirst().orElseThrow();
        for (PolicyRule rule : read.getRules()) {
            assertThat(rule.getVerbs()).as(rule.getResources().toString()).doesNotContainAnyElementsOf(WRITE);
            assertThat(rule.getResources()).doesNotContain("secrets", "*");
        }
        // No role of the manifests reads a Secret's value.
        for (HasMetadata m : manifests(client)) {
            List<PolicyRule> rules = m instanceof ClusterRole c ? c.getRules() : m instanceof Role r ? r.getRules() : List.of();
            for (PolicyRule rule : rules) {
                assertThat(rule.getResources()).as(m.getMetadata().getName()).doesNotContain("secrets", "*");
            }
        }
        // The action role is separate and not bound by default.
        List<HasMetadata> all = manifests(client);
        assertThat(all).filteredOn(m -> m.getMetadata().getName().equals("sre-agent-act")).hasSize(1);
        assertThat(all.stream().filter(m -> m.getKind().endsWith("Binding")).map(Object::toString))
                .noneMatch(s -> s.contains("name=sre-agent-act"));
        // Approvals: only the approver role patches incidents' spec besides the operator itself.
        Role approver = all.stream().filter(Role.class::isInstance).map(Role.class::cast)
                .filter(r -> r.getMetadata().getName().equals("sre-agent-approver")).findFirst().orElseThrow();
        assertThat(approver.getRules()).allSatisfy(r -> {
            assertThat(r.getResources()).containsExactly("incidents");
            assertThat(r.getVerbs()).containsExactlyInAnyOrder("get", "list", "watch", "patch");
        });
    }

    @Test
    void theCommittedCrdIsTheGeneratedOne() throws Exception {
        Path generated = Path.of("target/classes/META-INF/fabric8/incidents.sre-agent.io-v1.yml");
        assertThat(Files.readString(DEPLOY.resolve("crd/incidents.sre-agent.io-v1.yml")))
                .as("deploy/crd is stale: copy %s there", generated).isEqualTo(Files.readString(generated));
        String crd = Files.readString(generated);
        assertThat(crd).contains("name: \"Workload\"", "name: \"Category\"", "name: \"Confidence\"", "name: \"Phase\"",
                "name: \"Awaiting\"", "name: \"Age\"", "status: {}");
    }
}
