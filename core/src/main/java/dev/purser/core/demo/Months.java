package dev.purser.core.demo;

import dev.purser.core.model.ChargeCategory;
import dev.purser.core.model.CostLineItem;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Calendar-month helpers for charges that providers settle once a month (tax, credits). */
final class Months {

    private Months() {
    }

    /** Usage BilledCost per month in the rows so far. */
    static Map<YearMonth, BigDecimal> usageByMonth(List<CostLineItem> items) {
        Map<YearMonth, BigDecimal> sums = new TreeMap<>();
        for (CostLineItem i : items) {
            if (i.chargeCategory() == ChargeCategory.USAGE || i.chargeCategory() == ChargeCategory.PURCHASE) {
                YearMonth m = YearMonth.from(i.chargePeriodStart().atOffset(ZoneOffset.UTC));
                sums.merge(m, i.billedCost(), BigDecimal::add);
            }
        }
        return sums;
    }

    /** The day a monthly charge lands: the month's last day, or the last generated day if sooner. */
    static LocalDate settlementDay(YearMonth month, LocalDate lastDay) {
        LocalDate end = month.atEndOfMonth();
        return end.isAfter(lastDay) ? lastDay : end;
    }

    /** The share of the month's days that fall inside the window (for pro-rated monthly credits). */
    static BigDecimal coveredShare(YearMonth month, LocalDate firstDay, LocalDate lastDay) {
        LocalDate from = month.atDay(1).isBefore(firstDay) ? firstDay : month.atDay(1);
        LocalDate to = settlementDay(month, lastDay);
        long days = to.toEpochDay() - from.toEpochDay() + 1;
        return BigDecimal.valueOf(days).divide(BigDecimal.valueOf(month.lengthOfMonth()), 6,
                java.math.RoundingMode.HALF_EVEN);
    }
}
