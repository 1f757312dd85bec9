/** The {@code purser} launcher: picocli subcommands over the command registry, the demo and the MCP face. */
package dev.purser.bot.cli;
