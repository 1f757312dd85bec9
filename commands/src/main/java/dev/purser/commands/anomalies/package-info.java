/** The {@code anomalies} command: days when a service or account spent more than its baseline allows. */
package dev.purser.commands.anomalies;
