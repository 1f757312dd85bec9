/**
 * DigitalOcean API v2: {@link dev.purser.core.cloud.digitalocean.DigitalOceanClient} reads
 * billing (history, invoices, invoice CSV and summary), inventory (droplets, database clusters
 * with options and backups, volumes, snapshots, reserved IPs, sizes) and droplet monitoring
 * metrics into typed records; {@link dev.purser.core.cloud.digitalocean.DoBillingPull} turns a
 * team's invoices into FOCUS line items, checked against each invoice's own total. Amounts are
 * exact: DigitalOcean sends them as strings, and they are kept as {@code BigDecimal}.
 *
 * <p>{@link dev.purser.core.cloud.digitalocean.DoInventoryPull} ({@code import do-inventory}) lands
 * the inventory, droplet usage and the live price catalog
 * ({@link dev.purser.core.cloud.digitalocean.DoLiveCatalog}) in the store in the demo's vocabulary;
 * storage and IP prices, which the API does not publish, come from
 * {@link dev.purser.core.cloud.digitalocean.DoStorageRates}.
 */
package dev.purser.core.cloud.digitalocean;
