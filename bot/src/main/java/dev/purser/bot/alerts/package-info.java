/**
 * Alert delivery to chat: {@link dev.purser.bot.alerts.ChatAlertSender} posts core's alert
 * messages to Slack ({@code chat.postMessage}) and Discord (create message) through their
 * configured base URLs, honouring rate limits ({@code 429} with {@code Retry-After}) and retrying
 * server errors within a bound.
 */
package dev.purser.bot.alerts;
