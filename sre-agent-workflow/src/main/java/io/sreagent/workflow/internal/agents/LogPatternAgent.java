package io.sreagent.workflow.internal.agents;

import com.fasterxml.jackson.databind.JsonNode;
import io.sreagent.core.agent.AgentContext;
import io.sreagent.core.agent.AgentResponse;
import io.sreagent.core.analysis.logs.LogAnalyzer;
import io.sreagent.core.analysis.logs.LogLine;
import io.sreagent.core.analysis.logs.LogSummary;
import io.sreagent.core.message.Message;
import io.sreagent.core.support.Json;
import io.sreagent.core.workflow.WorkflowContext;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Mines the fetched lines into templates, error signatures and the dependencies failures point at
 * ({@link LogAnalyzer}), scoring novelty against the window before the incident; hands off to the summariser, or
 * back to the query agent when the logs fetched so far cannot say anything.
 */
public final class LogPatternAgent extends SreAgent {

    /** The agent's name in the workflow. */
    public static final String NAME = "log_pattern";

    private final LogAnalyzer analyzer = new LogAnalyzer();

    public LogPatternAgent() {
        super(NAME, "Mines log templates, error signatures and dependencies, with novelty against the time before the incident");
    }

    @Override
    public AgentResponse respond(List<Message> newMessages, AgentContext ctx) {
        WorkflowContext wf = ctx.workflow();
        List<LogLine> lines = new ArrayList<>();
        for (JsonNode l : Facts.orEmpty(wf, Facts.LOG_LINES)) {
            lines.add(new LogLine(time(l.path("time").asText(null)), l.path("line").asText()));
        }
        if (lines.isEmpty() && !wf.fact(Facts.PREVIOUS_LOGS).map(JsonNode::asBoolean).orElse(false)) {
            return AgentResponse.of(handoff(ctx, LogQueryAgent.NAME, "no lines yet: fetch the previous containers' logs"));
        }
        Instant start = ctx.clock().instant().minus(Duration.ofMinutes(15));
        LogSummary summary = analyzer.summarize(lines, start);
        wf.putFact(Facts.LOG_SUMMARY, Json.mapper().valueToTree(summary));
        return AgentResponse.of(text(ctx, summary.toText(8)), handoff(ctx, LogSummaryAgent.NAME, "turn signatures into findings"));
    }

    private static Instant time(String s) {
        if (s == null) {
            return null;
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
