package io.sreagent.core.telemetry;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.sreagent.core.redaction.Redactor;
import java.util.Objects;

/**
 * The traces and metrics of runs. Spans (GenAI semantic conventions, plus {@code sre_agent.*}):
 * <ul>
 *   <li>{@code invoke_workflow} per run: {@code sre_agent.incident.id}, {@code sre_agent.category},
 *       {@code sre_agent.confidence}, {@code sre_agent.degraded};</li>
 *   <li>{@code invoke_agent <name>} per agent turn, a child of the run or of its team's turn:
 *       {@code gen_ai.operation.name}, {@code gen_ai.agent.name}, {@code sre_agent.team};</li>
 *   <li>{@code execute_tool <id>} per tool call, a child of the agent's turn: {@code gen_ai.tool.name},
 *       {@code error.type} on failure;</li>
 *   <li>{@code chat <model>} per model call: {@code gen_ai.request.model}, {@code gen_ai.usage.input_tokens},
 *       {@code gen_ai.usage.output_tokens}.</li>
 * </ul>
 * Metrics: {@code sre_agent.diagnoses}, {@code sre_agent.diagnosis.duration} (ms), {@code sre_agent.tool.errors},
 * {@code sre_agent.degraded_sources}, {@code sre_agent.actions} (by status), {@code gen_ai.client.token.usage}.
 * Attributes carry names, ids, categories and numbers only; the few texts (error descriptions) are redacted.
 * Immutable and thread-safe.
 */
public final class Telemetry {

    /** Telemetry that records nothing. */
    public static final Telemetry NOOP = new Telemetry(OpenTelemetry.noop());

    /** The instrumentation scope. */
    public static final String SCOPE = "io.sreagent";

    public static final AttributeKey<String> OPERATION = AttributeKey.stringKey("gen_ai.operation.name");
    public static final AttributeKey<String> AGENT = AttributeKey.stringKey("gen_ai.agent.name");
    public static final AttributeKey<String> TOOL = AttributeKey.stringKey("gen_ai.tool.name");
    public static final AttributeKey<String> MODEL = AttributeKey.stringKey("gen_ai.request.model");
    public static final AttributeKey<Long> INPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.input_tokens");
    public static final AttributeKey<Long> OUTPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.output_tokens");
    public static final AttributeKey<String> TOKEN_TYPE = AttributeKey.stringKey("gen_ai.token.type");
    public static final AttributeKey<String> ERROR = AttributeKey.stringKey("error.type");
    public static final AttributeKey<String> TEAM = AttributeKey.stringKey("sre_agent.team");
    public static final AttributeKey<String> INCIDENT = AttributeKey.stringKey("sre_agent.incident.id");
    public static final AttributeKey<String> CATEGORY = AttributeKey.stringKey("sre_agent.category");
    public static final AttributeKey<Double> CONFIDENCE = AttributeKey.doubleKey("sre_agent.confidence");
    public static final AttributeKey<Long> DEGRADED = AttributeKey.longKey("sre_agent.degraded");
    public static final AttributeKey<String> STATUS = AttributeKey.stringKey("sre_agent.action.status");

    private final Tracer tracer;
    private final LongCounter diagnoses;
    private final DoubleHistogram duration;
    private final LongCounter toolErrors;
    private final LongCounter degraded;
    private final LongCounter actions;
    private final DoubleHistogram tokens;
    private final Redactor redactor = new Redactor();

    /** Telemetry on {@code otel} (the host's SDK, or {@link OpenTelemetry#noop()}). */
    public Telemetry(OpenTelemetry otel) {
        Objects.requireNonNull(otel, "otel");
        this.tracer = otel.getTracer(SCOPE);
        Meter meter = otel.getMeter(SCOPE);
        this.diagnoses = meter.counterBuilder("sre_agent.diagnoses").setDescription("Diagnoses made").build();
        this.duration = meter.histogramBuilder("sre_agent.diagnosis.duration").setUnit("ms")
                .setDescription("How long a diagnosis took").build();
        this.toolErrors = meter.counterBuilder("sre_agent.tool.errors").setDescription("Tool calls that failed").build();
        this.degraded = meter.counterBuilder("sre_agent.degraded_sources")
                .setDescription("Sources a diagnosis could not consult").build();
        this.actions = meter.counterBuilder("sre_agent.actions").setDescription("Actions proposed, by status").build();
        this.tokens = meter.histogramBuilder("gen_ai.client.token.usage").setUnit("{token}")
                .setDescription("Tokens a model call used").build();
    }

    /** The span of one run, started; the caller makes it current and ends it. */
    public Span startRun(String incidentId) {
        return tracer.spanBuilder("invoke_workflow").setSpanKind(SpanKind.INTERNAL)
                .setAttribute(OPERATION, "invoke_workflow").setAttribute(INCIDENT, incidentId).startSpan();
    }

    /** Ends a run's span with its outcome and records the run's metrics. */
    public void endRun(Span span, String category, double confidence, int degradedSources, long durationMs,
                       Iterable<String> actionStatuses) {
        span.setAttribute(CATEGORY, category).setAttribute(CONFIDENCE, confidence).setAttribute(DEGRADED, degradedSources);
        span.end();
        Attributes byCategory = Attributes.of(CATEGORY, category);
        diagnoses.add(1, byCategory);
        duration.record(durationMs, byCategory);
        if (degradedSources > 0) {
            degraded.add(degradedSources);
        }
        for (String status : actionStatuses) {
            actions.add(1, Attributes.of(STATUS, status));
        }
    }

    /** The span of one agent turn, started (a child of the current span). */
    public Span startAgent(String agent, String team) {
        var b = tracer.spanBuilder("invoke_agent " + agent).setSpanKind(SpanKind.INTERNAL)
                .setAttribute(OPERATION, "invoke_agent").setAttribute(AGENT, agent);
        if (team != null) {
            b.setAttribute(TEAM, team);
        }
        return b.startSpan();
    }

    /** The span of one tool call, started (a child of the current span). */
    public Span startTool(String agent, String toolId) {
        return tracer.spanBuilder("execute_tool " + toolId).setSpanKind(SpanKind.INTERNAL)
                .setAttribute(OPERATION, "execute_tool").setAttribute(TOOL, toolId).setAttribute(AGENT, agent).startSpan();
    }

    /** Ends a tool call's span; a failure counts, with its kind. */
    public void endTool(Span span, String toolId, String errorKind) {
        if (errorKind != null) {
            span.setAttribute(ERROR, errorKind).setStatus(StatusCode.ERROR);
            toolErrors.add(1, Attributes.of(TOOL, toolId, ERROR, errorKind));
        }
        span.end();
    }

    /** The span of one model call, started (a child of the current span). */
    public Span startChat(String agent, String model) {
        return tracer.spanBuilder("chat " + model).setSpanKind(SpanKind.CLIENT).setAttribute(OPERATION, "chat")
                .setAttribute(MODEL, model).setAttribute(AGENT, agent).startSpan();
    }

    /** Ends a model call's span with its token usage. */
    public void endChat(Span span, String model, long input, long output) {
        span.setAttribute(INPUT_TOKENS, input).setAttribute(OUTPUT_TOKENS, output).end();
        tokens.record(input, Attributes.of(MODEL, model, TOKEN_TYPE, "input"));
        tokens.record(output, Attributes.of(MODEL, model, TOKEN_TYPE, "output"));
    }

    /** Marks {@code span} failed with {@code error}'s class and its redacted message. */
    public void fail(Span span, Throwable error) {
        span.setAttribute(ERROR, error.getClass().getName())
                .setStatus(StatusCode.ERROR, String.valueOf(redactor.redact(String.valueOf(error.getMessage()))));
    }
}
