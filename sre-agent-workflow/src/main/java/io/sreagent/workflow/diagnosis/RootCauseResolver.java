package io.sreagent.workflow.diagnosis;

import io.sreagent.core.incident.Category;
import io.sreagent.core.incident.Finding;
import io.sreagent.core.incident.Hypothesis;
import io.sreagent.core.incident.ResourceRef;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Weighs findings from every source into ranked hypotheses: the deepest cause the evidence reaches wins.
 *
 * <p>How, in order:
 * <ol>
 *   <li>Findings are grouped by (category, resource); a resource that is a pod of the workload under investigation
 *       is lifted to the workload ({@code liftPod}).</li>
 *   <li>Within a group, the strongest finding of each source counts, and sources combine as independent evidence
 *       (noisy-OR): Kubernetes, logs and metrics agreeing beat any one of them.</li>
 *   <li>Generic symptoms are explained away by specific causes: a crash loop (APP_CRASH) by the reason the process
 *       dies (OOM, missing config, an unavailable dependency, a DNS or certificate error, a full disk, a failing
 *       probe); an OOM kill by a memory leak the metrics show; a Service without ready endpoints by why its pods do
 *       not run; pod-level failures on a node by the node's failure. A finding that followed a dependency (its chain
 *       is longer) explains the symptoms of the workload that depends on it.</li>
 *   <li>When nothing reaches {@link #UNKNOWN_BELOW}, the answer is UNKNOWN on the workload.</li>
 * </ol>
 * Stateless and thread-safe.
 */
public final class RootCauseResolver {

    /** Below this combined score no category is supported. */
    public static final double UNKNOWN_BELOW = 0.3;

    /** Categories that describe how a failure shows rather than why it happens. */
    private static final Map<Category, Double> SYMPTOM_WEIGHT = new EnumMap<>(Map.of(
            Category.APP_CRASH, 0.8,
            Category.BAD_ROLLOUT, 0.9,
            Category.SERVICE_NO_ENDPOINTS, 0.9,
            Category.UNKNOWN, 0.2));

    /** Specific causes that explain a generic symptom on the same workload, and by how much they demote it. */
    private static final Map<Category, Set<Category>> EXPLAINS = new EnumMap<>(Map.ofEntries(
            Map.entry(Category.OOM_KILLED, Set.of(Category.APP_CRASH, Category.PROBE_FAILURE, Category.BAD_ROLLOUT)),
            Map.entry(Category.MEMORY_LEAK, Set.of(Category.APP_CRASH, Category.OOM_KILLED, Category.PROBE_FAILURE)),
            Map.entry(Category.CONFIG_MISSING, Set.of(Category.APP_CRASH, Category.BAD_ROLLOUT)),
            Map.entry(Category.DEPENDENCY_UNAVAILABLE, Set.of(Category.APP_CRASH, Category.PROBE_FAILURE,
                    Category.BAD_ROLLOUT)),
            Map.entry(Category.DNS_FAILURE, Set.of(Category.APP_CRASH, Category.DEPENDENCY_UNAVAILABLE,
                    Category.PROBE_FAILURE, Category.BAD_ROLLOUT)),
            Map.entry(Category.CERTIFICATE_EXPIRED, Set.of(Category.APP_CRASH, Category.DEPENDENCY_UNAVAILABLE,
                    Category.BAD_ROLLOUT, Category.PROBE_FAILURE)),
            Map.entry(Category.DISK_FULL, Set.of(Category.APP_CRASH, Category.PROBE_FAILURE, Category.BAD_ROLLOUT)),
            Map.entry(Category.IMAGE_PULL, Set.of(Category.APP_CRASH, Category.BAD_ROLLOUT)),
            Map.entry(Category.CPU_THROTTLING, Set.of(Category.PROBE_FAILURE, Category.BAD_ROLLOUT)),
            Map.entry(Category.CAPACITY_SATURATION, Set.of(Category.CPU_THROTTLING, Category.BAD_ROLLOUT,
                    Category.PROBE_FAILURE)),
            // A policy that cuts a caller off explains its crashes, timeouts and failed lookups.
            Map.entry(Category.NETWORK_BLOCKED, Set.of(Category.APP_CRASH, Category.DEPENDENCY_UNAVAILABLE,
                    Category.DNS_FAILURE, Category.PROBE_FAILURE, Category.BAD_ROLLOUT))));

    /** A scored group of findings. */
    private record Group(Category category, ResourceRef resource, List<Finding> findings, double score, int depth) {
        Group withScore(double s) {
            return new Group(category, resource, findings, s, depth);
        }
    }

    /**
     * Ranks hypotheses from {@code findings}.
     *
     * @param findings every finding of the incident
     * @param liftPod  maps a pod reference to the workload it belongs to (identity when unknown)
     * @param fallback the resource UNKNOWN points at when nothing is supported
     */
    public List<Hypothesis> resolve(List<Finding> findings, UnaryOperator<ResourceRef> liftPod, ResourceRef fallback) {
        Objects.requireNonNull(liftPod, "liftPod");
        Map<String, List<Finding>> byKey = new LinkedHashMap<>();
        Map<String, ResourceRef> resources = new HashMap<>();
        for (Finding f : findings) {
            ResourceRef r = f.resource() == null ? fallback : liftPod.apply(f.resource());
            String key = f.category() + "|" + r;
            byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(f);
            resources.put(key, r);
        }
        List<Group> groups = new ArrayList<>();
        for (Map.Entry<String, List<Finding>> e : byKey.entrySet()) {
            List<Finding> fs = e.getValue();
            Category c = fs.get(0).category();
            Map<String, Double> perSource = new HashMap<>();
            int depth = 0;
            for (Finding f : fs) {
                perSource.merge(f.source(), f.confidence(), Math::max);
                depth = Math.max(depth, f.chain().size());
            }
            double miss = 1;
            for (double v : perSource.values()) {
                miss *= 1 - v;
            }
            double score = (1 - miss) * SYMPTOM_WEIGHT.getOrDefault(c, 1.0);
            groups.add(new Group(c, resources.get(e.getKey()), fs, score, depth));
        }
        groups = explainAway(groups, liftPod);
        groups.sort(Comparator.comparingDouble(Group::score).reversed()
                .thenComparing(Comparator.comparingInt(Group::depth).reversed())
                .thenComparing(g -> g.category().ordinal()));
        List<Hypothesis> out = new ArrayList<>();
        for (Group g : groups) {
            out.add(new Hypothesis(g.category(), g.resource(), round(g.score()), summary(g),
                    g.findings().stream().sorted(Comparator.comparingDouble(Finding::confidence).reversed())
                            .map(f -> f.source() + ": " + f.summary()).distinct().toList()));
        }
        if (out.isEmpty() || out.get(0).confidence() < UNKNOWN_BELOW) {
            double c = out.isEmpty() ? 0.2 : Math.max(0.2, 1 - out.get(0).confidence());
            out.add(0, new Hypothesis(Category.UNKNOWN, fallback, round(Math.min(c, 0.5)),
                    "The evidence does not support any specific cause"
                            + (out.isEmpty() ? "." : "; the strongest lead was " + out.get(0).category() + " on "
                            + out.get(0).resource() + "."), List.of()));
        }
        return out;
    }

    private static List<Group> explainAway(List<Group> groups, UnaryOperator<ResourceRef> liftPod) {
        List<Group> out = new ArrayList<>();
        for (Group g : groups) {
            double factor = 1;
            for (Group other : groups) {
                if (other == g || other.score() < 0.45) {
                    continue;
                }
                boolean sameTarget = g.resource().equals(other.resource());
                Set<Category> explained = EXPLAINS.getOrDefault(other.category(), Set.of());
                if (sameTarget && explained.contains(g.category())) {
                    factor = Math.min(factor, 0.55);
                }
                // A cause reached by following a dependency from g's workload explains g's symptom there.
                boolean followsFromG = other.depth() > g.depth() && other.findings().stream()
                        .anyMatch(f -> f.subject() != null && liftPod.apply(f.subject()).equals(g.resource()));
                if (followsFromG && !sameTarget && SYMPTOM_WEIGHT.containsKey(g.category())
                        || followsFromG && g.category() == Category.DEPENDENCY_UNAVAILABLE) {
                    factor = Math.min(factor, 0.6);
                }
                // A failing node explains the pods that fail on it.
                if (other.category() == Category.NODE_FAILURE && !sameTarget && g.category() != Category.NODE_FAILURE
                        && g.findings().stream().allMatch(f -> "kubernetes".equals(f.source()) || "triage".equals(f.source()))
                        && other.findings().stream().anyMatch(f -> f.detail().path("affected_workloads").toString()
                        .contains("\"" + g.resource().name() + "\""))) {
                    factor = Math.min(factor, 0.6);
                }
            }
            out.add(g.withScore(g.score() * factor));
        }
        return out;
    }

    private static String summary(Group g) {
        Finding best = g.findings().stream().filter(f -> !f.chain().isEmpty())
                .max(Comparator.comparingInt(f -> f.chain().size()))
                .orElse(g.findings().stream().max(Comparator.comparingDouble(Finding::confidence)).orElseThrow());
        String chain = best.chain().isEmpty() ? "" : " Chain: " + String.join(" -> ", best.chain()) + ".";
        return best.summary() + chain;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
