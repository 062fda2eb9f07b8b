package io.sreagent.core.llm;

import io.sreagent.core.analysis.logs.LogTemplate;
import io.sreagent.core.analysis.logs.TemplateMiner;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Makes a tool result fit a model's context: short results pass unchanged; long line-oriented results (logs) become
 * their templates with counts plus the last lines verbatim; whatever is still over the cap is cut, and the cut part
 * is kept so that the model can ask for it page by page.
 */
final class Compaction {

    /** Lines from which a result is mined into templates. */
    static final int TEMPLATE_FROM_LINES = 30;
    private static final int TAIL_LINES = 5;

    /** The compact text, and what did not fit (empty when all of it did). */
    record Compact(String text, String rest) {
    }

    private Compaction() {
    }

    static Compact compact(String text, int maxTokens, String callId) {
        int maxChars = maxTokens * Tokens.CHARS_PER_TOKEN;
        if (text.length() <= maxChars) {
            return new Compact(text, "");
        }
        String[] lines = text.split("\n", -1);
        String shaped = lines.length >= TEMPLATE_FROM_LINES ? templates(lines) : text;
        if (shaped.length() <= maxChars) {
            return new Compact(shaped, "");
        }
        String note = "\n[cut: " + (shaped.length() - maxChars) + " more characters; call more_of_result with "
                + "call_id \"" + callId + "\" and page 2 for the next part]";
        int keep = Math.max(0, maxChars - note.length());
        return new Compact(shaped.substring(0, keep) + note, shaped.substring(keep));
    }

    /** Page {@code page} (from 2) of what did not fit, or a precise error. */
    static String page(String rest, int page, int maxTokens, String callId) {
        int size = maxTokens * Tokens.CHARS_PER_TOKEN;
        int from = (page - 2) * size;
        if (page < 2 || from >= rest.length()) {
            int pages = 1 + (rest.length() + size - 1) / size;
            return "error: call " + callId + " has pages 1 to " + pages + "; page 1 is what you were given";
        }
        int to = Math.min(rest.length(), from + size);
        return rest.substring(from, to) + (to < rest.length() ? "\n[page " + page + "; more on page " + (page + 1) + "]"
                : "\n[page " + page + ", the last]");
    }

    private static String templates(String[] lines) {
        TemplateMiner miner = new TemplateMiner();
        List<String> nonBlank = new ArrayList<>();
        for (String l : lines) {
            if (!l.isBlank()) {
                miner.add(l);
                nonBlank.add(l);
            }
        }
        List<LogTemplate> ts = new ArrayList<>(miner.templates());
        ts.sort(Comparator.comparingLong(LogTemplate::count).reversed());
        StringBuilder sb = new StringBuilder();
        sb.append(miner.lineCount()).append(" lines, ").append(ts.size()).append(" templates, most frequent first (")
                .append(TemplateMiner.WILDCARD).append(" marks a variable part):\n");
        for (LogTemplate t : ts) {
            sb.append(t.count()).append("x ").append(t.template()).append('\n');
        }
        sb.append("last lines:\n");
        nonBlank.subList(Math.max(0, nonBlank.size() - TAIL_LINES), nonBlank.size()).forEach(l -> sb.append(l).append('\n'));
        return sb.toString().stripTrailing();
    }
}
