/**
 * OpenTelemetry traces and metrics of runs, on {@code opentelemetry-api} only: a no-op unless the host installs the
 * SDK. Spans follow the GenAI semantic conventions ({@code invoke_agent}, {@code execute_tool}, {@code chat}).
 *
 * <p>Tier: API.
 */
@NullMarked
package io.sreagent.core.telemetry;

import org.jspecify.annotations.NullMarked;
