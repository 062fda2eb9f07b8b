package io.sreagent.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import io.sreagent.core.incident.Decision;
import io.sreagent.core.incident.Trigger;
import io.sreagent.core.input.KubernetesNames;
import io.sreagent.core.redaction.RedactingInterceptor;
import io.sreagent.core.redaction.Redactor;
import io.sreagent.core.support.Json;
import io.sreagent.core.tool.SafetyClass;
import io.sreagent.core.tool.Tool;
import io.sreagent.core.tool.ToolInvocation;
import io.sreagent.core.tool.ToolRegistry;
import io.sreagent.core.tool.ToolResult;
import io.sreagent.workflow.SreWorkflow;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The MCP server of sre-agent. Its tools:
 * <ul>
 *   <li>{@value #DIAGNOSE}: a trigger (the {@code /decide} body) in, the decision JSON out;</li>
 *   <li>{@value #INCIDENT}: a stored decision by id;</li>
 *   <li>every read-only tool of the registry, under its id and with its JSON schema;</li>
 *   <li>a mutating tool only when the host names it ({@link Builder#propose}), and then always as a dry-run
 *       proposal: an approval still comes from a person, through the HTTP API or the Incident resource.</li>
 * </ul>
 * Everything it returns is redacted. Over stdio nothing but the protocol goes to the output stream (logs go to
 * stderr); over streamable HTTP it listens on a loopback address only, at {@value #PATH}.
 */
public final class SreMcpServer implements AutoCloseable {

    /** The tool that diagnoses a trigger. */
    public static final String DIAGNOSE = "diagnose";
    /** The tool that returns a stored decision. */
    public static final String INCIDENT = "incident";
    /** The streamable HTTP endpoint. */
    public static final String PATH = "/mcp";

    private final SreWorkflow workflow;
    private final ToolRegistry tools;
    private final Set<String> propose;
    private final String version;
    private final Redactor redactor = new Redactor();
    private final McpJsonMapper mapper = new JacksonMcpJsonMapper(Json.newMapper());
    private McpSyncServer server;
    private Javalin http;

    private SreMcpServer(Builder b) {
        this.workflow = b.workflow;
        this.tools = b.tools.withInterceptor(new RedactingInterceptor(redactor));
        this.propose = Set.copyOf(b.propose);
        this.version = b.version;
    }

    /** A server over {@code workflow} and the tools of {@code tools}. */
    public static Builder builder(SreWorkflow workflow, ToolRegistry tools) {
        return new Builder(workflow, tools);
    }

    /** Serves over {@code in} and {@code out} (stdio: {@code System.in}, {@code System.out}); returns at once. */
    public synchronized SreMcpServer stdio(InputStream in, OutputStream out) {
        server = configure(McpServer.sync(new StdioServerTransportProvider(mapper, in, out)));
        return this;
    }

    /**
     * Serves streamable HTTP at {@code http://host:port/mcp}; {@code port} 0 takes a free one.
     *
     * @throws IllegalArgumentException when {@code host} is not a loopback address: the MCP endpoint has no token
     */
    public synchronized SreMcpServer http(String host, int port) {
        if (!loopback(host)) {
            throw new IllegalArgumentException("the MCP endpoint listens on a loopback address only (it takes no "
                    + "token); " + host + " is not one: put it behind your MCP gateway, or use stdio");
        }
        HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder()
                .jsonMapper(mapper).mcpEndpoint(PATH).build();
        server = configure(McpServer.sync(transport));
        http = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.jetty.modifyServletContextHandler(h -> {
                var holder = new org.eclipse.jetty.servlet.ServletHolder(transport);
                // The transport answers tool calls asynchronously.
                holder.setAsyncSupported(true);
                h.addServlet(holder, PATH);
            });
        }).start(host, port);
        return this;
    }

    /** The HTTP port, once {@link #http} started. */
    public int port() {
        return http == null ? -1 : http.port();
    }

    /** The names of the tools served. */
    public List<String> toolNames() {
        return specs().stream().map(s -> s.tool().name()).toList();
    }

    private McpSyncServer configure(McpServer.SyncSpecification<?> spec) {
        return spec.serverInfo("sre-agent", version)
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
                .tools(specs())
                .build();
    }

    private List<McpServerFeatures.SyncToolSpecification> specs() {
        List<McpServerFeatures.SyncToolSpecification> out = new ArrayList<>();
        out.add(new McpServerFeatures.SyncToolSpecification(McpSchema.Tool.builder(DIAGNOSE, mapper, """
                {"type": "object", "properties": {
                  "event_type": {"type": "string", "description": "Warning or Normal"},
                  "namespace": {"type": "string", "description": "namespace of the object (none for a Node)"},
                  "resource_kind": {"type": "string", "description": "Pod, Deployment, StatefulSet, Node, ..."},
                  "resource_name": {"type": "string", "description": "the object's name"},
                  "event_data": {"type": "object", "description": "reason and message of the event or alert"}},
                 "required": ["resource_kind", "resource_name"]}""")
                .description("Diagnoses a Kubernetes incident: the trigger (event or alert) in, the decision out: root "
                        + "cause, confidence, evidence, and actions with the guard's verdict (nothing is executed)")
                .build(), (ex, req) -> diagnose(req.arguments())));
        out.add(new McpServerFeatures.SyncToolSpecification(McpSchema.Tool.builder(INCIDENT, mapper, """
                {"type": "object", "properties": {"incident_id": {"type": "string"}}, "required": ["incident_id"]}""")
                .description("A decision sre-agent made earlier, by incident id").build(),
                (ex, req) -> incident(String.valueOf(req.arguments().get("incident_id")))));
        for (Tool t : tools.tools()) {
            boolean readOnly = t.safety() == SafetyClass.READ_ONLY;
            if (!readOnly && !propose.contains(t.id())) {
                continue;
            }
            String description = readOnly ? t.description()
                    : t.description() + " (a proposal: always a server-side dry-run here; a person approves the real change)";
            out.add(new McpServerFeatures.SyncToolSpecification(McpSchema.Tool.builder(t.id(), mapper,
                    Json.write(t.argumentsSchema())).description(description).build(),
                    (ex, req) -> call(t.id(), req.arguments())));
        }
        return out;
    }

    private McpSchema.CallToolResult diagnose(Map<String, Object> args) {
        ObjectNode a = Json.mapper().valueToTree(args == null ? Map.of() : args);
        String kind = a.path("resource_kind").asText("");
        String name = a.path("resource_name").asText("");
        String ns = a.hasNonNull("namespace") ? a.get("namespace").asText() : null;
        Optional<String> problem = KubernetesNames.nameProblem("resource_name", name)
                .or(() -> ns == null ? Optional.empty() : KubernetesNames.namespaceProblem("namespace", ns));
        if (kind.isBlank() || problem.isPresent()) {
            return error(kind.isBlank() ? "resource_kind is required" : problem.get());
        }
        JsonNode data = a.get("event_data");
        Trigger trigger = new Trigger(a.path("event_type").asText(null), ns, kind, name,
                data != null && data.isObject() ? data : null);
        return json(workflow.processIncident(trigger));
    }

    private McpSchema.CallToolResult incident(String id) {
        Optional<Decision> d = workflow.incident(id);
        return d.isPresent() ? json(d.get()) : error("no incident " + id.replaceAll("[^A-Za-z0-9-]", "?"));
    }

    private McpSchema.CallToolResult call(String toolId, Map<String, Object> args) {
        ObjectNode a = Json.mapper().valueToTree(args == null ? Map.of() : args);
        // dry-run always: a mutating tool offered here only proposes
        ToolResult r = tools.invoke(new ToolInvocation(toolId, a, "mcp", true, null));
        if (r.isError()) {
            return error(r.error().kind() + ": " + r.error().message());
        }
        return McpSchema.CallToolResult.builder().addTextContent(Objects.requireNonNullElse(redactor.redact(r.text()), ""))
                .build();
    }

    private McpSchema.CallToolResult json(Object value) {
        JsonNode tree = redactor.redactTree(Json.mapper().valueToTree(value));
        return McpSchema.CallToolResult.builder().addTextContent(Json.write(tree))
                .structuredContent(Json.mapper().convertValue(tree, Map.class)).build();
    }

    private McpSchema.CallToolResult error(String message) {
        return McpSchema.CallToolResult.builder().addTextContent(Objects.requireNonNullElse(redactor.redact(message), ""))
                .isError(true).build();
    }

    static boolean loopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.closeGracefully();
        }
        if (http != null) {
            http.stop();
        }
    }

    /** Builds a {@link SreMcpServer}. */
    public static final class Builder {
        private final SreWorkflow workflow;
        private final ToolRegistry tools;
        private final Set<String> propose = new LinkedHashSet<>();
        private String version = "0.1.0";

        private Builder(SreWorkflow workflow, ToolRegistry tools) {
            this.workflow = Objects.requireNonNull(workflow, "workflow");
            this.tools = Objects.requireNonNull(tools, "tools");
        }

        /** Also serves these mutating tools, as dry-run proposals only. */
        public Builder propose(String... toolIds) {
            propose.addAll(List.of(toolIds));
            return this;
        }

        /** The version the server reports. */
        public Builder version(String v) {
            this.version = Objects.requireNonNull(v, "version");
            return this;
        }

        /** The server (not serving yet). */
        public SreMcpServer build() {
            return new SreMcpServer(this);
        }
    }
}
