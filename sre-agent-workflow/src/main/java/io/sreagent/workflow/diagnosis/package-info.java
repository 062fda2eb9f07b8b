/**
 * The root-cause resolver that weighs findings into hypotheses.
 *
 * <p>Tier: API.
 */
@NullMarked
package io.sreagent.workflow.diagnosis;

import org.jspecify.annotations.NullMarked;
