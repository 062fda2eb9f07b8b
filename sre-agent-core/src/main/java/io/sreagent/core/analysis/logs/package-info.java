/**
 * Log analysis: an online template miner ({@link io.sreagent.core.analysis.logs.TemplateMiner}), stack-trace
 * grouping, error signatures with the root-cause category they suggest, dependency extraction, and novelty against
 * the window before an incident, behind one facade ({@link io.sreagent.core.analysis.logs.LogAnalyzer}).
 *
 * <p>Tier: API.
 */
@NullMarked
package io.sreagent.core.analysis.logs;

import org.jspecify.annotations.NullMarked;
