package dev.purser.core.query;

import dev.purser.core.error.PurserException;
import dev.purser.core.model.Period;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what users type into a {@link Period}. "Today" comes from the injected clock in the
 * configured zone, so {@code mtd} near midnight means the same thing in tests and in production.
 */
public final class PeriodParser {

    /** The forms accepted, for error messages and usage text. */
    public static final List<String> FORMS = List.of(
            "mtd", "last-month", "ytd", "today", "yesterday", "7d", "30d", "90d",
            "2026-10", "2026-09-01..2026-09-30");

    private static final Pattern DAYS = Pattern.compile("(\\d{1,4})d");
    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(\\d{1,2})");
    private static final Pattern RANGE = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})\\.\\.(\\d{4}-\\d{2}-\\d{2})");

    private final Clock clock;
    private final ZoneId zone;

    public PeriodParser(Clock clock, ZoneId zone) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    public ZoneId zone() {
        return zone;
    }

    public LocalDate today() {
        return LocalDate.now(clock.withZone(zone));
    }

    /**
     * @throws PurserException with code BAD_ARGUMENT naming the text and the accepted forms
     */
    public Period parse(String text) {
        Objects.requireNonNull(text, "text");
        String t = text.trim().toLowerCase(Locale.ROOT);
        LocalDate today = today();
        switch (t) {
            case "mtd":
            case "this-month":
                return new Period(today.withDayOfMonth(1), today.plusDays(1), zone);
            case "last-month":
            case "previous-month": {
                LocalDate first = today.withDayOfMonth(1).minusMonths(1);
                return new Period(first, first.plusMonths(1), zone);
            }
            case "ytd":
                return new Period(today.withDayOfYear(1), today.plusDays(1), zone);
            case "today":
                return new Period(today, today.plusDays(1), zone);
            case "yesterday":
                return new Period(today.minusDays(1), today, zone);
            default:
                break;
        }
        Matcher m = DAYS.matcher(t);
        if (m.matches()) {
            int days = Integer.parseInt(m.group(1));
            if (days < 1 || days > 3660) {
                throw invalid(text, "the number of days must be between 1 and 3660");
            }
            return new Period(today.minusDays(days - 1L), today.plusDays(1), zone);
        }
        m = MONTH.matcher(t);
        if (m.matches()) {
            int month = Integer.parseInt(m.group(2));
            if (month < 1 || month > 12) {
                throw invalid(text, "month " + month + " does not exist");
            }
            YearMonth ym = YearMonth.of(Integer.parseInt(m.group(1)), month);
            return new Period(ym.atDay(1), ym.plusMonths(1).atDay(1), zone);
        }
        m = RANGE.matcher(t);
        if (m.matches()) {
            LocalDate from = date(text, m.group(1));
            LocalDate to = date(text, m.group(2));
            if (to.isBefore(from)) {
                throw invalid(text, "period end is before start");
            }
            return Period.ofDays(from, to, zone);
        }
        throw invalid(text, null);
    }

    private static LocalDate date(String text, String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeException e) {
            throw invalid(text, value + " is not a calendar date");
        }
    }

    private static PurserException invalid(String text, String why) {
        String reason = why == null ? "" : " (" + why + ")";
        return PurserException.badArgument("invalid period '" + text + "'" + reason
                + "; expected one of: " + String.join(", ", FORMS));
    }
}
