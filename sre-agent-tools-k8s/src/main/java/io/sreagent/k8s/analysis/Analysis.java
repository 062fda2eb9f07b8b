package io.sreagent.k8s.analysis;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sreagent.core.incident.Finding;
import io.sreagent.core.incident.ResourceRef;

import java.util.List;
import java.util.Map;

/**
 * What {@link ClusterAnalyzer} found for one start object.
 *
 * @param start      the object the analysis started from (as resolved: a dependency host becomes its Service)
 * @param findings   findings ranked deepest and strongest cause first; empty when nothing is wrong in view
 * @param unreadable kinds the caller may not read (kind → reason); the analysis treated them as empty
 * @param resolved   how the start was resolved (owner chain, or host → Service → endpoints → workloads)
 */
public record Analysis(ResourceRef start, List<Finding> findings, Map<String, String> unreadable, ObjectNode resolved) {
    public Analysis {
        findings = List.copyOf(findings);
        unreadable = Map.copyOf(unreadable);
    }
}
