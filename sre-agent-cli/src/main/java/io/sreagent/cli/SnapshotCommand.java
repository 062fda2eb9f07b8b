package io.sreagent.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.sreagent.cli.snapshot.IncidentRecorder;
import io.sreagent.cli.snapshot.Recording;
import io.sreagent.core.incident.Trigger;
import io.sreagent.core.input.KubernetesNames;
import io.sreagent.core.redaction.Redactor;
import io.sreagent.k8s.KubernetesTools;
import io.sreagent.k8s.KubernetesToolsConfig;
import io.sreagent.loki.LokiClient;
import io.sreagent.loki.LokiConfig;
import io.sreagent.prometheus.client.PrometheusClient;
import io.sreagent.prometheus.client.PrometheusConfig;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./sre-agent snapshot}: records a live incident as a scenario directory, so that it can be replayed with
 * {@code diagnose --scenario} and kept as a regression test once a person has written its {@code expected}.
 */
@Command(name = "snapshot", mixinStandardHelpOptions = true,
        description = "Records a live incident (objects around a resource, events, metrics, logs) as a scenario directory;"
                + " secret values are left out and everything is redacted.")
final class SnapshotCommand implements Callable<Integer> {

    /** Kinds a resource may be given as, by their lower-case spelling (singular, plural, or short name). */
    static final Map<String, String> KINDS = kinds();

    @Option(names = "--namespace", description = "the resource's namespace (not needed for a Node)")
    @Nullable String namespace;

    @Option(names = "--resource", required = true, description = "KIND/NAME, such as deployment/cart, pod/cart-7d9f-x2k4q or node/worker-2")
    String resource = "";

    @Option(names = "--out", required = true, description = "the scenario directory to write (new or empty)")
    Path out = Path.of("");

    @Option(names = "--window", defaultValue = "7h",
            description = "how far back metrics and logs are read (default ${DEFAULT-VALUE}: the diagnosis reads 6 h)")
    String window = "7h";

    @Option(names = "--kubeconfig", description = "kubeconfig of the cluster (else KUBECONFIG, else in-cluster)")
    @Nullable Path kubeconfig;

    @Option(names = "--prometheus-url", description = "the Prometheus to read the metrics from (else PROMETHEUS_URL; none: no metrics)")
    @Nullable String prometheusUrl;

    @Option(names = "--loki-url", description = "the Loki to read the logs from (else LOKI_URL; none: the pod-log API)")
    @Nullable String lokiUrl;

    @Option(names = "--event", description = "the event that started the incident, as a /decide body (default: the"
            + " newest Warning event about the resource or its pods)")
    @Nullable Path event;

    @Option(names = "--name", description = "the scenario's name (default NAMESPACE-NAME-yyyyMMdd-HHmm)")
    @Nullable String name;

    @Option(names = "--also-namespace", description = "a further namespace to record in full (repeatable)")
    List<String> also = List.of();

    @Override
    public Integer call() {
        PrintStream stdout = System.out;
        String[] kn = resource.split("/", -1);
        if (kn.length != 2 || kn[0].isBlank() || kn[1].isBlank()) {
            throw new UsageException("--resource must be KIND/NAME, such as deployment/cart; got '" + resource + "'");
        }
        String kind = KINDS.get(kn[0].toLowerCase(Locale.ROOT));
        if (kind == null) {
            throw new UsageException("--resource: unknown kind '" + kn[0] + "'; use one of " + Set.copyOf(KINDS.values()));
        }
        KubernetesNames.nameProblem("--resource name", kn[1]).ifPresent(p -> {
            throw new UsageException(p);
        });
        boolean node = "Node".equals(kind);
        String ns = namespace == null ? "" : namespace;
        if (!node && ns.isEmpty()) {
            throw new UsageException("--namespace is required for a " + kind);
        }
        Set<String> alsoNs = new LinkedHashSet<>(also);
        alsoNs.remove(ns);
        if (!ns.isEmpty()) {
            KubernetesNames.namespaceProblem("--namespace", ns).ifPresent(p -> {
                throw new UsageException(p);
            });
        }
        for (String n : alsoNs) {
            KubernetesNames.namespaceProblem("--also-namespace", n).ifPresent(p -> {
                throw new UsageException(p);
            });
        }
        if (name != null && !name.matches("[a-z0-9]([-a-z0-9]{0,98}[a-z0-9])?")) {
            throw new UsageException("--name must be kebab-case (lower-case letters, digits and '-'), got '" + name + "'");
        }
        Duration span = LokiConfig.parseDuration(window);
        if (span == null || span.isNegative() || span.isZero() || span.compareTo(Duration.ofDays(7)) > 0) {
            throw new UsageException("--window must be a duration from 1m to 7d, such as 7h; got '" + window + "'");
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new UsageException("--out " + out + " is a file; give a new or empty directory");
        }
        Trigger trigger = event == null ? null : SreAgentCli.readTrigger(event);

        Map<String, String> props = new HashMap<>();
        if (kubeconfig != null) {
            props.put("KUBECONFIG", kubeconfig.toString());
        }
        String prom = prometheusUrl != null ? prometheusUrl : System.getenv("PROMETHEUS_URL");
        String lokiAt = lokiUrl != null ? lokiUrl : System.getenv("LOKI_URL");
        KubernetesToolsConfig k8sConfig = KubernetesToolsConfig.from(k -> props.containsKey(k) ? props.get(k) : System.getenv(k));
        try (KubernetesClient client = KubernetesTools.buildClient(k8sConfig)) {
            PrometheusClient prometheus = prom == null || prom.isBlank() ? null : new PrometheusClient(PrometheusConfig.of(prom));
            LokiClient loki = lokiAt == null || lokiAt.isBlank() ? null
                    : new LokiClient(LokiConfig.fromEnv(Map.of("LOKI_URL", lokiAt)::get));
            IncidentRecorder recorder = new IncidentRecorder(client, prometheus, loki, Clock.systemUTC(), new Redactor());
            Recording rec;
            try {
                rec = recorder.record(new IncidentRecorder.Request(ns, kind, kn[1], span, trigger, name, alsoNs));
            } catch (KubernetesClientException e) {
                throw new UsageException("cannot read the cluster (HTTP " + e.getCode() + "): " + e.getMessage()
                        + "; check --kubeconfig and that the account may list pods in " + (ns.isEmpty() ? "every namespace" : ns));
            }
            try {
                rec.write(out);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
            rec.notes().forEach(n -> System.err.println("sre-agent snapshot: not recorded: " + n));
            stdout.println("recorded " + kind + " " + (ns.isEmpty() ? "" : ns + "/") + kn[1] + " into " + out
                    + (prometheus == null ? " (no metrics: give --prometheus-url)" : "")
                    + "; fill in 'expected' in scenario.yaml, then: ./sre-agent diagnose --scenario " + out);
        }
        return 0;
    }

    private static Map<String, String> kinds() {
        Map<String, String> m = new HashMap<>();
        for (String[] k : List.of(new String[] {"Deployment", "deploy"}, new String[] {"StatefulSet", "sts"},
                new String[] {"DaemonSet", "ds"}, new String[] {"ReplicaSet", "rs"}, new String[] {"Job", "job"},
                new String[] {"CronJob", "cj"}, new String[] {"Pod", "po"}, new String[] {"Node", "no"},
                new String[] {"Service", "svc"}, new String[] {"PersistentVolumeClaim", "pvc"},
                new String[] {"Ingress", "ing"}, new String[] {"HorizontalPodAutoscaler", "hpa"})) {
            String lower = k[0].toLowerCase(Locale.ROOT);
            m.put(lower, k[0]);
            m.put(lower + (lower.endsWith("s") ? "es" : "s"), k[0]);
            m.put(k[1], k[0]);
        }
        return Map.copyOf(m);
    }
}
