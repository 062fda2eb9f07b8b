/**
 * The shared blackboard of one incident (WorkflowContext) and its saved state.
 *
 * <p>Tier: API.
 */
@NullMarked
package io.sreagent.core.workflow;

import org.jspecify.annotations.NullMarked;
