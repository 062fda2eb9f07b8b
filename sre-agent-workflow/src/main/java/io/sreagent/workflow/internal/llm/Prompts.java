package io.sreagent.workflow.internal.llm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The versioned prompts, resources under {@code io/sreagent/workflow/prompts/NAME[.small].VERSION.txt}. */
public final class Prompts {

    /** The prompts' version; a changed prompt gets a new version so results can be compared across versions. */
    public static final String VERSION = "v1";

    /** A prompt and its id ({@code summariser.v1}, {@code summariser.small.v1}). */
    public record Prompt(String id, String text) {
    }

    private Prompts() {
    }

    /** The prompt {@code name}, the short one for small models when {@code small}. */
    public static Prompt load(String name, boolean small) {
        String id = name + (small ? ".small." : ".") + VERSION;
        try (InputStream in = Prompts.class.getResourceAsStream("/io/sreagent/workflow/prompts/" + id + ".txt")) {
            if (in == null) {
                if (small) {
                    return load(name, false);
                }
                throw new IllegalStateException("prompt " + id + " is missing from the sre-agent-workflow jar");
            }
            return new Prompt(id, new String(in.readAllBytes(), StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read prompt " + id, e);
        }
    }
}
