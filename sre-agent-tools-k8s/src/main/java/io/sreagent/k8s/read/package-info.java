/**
 * The read-only {@code k8s.*} tools: pods, owners, events, describe-style summaries, logs, lists and analyses.
 *
 * <p>Tier: API.
 */
@NullMarked
package io.sreagent.k8s.read;

import org.jspecify.annotations.NullMarked;
