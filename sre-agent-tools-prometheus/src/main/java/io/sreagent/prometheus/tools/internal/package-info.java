/**
 * Argument parsing and result summaries of the Prometheus tools; not API.
 *
 * <p>Tier: internal.
 */
@NullMarked
package io.sreagent.prometheus.tools.internal;

import org.jspecify.annotations.NullMarked;
