package io.sreagent.core.analysis.logs;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A message template mined from log lines, such as {@code Connection to <*> refused after <*> ms}, with how often
 * and when it was seen.
 *
 * @param id         the miner's id of the template (stable for the life of a {@link TemplateMiner})
 * @param template   the template text; each variable part is written {@code <*>}
 * @param count      how many lines matched it
 * @param firstLine  index (0-based, in the order lines were added) of the first matching line
 * @param lastLine   index of the last matching line
 * @param firstSeen  timestamp of the first matching line, or null when lines carried no time
 * @param lastSeen   timestamp of the last matching line, or null
 * @param examples   a few matching lines as they were written (already truncated to a bounded length)
 * @param variables  for each {@code <*>} position, in order, a few distinct values seen there
 */
public record LogTemplate(
        int id,
        String template,
        long count,
        long firstLine,
        long lastLine,
        Instant firstSeen,
        Instant lastSeen,
        List<String> examples,
        List<List<String>> variables) {

    public LogTemplate {
        Objects.requireNonNull(template, "template");
        examples = examples == null ? List.of() : List.copyOf(examples);
        variables = variables == null ? List.of() : variables.stream().map(List::copyOf).toList();
    }
}
