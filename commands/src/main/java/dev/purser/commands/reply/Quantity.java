package dev.purser.commands.reply;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * A measured amount with its unit: {@code 0.45} cores, {@code 373293056} bytes. Machines read the
 * amount and the unit; people see it formatted ({@code 356 MiB}).
 *
 * @param literal the amount as a manifest writes it ({@code 250m}, {@code 384Mi}) when it came
 *                from one, so a program can paste it back; renderers show it as is
 */
public record Quantity(BigDecimal amount, Unit unit, Optional<String> literal) {

    public Quantity {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(literal, "literal");
        if (amount.signum() < 0) {
            throw new IllegalArgumentException("quantity is negative: " + amount.toPlainString() + " " + unit.word());
        }
    }

    public static Quantity cores(BigDecimal cores) {
        return new Quantity(cores, Unit.CORES, Optional.empty());
    }

    public static Quantity bytes(long bytes) {
        return new Quantity(BigDecimal.valueOf(bytes), Unit.BYTES, Optional.empty());
    }

    /** The units a quantity can have; each renderer formats every one (no default branch). */
    public enum Unit {
        /** CPU cores (vCPUs); fractions allowed. */
        CORES("cores"),
        /** Bytes of memory; shown in MiB or GiB. */
        BYTES("bytes");

        private final String word;

        Unit(String word) {
            this.word = word;
        }

        /** The unit as JSON names it. */
        public String word() {
            return word;
        }
    }
}
