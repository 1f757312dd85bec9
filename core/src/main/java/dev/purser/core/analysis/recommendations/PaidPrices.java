package dev.purser.core.analysis.recommendations;

import dev.purser.core.analysis.costs.BreakdownRequest;
import dev.purser.core.analysis.costs.CostBreakdown;
import dev.purser.core.analysis.costs.CostFilter;
import dev.purser.core.analysis.costs.CostMetric;
import dev.purser.core.analysis.costs.CostQueries;
import dev.purser.core.analysis.rightsizing.PriceBasis;
import dev.purser.core.analysis.rightsizing.Recommendation;
import dev.purser.core.model.Dimension;
import dev.purser.core.model.Money;
import dev.purser.core.model.Period;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the bill charged each resource over the last full calendar month (UTC), and list-price
 * savings scaled to it.
 *
 * <p>Arithmetic: a saving at list prices is multiplied by {@code billed / list} (to 16 significant
 * digits, {@link MathContext#DECIMAL64}) and kept to six decimals, half-even; the ratio is shown
 * to three. A resource billed in two currencies has no single price paid and keeps its list
 * saving, as does an autoscaled group (the bill mixes its replicas).
 */
final class PaidPrices {

    private final Map<String, Money> byResource;
    private final String month;

    private PaidPrices(Map<String, Money> byResource, String month) {
        this.byResource = Map.copyOf(byResource);
        this.month = month;
    }

    /** No bill: every saving stays at list prices. */
    static PaidPrices none(Instant now) {
        return new PaidPrices(Map.of(), lastMonth(now).toString());
    }

    /** The effective cost of each resource in the month before {@code now}'s, from the bill. */
    static PaidPrices read(CostQueries costs, Instant now) {
        YearMonth month = lastMonth(now);
        if (costs == null) {
            return none(now);
        }
        Period period = new Period(month.atDay(1), month.plusMonths(1).atDay(1), ZoneOffset.UTC);
        CostBreakdown b = costs.breakdown(new BreakdownRequest(period, new Dimension(Dimension.Kind.RESOURCE, null),
                Integer.MAX_VALUE, CostMetric.EFFECTIVE, CostFilter.NONE));
        Map<String, Money> paid = new HashMap<>();
        Set<String> mixed = new HashSet<>();
        for (CostBreakdown.Section s : b.sections()) {
            for (CostBreakdown.Row row : s.rows()) {
                if (row.other() || row.key() == null) {
                    continue;
                }
                if (paid.putIfAbsent(row.key(), row.amount()) != null) {
                    mixed.add(row.key());
                }
            }
        }
        mixed.forEach(paid::remove); // billed in two currencies: no single price paid
        return new PaidPrices(paid, month.toString());
    }

    private static YearMonth lastMonth(Instant now) {
        return YearMonth.from(now.atZone(ZoneOffset.UTC)).minusMonths(1);
    }

    /** The month the prices paid are of, e.g. {@code 2026-11}. */
    String month() {
        return month;
    }

    /** What the bill charged the resource in {@link #month()}, if it names it. */
    Optional<Money> of(String resourceId) {
        return Optional.ofNullable(byResource.get(resourceId));
    }

    /** The recommendation with its saving scaled to what the bill charged, when the bill has the resource. */
    Recommendation onPaidPrice(Recommendation r) {
        if (r.priceBasis() != PriceBasis.LIST_PRICE || r.monthlySaving().isEmpty() || r.autoscaled()) {
            return r;
        }
        Money billed = byResource.get(r.resourceId());
        Optional<Money> list = r.current().monthlyPrice();
        if (billed == null || list.isEmpty() || list.get().amount().signum() <= 0
                || !billed.currency().equals(list.get().currency()) || billed.amount().signum() <= 0) {
            return r;
        }
        BigDecimal ratio = billed.amount().divide(list.get().amount(), MathContext.DECIMAL64);
        Money listSaving = r.monthlySaving().get();
        Money saving = new Money(listSaving.amount().multiply(ratio).setScale(6, RoundingMode.HALF_EVEN),
                listSaving.currency());
        String note = r.priceNote() + "; saving on the price paid: the bill's effective cost in " + month + " was "
                + money(billed) + " against a list price of " + money(list.get()) + ", so the list saving "
                + money(listSaving) + " is scaled by " + ratio.setScale(3, RoundingMode.HALF_EVEN).toPlainString();
        String summary = r.summary() + " — " + money(saving) + "/month on the price paid (" + month + " bill)";
        return new Recommendation(r.id(), r.kind(), r.action(), r.resourceId(), r.resourceName(), r.current(),
                r.proposed(), Optional.of(saving), PriceBasis.EFFECTIVE_COST, note, r.risk(), r.effort(),
                r.confidence(), r.evidence(), r.autoscaled(), r.decisionMatrix(), summary);
    }

    static String money(Money m) {
        return m.roundedToMinorUnit().amount().toPlainString() + " " + m.currency().getCurrencyCode();
    }
}
