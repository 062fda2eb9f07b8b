package io.sreagent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sreagent.core.input.InputException;
import io.sreagent.core.input.YamlInput;
import io.sreagent.loki.LokiClient;
import io.sreagent.loki.LokiConfig;
import io.sreagent.loki.LokiException;
import io.sreagent.prometheus.client.PrometheusClient;
import io.sreagent.prometheus.client.PrometheusConfig;
import io.sreagent.prometheus.client.PrometheusException;
import io.sreagent.testkit.EmbeddedScenario;
import io.sreagent.testkit.scenario.LokiPushParser;
import io.sreagent.testkit.scenario.OpenMetricsParser;
import io.sreagent.testkit.scenario.ScenarioException;
import io.sreagent.testkit.scenario.ScenarioLoader;
import io.sreagent.workflow.InvalidConfigurationException;
import io.sreagent.workflow.WorkflowConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Every parser of outside input this module does not fuzz elsewhere, fed valid input mutated at random (characters
 * replaced, cut, repeated, deleted, a hostile token planted) and arbitrary strings: Prometheus's and Loki's answers
 * as the real clients read them over HTTP, the scenario format (OpenMetrics, Loki push JSON, whole scenario
 * directories), the configuration file, and PromQL sent to the embedded Prometheus. Each answers a value or its typed
 * error, nothing else, within a time bound; fixed seeds keep runs reproducible. (The {@code /decide} body, the
 * Alertmanager payload, JSON/YAML input and a model's tool-call arguments are fuzzed beside their parsers.)
 */
class ParserFuzzTest {

    static final Duration BOUND = Duration.ofSeconds(2);
    static final String SCENARIO = "scenarios/cart-oom-killed/";

    /** What the fake backends answer next: status and body. */
    static final AtomicReference<String[]> NEXT = new AtomicReference<>(new String[] {"200", "{}"});
    static MockWebServer backend;
    static PrometheusClient prometheus;
    static LokiClient loki;
    static EmbeddedScenario embedded;
    static PrometheusClient embeddedPrometheus;

    @BeforeContainer
    static void start() throws IOException {
        backend = NoDelaySockets.server();
        backend.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String[] next = NEXT.get();
                return new MockResponse.Builder().code(Integer.parseInt(next[0]))
                        .setHeader("Content-Type", "application/json").body(next[1]).build();
            }
        });
        backend.start();
        prometheus = new PrometheusClient(PrometheusConfig.builder().url(backend.url("/").toString())
                .callTimeout(BOUND).build());
        loki = new LokiClient(LokiConfig.fromEnv(Map.of("LOKI_URL", backend.url("/").toString())::get));
        embedded = EmbeddedScenario.start(FaultInjectionTest.CART);
        embeddedPrometheus = new PrometheusClient(PrometheusConfig.builder().url(embedded.prometheusUrl())
                .callTimeout(BOUND).build());
    }

    @AfterContainer
    static void stop() {
        backend.close();
        embedded.close();
    }

    // ------------------------------------------------------------------ inputs

    static final List<String> PROMETHEUS_ANSWERS = List.of(
            "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{\"pod\":\"cart-1\"},"
                    + "\"value\":[1795170600.5,\"134217728\"]},{\"metric\":{},\"value\":[1795170600,\"NaN\"]}]},"
                    + "\"warnings\":[\"w1\"]}",
            "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[{\"metric\":{\"__name__\":\"up\","
                    + "\"job\":\"cart\"},\"values\":[[1795170600,\"1\"],[1795170630,\"+Inf\"],[1795170660,\"0\"]]}]}}",
            "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1795170600,\"42\"]}}",
            "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"1:5: parse error: unexpected end of input\"}",
            "{\"status\":\"success\",\"data\":[{\"__name__\":\"up\",\"job\":\"cart\",\"pod\":\"cart-1\"}]}",
            "{\"status\":\"success\",\"data\":[\"__name__\",\"job\",\"pod\"]}",
            "{\"status\":\"success\",\"data\":{\"container_memory_working_set_bytes\":[{\"type\":\"gauge\","
                    + "\"help\":\"Current working set\",\"unit\":\"\"}]}}",
            "{\"status\":\"success\",\"data\":{\"alerts\":[{\"labels\":{\"alertname\":\"KubePodCrashLooping\","
                    + "\"namespace\":\"shop\"},\"annotations\":{\"summary\":\"crash looping\"},\"state\":\"firing\","
                    + "\"activeAt\":\"2026-11-20T10:12:00.123Z\",\"value\":\"1e+00\"}]}}");

    static final List<String> LOKI_ANSWERS = List.of(
            "{\"status\":\"success\",\"data\":{\"resultType\":\"streams\",\"result\":[{\"stream\":{\"namespace\":\"shop\","
                    + "\"pod\":\"cart-1\"},\"values\":[[\"1795170600000000000\",\"level=error msg=\\\"connection refused\\\"\"],"
                    + "[\"1795170601000000000\",\"panic: runtime error\"]]}],\"stats\":{}}}",
            "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[{\"metric\":{\"level\":\"error\"},"
                    + "\"values\":[[1795170600,\"3\"],[1795170660,\"7\"]]}]}}",
            "{\"status\":\"success\",\"data\":[\"namespace\",\"pod\",\"container\"]}",
            "{\"status\":\"success\",\"data\":[{\"namespace\":\"shop\",\"pod\":\"cart-1\"}]}",
            "parse error at line 1, col 8: syntax error: unexpected IDENTIFIER");

    static final String CONFIG = """
            workflow:
              max_turns: 200
              timeout_seconds: 60
              confidence_threshold: 0.95
              dry_run: true
              require_human_approval: true
              human_in_the_loop: [DRAIN_NODE]
              protected_namespaces: [kube-system, payments]
              max_actions_per_incident: 3
              max_replicas: 50
            sources:
              prometheus_url: http://prometheus:9090
              loki_url: http://loki:3100
            agents:
              triage: {enabled: true}
              log_analysis: {enabled: false}
            """;

    static final List<String> PROMQL = List.of(
            "sum by (pod) (rate(container_cpu_usage_seconds_total{namespace=\"shop\",container!=\"\"}[5m]))",
            "histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{job=~\"cart.*\"}[5m])))",
            "max_over_time(kube_pod_container_status_restarts_total{namespace=\"shop\"}[30m]) - 1 > 0",
            "sum(rate(http_requests_total{code=~\"5..\"}[5m])) / sum(rate(http_requests_total[5m]))");

    /** The first lines of a project scenario's file, whole lines up to about {@code chars}. */
    static String head(String file, int chars) {
        try (var in = ParserFuzzTest.class.getClassLoader().getResourceAsStream(SCENARIO + file)) {
            String all = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int cut = all.indexOf('\n', Math.min(chars, all.length() - 1));
            return cut < 0 ? all : all.substring(0, cut + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String metrics() {
        return head("metrics.om", 3000) + "# EOF\n";
    }

    static String whole(String file) {
        return head(file, Integer.MAX_VALUE);
    }

    /** One mutation: at a place, what to do, and the token it may plant. */
    record Mutation(int at, int op, String token) {
        String applyTo(String s) {
            int i = Math.min(at, Math.max(0, s.length() - 1));
            int end = Math.min(s.length(), i + 40);
            return switch (op) {
                case 0 -> s.substring(0, i) + token + s.substring(Math.min(s.length(), i + 1)); // replace a character
                case 1 -> s.substring(0, i); // cut
                case 2 -> s.substring(0, end) + s.substring(i, end).repeat(3) + s.substring(end); // repeat a stretch
                case 3 -> s.substring(0, i) + s.substring(end); // delete a stretch
                default -> s.substring(0, i) + token + s.substring(i); // insert
            };
        }
    }

    /** {@code base} with one to three mutations. */
    static Arbitrary<String> mutationsOf(Arbitrary<String> base) {
        Arbitrary<String> hostile = Arbitraries.of("{", "}", "\"", ":", ",", "[", "]", "\\", "\u0000", "\n", "- ",
                "1e99999", "-9223372036854775809", "NaN", "&a", "*a", "!!binary", "[[[[[[[[[[[[[[[[[[[[",
                "{\"a\":".repeat(60), "x".repeat(5000), "\uD800", "# EOF\n", "\t");
        return base.flatMap(b -> Combinators.combine(Arbitraries.integers().between(0, Math.max(0, b.length() - 1)),
                        Arbitraries.integers().between(0, 4), hostile).as(Mutation::new)
                .list().ofMinSize(1).ofMaxSize(3)
                .map(ops -> {
                    String s = b;
                    for (Mutation m : ops) {
                        s = m.applyTo(s);
                    }
                    return s;
                }));
    }

    @Provide
    Arbitrary<String> prometheusAnswers() {
        return Arbitraries.oneOf(mutationsOf(Arbitraries.of(PROMETHEUS_ANSWERS)), Arbitraries.strings().ofMaxLength(200));
    }

    @Provide
    Arbitrary<String> lokiAnswers() {
        return Arbitraries.oneOf(mutationsOf(Arbitraries.of(LOKI_ANSWERS)), Arbitraries.strings().ofMaxLength(200));
    }

    @Provide
    Arbitrary<Integer> statuses() {
        return Arbitraries.of(200, 200, 200, 400, 401, 404, 422, 429, 500, 503);
    }

    @Provide
    Arbitrary<String> openMetrics() {
        return mutationsOf(Arbitraries.just(metrics()));
    }

    @Provide
    Arbitrary<String> lokiPush() {
        return mutationsOf(Arbitraries.just(whole("logs.json")));
    }

    @Provide
    Arbitrary<String> configs() {
        return Arbitraries.oneOf(mutationsOf(Arbitraries.just(CONFIG)), Arbitraries.strings().ofMaxLength(200));
    }

    /** A project scenario's file name and its content mutated. */
    @Provide
    Arbitrary<List<String>> scenarioFiles() {
        return Arbitraries.of("scenario.yaml", "cluster.yaml", "logs.json", "metrics.om")
                .flatMap(f -> mutationsOf(Arbitraries.just(whole(f))).map(m -> List.of(f, m)));
    }

    @Provide
    Arbitrary<String> promql() {
        // a blank query is refused by the client before it is sent (an argument error of the caller)
        return Arbitraries.oneOf(mutationsOf(Arbitraries.of(PROMQL)), Arbitraries.strings().ofMaxLength(120))
                .filter(q -> !q.isBlank());
    }

    @Provide
    Arbitrary<Integer> which() {
        return Arbitraries.integers().between(0, Integer.MAX_VALUE);
    }

    // ------------------------------------------------------------------ checks

    /** Runs {@code parse} within {@link #BOUND}; it may only answer or throw one of {@code typed}. */
    @SafeVarargs
    static void answersOrTypedError(Runnable parse, Class<? extends RuntimeException>... typed) {
        long t0 = System.nanoTime();
        try {
            parse.run();
        } catch (RuntimeException e) {
            assertThat(List.of(typed)).as("%s is not a typed error of this parser", e)
                    .anyMatch(t -> t.isInstance(e));
            assertThat(e.getMessage()).isNotBlank();
        }
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(BOUND.plus(BOUND));
    }

    @Example
    void theUnmutatedInputsParse() throws Exception {
        // the mutations start from valid input, or they would test only the first error path
        for (String body : PROMETHEUS_ANSWERS.subList(0, 3)) {
            NEXT.set(new String[] {"200", body});
            assertThat(prometheus.query("up", Instant.EPOCH).series()).isNotNull();
        }
        NEXT.set(new String[] {"200", LOKI_ANSWERS.get(0)});
        assertThat(loki.queryRange("{namespace=\"shop\"}", Instant.EPOCH, Instant.EPOCH.plusSeconds(60), 10,
                LokiClient.Direction.BACKWARD).entries()).hasSize(2);
        assertThat(OpenMetricsParser.parse(metrics(), "metrics.om").families()).isNotEmpty();
        assertThat(LokiPushParser.parse(whole("logs.json"), "logs.json")).isNotEmpty();
        assertThat(WorkflowConfig.fromTree(YamlInput.single(CONFIG, "config.yaml")).maxTurns()).isEqualTo(200);
        for (String q : PROMQL) {
            embeddedPrometheus.query(q, embedded.clock().instant());
        }
    }

    @Property(tries = 400, seed = "20261203")
    void aPrometheusAnswerIsAResultOrAPrometheusException(@ForAll("prometheusAnswers") String body,
                                                          @ForAll("statuses") int status, @ForAll("which") int which) {
        NEXT.set(new String[] {String.valueOf(status), body});
        Instant t = Instant.parse("2026-11-20T10:30:00Z");
        answersOrTypedError(() -> {
            try {
                switch (which % 6) {
                    case 0 -> prometheus.query("up", t);
                    case 1 -> prometheus.queryRange("up", t.minusSeconds(600), t, Duration.ofSeconds(30));
                    case 2 -> prometheus.series(List.of("up"), t.minusSeconds(600), t);
                    case 3 -> prometheus.labelNames(t.minusSeconds(600), t);
                    case 4 -> prometheus.metadata("up");
                    default -> prometheus.alerts();
                }
            } catch (PrometheusException e) {
                throw new TypedError(e);
            }
        }, TypedError.class);
    }

    @Property(tries = 300, seed = "20261203")
    void aLokiAnswerIsAResultOrALokiException(@ForAll("lokiAnswers") String body, @ForAll("statuses") int status,
                                              @ForAll("which") int which) {
        NEXT.set(new String[] {String.valueOf(status), body});
        Instant t = Instant.parse("2026-11-20T10:30:00Z");
        answersOrTypedError(() -> {
            switch (which % 4) {
                case 0 -> loki.queryRange("{namespace=\"shop\"}", t.minusSeconds(600), t, 100, LokiClient.Direction.BACKWARD);
                case 1 -> loki.query("count_over_time({namespace=\"shop\"}[5m])", t, 100, LokiClient.Direction.FORWARD);
                case 2 -> loki.labels(t.minusSeconds(600), t);
                default -> loki.series(List.of("{namespace=\"shop\"}"), t.minusSeconds(600), t);
            }
        }, LokiException.class);
    }

    @Property(tries = 300, seed = "20261203")
    void openMetricsIsMetricsOrAScenarioException(@ForAll("openMetrics") String text) {
        answersOrTypedError(() -> OpenMetricsParser.parse(text, "metrics.om"), ScenarioException.class);
    }

    @Property(tries = 300, seed = "20261203")
    void lokiPushJsonIsStreamsOrAScenarioException(@ForAll("lokiPush") String text) {
        answersOrTypedError(() -> LokiPushParser.parse(text, "logs.json"), ScenarioException.class);
    }

    @Property(tries = 300, seed = "20261203")
    void aConfigurationIsAConfigOrATypedError(@ForAll("configs") String text) {
        answersOrTypedError(() -> WorkflowConfig.fromTree(YamlInput.single(text, "config.yaml")),
                InputException.class, InvalidConfigurationException.class);
    }

    @Property(tries = 120, seed = "20261203")
    void aScenarioDirectoryIsAScenarioOrAScenarioException(@ForAll("scenarioFiles") List<String> fileAndText)
            throws IOException {
        Path dir = Files.createTempDirectory("fuzz-scenario");
        try {
            for (String f : List.of("scenario.yaml", "cluster.yaml", "logs.json", "metrics.om")) {
                // bytes, not writeString: a planted lone surrogate is written as the replacement a file would hold
                Files.write(dir.resolve(f), (f.equals(fileAndText.get(0)) ? fileAndText.get(1) : whole(f))
                        .getBytes(StandardCharsets.UTF_8));
            }
            answersOrTypedError(() -> ScenarioLoader.load(dir), ScenarioException.class);
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(dir);
        }
    }

    @Property(tries = 300, seed = "20261203")
    void promQlToTheEmbeddedPrometheusIsAnsweredWithoutAServerError(@ForAll("promql") String query) {
        answersOrTypedError(() -> {
            try {
                embeddedPrometheus.queryRange(query, embedded.clock().instant().minusSeconds(1800),
                        embedded.clock().instant(), Duration.ofSeconds(60));
            } catch (PrometheusException e) {
                assertThat(e.kind()).as("a query the embedded Prometheus cannot run is the query's fault: %s",
                        e.getMessage()).isEqualTo(PrometheusException.Kind.BAD_QUERY);
                throw new TypedError(e);
            }
        }, TypedError.class);
    }

    @Example
    void anAnswerLargerThanTheLimitIsRefusedBeforeItIsParsed() {
        String big = "{\"status\":\"success\",\"data\":[\"" + "x".repeat((int) PrometheusClient.MAX_RESPONSE_BYTES) + "\"]}";
        NEXT.set(new String[] {"200", big});
        answersOrTypedError(() -> {
            try {
                prometheus.labelNames(Instant.EPOCH, Instant.EPOCH.plusSeconds(1));
                throw new AssertionError("a body over the limit was accepted");
            } catch (PrometheusException e) {
                assertThat(e.kind()).isEqualTo(PrometheusException.Kind.BAD_RESPONSE);
                assertThat(e.getMessage()).contains("more than").doesNotContain("xxxx");
            }
        });
        answersOrTypedError(() -> {
            try {
                loki.labels(Instant.EPOCH, Instant.EPOCH.plusSeconds(1));
                throw new AssertionError("a body over the limit was accepted");
            } catch (LokiException e) {
                assertThat(e.getMessage()).contains("more than").doesNotContain("xxxx");
            }
        });
    }

    /** A checked client error carried out of a {@link Runnable}. */
    static final class TypedError extends RuntimeException {
        TypedError(Exception cause) {
            super(cause.getMessage(), cause);
        }
    }
}
