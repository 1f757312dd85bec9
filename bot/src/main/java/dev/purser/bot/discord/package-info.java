/**
 * The Discord face (JDA): the {@code /purser} slash command generated from the command registry,
 * replies rendered as embeds, buttons and attachments within Discord's limits, and the interaction
 * handler that defers, runs the command on a bounded executor and answers through the hook.
 * JDA types stay in this package; the handler talks to JDA through the small port in
 * {@link dev.purser.bot.discord.DiscordInteraction} so that tests drive it with fakes.
 */
package dev.purser.bot.discord;
