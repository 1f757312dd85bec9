package dev.purser.core.analysis.rightsizing;

import dev.purser.core.model.Money;
import java.time.Duration;
import java.util.Locale;

/** Small, locale-independent number formats for the sentences right-sizing writes. */
final class Formats {

    static final double GIB = 1024.0 * 1024 * 1024;
    static final double MIB = 1024.0 * 1024;

    private Formats() {
    }

    static String bytes(double bytes) {
        if (Double.isNaN(bytes)) {
            return "unknown";
        }
        if (bytes >= GIB) {
            return String.format(Locale.ROOT, "%.1f GiB", bytes / GIB);
        }
        return String.format(Locale.ROOT, "%.0f MiB", bytes / MIB);
    }

    static String cores(double cores) {
        return Double.isNaN(cores) ? "unknown" : String.format(Locale.ROOT, "%.2f cores", cores);
    }

    static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f %%", 100 * share);
    }

    static String money(Money m) {
        return m.roundedToMinorUnit().amount().toPlainString() + " " + m.currency().getCurrencyCode();
    }

    static String duration(Duration d) {
        long minutes = d.toMinutes();
        if (minutes < 120) {
            return minutes + " min";
        }
        if (minutes < 48 * 60) {
            return String.format(Locale.ROOT, "%.1f h", minutes / 60.0);
        }
        return String.format(Locale.ROOT, "%.1f days", minutes / 1440.0);
    }
}
