/** The {@code import} command: cost files into the store, through the core importers. */
package dev.purser.commands.importing;
