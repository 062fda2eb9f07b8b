package io.sreagent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sreagent.core.incident.Category;
import io.sreagent.testkit.scenario.Expected;
import io.sreagent.testkit.scenario.ScenarioLoader;
import io.sreagent.workflow.WorkflowConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every scenario shipped with the project (the shared examples among them) is diagnosed right: category, resource, and an
 * expected action proposed (what {@code ./sre-agent eval} scores).
 */
class ScenarioEvalTest {

    static Path projectScenarios() {
        return Path.of("src/main/resources/scenarios").toAbsolutePath();
    }

    static Stream<Path> scenarios() {
        return ScenarioLoader.listDirectory(projectScenarios()).stream().map(projectScenarios()::resolve);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void isDiagnosedRight(Path dir) {
        EvalCommand.Row row = EvalCommand.evaluate(dir, WorkflowConfig.defaults());
        assertThat(row.pass()).as(row.scenario() + ": " + row.why() + " (got " + row.got() + ")").isTrue();
    }

    @Test
    void theProjectShipsAtLeastThirtyScenariosListedInTheIndex() throws Exception {
        List<String> dirs = ScenarioLoader.listDirectory(projectScenarios());
        assertThat(dirs).hasSizeGreaterThanOrEqualTo(30);
        List<String> index = Files.readAllLines(projectScenarios().resolve(ScenarioLoader.INDEX)).stream()
                .map(String::strip).filter(s -> !s.isEmpty() && !s.startsWith("#")).sorted().toList();
        assertThat(index).as("index.txt lists every scenario directory").isEqualTo(dirs);
    }

    @Test
    void everyCategoryIsExpectedByAtLeastOneScenario() {
        Set<Category> expected = EnumSet.noneOf(Category.class);
        scenarios().forEach(dir -> ScenarioLoader.load(dir).expected().flatMap(Expected::category).ifPresent(expected::add));
        assertThat(expected).as("categories the project's scenarios expect")
                .containsExactlyInAnyOrder(Category.values());
    }
}
