package dev.purser.core.analysis.forecast;

import dev.purser.core.analysis.costs.CostFilter;
import dev.purser.core.analysis.costs.CostMetric;
import dev.purser.core.model.Dimension;
import dev.purser.core.model.Money;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A {@link DailySpendSource} over rows added by hand. Each row may carry an account and tags;
 * filters match case-insensitively on service, account, charge category and tags, like the store.
 * The metric is ignored: every row has one amount.
 */
public final class FakeDailySpend implements DailySpendSource {

    /** A row with the dimensions the fake can filter on. */
    public record Row(DailySpend spend, String account, Map<String, String> tags) {
        public Row {
            tags = Map.copyOf(tags);
        }
    }

    private final List<Row> rows = new ArrayList<>();
    private DataSpan span;

    public FakeDailySpend add(LocalDate day, String service, String category, String amount, String account,
                              Map<String, String> tags) {
        rows.add(new Row(new DailySpend(day, service, category, Money.of(amount, "USD")), account, tags));
        return this;
    }

    public FakeDailySpend add(LocalDate day, String service, String category, Money amount) {
        rows.add(new Row(new DailySpend(day, service, category, amount), "acct", Map.of()));
        return this;
    }

    /** Adds one Usage row per day from {@code from} to {@code to} inclusive, amount by day. */
    public FakeDailySpend daily(String service, LocalDate from, LocalDate to, Function<LocalDate, String> amount) {
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            add(d, service, "Usage", Money.of(amount.apply(d), "USD"));
        }
        return this;
    }

    /** Fixes the data span instead of deriving it from the rows. */
    public FakeDailySpend span(LocalDate first, LocalDate last) {
        this.span = new DataSpan(first, last);
        return this;
    }

    @Override
    public List<DailySpend> dailySpend(CostFilter filter, CostMetric metric, LocalDate from, LocalDate toExclusive) {
        List<DailySpend> out = new ArrayList<>();
        for (Row r : rows) {
            LocalDate day = r.spend().day();
            if (!day.isBefore(from) && day.isBefore(toExclusive) && matches(r, filter)) {
                out.add(r.spend());
            }
        }
        return out;
    }

    @Override
    public Optional<DataSpan> dataSpan(CostFilter filter) {
        if (span != null) {
            return Optional.of(span);
        }
        LocalDate first = null;
        LocalDate last = null;
        for (Row r : rows) {
            LocalDate d = r.spend().day();
            first = first == null || d.isBefore(first) ? d : first;
            last = last == null || d.isAfter(last) ? d : last;
        }
        return first == null ? Optional.empty() : Optional.of(new DataSpan(first, last));
    }

    @Override
    public Map<String, LocalDate> lastDays(CostFilter filter, LocalDate from, LocalDate toExclusive) {
        String account = filter.equalTo().get(new Dimension(Dimension.Kind.BILLING_ACCOUNT, null));
        Map<String, LocalDate> out = new java.util.TreeMap<>();
        for (Row r : rows) {
            LocalDate d = r.spend().day();
            if (d.isBefore(from) || !d.isBefore(toExclusive) || r.spend().amount().amount().signum() == 0
                    || (account != null && !account.equalsIgnoreCase(r.account()))
                    || (span != null && d.isAfter(span.last()))) {
                continue;
            }
            out.merge(r.account(), d, (a, b) -> a.isAfter(b) ? a : b);
        }
        return out;
    }

    private static boolean matches(Row r, CostFilter filter) {
        for (Map.Entry<Dimension, String> e : filter.equalTo().entrySet()) {
            String value = switch (e.getKey().kind()) {
                case SERVICE -> r.spend().service();
                case BILLING_ACCOUNT -> r.account();
                case CHARGE_CATEGORY -> r.spend().chargeCategory();
                case TAG -> r.tags().get(e.getKey().tagKey());
                case SERVICE_CATEGORY, PROVIDER, SUB_ACCOUNT, REGION, RESOURCE -> null;
            };
            if (value == null || !value.equalsIgnoreCase(e.getValue())) {
                return false;
            }
        }
        return true;
    }
}
