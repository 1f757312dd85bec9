package dev.purser.core.analysis.rightsizing;

import dev.purser.core.analysis.catalog.CatalogSize;
import dev.purser.core.analysis.catalog.PriceCatalog;
import dev.purser.core.analysis.catalog.PriceLookup;
import dev.purser.core.model.Resource;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Builds the rows of a database cluster's decision matrix. The hard part is reliability: with a
 * standby, a failed primary is replaced by promotion in about a minute and loses at most the
 * replication lag; with one node, it is replaced by a restore from backup whose length grows with
 * the data, and everything since the last archived write-ahead log is at risk.
 */
final class DatabaseOptions {

    private final RightsizingEngine engine;
    private final Resource resource;
    private final PriceCatalog catalog;
    private final String engineName;
    private final UsageProfile usage;
    private final double currentVcpus;
    private final double currentMemory;
    private final OptionalDouble dataBytes;
    private final boolean critical;
    private final String environment;
    private final PriceLookup currentPrice;
    private final int currentNodes;

    DatabaseOptions(RightsizingEngine engine, Resource resource, PriceCatalog catalog, String engineName,
            UsageProfile usage, double currentVcpus, double currentMemory, OptionalDouble dataBytes,
            boolean critical, String environment, PriceLookup currentPrice) {
        this.engine = engine;
        this.resource = resource;
        this.catalog = catalog;
        this.engineName = engineName;
        this.usage = usage;
        this.currentVcpus = currentVcpus;
        this.currentMemory = currentMemory;
        this.dataBytes = dataBytes;
        this.critical = critical;
        this.environment = environment;
        this.currentPrice = currentPrice;
        this.currentNodes = SizingFacts.nodes(resource);
    }

    double vcpusOf(String slug) {
        return slug.equals(resource.size()) ? currentVcpus
                : catalog.databaseNode(engineName, slug).map(s -> (double) s.vcpus()).orElse(Double.NaN);
    }

    double memoryOf(String slug) {
        return slug.equals(resource.size()) ? currentMemory
                : catalog.databaseNode(engineName, slug).map(s -> (double) s.memoryBytes()).orElse(Double.NaN);
    }

    DecisionMatrix.Option option(String slug, int nodes, boolean current) {
        PriceLookup price = catalog.databasePrice(engineName, slug, nodes);
        String label = slug + " x " + nodes + " node" + (nodes == 1 ? "" : "s");
        Optional<dev.purser.core.model.Money> saving = current
                ? RightsizingEngine.zeroSaving(currentPrice)
                : RightsizingEngine.saving(currentPrice, price, 1);
        boolean aws = resource.provider().equalsIgnoreCase("AWS");

        double vcpus = vcpusOf(slug);
        double memory = memoryOf(slug);
        StringBuilder performance = new StringBuilder();
        if (usage.cpu().isPresent() && !Double.isNaN(vcpus)) {
            UsageStats cpu = usage.cpu().get();
            performance.append("CPU p95 ").append(Formats.percent(cpu.p95() / vcpus)).append(" of ")
                    .append(Formats.cores(vcpus));
            if (!Double.isNaN(currentVcpus) && vcpus != currentVcpus) {
                performance.append(" (now ").append(Formats.percent(cpu.p95() / currentVcpus)).append(')');
            }
        } else {
            performance.append("CPU impact unknown");
        }
        if (usage.memory().isPresent() && !Double.isNaN(memory)) {
            performance.append("; memory max ").append(Formats.bytes(usage.memory().get().max())).append(" of ")
                    .append(Formats.bytes(memory));
        }
        if (nodes < currentNodes) {
            performance.append("; standby nodes serve no queries, so removing one leaves query capacity unchanged");
        }

        String restore = dataBytes.isPresent()
                ? "about " + Formats.duration(engine.restoreEstimate(dataBytes.getAsDouble())) + " for "
                        + Formats.bytes(dataBytes.getAsDouble()) + " of data (estimate: "
                        + Math.round(engine.rules().restoreGibPerHour()) + " GiB/h plus "
                        + Formats.duration(engine.rules().restoreFixedTime()) + " to provision)"
                : "unknown: the data size is not reported (attribute storage_used_bytes)";
        String failover;
        String dataLoss;
        Level risk;
        if (nodes >= 2) {
            failover = "automatic failover to a standby in about a minute (seconds to promote, then DNS)";
            dataLoss = "near zero: the standby replicates continuously (at most the replication lag, seconds)";
            risk = Level.LOW;
        } else {
            failover = "no standby: a failed node is replaced and restored from backup, " + restore;
            dataLoss = "writes since the last archived write-ahead log (point-in-time recovery, typically minutes); "
                    + "at worst since the last full backup";
            risk = currentNodes > 1
                    ? (environment.equals("production") || critical ? Level.HIGH
                            : environment.equals("unknown") ? Level.MEDIUM : Level.LOW)
                    : Level.LOW;
        }
        if (!slug.equals(resource.size()) && usage.pattern().pattern() == WorkloadPattern.BURSTY) {
            risk = risk.max(Level.MEDIUM);
        }

        String backup;
        Optional<Instant> last = SizingFacts.lastBackup(resource);
        if (last.isPresent()) {
            Duration age = Duration.between(last.get(), engine.clock().instant());
            backup = "last backup " + Formats.duration(age.isNegative() ? Duration.ZERO : age) + " ago (" + last.get()
                    + ")";
        } else {
            backup = "unknown: no backup time reported (attribute last_backup_at)";
        }

        String complexity;
        if (current) {
            complexity = "no change";
        } else {
            boolean smaller = !slug.equals(resource.size());
            boolean fewer = nodes < currentNodes;
            StringBuilder c = new StringBuilder();
            if (fewer) {
                c.append(aws ? "modify the instance to Single-AZ; no downtime"
                        : "one resize call (num_nodes " + currentNodes + " → " + nodes
                                + "), no downtime; adding the standby back later takes minutes");
            }
            if (smaller) {
                if (c.length() > 0) {
                    c.append("; ");
                }
                c.append(aws ? "modify the instance class: a restart in the maintenance window"
                        : "node size cannot shrink in place: a new cluster (or fork) of the smaller size, a "
                                + "migration and a short write freeze");
            }
            complexity = c.toString();
        }

        boolean allowed = true;
        String notAllowed = "";
        if (nodes == 1 && currentNodes > 1 && critical && !engine.rules().allowSingleNodeForCritical()) {
            allowed = false;
            notAllowed = "tier=critical: one node is not proposed (RightsizingRules.allowSingleNodeForCritical is off)";
        }
        CatalogSize known = catalog.databaseNode(engineName, slug).orElse(null);
        if (!current && known != null && !usageFits(known)) {
            allowed = false;
            notAllowed = "below the rules' CPU or memory headroom";
        }
        return new DecisionMatrix.Option(label, slug, nodes, current, price.monthlyPrice(), saving, performance.toString(),
                nodes >= 2 ? failover + "; restore only if every node fails: " + restore : failover,
                restore, dataLoss, backup, complexity, risk, allowed, notAllowed);
    }

    private boolean usageFits(CatalogSize size) {
        return size.vcpus() >= engine.requiredCpu(usage, currentVcpus)
                && size.memoryBytes() >= engine.requiredMemory(usage, currentMemory);
    }
}
