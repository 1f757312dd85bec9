/**
 * Price catalogs: the sizes a provider sells (vCPUs, memory, disk) with their list prices, from a
 * dated snapshot bundled with Purser ({@code catalog/*.json} on the class path) or from a live
 * listing. A size without a price, or a slug the catalog does not know, is answered with
 * {@link dev.purser.core.analysis.catalog.PriceLookup.NotFound} ("price not found"): partial
 * knowledge is part of the answer, never an exception.
 *
 * <p>Bundled snapshots: {@code digitalocean-2026-11-01.json} (droplet sizes in the shape of
 * {@code GET /v2/sizes}, managed-database node sizes priced per node, and the engine layouts of
 * {@code GET /v2/databases/options}) and {@code aws-us-east-1-2026-11-01.json} (a small EC2, RDS
 * for PostgreSQL and Aurora PostgreSQL on-demand subset).
 */
package dev.purser.core.analysis.catalog;
