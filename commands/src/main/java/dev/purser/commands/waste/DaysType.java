package dev.purser.commands.waste;

import dev.purser.commands.ArgumentType;
import dev.purser.core.error.PurserException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** A number of days: {@code 90d}, {@code 12w} or a bare {@code 90}, from 1 day to 10 years. */
public final class DaysType implements ArgumentType<Duration> {

    private static final long MAX_DAYS = 3650;

    @Override
    public Duration parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        long factor = 1;
        String digits = t;
        if (t.endsWith("d")) {
            digits = t.substring(0, t.length() - 1);
        } else if (t.endsWith("w")) {
            digits = t.substring(0, t.length() - 1);
            factor = 7;
        }
        long days;
        try {
            days = Long.parseLong(digits) * factor;
        } catch (NumberFormatException e) {
            throw PurserException.badArgument("'" + text + "' is not a number of days; expected for example 90d or 12w");
        }
        if (days < 1 || days > MAX_DAYS) {
            throw PurserException.badArgument(days + " days is out of range; expected 1d to " + MAX_DAYS + "d");
        }
        return Duration.ofDays(days);
    }

    @Override
    public JsonKind jsonKind() {
        return JsonKind.STRING;
    }

    @Override
    public String expected() {
        return "days (90d, 12w)";
    }

    @Override
    public List<String> examples() {
        return List.of("90d", "30d", "12w");
    }
}
