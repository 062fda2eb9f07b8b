/**
 * The deterministic guard, its policy, the safety interceptor and the audit trail.
 *
 * <p>Tier: API.
 */
@NullMarked
package io.sreagent.core.safety;

import org.jspecify.annotations.NullMarked;
