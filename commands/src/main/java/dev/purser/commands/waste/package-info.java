/** The {@code waste} command: what is paid for and unused, with its monthly cost. */
package dev.purser.commands.waste;
