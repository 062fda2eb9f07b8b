package io.sreagent.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import io.sreagent.core.incident.ActionType;
import io.sreagent.core.safety.ApprovalPolicy;
import io.sreagent.core.safety.SafetyPolicy;
import io.sreagent.workflow.internal.agents.AnomalyDetectorAgent;
import io.sreagent.workflow.internal.agents.ApprovalAgent;
import io.sreagent.workflow.internal.agents.ClusterAnalysisAgent;
import io.sreagent.workflow.internal.agents.DiagnosisAgent;
import io.sreagent.workflow.internal.agents.GuardAgent;
import io.sreagent.workflow.internal.agents.LogPatternAgent;
import io.sreagent.workflow.internal.agents.LogQueryAgent;
import io.sreagent.workflow.internal.agents.LogSummaryAgent;
import io.sreagent.workflow.internal.agents.MetricAnalyserAgent;
import io.sreagent.workflow.internal.agents.MetricQueryAgent;
import io.sreagent.workflow.internal.agents.RecommendationAgent;
import io.sreagent.workflow.internal.agents.TriageAgent;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * How the SRE workflow runs: bounds, safety, sources and per-agent settings.
 *
 * <p>Read from a tree (the YAML or JSON file's content, see {@link #fromTree}) and overridden by environment
 * variables with the original design's names ({@link #withEnvironment}): {@code KUBECONFIG}, {@code PROMETHEUS_URL},
 * {@code LOKI_URL}, {@code ENABLE_DRY_RUN} (default true), {@code REQUIRE_HUMAN_APPROVAL} (default true). Invalid
 * values fail with an {@link InvalidConfigurationException} naming the key.
 *
 * @param maxTurns              bound on messages of a run (the max-messages termination)
 * @param timeout               bound on a run's wall time
 * @param confidenceThreshold   the high-confidence termination's threshold
 * @param safety                the guard's policy (dry-run, approvals, protected namespaces, bounds)
 * @param requireHumanApproval  when true, nothing is approved without a person whatever the approval policy says
 * @param kubeconfig            path of a kubeconfig, or null
 * @param prometheusUrl         Prometheus base URL, or null
 * @param lokiUrl               Loki base URL, or null
 * @param agents                per-agent settings by agent name
 */
public record WorkflowConfig(int maxTurns, Duration timeout, double confidenceThreshold, SafetyPolicy safety,
                             boolean requireHumanApproval, @Nullable String kubeconfig, @Nullable String prometheusUrl,
                             @Nullable String lokiUrl,
                             Map<String, AgentSettings> agents) {

    /**
     * Settings of one agent.
     *
     * @param enabled whether the agent takes part
     * @param model   the model it uses in LLM mode, or null for the deterministic agent
     */
    public record AgentSettings(boolean enabled, @Nullable String model) {
    }

    public WorkflowConfig {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(safety, "safety");
        agents = Map.copyOf(agents);
        if (maxTurns < 1) {
            throw new InvalidConfigurationException("workflow.max_turns", "must be at least 1, was " + maxTurns);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new InvalidConfigurationException("workflow.timeout_seconds", "must be positive, was " + timeout.toSeconds());
        }
        if (!(confidenceThreshold > 0 && confidenceThreshold <= 1)) {
            throw new InvalidConfigurationException("workflow.confidence_threshold", "must be within (0, 1], was " + confidenceThreshold);
        }
    }

    /** The agents and teams the configuration may name under {@code agents:}. */
    public static final Set<String> AGENT_NAMES = Set.of(TriageAgent.NAME, ClusterAnalysisAgent.NAME, DiagnosisAgent.NAME,
            "log_analysis", LogQueryAgent.NAME, LogPatternAgent.NAME, LogSummaryAgent.NAME,
            "metric_analysis", MetricQueryAgent.NAME, MetricAnalyserAgent.NAME, AnomalyDetectorAgent.NAME,
            RecommendationAgent.NAME, GuardAgent.NAME, ApprovalAgent.NAME,
            LlmMode.ORCHESTRATOR, LlmMode.SUMMARISER, LlmMode.CHAT);

    /** Agents that always take part: the guard has the last word on every action and approval routes them. */
    private static final Set<String> ALWAYS_ON = Set.of(GuardAgent.NAME, ApprovalAgent.NAME, DiagnosisAgent.NAME);

    /** The defaults: 200 messages, 60 s, threshold 0.95, dry-run, every action waits for a person. */
    public static WorkflowConfig defaults() {
        return new WorkflowConfig(200, Duration.ofSeconds(60), 0.95, SafetyPolicy.defaults(), true, null, null, null, Map.of());
    }

    /** The model the configuration names for {@code agent} ({@code agents.<name>.model}), if any. */
    public java.util.Optional<String> model(String agent) {
        AgentSettings s = agents.get(agent);
        return s == null ? java.util.Optional.empty() : java.util.Optional.ofNullable(s.model());
    }

    /** Whether {@code agent} takes part (agents are on unless the configuration turns them off). */
    public boolean enabled(String agent) {
        AgentSettings s = agents.get(agent);
        return s == null || s.enabled();
    }

    /** The effective approval policy: NONE when a person must approve everything. */
    public ApprovalPolicy effectiveApproval() {
        return requireHumanApproval ? ApprovalPolicy.NONE : safety.approval();
    }

    /** A copy with another safety policy. */
    public WorkflowConfig withSafety(SafetyPolicy s) {
        return new WorkflowConfig(maxTurns, timeout, confidenceThreshold, s, requireHumanApproval, kubeconfig, prometheusUrl, lokiUrl, agents);
    }

    /** A copy with another timeout. */
    public WorkflowConfig withTimeout(Duration t) {
        return new WorkflowConfig(maxTurns, t, confidenceThreshold, safety, requireHumanApproval, kubeconfig, prometheusUrl, lokiUrl, agents);
    }

    /** A copy with human approval required or not. */
    public WorkflowConfig withRequireHumanApproval(boolean r) {
        return new WorkflowConfig(maxTurns, timeout, confidenceThreshold, safety, r, kubeconfig, prometheusUrl, lokiUrl, agents);
    }

    /** A copy with other source URLs (null keeps the current value). */
    public WorkflowConfig withSources(String kube, String prometheus, String loki) {
        return new WorkflowConfig(maxTurns, timeout, confidenceThreshold, safety, requireHumanApproval,
                kube != null ? kube : kubeconfig, prometheus != null ? prometheus : prometheusUrl,
                loki != null ? loki : lokiUrl, agents);
    }

    /**
     * Reads a configuration tree shaped like:
     * <pre>
     * workflow: {max_turns: 200, timeout_seconds: 60, confidence_threshold: 0.95, dry_run: true,
     *            require_human_approval: true, approval_policy: none, human_in_the_loop: [DRAIN_NODE],
     *            protected_namespaces: [kube-system], max_actions_per_incident: 3, max_replicas: 50}
     * sources: {kubeconfig: ..., prometheus_url: ..., loki_url: ...}
     * agents: {triage: {enabled: true, model: gpt-4o-mini}, ...}
     * </pre>
     * Unknown keys are errors (a typo must not silently change nothing).
     */
    public static WorkflowConfig fromTree(JsonNode root) {
        return fromTree(root, Set.of());
    }

    /**
     * As {@link #fromTree(JsonNode)}, also accepting under {@code agents:} the names of the host's own agents
     * (those it adds with {@code SreWorkflow.Builder.agent} or {@code step}).
     */
    public static WorkflowConfig fromTree(JsonNode root, Set<String> hostAgents) {
        WorkflowConfig d = defaults();
        if (root == null || root.isMissingNode() || root.isNull()) {
            return d;
        }
        requireObject(root, "(root)");
        onlyKeys(root, "", Set.of("workflow", "sources", "agents"));
        JsonNode w = root.path("workflow");
        JsonNode s = root.path("sources");
        if (!w.isMissingNode()) {
            requireObject(w, "workflow");
            onlyKeys(w, "workflow.", Set.of("max_turns", "timeout_seconds", "confidence_threshold", "dry_run",
                    "require_human_approval", "approval_policy", "human_in_the_loop", "protected_namespaces",
                    "max_actions_per_incident", "max_replicas"));
        }
        if (!s.isMissingNode()) {
            requireObject(s, "sources");
            onlyKeys(s, "sources.", Set.of("kubeconfig", "prometheus_url", "loki_url"));
        }
        SafetyPolicy p = d.safety();
        p = p.withDryRun(bool(w, "workflow.", "dry_run", p.dryRun()));
        if (w.has("approval_policy")) {
            try {
                p = p.withApproval(ApprovalPolicy.parse(w.get("approval_policy").asText()));
            } catch (IllegalArgumentException e) {
                throw new InvalidConfigurationException("workflow.approval_policy", e.getMessage());
            }
        }
        if (w.has("human_in_the_loop")) {
            Set<ActionType> types = EnumSet.noneOf(ActionType.class);
            for (JsonNode t : array(w, "human_in_the_loop")) {
                try {
                    types.add(ActionType.valueOf(t.asText().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new InvalidConfigurationException("workflow.human_in_the_loop",
                            "unknown action type '" + t.asText() + "'; one of " + java.util.Arrays.toString(ActionType.values()));
                }
            }
            p = p.withHumanApprovalTypes(types);
        }
        if (w.has("protected_namespaces")) {
            Set<String> ns = new LinkedHashSet<>();
            array(w, "protected_namespaces").forEach(n -> ns.add(n.asText()));
            p = p.withProtectedNamespaces(ns); // adds to the system namespaces, which stay protected
        }
        if (w.has("max_actions_per_incident")) {
            int n = integer(w, "max_actions_per_incident", 3);
            if (n < 0) {
                throw new InvalidConfigurationException("workflow.max_actions_per_incident", "must be >= 0, was " + n);
            }
            p = p.withMaxActionsPerIncident(n);
        }
        if (w.has("max_replicas")) {
            int n = integer(w, "max_replicas", 50);
            if (n < 1) {
                throw new InvalidConfigurationException("workflow.max_replicas", "must be >= 1, was " + n);
            }
            p = new SafetyPolicy(p.dryRun(), p.approval(), p.humanApprovalTypes(), p.protectedNamespaces(),
                    p.maxActionsPerIncident(), n, p.maxResourceFactor(), p.maxMemoryBytes(), p.maxCpuMillis(),
                    p.trustedSources());
        }
        Map<String, AgentSettings> agents = new LinkedHashMap<>();
        JsonNode a = root.path("agents");
        if (!a.isMissingNode()) {
            requireObject(a, "agents");
            for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String key = "agents." + e.getKey();
                if (!AGENT_NAMES.contains(e.getKey()) && !hostAgents.contains(e.getKey())) {
                    Set<String> known = new java.util.TreeSet<>(AGENT_NAMES);
                    known.addAll(hostAgents);
                    throw new InvalidConfigurationException(key, "unknown agent; expected one of " + known);
                }
                requireObject(e.getValue(), key);
                onlyKeys(e.getValue(), key + ".", Set.of("enabled", "model"));
                if (ALWAYS_ON.contains(e.getKey()) && !bool(e.getValue(), key + ".", "enabled", true)) {
                    throw new InvalidConfigurationException(key + ".enabled", "the " + e.getKey() + " agent cannot be disabled");
                }
                agents.put(e.getKey(), new AgentSettings(bool(e.getValue(), key + ".", "enabled", true),
                        e.getValue().path("model").asText(null)));
            }
        }
        return new WorkflowConfig(integer(w, "max_turns", d.maxTurns()),
                Duration.ofSeconds(integer(w, "timeout_seconds", (int) d.timeout().toSeconds())),
                number(w, "confidence_threshold", d.confidenceThreshold()), p,
                bool(w, "workflow.", "require_human_approval", d.requireHumanApproval()),
                s.path("kubeconfig").asText(null), s.path("prometheus_url").asText(null), s.path("loki_url").asText(null),
                agents);
    }

    /** Applies the environment overrides; {@code env} is usually {@code System::getenv}. */
    public WorkflowConfig withEnvironment(Function<String, String> env) {
        WorkflowConfig c = withSources(blankToNull(env.apply("KUBECONFIG")), blankToNull(env.apply("PROMETHEUS_URL")),
                blankToNull(env.apply("LOKI_URL")));
        String dry = blankToNull(env.apply("ENABLE_DRY_RUN"));
        if (dry != null) {
            c = c.withSafety(c.safety().withDryRun(envBool("ENABLE_DRY_RUN", dry)));
        }
        String human = blankToNull(env.apply("REQUIRE_HUMAN_APPROVAL"));
        if (human != null) {
            c = c.withRequireHumanApproval(envBool("REQUIRE_HUMAN_APPROVAL", human));
        }
        return c;
    }

    private static boolean envBool(String key, String v) {
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw new InvalidConfigurationException(key, "must be true or false, was '" + v + "'");
        };
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static void requireObject(JsonNode n, String key) {
        if (!n.isObject()) {
            throw new InvalidConfigurationException(key, "must be a mapping, was " + n.getNodeType().name().toLowerCase(Locale.ROOT));
        }
    }

    private static void onlyKeys(JsonNode n, String prefix, Set<String> allowed) {
        n.fieldNames().forEachRemaining(k -> {
            if (!allowed.contains(k)) {
                throw new InvalidConfigurationException(prefix + k, "unknown key; expected one of " + new java.util.TreeSet<>(allowed));
            }
        });
    }

    private static JsonNode array(JsonNode n, String k) {
        JsonNode v = n.get(k);
        if (!v.isArray()) {
            throw new InvalidConfigurationException("workflow." + k, "must be a list");
        }
        return v;
    }

    private static int integer(JsonNode n, String k, int dflt) {
        JsonNode v = n.get(k);
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (!v.canConvertToInt() || !(v.isIntegralNumber() || v.asText().matches("-?\\d+"))) {
            throw new InvalidConfigurationException("workflow." + k, "must be an integer, was '" + v.asText() + "'");
        }
        return v.asInt();
    }

    private static double number(JsonNode n, String k, double dflt) {
        JsonNode v = n.get(k);
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (!v.isNumber()) {
            throw new InvalidConfigurationException("workflow." + k, "must be a number, was '" + v.asText() + "'");
        }
        return v.asDouble();
    }

    private static boolean bool(JsonNode n, String prefix, String k, boolean dflt) {
        JsonNode v = n.get(k);
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (!v.isBoolean()) {
            throw new InvalidConfigurationException(prefix + k,
                    "must be true or false, was '" + v.asText() + "'");
        }
        return v.asBoolean();
    }
}
