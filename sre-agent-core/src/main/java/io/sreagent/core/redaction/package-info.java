/**
 * Secret redaction: a {@link io.sreagent.core.redaction.Redactor} for text and a
 * {@link io.sreagent.core.redaction.RedactingInterceptor} that redacts every tool result before it reaches a model,
 * a log or an output.
 *
 * <p>Tier: API.
 */
@NullMarked
package io.sreagent.core.redaction;

import org.jspecify.annotations.NullMarked;
