package dev.purser.core.cloud.prometheus;

import java.util.List;
import java.util.Objects;

/**
 * What Prometheus answered to one {@link RangeQuery}.
 *
 * @param warnings Prometheus's own {@code warnings} (for example a partial answer from a
 *                 remote-read or Thanos store), passed on so reports can show them
 */
public record RangeResult(RangeQuery query, List<LabelledSeries> series, List<String> warnings) {

    public RangeResult {
        Objects.requireNonNull(query, "query");
        series = List.copyOf(series);
        warnings = List.copyOf(warnings);
    }
}
