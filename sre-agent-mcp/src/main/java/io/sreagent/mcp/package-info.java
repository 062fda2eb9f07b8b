/**
 * The Model Context Protocol, on the official MCP Java SDK: {@link io.sreagent.mcp.SreMcpServer} serves the workflow
 * ({@code diagnose}, {@code incident}) and the registry's read-only tools over stdio or streamable HTTP;
 * {@link io.sreagent.mcp.McpToolProvider} imports a remote MCP server's tools into a registry under a namespace the
 * host names.
 *
 * <p>Tier: API.
 */
@NullMarked
package io.sreagent.mcp;

import org.jspecify.annotations.NullMarked;
