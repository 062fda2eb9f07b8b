/**
 * The SRE workflow: SreWorkflow, its builder (to compose it), its configuration and its errors.
 *
 * <p>Tier: API.
 */
@NullMarked
package io.sreagent.workflow;

import org.jspecify.annotations.NullMarked;
