package io.sreagent.workflow.internal.agents;

import com.fasterxml.jackson.databind.JsonNode;
import io.sreagent.core.agent.AgentContext;
import io.sreagent.core.agent.AgentResponse;
import io.sreagent.core.analysis.logs.Dependency;
import io.sreagent.core.incident.AnalysisKeys;
import io.sreagent.core.incident.Category;
import io.sreagent.core.incident.Finding;
import io.sreagent.core.incident.ResourceRef;
import io.sreagent.core.message.Message;
import io.sreagent.core.support.Json;
import io.sreagent.core.workflow.WorkflowContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns the log summary into findings. A failure that names a dependency (connection refused, timeouts, DNS) is
 * followed into the cluster with {@code k8s.analyze_dependency}, so the deepest cause the evidence reaches is on the
 * dependency, with the chain from the caller's log to it. Nothing read from a log is ever used as an action's
 * parameter: only the Kubernetes objects the dependency analysis resolves can be targets.
 */
public final class LogSummaryAgent extends SreAgent {

    /** The agent's name in the workflow. */
    public static final String NAME = "log_summariser";

    public LogSummaryAgent() {
        super(NAME, "Summarises log evidence into findings, following failing dependencies into the cluster");
    }

    @Override
    public AgentResponse respond(List<Message> newMessages, AgentContext ctx) {
        WorkflowContext wf = ctx.workflow();
        ResourceRef workload = Facts.workload(wf).orElse(wf.trigger().resource());
        JsonNode summary = Facts.orEmpty(wf, Facts.LOG_SUMMARY);
        List<Message> out = new ArrayList<>();
        Set<String> followed = new HashSet<>();
        Map<String, Finding> dependencyPods = dependencyPods(wf, workload);
        for (JsonNode hit : summary.path("signatures")) {
            Category category;
            try {
                category = Category.valueOf(hit.path("category").asText());
            } catch (IllegalArgumentException e) {
                continue;
            }
            long count = hit.path("count").asLong();
            String example = hit.path("examples").path(0).asText("");
            int nl = example.indexOf('\n');
            String firstLine = nl < 0 ? example : example.substring(0, nl);
            String signature = hit.path("signature").asText();
            List<String> deps = new ArrayList<>();
            hit.path("dependencies").fieldNames().forEachRemaining(deps::add);
            String said = signature.toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " x" + count
                    + (deps.isEmpty() ? "" : " to " + deps.get(0));
            // Lines of a dependency's own pods (the cluster analysis followed the caller to it) speak for the
            // dependency: its deepest cause is reached through the caller's chain to it.
            Optional<Finding> via = origin(wf, firstLine, dependencyPods);
            List<String> prefix = via.map(LogSummaryAgent::chainOf).orElse(List.of());
            ResourceRef speaker = via.map(Finding::resource).orElse(workload);
            String chainHead = speaker + " logs " + said;
            double base = Math.min(0.75, 0.45 + 0.05 * Math.log1p(count));
            if (via.isPresent()) {
                out.addAll(fromDependencyLogs(ctx, category, speaker, base, chainHead, firstLine, prefix));
                continue;
            }
            switch (category) {
                case DEPENDENCY_UNAVAILABLE -> {
                    if (deps.isEmpty()) {
                        // The failing line does not say to what; the lines around it usually do ("connecting to x:5672").
                        deps.addAll(hostsNamedInLogs(wf, workload));
                    }
                    if (deps.isEmpty()) {
                        out.add(logFinding(ctx, category, workload, workload, base * 0.6, chainHead, firstLine, List.of()));
                    }
                    for (String dep : deps.stream().limit(2).toList()) {
                        if (followed.add(dep)) {
                            out.addAll(followDependency(ctx, workload, dep, category, base, chainHead, firstLine, false));
                        }
                    }
                }
                case DNS_FAILURE -> {
                    if (followed.add("cluster-dns")) {
                        out.addAll(followDns(ctx, workload, base, chainHead, firstLine));
                    }
                    // A cluster name that does not resolve may name a Service that is gone: only a cause counts here.
                    for (String dep : deps.stream().limit(2).toList()) {
                        if (followed.add(dep)) {
                            out.addAll(followDependency(ctx, workload, dep, category, base, chainHead, firstLine, true));
                        }
                    }
                }
                case DISK_FULL -> {
                    // A full volume is fixed on its claim (EXPAND_VOLUME); the container's own filesystem on the workload.
                    ResourceRef claim = claimOf(ctx, workload).orElse(workload);
                    out.add(logFinding(ctx, category, claim, workload, base, chainHead, firstLine,
                            claim.equals(workload) ? List.of() : List.of(chainHead, "the workload's volume is " + claim)));
                }
                default -> out.add(logFinding(ctx, category, workload, workload,
                        category == Category.APP_CRASH ? base * 0.8 : base, chainHead, firstLine, List.of()));
            }
        }
        out.add(text(ctx, out.isEmpty() ? "The logs carry no error signature." : (out.size() + " log-based finding(s).")));
        out.add(stop(ctx, "log analysis done"));
        return new AgentResponse(out);
    }

    /**
     * Findings about what {@code speaker}, a dependency of the workload under investigation, says in its own log:
     * a full volume on its claim, anything else on the dependency; each carries the caller's chain to it.
     */
    private List<Message> fromDependencyLogs(AgentContext ctx, Category category, ResourceRef speaker, double base,
                                             String chainHead, String example, List<String> prefix) {
        List<String> chain = new ArrayList<>(prefix);
        chain.add(chainHead);
        ResourceRef target = speaker;
        if (category == Category.DISK_FULL) {
            target = claimOf(ctx, speaker).orElse(speaker);
            if (!target.equals(speaker)) {
                chain.add("the workload's volume is " + target);
            }
        }
        double confidence = category == Category.APP_CRASH || category == Category.DEPENDENCY_UNAVAILABLE
                || category == Category.DNS_FAILURE ? base * 0.6 : base;
        return List.of(logFinding(ctx, category, target, speaker, confidence, chainHead, example, chain));
    }

    /**
     * Pods of the workload's dependencies that the cluster analysis reached, each with the finding that reached it
     * (the one with the longest chain); the workload's own pods are not among them.
     */
    private static Map<String, Finding> dependencyPods(WorkflowContext wf, ResourceRef workload) {
        Map<String, Finding> out = new HashMap<>();
        for (Finding f : wf.findings()) {
            if (f.resource() == null || f.resource().equals(workload) || f.chain().isEmpty()
                    || !"kubernetes".equals(f.source()) || "PersistentVolumeClaim".equals(f.resource().kind())) {
                continue;
            }
            for (String pod : Facts.podsNamedBy(f)) {
                out.merge(pod, f, (a, b) -> a.chain().size() >= b.chain().size() ? a : b);
            }
        }
        return out;
    }

    /** The dependency finding whose pods, and only whose pods, wrote {@code line}. */
    private static Optional<Finding> origin(WorkflowContext wf, String line, Map<String, Finding> dependencyPods) {
        if (dependencyPods.isEmpty() || line.isBlank()) {
            return Optional.empty();
        }
        String needle = line.length() > 160 ? line.substring(0, 160) : line;
        Set<ResourceRef> owners = new HashSet<>();
        Finding found = null;
        for (JsonNode l : Facts.orEmpty(wf, Facts.LOG_LINES)) {
            if (!l.path("line").asText().contains(needle)) {
                continue;
            }
            Finding f = dependencyPods.get(l.path("pod").asText());
            if (f == null) {
                return Optional.empty(); // the workload's own pods say it too: it is the workload's evidence
            }
            owners.add(f.resource());
            found = f;
        }
        return owners.size() == 1 ? Optional.of(found) : Optional.empty();
    }

    /** The steps that led to {@code f}, or its summary when it was found directly. */
    private static List<String> chainOf(Finding f) {
        return f.chain().isEmpty() ? List.of(f.summary()) : f.chain();
    }

    /** Hosts (host:port) the workload's log lines name, most often named first; loopback and the pods' own excluded. */
    private static List<String> hostsNamedInLogs(WorkflowContext wf, ResourceRef workload) {
        java.util.Map<String, Integer> counts = new java.util.LinkedHashMap<>();
        for (JsonNode l : Facts.orEmpty(wf, Facts.LOG_LINES)) {
            Dependency.extract(l.path("line").asText()).filter(d -> d.port() > 0).ifPresent(d -> {
                String host = d.host();
                if (!host.equals("localhost") && !host.startsWith("127.") && !host.equals("0.0.0.0")
                        && !host.startsWith(workload.name())) {
                    counts.merge(d.toString(), 1, Integer::sum);
                }
            });
        }
        return counts.entrySet().stream().sorted(java.util.Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(2).map(java.util.Map.Entry::getKey).toList();
    }

    /**
     * Follows {@code dep} into the cluster from {@code caller}. With {@code causesOnly}, adds nothing unless the
     * cluster shows a cause there (the caller's own category is then not a claim about the dependency).
     */
    private List<Message> followDependency(AgentContext ctx, ResourceRef caller, String dep, Category category,
                                           double base, String chainHead, String example, boolean causesOnly) {
        List<Message> out = new ArrayList<>();
        String host = Dependency.extract(dep).map(d -> d.serviceName().orElse(d.host())).orElse(dep);
        Optional<JsonNode> r = analyzeDependency(ctx, caller, dep);
        ResourceRef target = null;
        List<Finding> depFindings = List.of();
        if (r.isPresent()) {
            target = ref(r.get().path(AnalysisKeys.RESOLVED).path(AnalysisKeys.WORKLOAD));
            if (target == null) {
                target = ref(r.get().path(AnalysisKeys.RESOLVED).path(AnalysisKeys.SERVICE));
            }
            depFindings = findingsFrom(r.get().path(AnalysisKeys.FINDINGS));
            if (target == null && !depFindings.isEmpty()) {
                target = depFindings.get(0).resource();
            }
        }
        if (caller.equals(target) || depFindings.stream().allMatch(f -> caller.equals(f.resource()))) {
            // The address is the caller's own (a pod IP in a socket pair): no dependency to follow.
            depFindings = List.of();
            target = caller.equals(target) ? null : target;
        }
        if (target == null) {
            target = ResourceRef.of("Service", caller.namespace(), host);
        }
        for (Finding f : depFindings) {
            List<String> chain = new ArrayList<>();
            chain.add(chainHead);
            chain.addAll(chainOf(f));
            out.add(finding(ctx, new Finding(f.source(), f.analyzer(), f.category(), f.resource(), caller,
                    f.confidence(), f.summary(), f.detail(), f.since(), chain)));
        }
        if (depFindings.isEmpty() && causesOnly) {
            return out;
        }
        if (depFindings.isEmpty()) {
            out.add(logFinding(ctx, category, target, caller, base * 0.7, chainHead, example,
                    List.of(chainHead, target + " does not answer")));
        } else {
            // The caller's errors corroborate the cause the cluster shows on the dependency.
            Finding deepest = depFindings.get(0);
            out.add(logFinding(ctx, deepest.category(), deepest.resource(), caller, Math.max(base, 0.6), chainHead,
                    example, List.of(chainHead, deepest.summary())));
        }
        return out;
    }

    /**
     * The PersistentVolumeClaim of {@code workload}, when one can be told: the only claim named after it (as a
     * StatefulSet's claims are), or the namespace's only claim.
     */
    private Optional<ResourceRef> claimOf(AgentContext ctx, ResourceRef workload) {
        Optional<JsonNode> list = call(ctx, "k8s.list", Json.object().put("kind", "PersistentVolumeClaim")
                .put("namespace", workload.namespace()));
        if (list.isEmpty()) {
            return Optional.empty();
        }
        List<String> all = new ArrayList<>();
        list.get().path("items").forEach(i -> all.add(i.path("name").asText()));
        List<String> named = all.stream().filter(n -> n.contains(workload.name())).toList();
        List<String> pick = named.size() == 1 ? named : all.size() == 1 ? all : List.of();
        return pick.isEmpty() ? Optional.empty()
                : Optional.of(ResourceRef.of("PersistentVolumeClaim", workload.namespace(), pick.get(0)));
    }

    private List<Message> followDns(AgentContext ctx, ResourceRef caller, double base, String chainHead, String example) {
        List<Message> out = new ArrayList<>();
        Optional<JsonNode> r = analyzeDependency(ctx, caller, "kube-dns.kube-system:53");
        ResourceRef dns = r.map(d -> ref(d.path(AnalysisKeys.RESOLVED).path(AnalysisKeys.WORKLOAD))).orElse(null);
        List<Finding> dnsFindings = r.map(d -> findingsFrom(d.path(AnalysisKeys.FINDINGS))).orElse(List.of());
        if (dns == null) {
            dns = dnsFindings.isEmpty() ? ResourceRef.of("Deployment", "kube-system", "coredns") : dnsFindings.get(0).resource();
        }
        List<Finding> blocked = dnsFindings.stream().filter(f -> f.category() == Category.NETWORK_BLOCKED).toList();
        if (!blocked.isEmpty()) {
            // DNS answers others, but a NetworkPolicy keeps this caller from it: the policy is the cause (taxonomy).
            for (Finding f : blocked) {
                List<String> chain = new ArrayList<>(List.of(chainHead));
                chain.addAll(f.chain());
                out.add(finding(ctx, new Finding(f.source(), f.analyzer(), f.category(), f.resource(), caller,
                        f.confidence(), f.summary(), f.detail(), f.since(), chain)));
            }
            out.add(logFinding(ctx, Category.NETWORK_BLOCKED, blocked.get(0).resource(), caller, Math.max(base, 0.6),
                    chainHead, example, List.of(chainHead, blocked.get(0).summary())));
            return out;
        }
        boolean dnsBroken = !dnsFindings.isEmpty();
        for (Finding f : dnsFindings) {
            // The DNS pods' own failure is, for their callers, a DNS failure (taxonomy).
            List<String> chain = new ArrayList<>(List.of(chainHead));
            chain.addAll(chainOf(f));
            var detail = f.detail().isObject() ? ((com.fasterxml.jackson.databind.node.ObjectNode) f.detail()).deepCopy() : Json.object();
            detail.put("underlying_category", f.category().name());
            out.add(finding(ctx, new Finding("kubernetes", f.analyzer(), Category.DNS_FAILURE, f.resource(), caller,
                    Math.min(0.9, f.confidence()), "cluster DNS is failing: " + f.summary(), detail, f.since(), chain)));
        }
        out.add(logFinding(ctx, Category.DNS_FAILURE, dns, caller, dnsBroken ? Math.max(base, 0.65) : base * 0.8,
                chainHead, example, List.of(chainHead, dns + (dnsBroken ? " is failing" : " answers, but the name does not resolve"))));
        return out;
    }

    /** {@code k8s.analyze_dependency} from {@code caller}'s side, so NetworkPolicies between them are checked too. */
    private Optional<JsonNode> analyzeDependency(AgentContext ctx, ResourceRef caller, String host) {
        return call(ctx, "k8s.analyze_dependency", Json.object().put("namespace", caller.namespace()).put("host", host)
                .put("caller", caller.kind() + "/" + caller.name()));
    }

    private Message logFinding(AgentContext ctx, Category c, ResourceRef resource, ResourceRef subject, double confidence,
                               String summary, String example, List<String> chain) {
        return finding(ctx, new Finding("loki", "logs.signature", c, resource, subject, Math.min(0.95, confidence),
                summary, Json.object().put("example", example), null, chain));
    }
}
