/** The {@code help} command, generated from the other commands' definitions. */
package dev.purser.commands.help;
