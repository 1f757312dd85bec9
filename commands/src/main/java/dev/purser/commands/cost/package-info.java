/** Cost questions: {@code cost} (breakdown with period-over-period change) and {@code movers}. */
package dev.purser.commands.cost;
