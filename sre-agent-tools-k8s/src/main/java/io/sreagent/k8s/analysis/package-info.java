/**
 * Deterministic Kubernetes analyzers: {@link io.sreagent.k8s.analysis.ClusterAnalyzer} reads a
 * {@link io.sreagent.k8s.analysis.ClusterSnapshot} and returns ranked findings, deepest cause first.
 *
 * <p>Tier: API.
 */
@NullMarked
package io.sreagent.k8s.analysis;

import org.jspecify.annotations.NullMarked;
