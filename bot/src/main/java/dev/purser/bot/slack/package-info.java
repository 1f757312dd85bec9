/**
 * The Slack face on Bolt: the {@code /purser} slash command, follow-up buttons, the App Home,
 * Block Kit rendering within Slack's limits, identities, and calls back to Slack with retries.
 */
package dev.purser.bot.slack;
