package dev.purser.core.analysis.rightsizing;

import dev.purser.core.model.Money;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The high-availability trade-off of a managed database cluster, one row per option (the
 * current layout first), and the verdict.
 *
 * @param verdict        the chosen option's label, e.g. {@code "db-s-2vcpu-4gb x 1 node"}
 * @param verdictReasons why it was chosen and why others were not
 */
public record DecisionMatrix(String clusterId, boolean critical, String environment, List<Option> options,
        String verdict, List<String> verdictReasons) {

    public DecisionMatrix {
        Objects.requireNonNull(clusterId, "clusterId");
        Objects.requireNonNull(environment, "environment");
        options = List.copyOf(options);
        Objects.requireNonNull(verdict, "verdict");
        verdictReasons = List.copyOf(verdictReasons);
    }

    /**
     * One layout of the cluster.
     *
     * @param monthlyPrice       catalog list price for all nodes (empty: price not found)
     * @param monthlySaving      against the current layout, from the catalog only
     * @param performance        the impact on CPU and memory headroom, in a sentence
     * @param failover           what happens when the primary fails, with a time
     * @param restoreEstimate    how long a restore from backup would take, estimated from the data size
     * @param dataLossWindow     how much recent data a failure can lose
     * @param backupRecency      when the last backup was taken
     * @param operationalComplexity how the change is made and what it needs
     * @param allowed            false when a rule forbids it (e.g. one node for a tier=critical cluster)
     * @param notAllowedReason   why not, when not allowed
     */
    public record Option(
            String label,
            String size,
            int nodes,
            boolean current,
            Optional<Money> monthlyPrice,
            Optional<Money> monthlySaving,
            String performance,
            String failover,
            String restoreEstimate,
            String dataLossWindow,
            String backupRecency,
            String operationalComplexity,
            Level risk,
            boolean allowed,
            String notAllowedReason) {

        public Option {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(size, "size");
            Objects.requireNonNull(monthlyPrice, "monthlyPrice");
            Objects.requireNonNull(monthlySaving, "monthlySaving");
            Objects.requireNonNull(performance, "performance");
            Objects.requireNonNull(failover, "failover");
            Objects.requireNonNull(restoreEstimate, "restoreEstimate");
            Objects.requireNonNull(dataLossWindow, "dataLossWindow");
            Objects.requireNonNull(backupRecency, "backupRecency");
            Objects.requireNonNull(operationalComplexity, "operationalComplexity");
            Objects.requireNonNull(risk, "risk");
            notAllowedReason = notAllowedReason == null ? "" : notAllowedReason;
        }
    }
}
