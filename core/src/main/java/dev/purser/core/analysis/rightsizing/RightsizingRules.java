package dev.purser.core.analysis.rightsizing;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;

/**
 * The knobs of right-sizing. {@link #defaults()} documents each default.
 *
 * @param window                 usage window ending at the clock's now (default 30 days)
 * @param minDays                fewer days of data than this lowers confidence, and says so (default 14)
 * @param cpuP95Target           CPU p95 must stay at or below this share of the new capacity (0.70)
 * @param cpuP99Target           CPU p99 must stay at or below this share of the new capacity (0.90)
 * @param memoryHeadroom         memory is never below observed max times this (1.2)
 * @param trendHorizonDays       a trending resource is sized for its projection this many days ahead (30)
 * @param idleCpuP95             idle when CPU p95 is at most this share of capacity (0.05) ...
 * @param idleCpuMax             ... and CPU max at most this share (0.15)
 * @param idleCpuCores           idle threshold for CPU p95 in cores when the capacity is unknown (0.02)
 * @param maxGapFraction         more missing samples than this share: no recommendation, the gap is
 *                               reported instead of guessed over (0.25)
 * @param noticeableGapFraction  more missing samples than this share lowers confidence (0.05)
 * @param trendMinRSquared       a linear fit of daily means this good or better ... (0.6)
 * @param trendMinChange         ... moving at least this share of the mean over the window is a trend (0.15)
 * @param periodicMinAutocorrelation autocorrelation at 24 h or 7 d at least this is periodic (0.5)
 * @param burstyPeakRatio        p99 over p50 at least this is bursty (3.0)
 * @param allowSingleNodeForCritical whether a cluster tagged {@code tier=critical} may be proposed
 *                               for one node (false)
 * @param allowFamilyChange      whether a VM may move to another size family (false: resize within
 *                               the family, which providers support in place)
 * @param minMonthlySaving       savings smaller than this are answered "keep" (1.00, in the
 *                               catalog's currency)
 * @param cpuCostWeight          share of a compose host's price split by CPU; the rest by memory (0.5)
 * @param hostOverheadBytes      memory a compose host keeps for its OS and Docker (512 MiB)
 * @param restoreGibPerHour      restore throughput assumed for restore-time estimates (100 GiB/h)
 * @param restoreFixedTime       fixed part of a restore: provisioning a node, replaying WAL (15 min)
 */
public record RightsizingRules(
        Duration window,
        int minDays,
        double cpuP95Target,
        double cpuP99Target,
        double memoryHeadroom,
        int trendHorizonDays,
        double idleCpuP95,
        double idleCpuMax,
        double idleCpuCores,
        double maxGapFraction,
        double noticeableGapFraction,
        double trendMinRSquared,
        double trendMinChange,
        double periodicMinAutocorrelation,
        double burstyPeakRatio,
        boolean allowSingleNodeForCritical,
        boolean allowFamilyChange,
        BigDecimal minMonthlySaving,
        double cpuCostWeight,
        long hostOverheadBytes,
        double restoreGibPerHour,
        Duration restoreFixedTime) {

    public RightsizingRules {
        Objects.requireNonNull(window, "window");
        if (window.isNegative() || window.toHours() < 24) {
            throw new IllegalArgumentException("window must be at least one day: " + window);
        }
        requireShare("cpuP95Target", cpuP95Target);
        requireShare("cpuP99Target", cpuP99Target);
        if (cpuP95Target > cpuP99Target) {
            throw new IllegalArgumentException("cpuP95Target must not exceed cpuP99Target: " + cpuP95Target + " > "
                    + cpuP99Target);
        }
        if (!(memoryHeadroom >= 1.0)) {
            throw new IllegalArgumentException("memoryHeadroom must be at least 1: " + memoryHeadroom);
        }
        if (minDays < 0 || trendHorizonDays < 0) {
            throw new IllegalArgumentException("minDays and trendHorizonDays must not be negative: " + minDays + ", "
                    + trendHorizonDays);
        }
        requireShare("maxGapFraction", maxGapFraction);
        requireShare("noticeableGapFraction", noticeableGapFraction);
        if (!(cpuCostWeight >= 0.0 && cpuCostWeight <= 1.0)) {
            throw new IllegalArgumentException("cpuCostWeight must be within 0..1: " + cpuCostWeight);
        }
        Objects.requireNonNull(minMonthlySaving, "minMonthlySaving");
        if (!(restoreGibPerHour > 0)) {
            throw new IllegalArgumentException("restoreGibPerHour must be positive: " + restoreGibPerHour);
        }
        Objects.requireNonNull(restoreFixedTime, "restoreFixedTime");
    }

    private static void requireShare(String name, double value) {
        if (!(value > 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException(name + " must be within (0, 1]: " + value);
        }
    }

    /** The documented defaults (see the parameter list). */
    public static RightsizingRules defaults() {
        return new RightsizingRules(Duration.ofDays(30), 14, 0.70, 0.90, 1.2, 30, 0.05, 0.15, 0.02, 0.25, 0.05, 0.6,
                0.15, 0.5, 3.0, false, false, new BigDecimal("1.00"), 0.5, 512L * 1024 * 1024, 100.0,
                Duration.ofMinutes(15));
    }

    public RightsizingRules withAllowSingleNodeForCritical(boolean allow) {
        return new RightsizingRules(window, minDays, cpuP95Target, cpuP99Target, memoryHeadroom, trendHorizonDays,
                idleCpuP95, idleCpuMax, idleCpuCores, maxGapFraction, noticeableGapFraction, trendMinRSquared,
                trendMinChange, periodicMinAutocorrelation, burstyPeakRatio, allow, allowFamilyChange,
                minMonthlySaving, cpuCostWeight, hostOverheadBytes, restoreGibPerHour, restoreFixedTime);
    }

    public RightsizingRules withWindow(Duration newWindow) {
        return new RightsizingRules(newWindow, minDays, cpuP95Target, cpuP99Target, memoryHeadroom,
                trendHorizonDays, idleCpuP95, idleCpuMax, idleCpuCores, maxGapFraction, noticeableGapFraction,
                trendMinRSquared, trendMinChange, periodicMinAutocorrelation, burstyPeakRatio,
                allowSingleNodeForCritical, allowFamilyChange, minMonthlySaving, cpuCostWeight, hostOverheadBytes,
                restoreGibPerHour, restoreFixedTime);
    }

    /** The CPU capacity (cores) the rules require for a p95 and p99 of usage. */
    public double requiredCpu(double p95, double p99) {
        return Math.max(p95 / cpuP95Target, p99 / cpuP99Target);
    }

    /** The memory (bytes) the rules require for an observed maximum. */
    public double requiredMemory(double max) {
        return max * memoryHeadroom;
    }
}
