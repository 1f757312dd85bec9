/**
 * DigitalOcean API v2: {@link dev.purser.core.cloud.digitalocean.DigitalOceanClient} reads
 * billing (history, invoices, invoice CSV and summary), inventory (droplets, database clusters
 * with options and backups, volumes, snapshots, reserved IPs, sizes) and droplet monitoring
 * metrics into typed records; {@link dev.purser.core.cloud.digitalocean.DoBillingPull} turns a
 * team's invoices into FOCUS line items, checked against each invoice's own total. Amounts are
 * exact: DigitalOcean sends them as strings, and they are kept as {@code BigDecimal}.
 */
package dev.purser.core.cloud.digitalocean;
