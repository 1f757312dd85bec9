/**
 * {@code plan}, {@code approve} and {@code reject}: plans made from recommendations, and their
 * sign-offs, on every face through {@link dev.purser.core.plan.PlanService}.
 */
package dev.purser.commands.plan;
