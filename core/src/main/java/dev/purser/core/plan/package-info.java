/**
 * Plans: recommendations turned into ordered phases with windows, checks, rollback triggers and
 * approvals bound to the plan's content hash.
 */
package dev.purser.core.plan;
