/**
 * Who an MCP request acts for: bearer tokens from configuration, each mapped to a principal
 * with roles, compared in constant time; never logged.
 */
package dev.purser.mcp.auth;
