/**
 * The mutating and destructive {@code k8s.*} tools: dry-run first, approval required, optimistic concurrency.
 *
 * <p>Tier: API.
 */
@NullMarked
package io.sreagent.k8s.action;

import org.jspecify.annotations.NullMarked;
