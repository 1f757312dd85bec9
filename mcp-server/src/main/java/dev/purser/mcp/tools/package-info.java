/**
 * Commands as MCP tools: the input schema generated from each command's typed arguments, the
 * annotations from its {@link dev.purser.commands.Effect}, and one mapper from the neutral reply
 * to a tool result (Markdown text, structured content, optional chart images).
 */
package dev.purser.mcp.tools;
