/** The {@code savings} command: every recommendation as one ranked list with its total. */
package dev.purser.commands.savings;
