/**
 * Alerts: what to tell which channel, and when not to. {@link dev.purser.core.alerts.AlertService}
 * routes an {@link dev.purser.core.alerts.Alert} by kind and scope to the configured routes,
 * decides per route with {@link dev.purser.core.alerts.AlertPolicy} (once-only subjects, quiet
 * period, increases only) against what the {@link dev.purser.core.alerts.AlertLedger} says was sent,
 * and hands the message to an {@link dev.purser.core.alerts.AlertSender}, or queues it for the
 * route's daily digest. Delivery to Slack and Discord lives in the bot module; core only knows the
 * port.
 */
package dev.purser.core.alerts;
