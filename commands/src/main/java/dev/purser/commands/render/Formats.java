package dev.purser.commands.render;

import dev.purser.commands.reply.Change;
import dev.purser.commands.reply.CodeBlock;
import dev.purser.commands.reply.Column;
import dev.purser.commands.reply.Details;
import dev.purser.commands.reply.Quantity;
import dev.purser.commands.reply.Table;
import dev.purser.commands.reply.UsageFigures;
import dev.purser.commands.reply.Value;
import dev.purser.commands.reply.ValueType;
import dev.purser.core.model.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Locale;

/**
 * How values look to people: money rounded to its minor unit with separators ({@code $1,234.56},
 * {@code 1,234.56 EUR}), ratios as percentages ({@code 5.6 %}), dates in ISO form. Handlers use
 * it for the sentences they write; the text and Markdown renderers use it for every value.
 *
 * <p>Rounding happens here and nowhere else. A column of rounded amounts would not always add up
 * to the rounded total below it (three thirds of $1.00 round to $0.33 each); {@link #cells}
 * gives the rounding residue to the rows that lost the most to rounding (largest remainder), so
 * a reader adding the displayed column gets the displayed total.
 */
public final class Formats {

    private static final Currency USD = Currency.getInstance("USD");

    private Formats() {
    }

    /** {@code $1,234.56}, {@code -$3.10}, {@code 1,234.56 EUR}. */
    public static String money(Money money) {
        Money rounded = money.roundedToMinorUnit();
        String digits = grouped(rounded.amount().abs());
        String sign = rounded.isNegative() ? "-" : "";
        if (rounded.currency().equals(USD)) {
            return sign + "$" + digits;
        }
        return sign + digits + " " + rounded.currency().getCurrencyCode();
    }

    /** Like {@link #money} with an explicit {@code +} for increases: {@code +$212.10}. */
    public static String signedMoney(Money money) {
        String plain = money(money);
        return money.roundedToMinorUnit().amount().signum() > 0 ? "+" + plain : plain;
    }

    /** A ratio as a percentage with one decimal: 0.0561 is {@code 5.6 %}; null is {@code n/a}. */
    public static String percent(BigDecimal ratio) {
        if (ratio == null) {
            return "n/a";
        }
        return ratio.movePointRight(2).setScale(1, RoundingMode.HALF_EVEN).toPlainString() + " %";
    }

    /** Like {@link #percent} with an explicit {@code +} for increases: {@code +5.6 %}. */
    public static String signedPercent(BigDecimal ratio) {
        String plain = percent(ratio);
        return ratio != null && ratio.movePointRight(2).setScale(1, RoundingMode.HALF_EVEN).signum() > 0
                ? "+" + plain : plain;
    }

    /** {@code 1,234} or {@code 1,234.5 rows}. */
    public static String number(BigDecimal number, String unit) {
        String sign = number.signum() < 0 ? "-" : "";
        String text = sign + grouped(number.abs());
        return unit == null || unit.isEmpty() ? text : text + " " + unit;
    }

    /** Any value for display; an empty value is the empty string. */
    public static String value(Value value) {
        if (value.isEmpty()) {
            return "";
        }
        switch (value.type()) {
            case TEXT:
                return value.asText();
            case MONEY:
                return money(value.asMoney());
            case NUMBER:
                return number(value.asNumber(), value.unit());
            case PERCENT:
                return percent(value.asNumber());
            case DATE:
                return value.asDate().toString();
            case QUANTITY:
                return quantity(value.asQuantity());
            case CHANGE:
                return change(value.asChange());
            case DETAILS:
                return details(value.asDetails());
            case USAGE:
                return usage(value.asUsage());
            case LIST:
                return value.asList().isEmpty() ? "none"
                        : String.join(", ", value.asList().stream().map(Formats::value).toList());
        }
        throw new AssertionError(value.type());
    }

    /** {@code 0.45} (cores), {@code 356 MiB} or {@code 1.50 GiB} (bytes); a manifest's own literal as written. */
    public static String quantity(Quantity q) {
        if (q.literal().isPresent()) {
            return q.literal().get();
        }
        switch (q.unit()) {
            case CORES:
                return q.amount().stripTrailingZeros().toPlainString();
            case BYTES:
                return bytes(q.amount().doubleValue());
        }
        throw new AssertionError(q.unit());
    }

    /** {@code 356 MiB}, or {@code 1.50 GiB} from a GiB up. */
    public static String bytes(double bytes) {
        double mib = bytes / (1024.0 * 1024);
        return mib >= 1024 ? String.format(Locale.ROOT, "%.2f GiB", mib / 1024)
                : String.format(Locale.ROOT, "%.0f MiB", mib);
    }

    /** {@code 1 → 0.45}; the one value when both sides read the same; an empty side reads {@code none}. */
    public static String change(Change c) {
        String from = orNone(c.from());
        String to = orNone(c.to());
        return from.equals(to) ? from : from + " → " + to;
    }

    /** The label, else the fields in order ({@code 0.25, 256 MiB}), an empty field reading {@code none}. */
    public static String details(Details d) {
        if (d.label().isPresent()) {
            return d.label().get();
        }
        return String.join(", ", d.fields().stream().map(f -> orNone(f.value())).toList());
    }

    /** {@code 0.29/0.30 cores, 356 MiB}, or {@code no data}. */
    public static String usage(UsageFigures u) {
        List<String> parts = new ArrayList<>();
        if (u.cpuP95Cores().isPresent()) {
            parts.add(String.format(Locale.ROOT, "%.2f/%.2f cores", u.cpuP95Cores().get(), u.cpuP99Cores().get()));
        }
        if (u.memoryMaxBytes().isPresent()) {
            parts.add(bytes(u.memoryMaxBytes().getAsLong()));
        }
        return parts.isEmpty() ? "no data" : String.join(", ", parts);
    }

    private static String orNone(Value v) {
        return v.isEmpty() ? "none" : value(v);
    }

    /** A key figure for display: like {@link #value}, but an empty one reads {@code n/a}. */
    public static String figure(Value value) {
        return value.isEmpty() ? "n/a" : value(value);
    }

    /** True for the types shown right-aligned in tables. */
    public static boolean isNumeric(ValueType type) {
        switch (type) {
            case MONEY:
            case NUMBER:
            case PERCENT:
                return true;
            case TEXT:
            case DATE:
            // quantities keep the alignment of the words around them: many are written as manifests write them
            case QUANTITY:
            case CHANGE:
            case DETAILS:
            case USAGE:
            case LIST:
                return false;
        }
        throw new AssertionError(type);
    }

    /** A table's cells as displayed, rows then (when present) the footer as the last list. */
    public static List<List<String>> cells(Table table) {
        int width = table.columns().size();
        List<List<String>> out = new ArrayList<>();
        for (List<Value> row : table.rows()) {
            List<String> cells = new ArrayList<>();
            for (Value v : row) {
                cells.add(value(v));
            }
            out.add(cells);
        }
        if (!table.footer().isEmpty()) {
            List<String> cells = new ArrayList<>();
            for (Value v : table.footer()) {
                cells.add(value(v));
            }
            out.add(cells);
            for (int c = 0; c < width; c++) {
                Column column = table.columns().get(c);
                if (column.type() == ValueType.MONEY) {
                    reconcile(table, c, out);
                }
            }
        }
        return out;
    }

    // Rewrites column c's row cells so they add up to the footer's rounded amount, when the exact
    // rows add up exactly to the exact footer (otherwise the column never claimed to add up).
    private static void reconcile(Table table, int c, List<List<String>> out) {
        Value footer = table.footer().get(c);
        if (footer.isEmpty()) {
            return;
        }
        Money total = footer.asMoney();
        List<Integer> indexes = new ArrayList<>();
        BigDecimal sum = BigDecimal.ZERO;
        for (int r = 0; r < table.rows().size(); r++) {
            Value v = table.rows().get(r).get(c);
            if (v.isEmpty()) {
                continue;
            }
            if (!v.asMoney().currency().equals(total.currency())) {
                return;
            }
            sum = sum.add(v.asMoney().amount());
            indexes.add(r);
        }
        if (indexes.isEmpty() || sum.compareTo(total.amount()) != 0) {
            return;
        }
        List<BigDecimal> exact = new ArrayList<>();
        for (int r : indexes) {
            exact.add(table.rows().get(r).get(c).asMoney().amount());
        }
        int digits = Math.max(total.currency().getDefaultFractionDigits(), 0);
        List<BigDecimal> rounded = allocate(exact, total.amount(), digits);
        for (int i = 0; i < indexes.size(); i++) {
            out.get(indexes.get(i)).set(c, money(new Money(rounded.get(i), total.currency())));
        }
    }

    /**
     * Rounds each amount to {@code digits} decimals so that the rounded amounts add up to
     * {@code total} rounded: the residue goes one minor unit at a time to the amounts whose
     * rounding moved them furthest the other way; ties go to the earlier amount.
     */
    public static List<BigDecimal> allocate(List<BigDecimal> exact, BigDecimal total, int digits) {
        List<BigDecimal> rounded = new ArrayList<>();
        BigDecimal sum = BigDecimal.ZERO;
        for (BigDecimal x : exact) {
            BigDecimal r = x.setScale(digits, RoundingMode.HALF_EVEN);
            rounded.add(r);
            sum = sum.add(r);
        }
        BigDecimal unit = BigDecimal.ONE.movePointLeft(digits);
        int residue = total.setScale(digits, RoundingMode.HALF_EVEN).subtract(sum).divide(unit).intValueExact();
        if (residue == 0) {
            return rounded;
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < exact.size(); i++) {
            order.add(i);
        }
        // What rounding took away from each amount; positive when it was rounded down.
        Comparator<Integer> byLoss = Comparator.comparing(i -> exact.get(i).subtract(rounded.get(i)));
        order.sort(residue > 0 ? byLoss.reversed() : byLoss);
        BigDecimal step = residue > 0 ? unit : unit.negate();
        for (int k = 0; k < Math.abs(residue); k++) {
            int i = order.get(k % order.size());
            rounded.set(i, rounded.get(i).add(step));
        }
        return rounded;
    }

    private static String grouped(BigDecimal nonNegative) {
        String plain = nonNegative.toPlainString();
        int dot = plain.indexOf('.');
        String whole = dot < 0 ? plain : plain.substring(0, dot);
        String fraction = dot < 0 ? "" : plain.substring(dot);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < whole.length(); i++) {
            if (i > 0 && (whole.length() - i) % 3 == 0) {
                b.append(',');
            }
            b.append(whole.charAt(i));
        }
        return b + fraction;
    }

    /**
     * The block's text verbatim between backtick fences, the opening one carrying the language:
     * what Markdown shows as a code block and what a terminal user copies from. The fence is
     * longer than the longest run of backticks in the text (at least three), so no line of the
     * text can close it early; the text gets a final line break if it lacks one.
     */
    public static String fenced(CodeBlock block) {
        String text = block.text();
        int longest = 0;
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            run = text.charAt(i) == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String fence = "`".repeat(Math.max(3, longest + 1));
        StringBuilder out = new StringBuilder(fence).append(block.language()).append('\n').append(text);
        if (!text.isEmpty() && !text.endsWith("\n")) {
            out.append('\n');
        }
        return out.append(fence).append('\n').toString();
    }
}
