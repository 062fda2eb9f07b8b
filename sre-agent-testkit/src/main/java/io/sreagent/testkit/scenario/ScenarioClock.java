package io.sreagent.testkit.scenario;

import java.time.Clock;
import java.time.ZoneOffset;

/**
 * The clock of a scenario: fixed at the scenario's {@code now}, so that "the last hour" means the hour before the
 * incident, whatever the wall clock says. Agents and tools must take a {@link Clock} and never read the wall clock.
 */
public final class ScenarioClock {

    private ScenarioClock() {
    }

    /** A clock fixed at {@code scenario.now()} in UTC. */
    public static Clock of(Scenario scenario) {
        return Clock.fixed(scenario.now(), ZoneOffset.UTC);
    }
}
