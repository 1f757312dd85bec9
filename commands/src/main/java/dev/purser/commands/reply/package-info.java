/** The neutral reply document every command returns and every face renders. */
package dev.purser.commands.reply;
