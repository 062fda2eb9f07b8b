package io.sreagent.examples.cli;

import io.sreagent.core.event.EventListener;
import io.sreagent.core.event.RunEvent;
import io.sreagent.core.incident.Decision;
import io.sreagent.core.incident.Evidence;
import io.sreagent.core.incident.ProposedAction;
import io.sreagent.core.incident.TranscriptEntry;
import java.io.PrintStream;
import java.util.Locale;

/** Renders a decision as the readable report of the text output, and turns as progress lines. */
final class Report {

    private Report() {
    }

    static String render(Decision d) {
        StringBuilder sb = new StringBuilder();
        var t = d.trigger();
        sb.append("Incident ").append(d.incidentId()).append('\n');
        sb.append("Trigger: ").append(t.eventType()).append(' ').append(t.reason()).append(" on ")
                .append(t.resource()).append('\n');
        if (!t.message().isEmpty()) {
            sb.append("         ").append(t.message()).append('\n');
        }
        sb.append("\nInvestigation\n");
        String lastTeam = "";
        for (TranscriptEntry e : d.transcript()) {
            if (!"text".equals(e.type()) && !"finding".equals(e.type()) && !"handoff".equals(e.type())) {
                continue;
            }
            String team = e.team() == null ? "" : e.team();
            if (!team.equals(lastTeam)) {
                sb.append("  [").append(team.isEmpty() ? "workflow" : team).append("]\n");
                lastTeam = team;
            }
            sb.append("    ").append(e.agent()).append(": ").append(oneLine(e.content(), 220)).append('\n');
        }
        sb.append("\nEvidence\n");
        for (Evidence e : d.evidence()) {
            sb.append("  - (").append(e.source()).append(") ").append(oneLine(e.summary(), 200)).append('\n');
        }
        var rc = d.rootCause();
        sb.append("\nRoot cause: ").append(rc.category()).append(" on ").append(rc.resource())
                .append(String.format(Locale.ROOT, " (confidence %.2f)", d.confidence())).append('\n');
        sb.append("  ").append(rc.summary()).append('\n');
        sb.append("\nActions\n");
        if (d.actions().isEmpty()) {
            sb.append("  none\n");
        }
        for (ProposedAction a : d.actions()) {
            sb.append("  ").append(a.id()).append(' ').append(a.type()).append(" on ").append(a.target())
                    .append(" [").append(a.risk()).append(", ").append(a.status()).append("]");
            if (!a.params().isEmpty()) {
                sb.append(' ').append(a.params());
            }
            sb.append('\n');
            if (!a.reason().isEmpty()) {
                sb.append("      why: ").append(oneLine(a.reason(), 200)).append('\n');
            }
            if (a.guard() != null) {
                sb.append("      guard: ").append(a.guard().verdict()).append(" - ")
                        .append(oneLine(String.join("; ", a.guard().reasons()), 200)).append('\n');
            }
        }
        if (!d.degraded().isEmpty()) {
            sb.append("\nDegraded: ").append(String.join("; ", d.degraded())).append('\n');
        }
        sb.append("\nDiagnosed in ").append(d.durationMs()).append(" ms. Nothing was changed unless an action above says EXECUTED.\n");
        return sb.toString();
    }

    static String oneLine(String s, int max) {
        String one = s.replace('\n', ' ').replaceAll("\\s+", " ").trim();
        return one.length() > max ? one.substring(0, max - 3) + "..." : one;
    }

    /** Prints each agent's turn as it starts. */
    static EventListener progress(PrintStream err) {
        return e -> {
            if (e instanceof RunEvent.TurnStarted t) {
                err.println("  > " + (t.team() == null ? "" : t.team() + "/") + t.agent());
            } else if (e instanceof RunEvent.ToolCalled c) {
                err.println("      " + c.agent() + " calls " + c.toolId());
            }
        };
    }
}
