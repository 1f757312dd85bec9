/** {@code alerts list|test}: the configured alert routes, and a sample message to one. */
package dev.purser.commands.alerts;
