/**
 * Secret redaction: a {@link io.sreagent.core.redaction.Redactor} for text and a
 * {@link io.sreagent.core.redaction.RedactingInterceptor} that redacts every tool result before it reaches a model,
 * a log or an output.
 */
package io.sreagent.core.redaction;
