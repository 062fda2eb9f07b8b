package io.sreagent.cli;

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

    /**
     * The readable report. Every field that came from outside (trigger, events, log lines, tool output) is printed on
     * one line with control characters escaped ({@link #safe}), so a planted escape sequence cannot clear the screen,
     * plant a link or forge a line of the report.
     */
    static String render(Decision d) {
        StringBuilder sb = new StringBuilder();
        var t = d.trigger();
        sb.append("Incident ").append(safe(d.incidentId())).append('\n');
        sb.append("Trigger: ").append(safe(t.eventType())).append(' ').append(safe(t.reason())).append(" on ")
                .append(safe(t.resource())).append('\n');
        if (!t.message().isEmpty()) {
            sb.append("         ").append(oneLine(t.message(), 400)).append('\n');
        }
        sb.append("\nInvestigation\n");
        String lastTeam = "";
        for (TranscriptEntry e : d.transcript()) {
            if (!"text".equals(e.type()) && !"finding".equals(e.type()) && !"handoff".equals(e.type())) {
                continue;
            }
            String team = e.team() == null ? "" : e.team();
            if (!team.equals(lastTeam)) {
                sb.append("  [").append(team.isEmpty() ? "workflow" : safe(team)).append("]\n");
                lastTeam = team;
            }
            sb.append("    ").append(safe(e.agent())).append(": ").append(oneLine(e.content(), 220)).append('\n');
        }
        sb.append("\nEvidence\n");
        for (Evidence e : d.evidence()) {
            sb.append("  - (").append(safe(e.source())).append(") ").append(oneLine(e.summary(), 200)).append('\n');
        }
        var rc = d.rootCause();
        sb.append("\nRoot cause: ").append(rc.category()).append(" on ").append(safe(rc.resource()))
                .append(String.format(Locale.ROOT, " (confidence %.2f)", d.confidence())).append('\n');
        sb.append("  ").append(oneLine(rc.summary(), 400)).append('\n');
        sb.append("\nActions\n");
        if (d.actions().isEmpty()) {
            sb.append("  none\n");
        }
        for (ProposedAction a : d.actions()) {
            sb.append("  ").append(safe(a.id())).append(' ').append(a.type()).append(" on ").append(safe(a.target()))
                    .append(" [").append(a.risk()).append(", ").append(a.status()).append("]");
            if (!a.params().isEmpty()) {
                sb.append(' ').append(oneLine(a.params().toString(), 300));
            }
            sb.append('\n');
            if (!a.reason().isEmpty()) {
                sb.append("      why: ").append(oneLine(a.reason(), 200)).append('\n');
            }
            if (a.guard() != null) {
                sb.append("      guard: ").append(safe(a.guard().verdict())).append(" - ")
                        .append(oneLine(String.join("; ", a.guard().reasons()), 200)).append('\n');
            }
        }
        if (!d.degraded().isEmpty()) {
            sb.append("\nDegraded: ").append(oneLine(String.join("; ", d.degraded()), 600)).append('\n');
        }
        if (d.llm() != null) {
            var m = d.llm();
            sb.append("\nModel: root cause by ").append(m.rootCauseBy()).append("; ").append(m.tokens().input())
                    .append(" prompt + ").append(m.tokens().output()).append(" completion tokens in ")
                    .append(m.totalModelCalls()).append(" calls ").append(safe(m.models().toString())).append('\n');
            for (String n : m.notes()) {
                sb.append("  - ").append(oneLine(n, 300)).append('\n');
            }
        }
        sb.append("\nDiagnosed in ").append(d.durationMs()).append(" ms. Nothing was changed unless an action above says EXECUTED.\n");
        return sb.toString();
    }

    /** {@code s} on one line, whitespace runs collapsed, control characters escaped, at most {@code max} characters. */
    static String oneLine(String s, int max) {
        String one = safe(s.replaceAll("[\\n\\r\\t ]+", " ").trim());
        return one.length() > max ? one.substring(0, max - 3) + "..." : one;
    }

    /**
     * {@code value} safe to print on a terminal: C0 and C1 control characters (ESC, CSI, BEL, CR, LF, ...) and the
     * Unicode bidirectional overrides are written as visible escapes ({@code \\x1b}, {@code \\u202e}), so nothing
     * from outside can move the cursor, recolour, retitle, link or reorder what a person reads.
     */
    static String safe(Object value) {
        String s = String.valueOf(value);
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean control = c < 0x20 || (c >= 0x7f && c <= 0x9f) || (c >= 0x202a && c <= 0x202e)
                    || (c >= 0x2066 && c <= 0x2069);
            if (control && out == null) {
                out = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (out != null) {
                if (!control) {
                    out.append(c);
                } else if (c == '\n') {
                    out.append("\\n");
                } else if (c < 0x100) {
                    out.append(String.format(Locale.ROOT, "\\x%02x", (int) c));
                } else {
                    out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                }
            }
        }
        return out == null ? s : out.toString();
    }

    /** Prints each agent's turn as it starts. */
    static EventListener progress(PrintStream err) {
        return e -> {
            if (e instanceof RunEvent.TurnStarted t) {
                err.println("  > " + safe((t.team() == null ? "" : t.team() + "/") + t.agent()));
            } else if (e instanceof RunEvent.ToolCalled c) {
                err.println("      " + safe(c.agent() + " calls " + c.toolId()));
            }
        };
    }
}
