package dev.purser.commands.rightsizing;

import dev.purser.commands.reply.Chart;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import dev.purser.core.model.UsageSeries;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * One usage series against the current and the proposed capacity, as chart data: the picture a
 * reviewer wants before agreeing to a smaller size. Long series are thinned to at most
 * {@value #MAX_POINTS} points, each the maximum of its bucket, so the data stays small and the
 * peaks stay visible.
 */
final class UsageCapacityChart {

    static final int MAX_POINTS = 1_000;

    private UsageCapacityChart() {
    }

    /**
     * @param scale    multiplies sample values into {@code unit} (for example bytes to GiB)
     * @param current  the current capacity in {@code unit}, if known
     * @param proposed the proposed capacity in {@code unit}, if any
     */
    static Chart of(String key, String title, String altText, UsageSeries series, double scale, String unit,
            OptionalDouble current, OptionalDouble proposed) {
        List<Chart.ReferenceLine> lines = new ArrayList<>();
        current.ifPresent(c -> lines.add(new Chart.ReferenceLine("current capacity", c, Chart.Emphasis.CURRENT)));
        proposed.ifPresent(p -> lines.add(new Chart.ReferenceLine("proposed capacity", p, Chart.Emphasis.PROPOSED)));
        return of(key, title, altText, "usage (" + series.metric() + ")", series, scale, unit, lines);
    }

    /**
     * @param title     the picture's heading
     * @param usageName the legend entry of the usage series
     */
    static Chart of(String key, String title, String altText, String usageName, UsageSeries series, double scale,
            String unit, List<Chart.ReferenceLine> lines) {
        List<Chart.Point> points = new ArrayList<>();
        List<UsageSeries.Sample> samples = series.samples();
        int bucket = Math.max(1, (samples.size() + MAX_POINTS - 1) / MAX_POINTS);
        for (int i = 0; i < samples.size(); i += bucket) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = i; j < Math.min(samples.size(), i + bucket); j++) {
                max = Math.max(max, samples.get(j).value());
            }
            points.add(new Chart.Point(samples.get(i).at(), max * scale));
        }
        if (points.isEmpty()) {
            throw new PurserException(ErrorCode.NOT_FOUND, "no usage samples to chart for " + series.resourceId());
        }
        return new Chart(key, title, altText, Chart.Kind.TIME_LINES, new Chart.Axis(unit, unit),
                List.of(new Chart.Series(usageName, points, false)), lines);
    }
}
