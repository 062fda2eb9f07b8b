package io.sreagent.k8s.analysis;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.sreagent.core.incident.ResourceRef;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Owner chains, label selectors, revisions and pod health: the structural facts every check relies on. */
final class Owners {

    static final String REVISION = "deployment.kubernetes.io/revision";
    static final String HASH = "pod-template-hash";

    private Owners() {
    }

    static OwnerReference controller(HasMetadata o) {
        if (o == null || o.getMetadata() == null || o.getMetadata().getOwnerReferences() == null) {
            return null;
        }
        OwnerReference first = null;
        for (OwnerReference r : o.getMetadata().getOwnerReferences()) {
            if (Boolean.TRUE.equals(r.getController())) {
                return r;
            }
            if (first == null) {
                first = r;
            }
        }
        return first;
    }

    /** The owner chain of a pod as refs, the pod first and the top-level workload last. */
    static List<ResourceRef> chain(Pod pod, ClusterSnapshot s) {
        String ns = pod.getMetadata().getNamespace();
        List<ResourceRef> out = new ArrayList<>();
        out.add(ResourceRef.of("Pod", ns, pod.getMetadata().getName()));
        OwnerReference r = controller(pod);
        int guard = 0;
        while (r != null && guard++ < 5) {
            out.add(ResourceRef.of(r.getKind(), ns, r.getName()));
            HasMetadata next = switch (r.getKind()) {
                case "ReplicaSet" -> s.replicaSet(r.getName()).orElse(null);
                case "Job" -> s.job(r.getName()).orElse(null);
                default -> null;
            };
            r = controller(next);
        }
        return out;
    }

    /** The object an operator changes for a pod-level cause: its top-level controller, or the pod itself. */
    static ResourceRef workloadOf(Pod pod, ClusterSnapshot s) {
        List<ResourceRef> c = chain(pod, s);
        return c.get(c.size() - 1);
    }

    /** Pods whose top-level controller is {@code workload}. */
    static List<Pod> podsOf(ResourceRef workload, ClusterSnapshot s) {
        List<Pod> out = new ArrayList<>();
        for (Pod p : s.pods) {
            if (workload.equals(workloadOf(p, s))) {
                out.add(p);
            }
        }
        return out;
    }

    /** The ReplicaSets a Deployment controls, newest revision first. */
    static List<ReplicaSet> replicaSetsOf(Deployment d, ClusterSnapshot s) {
        List<ReplicaSet> out = new ArrayList<>();
        for (ReplicaSet rs : s.replicaSets) {
            OwnerReference r = controller(rs);
            if (r != null && "Deployment".equals(r.getKind()) && d.getMetadata().getName().equals(r.getName())) {
                out.add(rs);
            }
        }
        out.sort(Comparator.comparingLong(Owners::revision).reversed());
        return out;
    }

    /** Jobs a CronJob owns. */
    static List<Job> jobsOf(String cronJob, ClusterSnapshot s) {
        List<Job> out = new ArrayList<>();
        for (Job j : s.jobs) {
            OwnerReference r = controller(j);
            if (r != null && "CronJob".equals(r.getKind()) && cronJob.equals(r.getName())) {
                out.add(j);
            }
        }
        return out;
    }

    static long revision(HasMetadata o) {
        Map<String, String> a = o.getMetadata().getAnnotations();
        if (a == null || a.get(REVISION) == null) {
            return -1;
        }
        try {
            return Long.parseLong(a.get(REVISION).trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static String label(HasMetadata o, String key) {
        Map<String, String> l = o.getMetadata().getLabels();
        return l == null ? null : l.get(key);
    }

    /** Whether {@code labels} satisfy a plain equality selector (a Service's); an empty selector matches nothing. */
    static boolean matches(Map<String, String> selector, Map<String, String> labels) {
        if (selector == null || selector.isEmpty() || labels == null) {
            return false;
        }
        for (Map.Entry<String, String> e : selector.entrySet()) {
            if (!Objects.equals(e.getValue(), labels.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code labels} satisfy a workload's label selector (matchLabels and matchExpressions). */
    static boolean matches(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return false;
        }
        Map<String, String> l = labels == null ? Map.of() : labels;
        if (selector.getMatchLabels() != null) {
            for (Map.Entry<String, String> e : selector.getMatchLabels().entrySet()) {
                if (!Objects.equals(e.getValue(), l.get(e.getKey()))) {
                    return false;
                }
            }
        }
        if (selector.getMatchExpressions() != null) {
            for (LabelSelectorRequirement r : selector.getMatchExpressions()) {
                String v = l.get(r.getKey());
                List<String> vals = r.getValues() == null ? List.of() : r.getValues();
                boolean ok = switch (String.valueOf(r.getOperator())) {
                    case "In" -> v != null && vals.contains(v);
                    case "NotIn" -> v == null || !vals.contains(v);
                    case "Exists" -> l.containsKey(r.getKey());
                    case "DoesNotExist" -> !l.containsKey(r.getKey());
                    default -> false;
                };
                if (!ok) {
                    return false;
                }
            }
        }
        return true;
    }

    static Map<String, String> templateLabels(PodTemplateSpec t) {
        return t == null || t.getMetadata() == null || t.getMetadata().getLabels() == null
                ? Map.of() : t.getMetadata().getLabels();
    }

    static List<String> images(PodTemplateSpec t) {
        List<String> out = new ArrayList<>();
        if (t != null && t.getSpec() != null && t.getSpec().getContainers() != null) {
            t.getSpec().getContainers().forEach(c -> out.add(c.getImage()));
        }
        return out;
    }

    static Optional<PodCondition> condition(Pod p, String type) {
        if (p.getStatus() == null || p.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        return p.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    static List<ContainerStatus> statuses(Pod p) {
        List<ContainerStatus> out = new ArrayList<>();
        if (p.getStatus() != null) {
            if (p.getStatus().getInitContainerStatuses() != null) {
                out.addAll(p.getStatus().getInitContainerStatuses());
            }
            if (p.getStatus().getContainerStatuses() != null) {
                out.addAll(p.getStatus().getContainerStatuses());
            }
        }
        return out;
    }

    /** Whether the pod is Running with every container ready (or Succeeded). */
    static boolean healthy(Pod p) {
        if (p.getStatus() == null) {
            return false;
        }
        String phase = p.getStatus().getPhase();
        if ("Succeeded".equals(phase)) {
            return true;
        }
        if (!"Running".equals(phase)) {
            return false;
        }
        return condition(p, "Ready").map(c -> "True".equals(c.getStatus())).orElse(false);
    }
}
