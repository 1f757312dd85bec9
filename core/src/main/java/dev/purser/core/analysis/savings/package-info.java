/**
 * Every recommendation as one list: waste, right-sizing (from any number of sources) and
 * commitments, with stable ids, ranked by saving, effort and risk, with the total per currency.
 *
 * <p>Ranking ({@link SavingsRanking}): score = monthly saving × risk weight × effort weight ×
 * confidence weight, where LOW/MEDIUM/HIGH risk weigh 1.0/0.75/0.5, effort 1.0/0.85/0.7 and
 * confidence 0.7/0.85/1.0. An item without a priced saving scores nothing and comes last. Amounts
 * in different currencies are ranked by their numbers but never added.
 *
 * <p>No double counting: one resource appears once (the item saving most is kept), and spend
 * that the waste list removes is left out of the commitment baseline.
 */
package dev.purser.core.analysis.savings;
