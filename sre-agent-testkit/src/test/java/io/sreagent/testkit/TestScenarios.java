package io.sreagent.testkit;

import io.sreagent.testkit.scenario.ExampleScenarios;
import java.net.URISyntaxException;
import java.nio.file.Path;

/** The example scenarios as directories (the test class path holds them unpacked), for tests that need files. */
public final class TestScenarios {

    private TestScenarios() {
    }

    /** The directory holding the example scenarios. */
    public static Path dir() {
        try {
            return Path.of(TestScenarios.class.getClassLoader().getResource(ExampleScenarios.BASE).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One example scenario's directory. */
    public static Path dir(String name) {
        return dir().resolve(name);
    }
}
