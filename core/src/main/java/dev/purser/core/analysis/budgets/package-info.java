/**
 * Monthly budgets (total, per service, per tag value, optionally for one account) with threshold
 * percentages; their status against actual and forecast spend; and crossings, each reported once
 * per budget, month, threshold and basis. {@link dev.purser.core.analysis.budgets.BudgetChecker}
 * is the entry point; {@link dev.purser.core.analysis.budgets.BudgetStore} is the persistence port.
 */
package dev.purser.core.analysis.budgets;
