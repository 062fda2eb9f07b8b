package io.sreagent.k8s.analysis;

import io.sreagent.core.incident.Category;
import io.sreagent.core.incident.Finding;
import io.sreagent.core.incident.ResourceRef;
import io.sreagent.k8s.MockCluster;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Why a caller cannot reach what it needs although nothing crashes: NetworkPolicies of either side, a Service's named
 * targetPort that its pods do not declare, a dependency that is gone, and Ingresses that route to nothing. Objects as
 * {@code kubectl get -o yaml} shows them, served by the fabric8 mock server to the real client; each case has a
 * negative twin that differs only in the one field that makes it wrong.
 */
class ReachabilityTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-20T10:30:00Z"), ZoneOffset.UTC);
    private static final ResourceRef ORDERS = ResourceRef.of("Deployment", "shop", "orders");

    /** A ready pod {@code name} of Deployment {@code app} in {@code ns}, with the given container ports. */
    private static String app(String ns, String app, String ip, String ports) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: %2$s, namespace: %1$s, uid: d-%2$s}
                spec:
                  replicas: 1
                  selector: {matchLabels: {app: %2$s}}
                  template:
                    metadata: {labels: {app: %2$s}}
                    spec: {containers: [{name: %2$s, image: 'registry.example.com/%2$s:1', ports: [%4$s]}]}
                status: {replicas: 1, readyReplicas: 1}
                ---
                apiVersion: apps/v1
                kind: ReplicaSet
                metadata:
                  name: %2$s-6b8d9
                  namespace: %1$s
                  uid: rs-%2$s
                  labels: {app: %2$s, pod-template-hash: 6b8d9}
                  ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: %2$s, uid: d-%2$s, controller: true}]
                spec:
                  replicas: 1
                  selector: {matchLabels: {app: %2$s, pod-template-hash: 6b8d9}}
                  template:
                    metadata: {labels: {app: %2$s, pod-template-hash: 6b8d9}}
                    spec: {containers: [{name: %2$s, image: 'registry.example.com/%2$s:1', ports: [%4$s]}]}
                status: {replicas: 1, readyReplicas: 1}
                ---
                apiVersion: v1
                kind: Pod
                metadata:
                  name: %2$s-6b8d9-x1
                  namespace: %1$s
                  labels: {app: %2$s, pod-template-hash: 6b8d9}
                  ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: %2$s-6b8d9, uid: rs-%2$s, controller: true}]
                spec: {nodeName: node-1, containers: [{name: %2$s, image: 'registry.example.com/%2$s:1', ports: [%4$s]}]}
                status:
                  phase: Running
                  podIP: %3$s
                  conditions: [{type: Ready, status: 'True'}]
                  containerStatuses:
                  - {name: %2$s, ready: true, restartCount: 0, state: {running: {startedAt: '2026-11-20T09:00:00Z'}}}
                ---
                """.formatted(ns, app, ip, ports);
    }

    /** A Service {@code name} selecting {@code app: name} with ready endpoint {@code ip}. */
    private static String service(String ns, String name, String ip, String ports, String endpointPorts) {
        return """
                apiVersion: v1
                kind: Service
                metadata: {name: %2$s, namespace: %1$s}
                spec: {selector: {app: %2$s}, ports: [%4$s]}
                ---
                apiVersion: v1
                kind: Endpoints
                metadata: {name: %2$s, namespace: %1$s}
                subsets: [{addresses: [{ip: %3$s, targetRef: {kind: Pod, name: %2$s-6b8d9-x1, namespace: %1$s}}], ports: [%5$s]}]
                ---
                """.formatted(ns, name, ip, ports, endpointPorts);
    }

    private static final String SHOP = app("shop", "orders", "10.244.1.10", "{containerPort: 8080, name: http}")
            + app("shop", "postgres", "10.244.2.20", "{containerPort: 5432, name: pg}")
            + service("shop", "postgres", "10.244.2.20", "{port: 5432, targetPort: pg}", "{port: 5432}");

    private static final String DEFAULT_DENY = """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: default-deny, namespace: shop}
            spec: {podSelector: {}, policyTypes: [Ingress, Egress]}
            ---
            """;

    private static final String ORDERS_EGRESS = """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: orders-egress, namespace: shop}
            spec:
              podSelector: {matchLabels: {app: orders}}
              policyTypes: [Egress]
              egress:
              - to: [{podSelector: {matchLabels: {app: postgres}}}]
                ports: [{protocol: TCP, port: %s}]
            ---
            """;

    private static final String POSTGRES_INGRESS = """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: postgres-ingress, namespace: shop}
            spec:
              podSelector: {matchLabels: {app: postgres}}
              ingress:
              - from: [{podSelector: {matchLabels: {app: %s}}}]
                ports: [{port: 5432}]
            ---
            """;

    private static List<Finding> dependency(String yaml, String host) {
        try (MockCluster c = MockCluster.crud().load(yaml)) {
            return new ClusterAnalyzer(c.client, CLOCK).analyzeService("shop", host, ORDERS).findings();
        }
    }

    private static Optional<Finding> find(List<Finding> fs, String analyzer) {
        return fs.stream().filter(f -> f.analyzer().equals(analyzer)).findFirst();
    }

    @Test
    void anEgressPolicyThatDoesNotAllowTheDependencysPortBlocksTheCaller() {
        // postgres listens on 5432; the policy written for orders allows 5433 only (a typo after a change).
        String yaml = SHOP + DEFAULT_DENY + ORDERS_EGRESS.formatted("5433") + POSTGRES_INGRESS.formatted("orders");
        Finding f = find(dependency(yaml, "postgres:5432"), "network.policy_denies").orElseThrow();
        assertThat(f.category()).isEqualTo(Category.NETWORK_BLOCKED);
        // the policy written for the caller's pods, not the namespace-wide default, is the one to change
        assertThat(f.resource()).isEqualTo(ResourceRef.of("NetworkPolicy", "shop", "orders-egress"));
        assertThat(f.detail().path("direction").asText()).isEqualTo("Egress");
        assertThat(f.detail().path("ports").toString()).contains("5432/TCP");

        String allowed = SHOP + DEFAULT_DENY + ORDERS_EGRESS.formatted("5432") + POSTGRES_INGRESS.formatted("orders");
        assertThat(find(dependency(allowed, "postgres:5432"), "network.policy_denies")).isEmpty();
        // a named port in the rule matches the destination pod's declared port name
        String byName = SHOP + DEFAULT_DENY + ORDERS_EGRESS.formatted("pg") + POSTGRES_INGRESS.formatted("orders");
        assertThat(find(dependency(byName, "postgres:5432"), "network.policy_denies")).isEmpty();
    }

    @Test
    void anIngressPolicyOnTheDependencyThatAdmitsOthersBlocksTheCaller() {
        String yaml = SHOP + POSTGRES_INGRESS.formatted("billing");
        Finding f = find(dependency(yaml, "postgres.shop.svc.cluster.local:5432"), "network.policy_denies").orElseThrow();
        assertThat(f.resource()).isEqualTo(ResourceRef.of("NetworkPolicy", "shop", "postgres-ingress"));
        assertThat(f.detail().path("direction").asText()).isEqualTo("Ingress");
        assertThat(find(dependency(SHOP + POSTGRES_INGRESS.formatted("orders"), "postgres:5432"),
                "network.policy_denies")).isEmpty();
        // no policy at all: nothing to blame
        assertThat(dependency(SHOP, "postgres:5432")).isEmpty();
    }

    @Test
    void anEgressPolicyWithoutDnsBlocksLookupsWhileTheClusterDnsIsReady() {
        String dns = """
                apiVersion: v1
                kind: Namespace
                metadata: {name: kube-system, labels: {kubernetes.io/metadata.name: kube-system}}
                ---
                apiVersion: v1
                kind: Namespace
                metadata: {name: shop, labels: {kubernetes.io/metadata.name: shop}}
                ---
                """ + app("kube-system", "coredns", "10.244.0.3",
                "{containerPort: 53, name: dns, protocol: UDP}, {containerPort: 53, name: dns-tcp, protocol: TCP}")
                .replace("app: coredns", "app: coredns, k8s-app: kube-dns") + """
                apiVersion: v1
                kind: Service
                metadata: {name: kube-dns, namespace: kube-system}
                spec:
                  selector: {k8s-app: kube-dns}
                  ports: [{name: dns, port: 53, protocol: UDP, targetPort: 53}, {name: dns-tcp, port: 53, protocol: TCP, targetPort: 53}]
                ---
                apiVersion: v1
                kind: Endpoints
                metadata: {name: kube-dns, namespace: kube-system}
                subsets: [{addresses: [{ip: 10.244.0.3}], ports: [{port: 53, protocol: UDP}]}]
                ---
                """;
        String dnsEgress = """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: allow-dns, namespace: shop}
                spec:
                  podSelector: {}
                  policyTypes: [Egress]
                  egress:
                  - to: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}, podSelector: {matchLabels: {k8s-app: kube-dns}}}]
                    ports: [{protocol: UDP, port: 53}]
                """;
        String yaml = SHOP + dns + ORDERS_EGRESS.formatted("5432");
        Finding f = find(dependency(yaml, "kube-dns.kube-system:53"), "network.policy_denies").orElseThrow();
        assertThat(f.category()).isEqualTo(Category.NETWORK_BLOCKED);
        assertThat(f.resource()).isEqualTo(ResourceRef.of("NetworkPolicy", "shop", "orders-egress"));
        assertThat(find(dependency(yaml + dnsEgress, "kube-dns.kube-system:53"), "network.policy_denies")).isEmpty();
        // a rule for another namespace's DNS pods does not open this one
        assertThat(find(dependency(yaml + dnsEgress.replace("name: kube-system}", "name: dns-system}"),
                "kube-dns.kube-system:53"), "network.policy_denies")).isPresent();
    }

    @Test
    void aNamedTargetPortThatNoPodDeclaresLeavesTheServiceWithoutEndpoints() {
        // The pods renamed their port from `pg` to `postgres`; the Service still targets `pg`.
        String yaml = app("shop", "postgres", "10.244.2.20", "{containerPort: 5432, name: postgres}") + """
                apiVersion: v1
                kind: Service
                metadata: {name: postgres, namespace: shop}
                spec: {selector: {app: postgres}, ports: [{port: 5432, targetPort: pg}]}
                ---
                apiVersion: v1
                kind: Endpoints
                metadata: {name: postgres, namespace: shop}
                """;
        Finding f = dependency(yaml, "postgres:5432").get(0);
        assertThat(f.category()).isEqualTo(Category.SERVICE_NO_ENDPOINTS);
        assertThat(f.analyzer()).isEqualTo("service.target_port_undeclared");
        assertThat(f.resource()).isEqualTo(ResourceRef.of("Service", "shop", "postgres"));
        assertThat(f.summary()).contains("'pg'").contains("postgres=5432");
        String fixed = yaml.replace("name: postgres}]", "name: pg}]");
        assertThat(find(dependency(fixed, "postgres:5432"), "service.target_port_undeclared")).isEmpty();
    }

    @Test
    void aServiceNothingResemblesIsAGoneDependencyButANearMissIsASelectorMistake() {
        String svc = """
                apiVersion: v1
                kind: Service
                metadata: {name: ledger-cache, namespace: shop}
                spec: {selector: {app: %s}, ports: [{port: 6379}]}
                ---
                apiVersion: v1
                kind: Endpoints
                metadata: {name: ledger-cache, namespace: shop}
                """;
        String others = app("shop", "orders", "10.244.1.10", "{containerPort: 8080}");
        Finding gone = dependency(others + svc.formatted("ledger-cache"), "ledger-cache:6379").get(0);
        assertThat(gone.category()).isEqualTo(Category.DEPENDENCY_UNAVAILABLE);
        assertThat(gone.analyzer()).isEqualTo("dependency.no_workload");
        assertThat(gone.resource()).isEqualTo(ResourceRef.of("Service", "shop", "ledger-cache"));
        // a Deployment whose label is one edit away: the Service's selector is wrong, not the dependency gone
        Finding typo = dependency(others + app("shop", "ledger-cach", "10.244.1.11", "{containerPort: 6379}")
                + svc.formatted("ledger-cache"), "ledger-cache:6379").get(0);
        assertThat(typo.category()).isEqualTo(Category.SERVICE_NO_ENDPOINTS);
    }

    @Test
    void aClusterNameWithoutAServiceIsAGoneDependencyAndAnExternalNameIsNot() {
        String yaml = SHOP;
        Finding f = dependency(yaml, "payments-db.shop.svc.cluster.local").get(0);
        assertThat(f.category()).isEqualTo(Category.DEPENDENCY_UNAVAILABLE);
        assertThat(f.analyzer()).isEqualTo("dependency.service_missing");
        assertThat(f.resource()).isEqualTo(ResourceRef.of("Service", "shop", "payments-db"));
        assertThat(dependency(yaml, "api.payments.example.com")).isEmpty();
        // a two-label name whose second label is no namespace of the cluster is not a cluster name
        assertThat(dependency(yaml, "stripe.com")).isEmpty();
    }

    @Test
    void ingressChecksNameTheIngressAndFindAPortTheServiceDoesNotExpose() {
        String yaml = SHOP + service("shop", "web", "10.244.1.30", "{name: http, port: 80, targetPort: 8080}", "{port: 8080}")
                + """
                apiVersion: networking.k8s.io/v1
                kind: IngressClass
                metadata: {name: nginx, annotations: {ingressclass.kubernetes.io/is-default-class: 'true'}}
                spec: {controller: k8s.io/ingress-nginx}
                ---
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata: {name: shop, namespace: shop}
                spec:
                  rules:
                  - host: shop.example.com
                    http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 8080}}}}]}
                """;
        ResourceRef ing = ResourceRef.of("Ingress", "shop", "shop");
        List<Finding> fs;
        try (MockCluster c = MockCluster.crud().load(yaml)) {
            fs = new ClusterAnalyzer(c.client, CLOCK).analyze(ing).findings();
        }
        Finding f = find(fs, "ingress.service_port_missing").orElseThrow();
        assertThat(f.category()).isEqualTo(Category.INGRESS_MISCONFIGURED);
        assertThat(f.resource()).isEqualTo(ing);
        assertThat(f.summary()).contains("8080").contains("http=80");
        // no class named, but a default IngressClass exists: that is fine
        assertThat(find(fs, "ingress.no_class")).isEmpty();
        try (MockCluster c = MockCluster.crud().load(yaml.replace("number: 8080", "name: http"))) {
            assertThat(new ClusterAnalyzer(c.client, CLOCK).analyze(ing).findings()).isEmpty();
        }
    }

    @Test
    void cidrsAndPolicyTypesFollowTheApi() {
        assertThat(NetworkPolicies.contains("10.244.0.0/16", "10.244.7.9")).isTrue();
        assertThat(NetworkPolicies.contains("10.244.0.0/16", "10.245.0.1")).isFalse();
        assertThat(NetworkPolicies.contains("0.0.0.0/0", "192.168.1.1")).isTrue();
        assertThat(NetworkPolicies.contains("10.0.0.1/32", "10.0.0.1")).isTrue();
        assertThat(NetworkPolicies.contains("fd00::/8", "10.0.0.1")).isFalse();
        assertThat(NetworkPolicies.contains("10.0.0.0/33", "10.0.0.1")).isFalse();
        try (MockCluster c = MockCluster.crud().load(POSTGRES_INGRESS.formatted("x") + ORDERS_EGRESS.formatted("1"))) {
            var policies = c.client.network().v1().networkPolicies().inNamespace("shop").list().getItems();
            var byName = policies.stream().collect(java.util.stream.Collectors.toMap(p -> p.getMetadata().getName(), p -> p));
            // policyTypes unset and no egress rules: Ingress only (API defaulting)
            assertThat(NetworkPolicies.types(byName.get("postgres-ingress"))).containsExactly("Ingress");
            assertThat(NetworkPolicies.types(byName.get("orders-egress"))).containsExactly("Egress");
        }
    }
}
