package io.sreagent.workflow.internal.llm;

import io.sreagent.core.incident.Finding;
import io.sreagent.core.incident.Hypothesis;
import io.sreagent.core.llm.DataSection;
import io.sreagent.core.support.Json;
import io.sreagent.core.workflow.WorkflowContext;
import java.util.Comparator;
import java.util.List;

/**
 * What a model is told about an incident: the trigger, the deterministic hypotheses and the strongest findings, each
 * in a data section (they carry text from the cluster), compact: one line per finding.
 */
final class Briefing {

    private Briefing() {
    }

    static String render(WorkflowContext wf, int maxFindings, boolean withHypotheses) {
        StringBuilder sb = new StringBuilder();
        sb.append(DataSection.wrap("trigger", Json.write(wf.trigger()))).append('\n');
        if (withHypotheses) {
            StringBuilder hs = new StringBuilder();
            List<Hypothesis> top = wf.hypotheses().stream().limit(3).toList();
            for (Hypothesis h : top) {
                hs.append(h.category()).append(" on ").append(h.resource()).append(" confidence ")
                        .append(Math.round(h.confidence() * 100) / 100.0).append(": ").append(clip(h.summary(), 300))
                        .append('\n');
            }
            sb.append("Deterministic hypotheses, best first:\n")
                    .append(DataSection.wrap("hypotheses", hs.toString().strip())).append('\n');
        }
        StringBuilder fs = new StringBuilder();
        wf.findings().stream().sorted(Comparator.comparingDouble(Finding::confidence).reversed()).limit(maxFindings)
                .forEach(f -> fs.append(f.source()).append('/').append(f.analyzer()).append(' ').append(f.category())
                        .append(" on ").append(f.resource()).append(" (").append(Math.round(f.confidence() * 100) / 100.0)
                        .append("): ").append(clip(f.summary(), 240)).append('\n'));
        sb.append("Findings of the deterministic analyzers, strongest first:\n")
                .append(DataSection.wrap("findings", fs.toString().strip())).append('\n');
        if (!wf.degraded().isEmpty()) {
            sb.append("Sources that could not be consulted: ").append(DataSection.wrap("degraded",
                    String.join("; ", wf.degraded()))).append('\n');
        }
        wf.fact(LlmTriage.FACT).ifPresent(t -> sb.append("Triage's model suspects:\n")
                .append(DataSection.wrap("triage_model", t.toString())).append('\n'));
        sb.append("Categories: ").append(String.join(", ", Answers.categories())).append('\n');
        return sb.toString();
    }

    static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "...";
    }
}
