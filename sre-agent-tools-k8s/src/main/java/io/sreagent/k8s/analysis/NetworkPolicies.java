package io.sreagent.k8s.analysis;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.networking.v1.IPBlock;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Evaluates Kubernetes NetworkPolicies the way the API defines them (networking.k8s.io/v1): a pod is isolated for a
 * direction when any policy of its namespace selects it with that policy type; an isolated pod admits a connection
 * only if some rule of one of those policies matches both the peer and the port. Traffic to a Service is judged at
 * the backing pod and its container port, as CNIs do after the Service's address is translated.
 *
 * <p>Pure and stateless; {@code ipBlock} is matched against pod IPs (IPv4 only).
 */
final class NetworkPolicies {

    /** Policy type names as the API spells them. */
    static final String INGRESS = "Ingress";
    static final String EGRESS = "Egress";

    /** One end of a connection: a pod with its namespace's labels. */
    record Endpoint(Pod pod, Map<String, String> namespaceLabels) {
        String namespace() {
            return pod.getMetadata().getNamespace();
        }

        Map<String, String> labels() {
            Map<String, String> l = pod.getMetadata().getLabels();
            return l == null ? Map.of() : l;
        }

        @Nullable String ip() {
            return pod.getStatus() == null ? null : pod.getStatus().getPodIP();
        }
    }

    /** A destination port: the number at the pod, its name there (if declared) and the protocol. */
    record Port(int number, @Nullable String name, String protocol) {
        @Override
        public String toString() {
            return number + "/" + protocol;
        }
    }

    private NetworkPolicies() {
    }

    /** The policies of {@code ns} that select {@code pod} for {@code direction} (so the pod is isolated when non-empty). */
    static List<NetworkPolicy> isolating(List<NetworkPolicy> policies, Endpoint pod, String direction) {
        List<NetworkPolicy> out = new ArrayList<>();
        for (NetworkPolicy p : policies) {
            if (p.getSpec() == null || !Objects.equals(p.getMetadata().getNamespace(), pod.namespace())
                    || !Owners.matches(selectorOrAll(p.getSpec().getPodSelector()), pod.labels())) {
                continue;
            }
            if (types(p).contains(direction)) {
                out.add(p);
            }
        }
        return out;
    }

    /**
     * Whether the policies isolating {@code local} for {@code direction} admit a connection with {@code peer} on
     * {@code port} (the port at the destination: the peer for egress, {@code local} for ingress).
     */
    static boolean admits(List<NetworkPolicy> isolating, String direction, Endpoint peer, Port port) {
        if (isolating.isEmpty()) {
            return true;
        }
        for (NetworkPolicy p : isolating) {
            String ns = p.getMetadata().getNamespace();
            if (EGRESS.equals(direction)) {
                for (var r : nullToEmpty(p.getSpec().getEgress())) {
                    if (peers(r.getTo(), ns, peer) && ports(r.getPorts(), port)) {
                        return true;
                    }
                }
            } else {
                for (var r : nullToEmpty(p.getSpec().getIngress())) {
                    if (peers(r.getFrom(), ns, peer) && ports(r.getPorts(), port)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** The ports {@code pod}'s containers declare for {@code target} (a Service's targetPort: a number or a name). */
    static @Nullable Port resolve(Pod pod, IntOrString target, String protocol) {
        if (target.getIntVal() != null) {
            String name = null;
            for (ContainerPort cp : containerPorts(pod)) {
                if (Objects.equals(cp.getContainerPort(), target.getIntVal())) {
                    name = cp.getName();
                }
            }
            return new Port(target.getIntVal(), name, protocol);
        }
        for (ContainerPort cp : containerPorts(pod)) {
            if (Objects.equals(cp.getName(), target.getStrVal())) {
                return new Port(cp.getContainerPort(), cp.getName(), protocol);
            }
        }
        return null;
    }

    static List<ContainerPort> containerPorts(Pod pod) {
        List<ContainerPort> out = new ArrayList<>();
        if (pod.getSpec() != null && pod.getSpec().getContainers() != null) {
            for (Container c : pod.getSpec().getContainers()) {
                out.addAll(nullToEmpty(c.getPorts()));
            }
        }
        return out;
    }

    /** The policy's types; when unset, Ingress always and Egress when it has egress rules (API defaulting). */
    static List<String> types(NetworkPolicy p) {
        List<String> t = p.getSpec().getPolicyTypes();
        if (t != null && !t.isEmpty()) {
            return t;
        }
        return p.getSpec().getEgress() != null && !p.getSpec().getEgress().isEmpty() ? List.of(INGRESS, EGRESS)
                : List.of(INGRESS);
    }

    private static boolean peers(@Nullable List<NetworkPolicyPeer> peers, String policyNs, Endpoint peer) {
        if (peers == null || peers.isEmpty()) {
            return true; // no `to`/`from`: every peer
        }
        for (NetworkPolicyPeer np : peers) {
            if (np.getIpBlock() != null) {
                if (inBlock(np.getIpBlock(), peer.ip())) {
                    return true;
                }
                continue;
            }
            boolean nsOk = np.getNamespaceSelector() == null ? Objects.equals(policyNs, peer.namespace())
                    : Owners.matches(np.getNamespaceSelector(), peer.namespaceLabels());
            boolean podOk = np.getPodSelector() == null || Owners.matches(np.getPodSelector(), peer.labels());
            if ((np.getNamespaceSelector() != null || np.getPodSelector() != null) && nsOk && podOk) {
                return true;
            }
        }
        return false;
    }

    private static boolean ports(@Nullable List<NetworkPolicyPort> ports, Port port) {
        if (ports == null || ports.isEmpty()) {
            return true; // no `ports`: every port
        }
        for (NetworkPolicyPort pp : ports) {
            String protocol = pp.getProtocol() == null ? "TCP" : pp.getProtocol();
            if (!protocol.equalsIgnoreCase(port.protocol())) {
                continue;
            }
            IntOrString p = pp.getPort();
            if (p == null) {
                return true;
            }
            if (p.getIntVal() != null) {
                int end = pp.getEndPort() == null ? p.getIntVal() : pp.getEndPort();
                if (port.number() >= p.getIntVal() && port.number() <= end) {
                    return true;
                }
            } else if (p.getStrVal() != null && p.getStrVal().equals(port.name())) {
                return true;
            }
        }
        return false;
    }

    private static boolean inBlock(IPBlock block, @Nullable String ip) {
        if (ip == null || block.getCidr() == null || !contains(block.getCidr(), ip)) {
            return false;
        }
        for (String except : nullToEmpty(block.getExcept())) {
            if (contains(except, ip)) {
                return false;
            }
        }
        return true;
    }

    /** Whether IPv4 {@code ip} lies in {@code cidr}; false for anything that is not IPv4. */
    static boolean contains(String cidr, String ip) {
        int slash = cidr.indexOf('/');
        long net = ipv4(slash < 0 ? cidr : cidr.substring(0, slash));
        long addr = ipv4(ip);
        if (net < 0 || addr < 0) {
            return false;
        }
        int bits;
        try {
            bits = slash < 0 ? 32 : Integer.parseInt(cidr.substring(slash + 1));
        } catch (NumberFormatException e) {
            return false;
        }
        if (bits < 0 || bits > 32) {
            return false;
        }
        long mask = bits == 0 ? 0 : (0xFFFFFFFFL << (32 - bits)) & 0xFFFFFFFFL;
        return (net & mask) == (addr & mask);
    }

    private static long ipv4(String s) {
        String[] parts = s.trim().split("\\.", -1);
        if (parts.length != 4) {
            return -1;
        }
        long v = 0;
        for (String p : parts) {
            try {
                int b = Integer.parseInt(p);
                if (b < 0 || b > 255) {
                    return -1;
                }
                v = (v << 8) | b;
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        return v;
    }

    private static LabelSelector selectorOrAll(@Nullable LabelSelector s) {
        return s == null ? new LabelSelector() : s;
    }

    private static <T> List<T> nullToEmpty(@Nullable List<T> l) {
        return l == null ? List.of() : l;
    }
}
