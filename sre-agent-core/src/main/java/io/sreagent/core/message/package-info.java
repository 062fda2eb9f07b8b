/**
 * Messages: immutable, JSON-serialisable records of a run.
 *
 * <p>Tier: API.
 */
@NullMarked
package io.sreagent.core.message;

import org.jspecify.annotations.NullMarked;
