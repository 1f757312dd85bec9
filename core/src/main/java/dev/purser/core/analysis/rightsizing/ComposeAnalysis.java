package dev.purser.core.analysis.rightsizing;

import dev.purser.core.model.Money;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Right-sizing of a docker-compose stack.
 *
 * @param costSplitMethod how the host price is split between services, in a sentence
 * @param services        per service, in file order
 * @param proposedHost    the cheapest host that fits every service with the proposed limits
 * @param budget          the budget check, when a budget was given
 * @param whatIf          the stack without the named services, when any were named
 * @param patchedYaml     the compose file with only the changed {@code cpus:}/{@code memory:} values rewritten
 * @param unifiedDiff     the change as a unified diff (empty when nothing changed)
 * @param unpatched       proposed settings the patcher could not write (no such line in the file)
 * @param recommendations one per service
 * @param gaps            what is missing (services without usage, unpriced sizes)
 */
public record ComposeAnalysis(
        ComposeHost host,
        String costSplitMethod,
        List<ServiceSizing> services,
        HostChoice proposedHost,
        Optional<BudgetCheck> budget,
        Optional<WhatIf> whatIf,
        String patchedYaml,
        String unifiedDiff,
        List<String> unpatched,
        List<Recommendation> recommendations,
        List<String> gaps) {

    public ComposeAnalysis {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(costSplitMethod, "costSplitMethod");
        services = List.copyOf(services);
        Objects.requireNonNull(proposedHost, "proposedHost");
        Objects.requireNonNull(budget, "budget");
        Objects.requireNonNull(whatIf, "whatIf");
        Objects.requireNonNull(patchedYaml, "patchedYaml");
        Objects.requireNonNull(unifiedDiff, "unifiedDiff");
        unpatched = List.copyOf(unpatched);
        recommendations = List.copyOf(recommendations);
        gaps = List.copyOf(gaps);
    }

    /**
     * One service.
     *
     * @param currentMonthlyCost  its share of the current host price, by current limits
     * @param proposedMonthlyCost its share of the proposed host's price, by proposed limits (empty
     *                            when no host fits)
     * @param cpuShare            its share of the stack's CPU (current limits), 0..1
     * @param memoryShare         its share of the stack's memory (current limits), 0..1
     */
    public record ServiceSizing(
            String name,
            ContainerLimits current,
            ContainerLimits proposed,
            Optional<UsageStats> cpu,
            Optional<UsageStats> memory,
            WorkloadPattern pattern,
            Money currentMonthlyCost,
            Optional<Money> proposedMonthlyCost,
            double cpuShare,
            double memoryShare,
            List<String> notes) {

        public ServiceSizing {
            Objects.requireNonNull(name, "name");
            notes = List.copyOf(notes);
        }
    }

    /**
     * @param size           the cheapest fitting catalog size (empty: none fits)
     * @param monthlyPrice   its list price; for a host billed above or below list (backups, discounts),
     *                       its list price scaled by the current host's billed-over-list ratio
     * @param neededCpus     cores the stack needs: the larger of Σ p95 / p95 target and Σ p99 / p99 target,
     *                       and at least the largest single CPU limit
     * @param neededMemory   bytes: Σ memory limits plus the host overhead
     * @param monthlySaving  current host price minus the proposed one, on the host's price basis, when the
     *                       catalog prices the current size
     */
    public record HostChoice(Optional<String> size, Optional<Money> monthlyPrice, double neededCpus,
            long neededMemory, Optional<Money> monthlySaving, String reason) {
    }

    /** Whether the stack fits a monthly budget now and on the proposed host. */
    public record BudgetCheck(Money budget, boolean currentFits, Optional<Boolean> proposedFits, String summary) {
    }

    /** The stack without some services: what it then needs and costs. */
    public record WhatIf(Set<String> without, Money removedServicesCurrentCost, HostChoice host,
            Optional<Boolean> fitsBudget, String summary) {
    }
}
