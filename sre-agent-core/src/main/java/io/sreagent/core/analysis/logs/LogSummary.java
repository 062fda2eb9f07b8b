package io.sreagent.core.analysis.logs;

import java.time.Instant;
import java.util.List;

/**
 * What a batch of log lines says, in a handful of facts: templates (most novel and most frequent first), error
 * signatures with their dependencies, and the dependencies overall.
 *
 * @param lines         lines analysed
 * @param events        events after grouping stack traces
 * @param incidentStart the cut-off used for novelty, or null
 * @param templates     templates, ordered by novelty then count
 * @param signatures    error signatures found, most frequent first
 * @param dependencies  every dependency named by a failing event, most frequent first
 */
public record LogSummary(
        long lines,
        long events,
        Instant incidentStart,
        List<TemplateStat> templates,
        List<SignatureHit> signatures,
        List<String> dependencies) {

    public LogSummary {
        templates = templates == null ? List.of() : List.copyOf(templates);
        signatures = signatures == null ? List.of() : List.copyOf(signatures);
        dependencies = dependencies == null ? List.of() : List.copyOf(dependencies);
    }

    /** A compact rendering for a model: at most {@code maxTemplates} templates, every signature. */
    public String toText(int maxTemplates) {
        StringBuilder sb = new StringBuilder();
        sb.append(lines).append(" lines, ").append(events).append(" events, ").append(templates.size())
                .append(" templates\n");
        if (!signatures.isEmpty()) {
            sb.append("signatures:\n");
            for (SignatureHit s : signatures) {
                sb.append("- ").append(s.signature()).append(" (").append(s.category()).append(") x")
                        .append(s.count());
                s.primaryDependency().ifPresent(d -> sb.append(" -> ").append(d));
                if (!s.examples().isEmpty()) {
                    String ex = s.examples().get(0);
                    int nl = ex.indexOf('\n');
                    sb.append(": ").append(nl < 0 ? ex : ex.substring(0, nl));
                }
                sb.append('\n');
            }
        }
        sb.append("templates:\n");
        int n = 0;
        for (TemplateStat t : templates) {
            if (n++ >= maxTemplates) {
                sb.append("... ").append(templates.size() - maxTemplates).append(" more\n");
                break;
            }
            sb.append("- x").append(t.template().count());
            if (incidentStart != null) {
                sb.append(t.isNew() ? " NEW" : String.format(java.util.Locale.ROOT, " novelty=%.2f", t.novelty()));
            }
            sb.append(' ').append(t.template().template()).append('\n');
        }
        return sb.toString();
    }
}
