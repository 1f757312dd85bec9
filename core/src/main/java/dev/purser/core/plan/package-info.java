/**
 * Plans: recommendations turned into ordered phases with windows, pre-checks, soak periods,
 * rollback triggers and rollback actions ({@link dev.purser.core.plan.PlanBuilder}), a canonical
 * form and content hash ({@link dev.purser.core.plan.PlanContent}), the approval rules
 * ({@link dev.purser.core.plan.ApprovalRules}) and the service every face calls
 * ({@link dev.purser.core.plan.PlanService}). Stored through the {@link dev.purser.core.plan.PlanStore}
 * port; the store implements it, and nothing here reaches the database.
 */
package dev.purser.core.plan;
