/**
 * How MCP messages arrive: stdio for a local assistant, streamable HTTP on an embedded Jetty
 * for shared use, with the guard filter that answers rejected requests itself (foreign host or
 * origin, missing token, unsupported protocol version, unknown session) as JSON-RPC errors.
 */
package dev.purser.mcp.transport;
