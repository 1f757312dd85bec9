/**
 * The MCP face of Purser: every command as an MCP tool, served over stdio for a local assistant
 * and over streamable HTTP with bearer tokens for shared use. {@link dev.purser.mcp.McpMain} is
 * what the launcher calls; {@link dev.purser.mcp.PurserMcpServer} builds the servers.
 */
package dev.purser.mcp;
