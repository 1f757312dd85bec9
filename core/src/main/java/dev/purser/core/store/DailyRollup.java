package dev.purser.core.store;

import dev.purser.core.model.CostLineItem;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What one load adds up while its rows stream past: the {@code cost_daily} sums (per charge day
 * and rolled-up dimensions: billed, effective and list cost, rows without a list cost, row
 * count), the billed total per currency, the charge days spanned, and the (billing account,
 * billing month) pairs the rows cover.
 *
 * <p>Memory grows with days × rolled-up dimension values, not with rows, so a file of millions
 * of rows is summed in a few thousand entries. Sums are exact {@link BigDecimal}s; nothing is
 * rounded. Not thread-safe.
 */
final class DailyRollup {

    /** The statement whose input {@link #encode} writes. */
    static final String COPY = "COPY cost_daily (day, source, billing_period_start, billing_currency,"
            + " billing_account_id, billing_account_name, provider_name, service_name, service_category,"
            + " sub_account_id, sub_account_name, region_id, charge_category, env, billed, effective, list,"
            + " list_missing, row_count, import_id) FROM STDIN";

    /** The statement whose input {@link #encodeMonthly} writes. */
    static final String MONTHLY_COPY = "COPY cost_monthly (month, source, billing_period_start, billing_currency,"
            + " billing_account_id, billing_account_name, provider_name, service_name, service_category,"
            + " sub_account_id, sub_account_name, region_id, charge_category, env, billed, effective, list,"
            + " list_missing, row_count, import_id) FROM STDIN";

    /** A billing account's billing month (its first day, UTC) that a load's rows cover. */
    record Coverage(String account, LocalDate period) {
    }

    private final Map<DailyKey, DailySums> daily = new HashMap<>();
    private final Map<Currency, BigDecimal> totals = new TreeMap<>((a, b) -> a.getCurrencyCode().compareTo(b.getCurrencyCode()));
    private final Set<Coverage> coverage = new LinkedHashSet<>();
    private LocalDate firstDay;
    private LocalDate lastDay;

    // one-entry caches: consecutive rows usually share their periods
    private Instant lastChargeStart;
    private LocalDate lastChargeDay;
    private Instant lastBillingStart;
    private LocalDate lastBillingDay;

    /** The UTC day the row's charge starts on. */
    LocalDate chargeDay(CostLineItem item) {
        Instant chargeStart = item.chargePeriodStart();
        if (!chargeStart.equals(lastChargeStart)) {
            lastChargeStart = chargeStart;
            lastChargeDay = LocalDate.ofInstant(chargeStart, ZoneOffset.UTC);
        }
        return lastChargeDay;
    }

    /** Adds one row to the sums. */
    void add(CostLineItem item) {
        LocalDate day = chargeDay(item);
        Instant billingStart = item.billingPeriodStart();
        if (!billingStart.equals(lastBillingStart)) {
            lastBillingStart = billingStart;
            lastBillingDay = LocalDate.ofInstant(billingStart, ZoneOffset.UTC);
        }
        if (firstDay == null || day.isBefore(firstDay)) {
            firstDay = day;
        }
        if (lastDay == null || day.isAfter(lastDay)) {
            lastDay = day;
        }
        coverage.add(new Coverage(item.billingAccountId(), lastBillingDay));
        totals.merge(item.billingCurrency(), item.billedCost(), BigDecimal::add);
        DailyKey key = new DailyKey(day, lastBillingDay, item.billingCurrency().getCurrencyCode(),
                item.billingAccountId(), item.billingAccountName(), item.providerName(), item.serviceName(),
                item.serviceCategory(), item.subAccountId(), item.subAccountName(), item.regionId(),
                item.chargeCategory().focusValue(), item.tags().get("env"));
        DailySums sums = daily.get(key);
        if (sums == null) {
            sums = new DailySums();
            daily.put(key, sums);
        }
        sums.billed = sums.billed.add(item.billedCost());
        sums.effective = sums.effective.add(item.effectiveCost());
        if (item.listCost() == null) {
            sums.listMissing++;
        } else {
            sums.list = sums.list.add(item.listCost());
        }
        sums.rows++;
    }

    /**
     * Appends one {@link #COPY} row per day and dimension set, calling {@code afterRow} after
     * each so the caller can flush a full buffer.
     *
     * @param sourceText the source, already COPY-escaped
     */
    void encode(CopyText o, String sourceText, long importId, Runnable afterRow) {
        encode(daily, o, sourceText, importId, afterRow);
    }

    /**
     * As {@link #encode}, for {@link #MONTHLY_COPY}: the same sums added up per calendar month of
     * their day, so the monthly rollup is exactly the daily one summed.
     */
    void encodeMonthly(CopyText o, String sourceText, long importId, Runnable afterRow) {
        Map<DailyKey, DailySums> monthly = new HashMap<>();
        for (Map.Entry<DailyKey, DailySums> e : daily.entrySet()) {
            DailyKey k = e.getKey();
            DailyKey month = new DailyKey(k.day().withDayOfMonth(1), k.billingPeriod(), k.currency(), k.accountId(),
                    k.accountName(), k.provider(), k.service(), k.serviceCategory(), k.subAccountId(),
                    k.subAccountName(), k.region(), k.chargeCategory(), k.env());
            DailySums s = e.getValue();
            DailySums sums = monthly.computeIfAbsent(month, x -> new DailySums());
            sums.billed = sums.billed.add(s.billed);
            sums.effective = sums.effective.add(s.effective);
            sums.list = sums.list.add(s.list);
            sums.listMissing += s.listMissing;
            sums.rows += s.rows;
        }
        encode(monthly, o, sourceText, importId, afterRow);
    }

    private static void encode(Map<DailyKey, DailySums> sums, CopyText o, String sourceText, long importId,
                               Runnable afterRow) {
        for (Map.Entry<DailyKey, DailySums> e : sums.entrySet()) {
            DailyKey k = e.getKey();
            DailySums s = e.getValue();
            o.raw(k.day().toString()).tab().raw(sourceText).tab().raw(k.billingPeriod().toString()).tab()
                    .raw(k.currency()).tab();
            o.text(k.accountId()).tab();
            o.text(k.accountName()).tab();
            o.text(k.provider()).tab();
            o.text(k.service()).tab();
            o.text(k.serviceCategory()).tab();
            o.text(k.subAccountId()).tab();
            o.text(k.subAccountName()).tab();
            o.text(k.region()).tab();
            o.raw(k.chargeCategory()).tab();
            o.text(k.env()).tab();
            o.raw(s.billed.toPlainString()).tab().raw(s.effective.toPlainString()).tab()
                    .raw(s.list.toPlainString()).tab().raw(s.listMissing).tab()
                    .raw(s.rows).tab().raw(importId).endRow();
            afterRow.run();
        }
    }

    /** Billed totals per currency, in currency-code order. */
    Map<Currency, BigDecimal> totals() {
        return Collections.unmodifiableMap(totals);
    }

    /** The (account, billing month) pairs covered, in the order first met. */
    Set<Coverage> coverage() {
        return Collections.unmodifiableSet(coverage);
    }

    /** The billing accounts covered, in the order first met. */
    Set<String> accounts() {
        Set<String> accounts = new LinkedHashSet<>();
        coverage.forEach(c -> accounts.add(c.account()));
        return accounts;
    }

    /** The billing months (first days) covered, in the order first met. */
    Set<LocalDate> periods() {
        Set<LocalDate> periods = new LinkedHashSet<>();
        coverage.forEach(c -> periods.add(c.period()));
        return periods;
    }

    /** The earliest charge day added; null before the first row. */
    LocalDate firstDay() {
        return firstDay;
    }

    /** The latest charge day added; null before the first row. */
    LocalDate lastDay() {
        return lastDay;
    }

    /** Day and dimension sets summed so far, one {@code cost_daily} row each. */
    int size() {
        return daily.size();
    }

    private record DailyKey(LocalDate day, LocalDate billingPeriod, String currency, String accountId,
                            String accountName, String provider, String service, String serviceCategory,
                            String subAccountId, String subAccountName, String region, String chargeCategory,
                            String env) {
    }

    private static final class DailySums {
        BigDecimal billed = BigDecimal.ZERO;
        BigDecimal effective = BigDecimal.ZERO;
        BigDecimal list = BigDecimal.ZERO;
        long listMissing;
        long rows;
    }
}
