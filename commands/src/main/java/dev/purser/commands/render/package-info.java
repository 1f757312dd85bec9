/**
 * Face-neutral renderers of the reply model: plain text for terminals, Markdown for MCP text and
 * chat, JSON for programs; and the one place money is rounded for display ({@link
 * dev.purser.commands.render.Formats}).
 */
package dev.purser.commands.render;
