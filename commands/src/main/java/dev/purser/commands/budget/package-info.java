/** The {@code budget} command: budget status against actual and forecast spend, and (for admins) setting and removing budgets. */
package dev.purser.commands.budget;
