package io.sreagent.core.input;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.sreagent.core.support.Json;

/**
 * Parses JSON from outside the process into a tree. Errors name the file, line and column and what the parser
 * expected, with every quoted fragment of the input left out: Jackson's own messages quote the offending token,
 * which may be a secret. Depth and string length are bounded by Jackson's stream-read constraints. Stateless.
 */
public final class JsonInput {

    private JsonInput() {
    }

    /**
     * The tree of {@code text}; null when the text holds only whitespace.
     *
     * @throws InputException naming the file and the place of the first problem
     */
    public static JsonNode parse(String text, String file) {
        try {
            JsonNode n = Json.mapper().readTree(text);
            return n == null || n.isMissingNode() ? null : n;
        } catch (JsonProcessingException e) {
            throw error(file, e);
        }
    }

    /** An {@link InputException} for a parse error, without any of the input's content. */
    public static InputException error(String file, JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String where = at == null || at.getLineNr() < 1 ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr();
        return new InputException(file, where, "not valid JSON: " + withoutContent(e.getOriginalMessage()));
    }

    /** A parser message with quoted fragments (the input's tokens) replaced by an ellipsis. */
    static String withoutContent(String message) {
        String first = message == null ? "" : message.lines().findFirst().orElse("");
        String out = first.replaceAll("'[^']*'", "'…'").replaceAll("\"[^\"]*\"", "\"…\"")
                .replaceAll("\\(code \\d+\\)", "").replaceAll("\\s+", " ").trim();
        return out.length() > 160 ? out.substring(0, 157) + "..." : out;
    }
}
