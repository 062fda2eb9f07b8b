package io.sreagent.k8s.analysis;

import io.sreagent.core.incident.AnalysisKeys;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.sreagent.core.support.Json;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads a Deployment's revision history from its ReplicaSets and tells which revision the failures started with:
 * when the newest ReplicaSet's pods fail while the previous revision's pods were (or are) healthy, the failures
 * began with the newest rollout and a rollback to the previous revision is a candidate fix.
 */
final class Rollouts {

    private Rollouts() {
    }

    /** The rollout facts of {@code d}, or null when it has no ReplicaSets in view. */
    static ObjectNode describe(Deployment d, ClusterSnapshot s) {
        List<ReplicaSet> rss = Owners.replicaSetsOf(d, s);
        if (rss.isEmpty()) {
            return null;
        }
        ReplicaSet current = rss.get(0);
        ObjectNode r = Json.object();
        r.put(AnalysisKeys.CURRENT_REVISION, Owners.revision(current));
        r.put("current_replica_set", current.getMetadata().getName());
        r.set("current_images", Json.mapper().valueToTree(Owners.images(current.getSpec().getTemplate())));
        r.put("current_created_at", current.getMetadata().getCreationTimestamp());
        List<Pod> currentPods = podsOf(current, s);
        long failingCurrent = currentPods.stream().filter(p -> !Owners.healthy(p)).count();
        r.put("current_pods", currentPods.size());
        r.put("current_failing_pods", failingCurrent);
        if (rss.size() < 2) {
            return r;
        }
        ReplicaSet previous = rss.get(1);
        r.put("previous_revision", Owners.revision(previous));
        r.put("previous_replica_set", previous.getMetadata().getName());
        List<String> prevImages = Owners.images(previous.getSpec().getTemplate());
        r.set("previous_images", Json.mapper().valueToTree(prevImages));
        r.put("previous_created_at", previous.getMetadata().getCreationTimestamp());
        List<Pod> prevPods = podsOf(previous, s);
        long prevFailing = prevPods.stream().filter(p -> !Owners.healthy(p)).count();
        int prevReady = previous.getStatus() == null || previous.getStatus().getReadyReplicas() == null ? 0
                : previous.getStatus().getReadyReplicas();
        r.put("previous_ready_replicas", prevReady);
        r.put("previous_failing_pods", prevFailing);
        // A previous revision with ready pods and none failing is known healthy; one scaled to zero is unknown.
        Boolean previousHealthy = prevPods.isEmpty() ? (prevReady > 0 ? Boolean.TRUE : null)
                : Boolean.valueOf(prevFailing == 0 && prevReady > 0);
        if (previousHealthy == null) {
            r.putNull(AnalysisKeys.PREVIOUS_HEALTHY);
        } else {
            r.put(AnalysisKeys.PREVIOUS_HEALTHY, previousHealthy);
        }
        r.put("image_changed", !Objects.equals(prevImages, Owners.images(current.getSpec().getTemplate())));
        // only a previous revision known healthy lets us say the failures began with the newest rollout
        if (failingCurrent > 0 && Boolean.TRUE.equals(previousHealthy)) {
            r.put(AnalysisKeys.FAILURES_STARTED_WITH_REVISION, Owners.revision(current));
            r.put(AnalysisKeys.ROLLBACK_CANDIDATE_REVISION, Owners.revision(previous));
        }
        return r;
    }

    /** Pods of one ReplicaSet, by its pod-template-hash (or owner reference). */
    static List<Pod> podsOf(ReplicaSet rs, ClusterSnapshot s) {
        String hash = Owners.label(rs, Owners.HASH);
        List<Pod> out = new ArrayList<>();
        for (Pod p : s.pods) {
            var owner = Owners.controller(p);
            boolean owned = owner != null && "ReplicaSet".equals(owner.getKind())
                    && rs.getMetadata().getName().equals(owner.getName());
            if (owned || (hash != null && hash.equals(Owners.label(p, Owners.HASH))
                    && Owners.matches(rs.getSpec().getSelector(), p.getMetadata().getLabels()))) {
                out.add(p);
            }
        }
        return out;
    }
}
