package io.sreagent.cli;

import io.sreagent.core.incident.ActionType;
import io.sreagent.core.incident.Decision;
import io.sreagent.core.incident.ProposedAction;
import io.sreagent.workflow.WorkflowConfig;
import io.sreagent.core.support.Json;
import io.sreagent.testkit.scenario.Expected;
import io.sreagent.testkit.scenario.Scenario;
import io.sreagent.testkit.scenario.ScenarioException;
import io.sreagent.testkit.scenario.ScenarioLoader;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Diagnoses every scenario under a directory and scores it against its {@code expected}: category, resource, and
 * at least one of the expected action types proposed. Prints a table, then {@code N passed, M failed}.
 */
@Command(mixinStandardHelpOptions = true, name = "eval", description = "Diagnoses every scenario under DIR and scores it against its expected outcome.")
final class EvalCommand implements Callable<Integer> {

    @Mixin
    CommonOptions options;

    @Option(names = "--scenarios", required = true, description = "directory of scenario directories")
    Path dir;

    /** One scenario's result. */
    record Row(String scenario, String expected, String got, boolean pass, long ms, String why) {
    }

    @Override
    public Integer call() {
        WorkflowConfig config = options.workflowConfig(System.err);
        if (!Files.isDirectory(dir)) {
            throw new UsageException("--scenarios " + dir + " is not a directory");
        }
        List<String> names = ScenarioLoader.listDirectory(dir);
        if (names.isEmpty()) {
            throw new UsageException("no scenario (a directory with scenario.yaml) under " + dir);
        }
        List<Row> rows = new ArrayList<>();
        for (String name : names) {
            rows.add(evaluate(dir.resolve(name), config));
        }
        PrintStream out = System.out;
        long passed = rows.stream().filter(Row::pass).count();
        if (options.json()) {
            var o = Json.object();
            o.set("scenarios", Json.mapper().valueToTree(rows));
            o.put("passed", passed).put("failed", rows.size() - passed);
            out.println(Json.writePretty(o));
        } else {
            int w = Math.max(8, rows.stream().mapToInt(r -> r.scenario().length()).max().orElse(8));
            String fmt = "%-" + w + "s  %-60s  %-60s  %-4s  %6s%n";
            out.printf(Locale.ROOT, fmt, "scenario", "expected", "got", "pass", "ms");
            for (Row r : rows) {
                out.printf(Locale.ROOT, fmt, Report.safe(r.scenario()), Report.safe(r.expected()), Report.safe(r.got()),
                        r.pass() ? "yes" : "NO", r.ms());
                if (!r.pass()) {
                    out.println("    " + Report.oneLine(r.why(), 400));
                }
            }
            List<Long> times = rows.stream().map(Row::ms).sorted().toList();
            out.printf(Locale.ROOT, "median diagnosis %d ms, max %d ms%n", times.get(times.size() / 2), times.get(times.size() - 1));
            out.println(passed + " passed, " + (rows.size() - passed) + " failed");
        }
        return passed == rows.size() ? 0 : 1;
    }

    static Row evaluate(Path scenarioDir, WorkflowConfig config) {
        String name = scenarioDir.getFileName().toString();
        Scenario s;
        try {
            s = ScenarioLoader.load(scenarioDir);
        } catch (ScenarioException e) {
            return new Row(name, "?", "unreadable", false, 0, e.getMessage());
        } catch (RuntimeException e) {
            // One scenario the loader did not foresee must not cost the other rows.
            return new Row(name, "?", "unreadable", false, 0, "cannot load: " + e);
        }
        try (ScenarioRun run = ScenarioRun.start(s, config)) {
            Decision d = run.diagnose(e -> { });
            return score(name, s, d);
        }
    }

    static Row score(String name, Scenario s, Decision d) {
        String got = d.rootCause().category() + " " + d.rootCause().resource();
        if (s.expected().isEmpty()) {
            return new Row(name, "(none)", got, true, d.durationMs(), "");
        }
        Expected e = s.expected().get();
        String expected = e.category().map(Enum::name).orElse("*") + " " + e.resource().map(Object::toString).orElse("*");
        List<String> why = new ArrayList<>();
        e.category().filter(c -> c != d.rootCause().category()).ifPresent(c -> why.add("category " + d.rootCause().category() + " != " + c));
        e.resource().filter(r -> !r.equals(d.rootCause().resource())).ifPresent(r -> why.add("resource " + d.rootCause().resource() + " != " + r));
        Set<ActionType> proposed = d.actions().stream().map(ProposedAction::type).collect(Collectors.toSet());
        if (!e.actions().isEmpty() && e.actions().stream().noneMatch(proposed::contains)) {
            why.add("actions " + proposed + " include none of " + e.actions());
        }
        return new Row(name, expected, got, why.isEmpty(), d.durationMs(), String.join("; ", why));
    }
}
