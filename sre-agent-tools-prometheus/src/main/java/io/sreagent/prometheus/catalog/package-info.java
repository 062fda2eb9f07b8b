/**
 * Named, parameterised PromQL queries an SRE runs for a workload (memory vs limit, throttling, errors, HPA...).
 *
 * <p>Tier: API.
 */
@NullMarked
package io.sreagent.prometheus.catalog;

import org.jspecify.annotations.NullMarked;
