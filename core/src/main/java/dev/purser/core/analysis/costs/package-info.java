/** Cost questions: totals, breakdowns, period-over-period comparisons and movers. */
package dev.purser.core.analysis.costs;
