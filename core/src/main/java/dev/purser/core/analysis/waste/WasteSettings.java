package dev.purser.core.analysis.waste;

import java.time.Duration;
import java.util.Objects;

/**
 * The thresholds waste is judged by. Defaults ({@link #defaults()}), chosen to be conservative:
 * <ul>
 *   <li>snapshot retention 90 days: a quarter covers the usual restore needs, and older
 *       snapshots are the ones teams forget;</li>
 *   <li>idle CPU: p95 below 5 % over 30 days (a machine that never passes 5 % at its busiest
 *       twentieth of the time serves nobody);</li>
 *   <li>idle database: no client connection at all over 7 days;</li>
 *   <li>coverage: usage samples must cover at least half of the window, otherwise the resource
 *       is unknown rather than idle;</li>
 *   <li>bill window: a resource's cost is its effective cost over the last 30 days.</li>
 * </ul>
 *
 * @param snapshotRetention  snapshots older than this are waste
 * @param idleCpuPercent     p95 CPU (percent of the machine) below this is idle
 * @param cpuWindow          the window CPU is read over, ending now
 * @param idleConnections    a database whose connection count never exceeds this is idle
 * @param databaseWindow     the window connections are read over, ending now
 * @param minimumCoverage    share of a window (0..1] that samples must cover before idleness is judged
 * @param billDays           days of bill (ending yesterday) that make a resource's monthly cost
 */
public record WasteSettings(Duration snapshotRetention, double idleCpuPercent, Duration cpuWindow,
                            long idleConnections, Duration databaseWindow, double minimumCoverage, int billDays) {

    public WasteSettings {
        Objects.requireNonNull(snapshotRetention, "snapshotRetention");
        Objects.requireNonNull(cpuWindow, "cpuWindow");
        Objects.requireNonNull(databaseWindow, "databaseWindow");
        if (snapshotRetention.isNegative() || snapshotRetention.isZero()) {
            throw new IllegalArgumentException("snapshotRetention must be positive: " + snapshotRetention);
        }
        if (!(idleCpuPercent > 0 && idleCpuPercent <= 100)) {
            throw new IllegalArgumentException("idleCpuPercent must be in (0, 100]: " + idleCpuPercent);
        }
        if (cpuWindow.toHours() < 1 || databaseWindow.toHours() < 1) {
            throw new IllegalArgumentException("windows must be at least an hour: cpu " + cpuWindow
                    + ", database " + databaseWindow);
        }
        if (idleConnections < 0) {
            throw new IllegalArgumentException("idleConnections must not be negative: " + idleConnections);
        }
        if (!(minimumCoverage > 0 && minimumCoverage <= 1)) {
            throw new IllegalArgumentException("minimumCoverage must be in (0, 1]: " + minimumCoverage);
        }
        if (billDays < 1 || billDays > 366) {
            throw new IllegalArgumentException("billDays must be 1..366: " + billDays);
        }
    }

    public static WasteSettings defaults() {
        return new WasteSettings(Duration.ofDays(90), 5.0, Duration.ofDays(30), 0, Duration.ofDays(7), 0.5, 30);
    }

    public WasteSettings withSnapshotRetention(Duration retention) {
        return new WasteSettings(retention, idleCpuPercent, cpuWindow, idleConnections, databaseWindow,
                minimumCoverage, billDays);
    }
}
