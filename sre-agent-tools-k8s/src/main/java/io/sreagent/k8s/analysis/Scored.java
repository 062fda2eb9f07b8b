package io.sreagent.k8s.analysis;

import io.sreagent.core.incident.Finding;

/**
 * A finding with how many objects the analysis crossed to reach it (0 = on the workload itself, 1 = its node, PVC
 * or quota, 2+ = a dependency's), used to put the deepest cause first.
 */
record Scored(Finding finding, int hops) {
}
