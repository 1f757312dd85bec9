package dev.purser.core.analysis.waste;

import dev.purser.core.model.Money;
import java.time.Instant;
import java.util.Collections;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link WasteFinder} found, largest monthly cost first.
 *
 * @param totals  the priced findings' monthly cost per currency (never added across currencies)
 * @param unknown resources that could not be judged, with the reason
 * @param gaps    what the answer could not know, in sentences
 */
public record WasteReport(Instant asOf, WasteSettings settings, List<WasteFinding> findings,
                          Map<Currency, Money> totals, List<UnknownResource> unknown, List<String> gaps) {

    public WasteReport {
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(settings, "settings");
        findings = List.copyOf(findings);
        totals = Collections.unmodifiableMap(new LinkedHashMap<>(totals));
        unknown = List.copyOf(unknown);
        gaps = List.copyOf(gaps);
    }
}
