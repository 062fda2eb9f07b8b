package io.sreagent.testkit.scenario;

import java.util.List;

/**
 * The example scenarios shipped inside the testkit jar, for tests of agents and tools written by hosts:
 * {@code cart-oom-killed} (an OOM kill after a rollout), {@code orders-postgres-scaled-to-zero} (a dependency scaled
 * to zero) and {@code payments-configmap-missing} (a missing ConfigMap). Stateless.
 *
 * <pre>{@code
 * try (EmbeddedScenario incident = EmbeddedScenario.startResource(ExampleScenarios.resource("cart-oom-killed"))) { ... }
 * }</pre>
 */
public final class ExampleScenarios {

    /** The class-path resource base of the examples. */
    public static final String BASE = "io/sreagent/testkit/scenarios";

    private ExampleScenarios() {
    }

    /** The names of the example scenarios. */
    public static List<String> names() {
        return ScenarioLoader.listResources(BASE, ExampleScenarios.class.getClassLoader());
    }

    /** The resource base of one example, for {@link ScenarioLoader#loadResource(String)}. */
    public static String resource(String name) {
        if (!names().contains(name)) {
            throw new IllegalArgumentException("no example scenario '" + name + "'; the testkit ships " + names());
        }
        return BASE + "/" + name;
    }

    /** One example, loaded. */
    public static Scenario load(String name) {
        return ScenarioLoader.loadResource(resource(name), ExampleScenarios.class.getClassLoader());
    }
}
