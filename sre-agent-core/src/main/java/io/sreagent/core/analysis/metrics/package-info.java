/**
 * Analyses of metric series, pure Java and usable on any series: change points, robust trends with time-to-limit,
 * saturation against a limit and seasonality-aware anomaly scoring. Each result carries a confidence and the time
 * the change began, so it can be lined up with rollouts and events.
 *
 * <p>Tier: API.
 */
@NullMarked
package io.sreagent.core.analysis.metrics;

import org.jspecify.annotations.NullMarked;
