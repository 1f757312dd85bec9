/** The composition root: configuration from the environment, wiring of engine, commands and faces. */
package dev.purser.bot.serve;
