package io.sreagent.k8s.analysis;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.sreagent.core.incident.Category;
import io.sreagent.core.incident.Finding;
import io.sreagent.core.incident.ResourceRef;
import io.sreagent.core.support.Json;
import io.sreagent.k8s.internal.Times;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Checks Nodes: Ready not True, pressure conditions, network unavailable, unknown condition types; names the pods hit. */
final class NodeChecks {

    private static final Set<String> PRESSURES = Set.of("MemoryPressure", "DiskPressure", "PIDPressure", "NetworkUnavailable");
    private static final Set<String> IGNORED = Set.of("EtcdIsVoter");

    private final ClusterSnapshot s;

    NodeChecks(ClusterSnapshot s) {
        this.s = s;
    }

    List<Scored> check(Node node, List<String> via) {
        List<Scored> out = new ArrayList<>();
        if (node.getStatus() == null || node.getStatus().getConditions() == null) {
            return out;
        }
        String name = node.getMetadata().getName();
        ResourceRef ref = ResourceRef.cluster("Node", name);
        int hops = via.isEmpty() ? 0 : 1;
        List<Pod> onNode = new ArrayList<>();
        List<Pod> evicted = new ArrayList<>();
        for (Pod p : s.pods) {
            if (p.getSpec() != null && name.equals(p.getSpec().getNodeName())) {
                onNode.add(p);
                if (p.getStatus() != null && "Evicted".equals(p.getStatus().getReason())) {
                    evicted.add(p);
                }
            }
        }
        List<Finding> blockers = drainBlockers(ref, onNode);
        for (NodeCondition c : node.getStatus().getConditions()) {
            String type = c.getType();
            String status = c.getStatus();
            if (IGNORED.contains(type)) {
                continue;
            }
            boolean bad;
            double conf;
            if ("Ready".equals(type)) {
                bad = !"True".equals(status);
                conf = 0.9;
            } else if (PRESSURES.contains(type)) {
                bad = "True".equals(status) || "Unknown".equals(status);
                conf = "Unknown".equals(status) ? 0.6 : 0.8;
            } else {
                bad = true;
                conf = 0.3;
            }
            if (!bad) {
                continue;
            }
            ObjectNode d = Json.object();
            d.put("node", name);
            d.put("condition", type);
            d.put("status", status);
            d.put("reason", c.getReason());
            d.put("message", c.getMessage());
            d.put("unschedulable", node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable()));
            ArrayNode blocked = d.putArray("drain_blocked_by");
            blockers.forEach(b -> blocked.add(b.resource().namespace() + "/" + b.resource().name()));
            ArrayNode affected = d.putArray("affected_pods");
            onNode.forEach(p -> affected.add(p.getMetadata().getNamespace() + "/" + p.getMetadata().getName()));
            ArrayNode ev = d.putArray("evicted_pods");
            evicted.forEach(p -> ev.add(p.getMetadata().getNamespace() + "/" + p.getMetadata().getName()));
            if (!evicted.isEmpty()) {
                conf = Math.min(0.95, conf + 0.05);
            }
            ArrayNode events = d.putArray("events");
            for (Event e : s.eventsFor("Node", name)) {
                if (!"Normal".equals(e.getType()) || "NodeNotReady".equals(e.getReason())) {
                    events.add(e.getReason() + ": " + e.getMessage());
                }
            }
            String what = "Ready".equals(type) ? "is NotReady (" + status + ")" : "has condition " + type + "=" + status;
            String analyzer = "Ready".equals(type) ? "node.not_ready"
                    : PRESSURES.contains(type) ? "node." + snake(type) : "node.condition";
            Category cat = PRESSURES.contains(type) || "Ready".equals(type) ? Category.NODE_FAILURE : Category.UNKNOWN;
            out.add(new Scored(PodChecks.finding(analyzer, cat, ref, ref, conf,
                    "Node " + name + " " + what + (c.getReason() != null ? ", reason " + c.getReason() : "")
                            + (c.getMessage() != null ? ": " + c.getMessage() : "") + "; " + onNode.size()
                            + " pods on it in view" + (evicted.isEmpty() ? "" : ", " + evicted.size() + " evicted"),
                    d, Times.parse(c.getLastTransitionTime()), StorageChecks.chain(via, "Node " + name + " " + what)), hops));
        }
        // Who will drain it: a person or a controller, once it is cordoned or failing.
        if (!out.isEmpty() || node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable())) {
            blockers.forEach(b -> out.add(new Scored(b, hops)));
        }
        return out;
    }

    /**
     * PodDisruptionBudgets that allow no disruption now and select a pod still on the node: evicting it (a drain, a
     * node upgrade, the cluster autoscaler) waits until the budget allows one. Facts for whoever drains the node
     * (category UNKNOWN): a budget does what it is for, it is a problem only when it can never allow a disruption.
     */
    private List<Finding> drainBlockers(ResourceRef node, List<Pod> onNode) {
        List<Finding> out = new ArrayList<>();
        for (PodDisruptionBudget b : s.pdbs) {
            if (b.getStatus() == null || b.getStatus().getDisruptionsAllowed() == null
                    || b.getStatus().getDisruptionsAllowed() > 0 || b.getSpec() == null || b.getSpec().getSelector() == null) {
                continue;
            }
            String ns = b.getMetadata().getNamespace();
            List<String> held = new ArrayList<>();
            for (Pod p : onNode) {
                Map<String, String> labels = p.getMetadata().getLabels();
                if (ns.equals(p.getMetadata().getNamespace()) && labels != null && p.getMetadata().getDeletionTimestamp() == null
                        && Owners.matches(b.getSpec().getSelector(), labels)) {
                    held.add(p.getMetadata().getName());
                }
            }
            if (held.isEmpty()) {
                continue;
            }
            var st = b.getStatus();
            String rule = b.getSpec().getMinAvailable() != null ? "minAvailable " + b.getSpec().getMinAvailable().getValue()
                    : b.getSpec().getMaxUnavailable() != null ? "maxUnavailable " + b.getSpec().getMaxUnavailable().getValue() : "";
            String msg = "PodDisruptionBudget " + ns + "/" + b.getMetadata().getName() + " (" + rule + ") allows no disruption now ("
                    + st.getCurrentHealthy() + " healthy, " + st.getDesiredHealthy() + " required, " + st.getExpectedPods()
                    + " expected): evicting " + held + " from Node " + node.name() + " waits for it";
            ObjectNode d = Json.object().put("pdb", b.getMetadata().getName()).put("node", node.name())
                    .put("current_healthy", st.getCurrentHealthy()).put("desired_healthy", st.getDesiredHealthy())
                    .put("expected_pods", st.getExpectedPods()).put("rule", rule);
            held.forEach(d.putArray("pods")::add);
            out.add(PodChecks.finding("pdb.blocks_drain", Category.UNKNOWN,
                    ResourceRef.of("PodDisruptionBudget", ns, b.getMetadata().getName()), node, 0.4, msg, d, null, List.of(msg)));
        }
        return out;
    }

    private static String snake(String type) {
        return type.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }
}
