/**
 * Views of a stored incident for people: the evidence as chart-ready series and log-template tables, and the
 * deterministic answers to questions about it.
 *
 * <p>Tier: internal.
 */
@NullMarked
package io.sreagent.workflow.internal.view;

import org.jspecify.annotations.NullMarked;
