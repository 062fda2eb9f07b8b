/**
 * The incident model: trigger, findings, evidence sources, hypotheses, actions, decisions.
 *
 * <p>Tier: API.
 */
@NullMarked
package io.sreagent.core.incident;

import org.jspecify.annotations.NullMarked;
