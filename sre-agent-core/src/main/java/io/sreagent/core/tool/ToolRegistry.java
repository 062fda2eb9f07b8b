package io.sreagent.core.tool;

import io.sreagent.core.spi.ToolProvider;
import io.sreagent.core.spi.ToolProviderContext;
import io.sreagent.core.support.EditDistance;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tools a workflow may call, and the interceptor chain every call goes through.
 *
 * <p>An instance, never a global: a host may build several in one JVM. Explicit registration always works;
 * ServiceLoader discovery is a builder switch ({@link Builder#discover}). Immutable once built and thread-safe.
 * {@link #close()} lets every loaded provider release what it built (registries made by {@link #withInterceptor}
 * share the providers; close the one the host built, once).
 */
public final class ToolRegistry implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ToolRegistry.class);

    /** Artifacts that provide the namespaces this project ships, for the "add the artifact" message. */
    private static final Map<String, String> KNOWN_ARTIFACTS = Map.of(
            "k8s", "io.sreagent:sre-agent-tools-k8s",
            "prometheus", "io.sreagent:sre-agent-tools-prometheus",
            "loki", "io.sreagent:sre-agent-tools-loki");

    /** The namespaces of this project's providers: only a provider of the project's own package may claim them. */
    private static final Map<String, String> RESERVED = Map.of(
            "k8s", "io.sreagent.k8s.", "prometheus", "io.sreagent.prometheus.", "loki", "io.sreagent.loki.");

    /** This project's action tools: they change the cluster, whatever a registration declares. */
    private static final Set<String> KNOWN_MUTATING = Set.of("k8s.restart_rollout", "k8s.delete_pod", "k8s.rollback",
            "k8s.scale", "k8s.adjust_resources", "k8s.cordon", "k8s.drain", "k8s.expand_pvc");

    private final Map<String, Tool> tools;
    private final Map<String, String> sources;
    private final List<ToolInterceptor> interceptors;
    private final List<ProviderReport> providers;
    private final Map<String, String> namespaceArtifacts;
    private final Map<String, com.fasterxml.jackson.databind.node.ObjectNode> schemas;
    private final List<ToolProvider> loaded;

    private ToolRegistry(Builder b) {
        this.tools = Map.copyOf(b.tools);
        this.sources = Map.copyOf(b.sources);
        this.interceptors = List.copyOf(b.interceptors);
        this.providers = List.copyOf(b.reports);
        this.namespaceArtifacts = Map.copyOf(b.namespaceArtifacts);
        this.loaded = List.copyOf(b.loaded);
        Map<String, com.fasterxml.jackson.databind.node.ObjectNode> sc = new LinkedHashMap<>();
        tools.forEach((id, t) -> sc.put(id, t.argumentsSchema()));
        this.schemas = Map.copyOf(sc);
    }

    /** Starts a registry. */
    public static Builder builder() {
        return new Builder();
    }

    /** Every registered tool, ordered by id. */
    public List<Tool> tools() {
        return tools.values().stream().sorted(java.util.Comparator.comparing(Tool::id)).toList();
    }

    /** What discovery saw of each provider, loaded or skipped. */
    public List<ProviderReport> providers() {
        return providers;
    }

    /** The tool with this id, if registered. */
    public Optional<Tool> find(String id) {
        return Optional.ofNullable(tools.get(id));
    }

    /** Whether a tool with this id is registered. */
    public boolean has(String id) {
        return tools.containsKey(id);
    }

    /**
     * The tool with this id.
     *
     * @throws NoSuchToolException naming the artifact that provides the id's namespace
     */
    public Tool require(String id) {
        Tool t = tools.get(id);
        if (t == null) {
            throw new NoSuchToolException(missingMessage(id));
        }
        return t;
    }

    /**
     * Why {@code id} is missing, from what the registry knows: a provider of its namespace that was skipped (and
     * why), a loaded namespace without that tool (and the nearest ids), or the artifact that provides the namespace.
     */
    private String missingMessage(String id) {
        int dot = id.indexOf('.');
        String ns = dot < 0 ? id : id.substring(0, dot);
        String prefix = "no tool `" + id + "`: ";
        for (ProviderReport r : providers) {
            if (!r.loaded() && (ns.equals(r.id()) || ns.equals(r.namespace()))) {
                return prefix + "provider " + r.id() + " (" + r.source() + ") was skipped: " + r.failure();
            }
        }
        List<String> sameNamespace = tools.keySet().stream().filter(t -> t.startsWith(ns + ".")).sorted().toList();
        if (!sameNamespace.isEmpty()) {
            List<String> near = sameNamespace.stream().filter(t -> EditDistance.between(t, id) <= 3).toList();
            return prefix + (near.isEmpty() ? "namespace " + ns + " has " + sameNamespace
                    : "did you mean " + near.stream().map(t -> "`" + t + "`").collect(java.util.stream.Collectors.joining(" or ")) + "?");
        }
        String artifact = namespaceArtifacts.getOrDefault(ns, KNOWN_ARTIFACTS.get(ns));
        return prefix + (artifact == null || "unknown".equals(artifact)
                ? "nothing provides namespace '" + ns + "'; register a tool with this id or a ToolProvider for that namespace"
                : "add the artifact " + artifact + " (or register its ToolProvider)");
    }

    /**
     * Calls a tool through the interceptor chain. Never throws for tool failures: a missing tool, an exception
     * from the tool or an interceptor become an error result.
     */
    public ToolResult invoke(ToolInvocation invocation) {
        Tool tool = tools.get(invocation.toolId());
        if (tool == null) {
            return ToolResult.error(ToolError.Kind.NOT_FOUND, missingMessage(invocation.toolId()));
        }
        Optional<String> invalid = ArgumentCheck.problem(schemas.get(tool.id()), invocation.arguments());
        if (invalid.isPresent()) {
            return ToolResult.error(ToolError.Kind.INVALID_ARGUMENTS, tool.id() + ": " + invalid.get());
        }
        try {
            ToolResult r = new RealChain(tool, invocation, 0).proceed(invocation);
            return r == null ? ToolResult.error(ToolError.Kind.INTERNAL,
                    "tool `" + tool.id() + "` returned no result") : r;
        } catch (RuntimeException e) {
            LOG.warn("tool {} failed", tool.id(), e);
            return ToolResult.error(ToolError.Kind.INTERNAL,
                    "tool `" + tool.id() + "` failed: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** Lets every loaded provider release what it built; a provider that fails to close is logged, the rest go on. */
    @Override
    public void close() {
        for (ToolProvider p : loaded) {
            try {
                p.close();
            } catch (RuntimeException e) {
                LOG.warn("tool provider {} failed to close: {}", p.id(), e.toString());
            }
        }
    }

    /** A registry with the same tools and one more interceptor at the end of the chain. */
    public ToolRegistry withInterceptor(ToolInterceptor interceptor) {
        Builder b = new Builder();
        b.tools.putAll(tools);
        b.sources.putAll(sources);
        b.interceptors.addAll(interceptors);
        b.interceptors.add(interceptor);
        b.reports.addAll(providers);
        b.namespaceArtifacts.putAll(namespaceArtifacts);
        b.loaded.addAll(loaded);
        return new ToolRegistry(b);
    }

    private final class RealChain implements ToolInterceptor.Chain {
        private final Tool tool;
        private final ToolInvocation invocation;
        private final int index;
        private boolean proceeded;

        RealChain(Tool tool, ToolInvocation invocation, int index) {
            this.tool = tool;
            this.invocation = invocation;
            this.index = index;
        }

        @Override public Tool tool() { return tool; }

        @Override public ToolInvocation invocation() { return invocation; }

        @Override
        public ToolResult proceed(ToolInvocation next) {
            if (proceeded && index > 0) {
                throw new IllegalStateException("interceptor " + interceptors.get(index - 1).getClass().getName()
                        + " called proceed() twice");
            }
            proceeded = true;
            if (!next.toolId().equals(tool.id())) {
                throw new IllegalStateException("an interceptor may not redirect a call from " + tool.id() + " to "
                        + next.toolId());
            }
            if (index < interceptors.size()) {
                return interceptors.get(index).intercept(new RealChain(tool, next, index + 1));
            }
            return tool.invoke(next);
        }
    }

    /** Builds a {@link ToolRegistry}. Not thread-safe. */
    public static final class Builder {
        private final Map<String, Tool> tools = new LinkedHashMap<>();
        private final Map<String, String> sources = new LinkedHashMap<>();
        private final List<ToolInterceptor> interceptors = new ArrayList<>();
        private final List<ProviderReport> reports = new ArrayList<>();
        private final Map<String, String> namespaceArtifacts = new LinkedHashMap<>();
        private final List<ToolProvider> loaded = new ArrayList<>();
        private final Set<String> trustedProviders = new java.util.HashSet<>();
        private boolean trustAllDeclarations;

        private Builder() {
        }

        /**
         * Registers tools explicitly.
         *
         * @throws DuplicateToolException if an id is already registered
         */
        public Builder register(Tool... more) {
            for (Tool t : more) {
                add(t, "explicit registration");
            }
            return this;
        }

        /** Registers every tool of a collection. */
        public Builder registerAll(Collection<? extends Tool> more) {
            more.forEach(t -> add(t, "explicit registration"));
            return this;
        }

        /** Registers the tools a provider creates from {@code context}; a provider that throws is reported, skipped. */
        public Builder provider(ToolProvider provider, ToolProviderContext context) {
            load(provider, context, sourceOf(provider.getClass()));
            return this;
        }

        /**
         * Finds {@link ToolProvider}s with ServiceLoader on {@code loader} and registers their tools. Each provider
         * found is logged with id, version and jar; one that cannot be instantiated or whose factory throws is
         * logged and skipped.
         *
         * @throws DuplicateToolException if two providers (or a provider and an explicit tool) share a tool id
         */
        public Builder discover(ClassLoader loader, ToolProviderContext context) {
            int found = 0;
            Iterator<ServiceLoader.Provider<ToolProvider>> it = ServiceLoader.load(ToolProvider.class, loader).stream().iterator();
            while (true) {
                ServiceLoader.Provider<ToolProvider> candidate;
                try {
                    if (!it.hasNext()) {
                        break;
                    }
                    candidate = it.next();
                } catch (ServiceConfigurationError e) {
                    LOG.warn("skipped a tool provider that could not be loaded: {}", e.getMessage());
                    reports.add(new ProviderReport(String.valueOf(e.getMessage()), "?", "?", "?", false, List.of(),
                            e.getMessage() + (e.getCause() != null ? " (" + e.getCause() + ")" : "")));
                    continue;
                }
                found++;
                String source = sourceOf(candidate.type());
                ToolProvider p;
                try {
                    p = candidate.get();
                } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                    Throwable cause = e.getCause() != null ? e.getCause() : e;
                    String reason = "its constructor failed: " + cause.getClass().getSimpleName() + ": " + cause.getMessage();
                    LOG.warn("skipped tool provider {} from {}: {}", candidate.type().getName(), source, reason);
                    reports.add(new ProviderReport(candidate.type().getName(), "?", "?", source, false, List.of(), reason));
                    continue;
                }
                load(p, context, source);
            }
            if (found == 0) {
                LOG.warn("no tool provider found on the class path; add io.sreagent:sre-agent-tools-k8s, "
                        + "io.sreagent:sre-agent-tools-prometheus or io.sreagent:sre-agent-tools-loki (or register tools)");
            }
            return this;
        }

        /**
         * Trusts the safety class that the tools of provider {@code providerId} declare. By default only this
         * project's providers and tools the host registers itself are taken at their word; a third-party provider's
         * tool declared READ_ONLY is treated as MUTATING (so the safety interceptor forces its calls to dry-run unless
         * a person approved them, and audits them), since a jar on the class path could otherwise declare a change
         * read-only. Call before the provider is loaded.
         */
        public Builder trustDeclaredSafety(String providerId) {
            trustedProviders.add(Objects.requireNonNull(providerId, "providerId"));
            return this;
        }

        /** Trusts the safety class every provider's tools declare (see {@link #trustDeclaredSafety(String)}). */
        public Builder trustAllDeclaredSafety() {
            trustAllDeclarations = true;
            return this;
        }

        /** Adds an interceptor at the end of the chain (the first added sees a call first). */
        public Builder interceptor(ToolInterceptor interceptor) {
            interceptors.add(Objects.requireNonNull(interceptor, "interceptor"));
            return this;
        }

        private void load(ToolProvider p, ToolProviderContext context, String source) {
            String id = p.id();
            String ns = p.namespace();
            for (ProviderReport r : reports) {
                if (r.id().equals(id)) {
                    throw new DuplicateToolException("tool provider id `" + id + "` is provided twice: by " + r.source()
                            + " and by " + source + "; remove one of the jars or give one provider another id");
                }
            }
            String owner = RESERVED.get(ns);
            if (owner != null && !p.getClass().getName().startsWith(owner)) {
                skip(p, source, "namespace '" + ns + "' is reserved for sre-agent's own provider (" + KNOWN_ARTIFACTS.get(ns)
                        + "); give " + p.getClass().getName() + " a namespace of its own");
                return;
            }
            List<Tool> created;
            try {
                created = List.copyOf(p.createTools(context));
            } catch (Exception | LinkageError e) {
                skip(p, source, e.getClass().getSimpleName() + ": " + e.getMessage());
                return;
            }
            for (Tool t : created) {
                if (t == null || t.id() == null || !t.id().startsWith(ns + ".")) {
                    skip(p, source, "tool `" + (t == null ? null : t.id()) + "` is outside the provider's namespace '"
                            + ns + "'");
                    return;
                }
            }
            namespaceArtifacts.putIfAbsent(ns, p.artifact());
            boolean trusted = trustAllDeclarations || trustedProviders.contains(id)
                    || RESERVED.values().stream().anyMatch(pkg -> p.getClass().getName().startsWith(pkg));
            for (Tool t : created) {
                add(trusted || t.safety() != SafetyClass.READ_ONLY ? t : new UntrustedReadOnly(t), "provider " + id + " (" + source + ")");
            }
            List<String> ids = created.stream().map(Tool::id).toList();
            loaded.add(p);
            LOG.info("tool provider {} {} from {}: {} tools", id, p.version(), source, ids.size());
            reports.add(new ProviderReport(id, ns, p.version(), source, true, ids, null));
        }

        private void skip(ToolProvider p, String source, String reason) {
            LOG.warn("skipped tool provider {} {} from {}: {}", p.id(), p.version(), source, reason);
            reports.add(new ProviderReport(p.id(), p.namespace(), p.version(), source, false, List.of(), reason));
        }

        private void add(Tool t, String source) {
            Objects.requireNonNull(t, "tool");
            String id = t.id();
            if (id == null || !id.matches("[a-z0-9_]+(\\.[a-z0-9_]+)+")) {
                throw new IllegalArgumentException("tool id must be namespaced lower_snake_case such as k8s.get_pod, was '"
                        + id + "' from " + source);
            }
            if (KNOWN_MUTATING.contains(id) && t.safety() == SafetyClass.READ_ONLY) {
                throw new IllegalArgumentException("tool `" + id + "` from " + source + " is declared READ_ONLY but "
                        + id + " changes the cluster; declare it MUTATING (the safety interceptor trusts the declaration)");
            }
            String previous = sources.putIfAbsent(id, source);
            if (previous != null) {
                throw new DuplicateToolException("tool id `" + id + "` is registered twice: by " + previous + " and by "
                        + source + "; remove one of them or give it another id");
            }
            tools.put(id, t);
        }

        private static String sourceOf(Class<?> type) {
            try {
                CodeSource cs = type.getProtectionDomain().getCodeSource();
                return cs != null && cs.getLocation() != null ? cs.getLocation().toString() : "unknown";
            } catch (SecurityException e) {
                return "unknown";
            }
        }

        /** The registry. */
        public ToolRegistry build() {
            return new ToolRegistry(this);
        }
    }

    /** A third-party tool declared READ_ONLY whose declaration the host has not chosen to trust: treated as MUTATING. */
    private static final class UntrustedReadOnly implements Tool {
        private final Tool tool;

        UntrustedReadOnly(Tool tool) {
            this.tool = tool;
        }

        @Override public String id() { return tool.id(); }

        @Override public String description() { return tool.description(); }

        @Override public com.fasterxml.jackson.databind.node.ObjectNode argumentsSchema() { return tool.argumentsSchema(); }

        @Override public SafetyClass safety() { return SafetyClass.MUTATING; }

        @Override public String namespace() { return tool.namespace(); }

        @Override public ToolResult invoke(ToolInvocation invocation) { return tool.invoke(invocation); }

        @Override public String toString() { return tool + " (declared READ_ONLY, not trusted)"; }
    }
}
