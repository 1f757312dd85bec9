package dev.purser.core.analysis.rightsizing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsing and formatting of compose byte values ({@code 512M}, {@code 1.5g}) and Kubernetes quantities ({@code 250m}, {@code 256Mi}). */
final class Quantities {

    static final long MIB = 1024L * 1024;
    static final long GIB = 1024L * MIB;

    private static final Pattern COMPOSE_BYTES = Pattern.compile("(?i)^\\s*(\\d+(?:\\.\\d+)?)\\s*([kmgt]?)(i?b?)\\s*$");
    private static final Pattern K8S_CPU = Pattern.compile("^\\s*(\\d+(?:\\.\\d+)?)(m?)\\s*$");
    private static final Pattern K8S_MEMORY = Pattern.compile("^\\s*(\\d+(?:\\.\\d+)?)(Ki|Mi|Gi|Ti|k|M|G|T)?\\s*$");

    private Quantities() {
    }

    /** Compose/Docker bytes: a number with an optional b/k/m/g/t unit (binary multiples, as Docker reads them). */
    static OptionalLong parseComposeBytes(String text) {
        Matcher m = COMPOSE_BYTES.matcher(unquote(text));
        if (!m.matches()) {
            return OptionalLong.empty();
        }
        double n = Double.parseDouble(m.group(1));
        long unit = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "k" -> 1024L;
            case "m" -> MIB;
            case "g" -> GIB;
            case "t" -> GIB * 1024;
            default -> 1L;
        };
        return OptionalLong.of(Math.round(n * unit));
    }

    static OptionalDouble parseCpus(String text) {
        try {
            return OptionalDouble.of(Double.parseDouble(unquote(text).trim()));
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }

    static String unquote(String text) {
        String t = text.trim();
        if (t.length() >= 2 && (t.startsWith("\"") && t.endsWith("\"") || t.startsWith("'") && t.endsWith("'"))) {
            return t.substring(1, t.length() - 1);
        }
        return t;
    }

    /** Cores rounded up to a multiple of 0.05, at least 0.05. */
    static double roundUpCpus(double cores) {
        double r = Math.ceil(cores * 20 - 1e-9) / 20.0;
        return Math.max(0.05, r);
    }

    /** Bytes rounded up to a whole 16 MiB, at least 16 MiB. */
    static long roundUpMemory(double bytes) {
        long step = 16 * MIB;
        long r = (long) Math.ceil(bytes / step - 1e-12) * step;
        return Math.max(step, r);
    }

    static String formatCpus(double cores) {
        return BigDecimal.valueOf(cores).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    /**
     * Bytes in the style of an existing compose value: its unit letter's case and suffix
     * ({@code M}, {@code m}, {@code MB}, {@code G}); whole gibibytes in G, otherwise mebibytes.
     */
    static String formatComposeBytes(long bytes, String like) {
        Matcher m = COMPOSE_BYTES.matcher(like == null ? "" : unquote(like));
        boolean lower = false;
        String suffix = "";
        if (m.matches() && !m.group(2).isEmpty()) {
            lower = Character.isLowerCase(m.group(2).charAt(0));
            suffix = m.group(3);
        }
        String unit;
        long amount;
        if (bytes % GIB == 0) {
            unit = "G";
            amount = bytes / GIB;
        } else {
            unit = "M";
            amount = (bytes + MIB - 1) / MIB;
        }
        return amount + (lower ? unit.toLowerCase(Locale.ROOT) : unit) + suffix;
    }

    static OptionalDouble parseK8sCpu(String text) {
        Matcher m = K8S_CPU.matcher(unquote(text));
        if (!m.matches()) {
            return OptionalDouble.empty();
        }
        double v = Double.parseDouble(m.group(1));
        return OptionalDouble.of(m.group(2).isEmpty() ? v : v / 1000.0);
    }

    static OptionalLong parseK8sMemory(String text) {
        Matcher m = K8S_MEMORY.matcher(unquote(text));
        if (!m.matches()) {
            return OptionalLong.empty();
        }
        double v = Double.parseDouble(m.group(1));
        long unit = m.group(2) == null ? 1 : switch (m.group(2)) {
            case "Ki" -> 1024L;
            case "Mi" -> MIB;
            case "Gi" -> GIB;
            case "Ti" -> GIB * 1024;
            case "k" -> 1000L;
            case "M" -> 1_000_000L;
            case "G" -> 1_000_000_000L;
            default -> 1_000_000_000_000L;
        };
        return OptionalLong.of(Math.round(v * unit));
    }

    /** Millicores rounded up to 10m, at least 10m. */
    static String formatK8sCpu(double cores) {
        long milli = Math.max(10, (long) Math.ceil(cores * 100 - 1e-9) * 10);
        return milli % 1000 == 0 ? Long.toString(milli / 1000) : milli + "m";
    }

    /** Mebibytes rounded up to 8 Mi (or whole Gi). */
    static String formatK8sMemory(long bytes) {
        if (bytes % GIB == 0) {
            return bytes / GIB + "Gi";
        }
        long mib = (bytes + MIB - 1) / MIB;
        mib = ((mib + 7) / 8) * 8;
        return mib + "Mi";
    }
}
