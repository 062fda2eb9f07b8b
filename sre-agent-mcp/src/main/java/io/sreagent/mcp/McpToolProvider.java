package io.sreagent.mcp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.sreagent.core.spi.ToolProvider;
import io.sreagent.core.spi.ToolProviderContext;
import io.sreagent.core.support.Json;
import io.sreagent.core.tool.SafetyClass;
import io.sreagent.core.tool.Tool;
import io.sreagent.core.tool.ToolError;
import io.sreagent.core.tool.ToolResult;
import io.sreagent.core.tool.Tools;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Imports the tools of a remote MCP server into a registry, under a namespace the host names ({@code grafana.} gives
 * {@code grafana.query_prometheus}). Register it explicitly: {@code ToolRegistry.builder().provider(
 * McpToolProvider.http("grafana", "http://grafana-mcp:8000"), context)}.
 *
 * <ul>
 *   <li>Every imported tool is READ_ONLY unless the host declares it otherwise ({@link #declare}); a tool declared
 *       mutating is never called in a dry-run (a remote tool cannot be dry-run), so it runs only for an approved
 *       action of a run that may change things.</li>
 *   <li>The registry treats a provider's READ_ONLY declarations as unproven unless the host trusts it
 *       ({@code ToolRegistry.Builder.trustDeclaredSafety("mcp-grafana")}).</li>
 *   <li>What the tools return is evidence from the source {@code <namespace>}, which the guard does not trust for
 *       action targets unless the host says so ({@code SafetyPolicy.withTrustedSources}).</li>
 *   <li>Every call is bounded by the timeout (default 10 s); a remote that fails or times out answers an
 *       UNAVAILABLE or TIMEOUT tool error, never an exception.</li>
 * </ul>
 */
public final class McpToolProvider implements ToolProvider {

    private final String namespace;
    private final Supplier<McpClientTransport> transport;
    private final Duration timeout;
    private final Map<String, SafetyClass> declared;
    private McpSyncClient client;

    private McpToolProvider(String namespace, Supplier<McpClientTransport> transport, Duration timeout,
                            Map<String, SafetyClass> declared) {
        if (!namespace.matches("[a-z][a-z0-9_-]{0,30}")) {
            throw new IllegalArgumentException("an MCP namespace is a short lower-case name such as grafana, was '"
                    + namespace + "'");
        }
        this.namespace = namespace;
        this.transport = Objects.requireNonNull(transport, "transport");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.declared = Map.copyOf(declared);
    }

    /** The tools of the MCP server at {@code baseUrl} (streamable HTTP, endpoint {@code /mcp}). */
    public static McpToolProvider http(String namespace, String baseUrl) {
        return of(namespace, () -> HttpClientStreamableHttpTransport.builder(baseUrl)
                .jsonMapper(new JacksonMcpJsonMapper(Json.newMapper())).build());
    }

    /** The tools of the MCP server reached through {@code transport} (stdio, HTTP). */
    public static McpToolProvider of(String namespace, Supplier<McpClientTransport> transport) {
        return new McpToolProvider(namespace, transport, Duration.ofSeconds(10), Map.of());
    }

    /** A copy whose calls time out after {@code t}. */
    public McpToolProvider timeout(Duration t) {
        return new McpToolProvider(namespace, transport, t, declared);
    }

    /** A copy in which the remote tool {@code remoteName} has the safety class {@code safety}. */
    public McpToolProvider declare(String remoteName, SafetyClass safety) {
        Map<String, SafetyClass> d = new java.util.HashMap<>(declared);
        d.put(remoteName, safety);
        return new McpToolProvider(namespace, transport, timeout, d);
    }

    @Override
    public String id() {
        return "mcp-" + namespace;
    }

    @Override
    public String namespace() {
        return namespace;
    }

    @Override
    public String artifact() {
        return "io.sreagent:sre-agent-mcp";
    }

    @Override
    public synchronized List<Tool> createTools(ToolProviderContext context) {
        client = McpClient.sync(transport.get()).requestTimeout(timeout).initializationTimeout(timeout)
                .clientInfo(new McpSchema.Implementation("sre-agent", "0.1.0")).build();
        client.initialize();
        List<Tool> out = new ArrayList<>();
        for (McpSchema.Tool t : client.listTools().tools()) {
            String id = namespace + "." + t.name().replaceAll("[^A-Za-z0-9_]", "_");
            SafetyClass safety = declared.getOrDefault(t.name(), SafetyClass.READ_ONLY);
            ObjectNode schema = t.inputSchema() == null ? Json.object().put("type", "object")
                    : Json.mapper().valueToTree(t.inputSchema());
            String description = (t.description() == null ? t.name() : t.description()) + " (from MCP server " + namespace + ")";
            McpSyncClient c = client;
            out.add(Tools.of(id, description, schema, safety, inv -> {
                if (safety != SafetyClass.READ_ONLY && inv.dryRun()) {
                    return ToolResult.error(ToolError.Kind.REFUSED, id + " is declared " + safety + " and a remote MCP "
                            + "tool cannot be dry-run: it is called only for an approved action with real changes allowed");
                }
                return call(c, t.name(), inv.arguments());
            }));
        }
        return out;
    }

    private static ToolResult call(McpSyncClient c, String name, ObjectNode args) {
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> a = Json.mapper().convertValue(args, Map.class);
            McpSchema.CallToolResult r = c.callTool(McpSchema.CallToolRequest.builder(name).arguments(a).build());
            StringBuilder text = new StringBuilder();
            for (McpSchema.Content content : r.content()) {
                if (content instanceof McpSchema.TextContent tc) {
                    text.append(tc.text());
                }
            }
            if (Boolean.TRUE.equals(r.isError())) {
                return ToolResult.error(ToolError.Kind.BAD_QUERY, "the MCP tool " + name + " failed: " + text);
            }
            var data = r.structuredContent() == null ? Json.object().put("text", text.toString())
                    : Json.mapper().valueToTree(r.structuredContent());
            return ToolResult.ok(data, text.toString());
        } catch (RuntimeException e) {
            boolean timeout = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("timeout")
                    || e.getCause() instanceof java.util.concurrent.TimeoutException;
            return ToolResult.error(timeout ? ToolError.Kind.TIMEOUT : ToolError.Kind.UNAVAILABLE,
                    "the MCP server could not answer " + name + ": " + e.getClass().getSimpleName());
        }
    }

    @Override
    public synchronized void close() {
        if (client != null) {
            client.closeGracefully();
        }
    }
}
