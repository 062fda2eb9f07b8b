package io.sreagent.core.input;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Every parser of outside text (JSON bodies, YAML scenario and configuration files) takes any input and answers a
 * value or a typed {@link InputException}, within a bound on time, never echoing what it was given. Fixed seeds keep
 * runs reproducible; jqwik keeps a failing seed in its database.
 */
class InputFuzzTest {

    static final String SECRET = "hunter2Secret!";
    static final long MAX_MILLIS = 2_000;

    @Provide
    Arbitrary<String> jsonish() {
        Arbitrary<String> tokens = Arbitraries.of("{", "}", "[", "]", ":", ",", "\"a\"", "\"" + SECRET + "\"", "1e999",
                "-0", "null", "true", "\"\\u0000\"", "\"\\ud800\"", " ", "\n", "\u0000", "&a", "*a", "!!binary", "---",
                "- x", "a: b", "? ", "|", ">", "%YAML 1.2", "#", "\"\\", "'", "@", "`");
        return tokens.list().ofMaxSize(200).map(l -> String.join("", l));
    }

    @Provide
    Arbitrary<String> nested() {
        return Arbitraries.integers().between(1, 5_000).map(n -> "[".repeat(n) + "]".repeat(n / 2));
    }

    static void typed(String input, Function<String, JsonNode> parser) {
        long t0 = System.nanoTime();
        try {
            parser.apply(input);
        } catch (InputException e) {
            assertThat(e.getMessage()).isNotBlank().doesNotContain(SECRET);
        }
        assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(MAX_MILLIS);
    }

    @Property(tries = 400, seed = "20261202")
    void jsonAnswersAValueOrATypedError(@ForAll("jsonish") String input) {
        typed(input, s -> JsonInput.parse(s, "body"));
    }

    @Property(tries = 400, seed = "20261202")
    void yamlAnswersAValueOrATypedError(@ForAll("jsonish") String input) {
        typed(input, s -> YamlInput.single(s, "scenario.yaml"));
    }

    @Property(tries = 100, seed = "20261202")
    void deepNestingIsBoundedInBoth(@ForAll("nested") String input) {
        typed(input, s -> JsonInput.parse(s, "body"));
        typed(input, s -> YamlInput.single(s, "config.yaml"));
    }

    @Property(tries = 300, seed = "20261202")
    void anyStringIsAValueOrATypedError(@ForAll String input) {
        typed(input, s -> JsonInput.parse(s, "body"));
        typed(input, s -> YamlInput.single(s, "config.yaml"));
    }
}
