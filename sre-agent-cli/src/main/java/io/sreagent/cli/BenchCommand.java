package io.sreagent.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sreagent.core.incident.Decision;
import io.sreagent.workflow.WorkflowConfig;
import io.sreagent.core.support.Json;
import io.sreagent.cli.bench.LoghubBenchmark;
import io.sreagent.cli.bench.NabBenchmark;
import io.sreagent.cli.bench.StormBenchmark;
import io.sreagent.testkit.scenario.Scenario;
import io.sreagent.testkit.scenario.ScenarioLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Benchmarks: commands, not tests; each prints one JSON object with {@code --output json}. */
@Command(mixinStandardHelpOptions = true, name = "bench", description = "Benchmarks (log mining, anomaly detection, event storms, workflow latency).",
        subcommands = {BenchCommand.Logs.class, BenchCommand.Anomalies.class, BenchCommand.Storm.class,
                BenchCommand.Workflow.class, BenchCommand.Llm.class})
final class BenchCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        throw new UsageException("name a benchmark: logs, anomalies, storm, workflow or llm");
    }

    static void print(ObjectNode result, String output) {
        if (!"json".equals(output) && !"text".equals(output)) {
            throw new UsageException("--output must be text or json, was '" + output + "'");
        }
        if (!result.has("machine")) {
            // every figure says what it was measured on
            result.put("machine", Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("java.vm.name")
                    + " " + System.getProperty("java.version") + ", " + System.getProperty("os.name") + " "
                    + System.getProperty("os.arch"));
        }
        System.out.println("json".equals(output) ? result.toString() : Json.writePretty(result));
    }

    static Path existingDir(Path p, String option) {
        if (p == null || !Files.isDirectory(p)) {
            throw new UsageException(option + " " + p + " is not a directory");
        }
        return p;
    }

    @Command(mixinStandardHelpOptions = true, name = "logs", description = "Log template mining on Loghub-2k: grouping and parsing accuracy, lines per second.")
    static final class Logs implements Callable<Integer> {
        @Option(names = "--loghub", required = true, description = "the loghub-2k directory") Path dir;
        @Option(names = "--groups-out", description = "write <Dataset>.csv with LineId,EventId,EventTemplate here") Path groupsOut;
        @Option(names = "--output", defaultValue = "text") String output;

        @Override
        public Integer call() throws Exception {
            print(LoghubBenchmark.run(existingDir(dir, "--loghub"), groupsOut), output);
            return 0;
        }
    }

    @Command(mixinStandardHelpOptions = true, name = "anomalies", description = "The anomaly detector on the Numenta Anomaly Benchmark.")
    static final class Anomalies implements Callable<Integer> {
        @Option(names = "--nab", required = true, description = "the NAB directory (data/, labels/)") Path dir;
        @Option(names = "--scores-out", description = "write per-file timestamp,value,anomaly_score CSVs here") Path scoresOut;
        @Option(names = "--output", defaultValue = "text") String output;

        @Override
        public Integer call() throws Exception {
            print(NabBenchmark.run(existingDir(dir, "--nab"), scoresOut), output);
            return 0;
        }
    }

    @Command(mixinStandardHelpOptions = true, name = "storm", description = "Event correlation throughput and memory on a generated event storm.")
    static final class Storm implements Callable<Integer> {
        @Option(names = "--events", defaultValue = "1000000", description = "events to generate") int events;
        @Option(names = "--output", defaultValue = "text") String output;

        @Override
        public Integer call() throws Exception {
            if (events <= 0) {
                throw new UsageException("--events must be positive, was " + events);
            }
            print(StormBenchmark.run(events).toJson(), output);
            return 0;
        }
    }

    @Command(mixinStandardHelpOptions = true, name = "workflow", description = "Diagnosis latency (median, p99) and throughput over scenarios.")
    static final class Workflow implements Callable<Integer> {
        @Option(names = "--scenarios", required = true, description = "directory of scenario directories") Path dir;
        @Option(names = "--concurrency", defaultValue = "1") int concurrency;
        @Option(names = "--rounds", defaultValue = "20", description = "diagnoses per scenario after warm-up") int rounds;
        @Option(names = "--warmup", defaultValue = "5", description = "diagnoses per scenario in a warm-up pass over "
                + "every scenario before any is measured (so that no scenario is measured while the JIT compiles "
                + "what it alone reaches)") int warmup;
        @Option(names = "--output", defaultValue = "text") String output;

        @Override
        public Integer call() throws Exception {
            if (concurrency < 1 || rounds < 1 || warmup < 0) {
                throw new UsageException("--concurrency and --rounds must be at least 1, --warmup at least 0");
            }
            WorkflowConfig config = WorkflowConfig.defaults();
            List<String> names = ScenarioLoader.listDirectory(existingDir(dir, "--scenarios"));
            List<Long> micros = Collections.synchronizedList(new ArrayList<>());
            ExecutorService pool = Executors.newFixedThreadPool(concurrency);
            long wall = 0;
            try {
                for (String name : names) {
                    try (ScenarioRun run = ScenarioRun.start(ScenarioLoader.load(dir.resolve(name)), config)) {
                        for (int i = 0; i < warmup; i++) {
                            run.diagnose(e -> { });
                        }
                    }
                }
                for (String name : names) {
                    Scenario s = ScenarioLoader.load(dir.resolve(name));
                    try (ScenarioRun run = ScenarioRun.start(s, config)) {
                        run.diagnose(e -> { }); // this run's servers and connections warm
                        long start = System.nanoTime();
                        List<Future<?>> fs = new ArrayList<>();
                        for (int i = 0; i < rounds; i++) {
                            fs.add(pool.submit(() -> {
                                long t0 = System.nanoTime();
                                Decision d = run.diagnose(e -> { });
                                micros.add((System.nanoTime() - t0) / 1000);
                                return d;
                            }));
                        }
                        for (Future<?> f : fs) {
                            f.get();
                        }
                        wall += System.nanoTime() - start;
                    }
                }
            } finally {
                pool.shutdownNow();
            }
            List<Long> sorted = new ArrayList<>(micros);
            Collections.sort(sorted);
            ObjectNode o = Json.object();
            o.put("scenarios", names.size()).put("diagnoses", sorted.size()).put("concurrency", concurrency)
                    .put("warmup", warmup);
            o.put("median_ms", sorted.get(sorted.size() / 2) / 1000.0);
            o.put("p99_ms", sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(sorted.size() * 0.99) - 1)) / 1000.0);
            o.put("diagnoses_per_second", sorted.size() / (wall / 1e9));
            print(o, output);
            return 0;
        }
    }

    @Command(mixinStandardHelpOptions = true, name = "llm", description = "Model tokens and calls per diagnosis, with a "
            + "scripted model that calls every read tool it is offered once (tokens counted with OpenAI's tokenizer).")
    static final class Llm implements Callable<Integer> {
        @Option(names = "--scenarios", required = true, description = "directory of scenario directories") Path dir;
        @Option(names = "--small-model", description = "small-model mode") boolean small;
        @Option(names = "--output", defaultValue = "text") String output;

        @Override
        public Integer call() {
            List<String> names = ScenarioLoader.listDirectory(existingDir(dir, "--scenarios"));
            if (names.isEmpty()) {
                throw new UsageException("no scenario (a directory with scenario.yaml) under " + dir);
            }
            ObjectNode o = Json.object();
            var rows = o.putArray("per_scenario");
            long prompt = 0;
            long completion = 0;
            long calls = 0;
            long maxPrompt = 0;
            for (String name : names) {
                Scenario s = ScenarioLoader.load(dir.resolve(name));
                io.sreagent.cli.bench.EveryToolModel model = new io.sreagent.cli.bench.EveryToolModel(s.trigger());
                try (ScenarioRun run = ScenarioRun.start(s, WorkflowConfig.defaults(),
                        io.sreagent.workflow.LlmMode.builder(model).small(small).build())) {
                    Decision d = run.diagnose(e -> { });
                    rows.addObject().put("scenario", name).put("prompt_tokens", model.promptTokens())
                            .put("completion_tokens", model.completionTokens()).put("model_calls", model.calls())
                            .put("category", d.rootCause().category().name());
                }
                prompt += model.promptTokens();
                completion += model.completionTokens();
                calls += model.calls();
                maxPrompt = Math.max(maxPrompt, model.promptTokens());
            }
            int n = names.size();
            o.put("scenarios", n).put("small_model", small)
                    .put("prompt_tokens_mean", Math.round(prompt / (double) n))
                    .put("prompt_tokens_max", maxPrompt)
                    .put("completion_tokens_mean", Math.round(completion / (double) n))
                    .put("model_calls_mean", Math.round(calls * 10.0 / n) / 10.0)
                    .put("tokenizer", "o200k_base (jtokkit, via langchain4j-open-ai)");
            print(o, output);
            return 0;
        }
    }
}
