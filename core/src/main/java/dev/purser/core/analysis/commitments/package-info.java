/**
 * Commitments (AWS Savings Plans and Reserved Instances): from the bill's eligible on-demand
 * compute spend, spread evenly over the hours each line item covers, the steady hourly baseline,
 * the commitment that maximises the saving for each purchase option's discount, its break-even
 * month, and the comparison with Cost Explorer's own recommendation.
 *
 * <p>The saving of a commitment of {@code c} (on-demand dollars per hour it covers) at discount
 * {@code d} over hourly spend {@code h(t)} is {@code Σ min(h(t), c) − c·(1 − d)·T}: concave in
 * {@code c}, greatest where the share of hours spending more than {@code c} falls to {@code 1 − d}.
 * It is evaluated exactly at every observed hourly level, so the answer is the best commitment
 * over the history, not an approximation of it.
 */
package dev.purser.core.analysis.commitments;
