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
 *
 * <p>With a model ({@code --llm ...}) every scenario is also diagnosed without one, so the report says how often
 * the model changed the deterministic answer for better or worse, with tokens, calls, latency and, given a price
 * table ({@code --prices FILE}: {@code {"<model>": {"input_per_million": 0.15, "output_per_million": 0.6}}}), cost.
 */
@Command(mixinStandardHelpOptions = true, name = "eval", description = "Diagnoses every scenario under DIR and scores it against its expected outcome.")
final class EvalCommand implements Callable<Integer> {

    @Mixin
    CommonOptions options;

    @Option(names = "--scenarios", required = true, description = "directory of scenario directories")
    Path dir;

    @Option(names = "--prices", description = "price table (JSON or YAML): model -> input_per_million, output_per_million")
    Path prices;

    /** One scenario's result; the model fields only with a model. */
    record Row(String scenario, String expected, String got, boolean pass, long ms, String why,
               @org.jspecify.annotations.Nullable Boolean passWithoutModel, @org.jspecify.annotations.Nullable String gotWithoutModel,
               @org.jspecify.annotations.Nullable Long promptTokens, @org.jspecify.annotations.Nullable Long completionTokens,
               @org.jspecify.annotations.Nullable Integer modelCalls) {
        Row(String scenario, String expected, String got, boolean pass, long ms, String why) {
            this(scenario, expected, got, pass, ms, why, null, null, null, null, null);
        }

        Row withBaseline(Row deterministic, Decision d) {
            var m = d.llm();
            return new Row(scenario, expected, got, pass, ms, why, deterministic.pass(), deterministic.got(),
                    m == null ? 0L : m.tokens().input(), m == null ? 0L : m.tokens().output(),
                    m == null ? 0 : m.totalModelCalls());
        }
    }

    @Override
    public Integer call() {
        WorkflowConfig config = options.workflowConfig(System.err);
        var llm = options.llmMode(config, System.err);
        var priceTable = prices == null ? null : io.sreagent.core.input.YamlInput.single(
                io.sreagent.core.input.InputFiles.readString(prices, CommonOptions.MAX_CONFIG_BYTES), prices.toString());
        if (!Files.isDirectory(dir)) {
            throw new UsageException("--scenarios " + dir + " is not a directory");
        }
        List<String> names = ScenarioLoader.listDirectory(dir);
        if (names.isEmpty()) {
            throw new UsageException("no scenario (a directory with scenario.yaml) under " + dir);
        }
        List<Row> rows = new ArrayList<>();
        for (String name : names) {
            rows.add(evaluate(dir.resolve(name), config, llm));
        }
        PrintStream out = System.out;
        long passed = rows.stream().filter(Row::pass).count();
        var modelSummary = llm == null ? null : modelSummary(rows, llm, priceTable);
        if (options.json()) {
            var o = Json.object();
            o.set("scenarios", Json.mapper().valueToTree(rows));
            o.put("passed", passed).put("failed", rows.size() - passed);
            if (modelSummary != null) {
                o.set("model", modelSummary);
            }
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
            if (modelSummary != null) {
                out.println("model: " + modelSummary);
            }
        }
        return passed == rows.size() ? 0 : 1;
    }

    /** Tokens, calls, latency, cost and how the model changed the deterministic answers. */
    static com.fasterxml.jackson.databind.node.ObjectNode modelSummary(List<Row> rows, io.sreagent.workflow.LlmMode llm,
            com.fasterxml.jackson.databind.@org.jspecify.annotations.Nullable JsonNode prices) {
        long in = rows.stream().mapToLong(r -> r.promptTokens() == null ? 0 : r.promptTokens()).sum();
        long outTokens = rows.stream().mapToLong(r -> r.completionTokens() == null ? 0 : r.completionTokens()).sum();
        long calls = rows.stream().mapToLong(r -> r.modelCalls() == null ? 0 : r.modelCalls()).sum();
        List<Long> ms = rows.stream().map(Row::ms).sorted().toList();
        var o = Json.object();
        String model = llm.model(io.sreagent.workflow.LlmMode.SUMMARISER).map(io.sreagent.core.llm.ModelSession::modelName)
                .orElse("?");
        o.put("model", model).put("prompt_tokens", in).put("completion_tokens", outTokens).put("model_calls", calls)
                .put("median_ms", ms.isEmpty() ? 0 : ms.get(ms.size() / 2))
                .put("better", rows.stream().filter(r -> Boolean.FALSE.equals(r.passWithoutModel()) && r.pass()).count())
                .put("worse", rows.stream().filter(r -> Boolean.TRUE.equals(r.passWithoutModel()) && !r.pass()).count())
                .put("changed", rows.stream().filter(r -> r.gotWithoutModel() != null && !r.gotWithoutModel().equals(r.got())).count());
        if (prices != null) {
            var p = prices.path(model);
            if (!p.path("input_per_million").isNumber() || !p.path("output_per_million").isNumber()) {
                throw new UsageException("--prices has no numeric input_per_million and output_per_million for model " + model);
            }
            o.put("cost", Math.round((in * p.path("input_per_million").asDouble()
                    + outTokens * p.path("output_per_million").asDouble()) / 1e6 * 1e6) / 1e6);
        }
        return o;
    }

    static Row evaluate(Path scenarioDir, WorkflowConfig config) {
        return evaluate(scenarioDir, config, null);
    }

    static Row evaluate(Path scenarioDir, WorkflowConfig config,
                        io.sreagent.workflow.@org.jspecify.annotations.Nullable LlmMode llm) {
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
        try (ScenarioRun run = ScenarioRun.start(s, config, llm)) {
            Decision d = run.diagnose(e -> { });
            Row row = score(name, s, d);
            if (llm == null) {
                return row;
            }
            try (ScenarioRun plain = ScenarioRun.start(s, config)) {
                return row.withBaseline(score(name, s, plain.diagnose(e -> { })), d);
            }
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
