/** The interactive terminal face: the same commands as chat, typed at a prompt. */
package dev.purser.bot.console;
