package dev.purser.core.store;

import dev.purser.core.model.ChargeCategory;
import dev.purser.core.model.CostLineItem;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.Map;

/** Cost rows for the store's unit tests: one droplet charge of an account on a day. */
final class Rows {

    static final Currency USD = Currency.getInstance("USD");

    private Rows() {
    }

    static CostLineItem charge(String account, LocalDate day, String service, String billed, String list,
                               Map<String, String> tags, Map<String, String> extras) {
        Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant month = day.withDayOfMonth(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant nextMonth = day.withDayOfMonth(1).plusMonths(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        BigDecimal amount = new BigDecimal(billed);
        return new CostLineItem(account, "Mandible", month, nextMonth, start, start.plusSeconds(86_400),
                ChargeCategory.USAGE, null, "Droplet api-1", amount, amount, list == null ? null : new BigDecimal(list),
                null, USD, "DigitalOcean", "DigitalOcean", "DigitalOcean", service, "Compute", "droplet-1", "api-1",
                null, "nyc3", null, null, null, null, null, new BigDecimal("24"), "Hours", new BigDecimal("24"), "Hours",
                null, tags, extras);
    }

    static CostLineItem charge(String account, LocalDate day, String billed) {
        return charge(account, day, "Droplets", billed, billed, Map.of(), Map.of());
    }
}
