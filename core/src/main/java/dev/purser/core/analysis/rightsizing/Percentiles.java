package dev.purser.core.analysis.rightsizing;

/** One definition of a percentile, shared by right-sizing's usage statistics and the plan pre-checks. */
public final class Percentiles {

    private Percentiles() {
    }

    /**
     * The {@code p} quantile (0..1) of values sorted ascending, by linear interpolation between
     * the closest ranks.
     *
     * @throws ArrayIndexOutOfBoundsException when {@code sorted} is empty
     */
    public static double of(double[] sorted, double p) {
        int n = sorted.length;
        if (n == 1) {
            return sorted[0];
        }
        double h = (n - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, n - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
