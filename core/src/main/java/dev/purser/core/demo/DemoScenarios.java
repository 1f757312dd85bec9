package dev.purser.core.demo;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * Generates the three demo scenarios of the design ({@code mandible}, {@code investment},
 * {@code livyflow}). Generation is a pure function of the last day: fixed seeds, no clock, no
 * randomness from the environment, so the same last day gives byte-identical files.
 *
 * <p>Each scenario's bill covers {@link #BILL_DAYS} UTC days ending on the last day (inclusive);
 * its usage covers the 35 days ending on the last day at a 15-minute step.
 */
public final class DemoScenarios {

    /** Days of billing generated, ending on the last day. */
    public static final int BILL_DAYS = 184;

    /** Scenario names, in the order {@link #generate(LocalDate)} returns them. */
    public static final List<String> NAMES = List.of(
            MandibleScenario.NAME, InvestmentScenario.NAME, LivyflowScenario.NAME);

    private DemoScenarios() {
    }

    /** All three scenarios, in the order of {@link #NAMES}. */
    public static List<Scenario> generate(LocalDate lastDay) {
        Objects.requireNonNull(lastDay, "lastDay");
        return List.of(MandibleScenario.build(lastDay), InvestmentScenario.build(lastDay),
                LivyflowScenario.build(lastDay));
    }

    /**
     * One scenario by name.
     *
     * @throws dev.purser.core.error.PurserException BAD_ARGUMENT for a name not in {@link #NAMES}
     */
    public static Scenario generate(String name, LocalDate lastDay) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(lastDay, "lastDay");
        return switch (name) {
            case MandibleScenario.NAME -> MandibleScenario.build(lastDay);
            case InvestmentScenario.NAME -> InvestmentScenario.build(lastDay);
            case LivyflowScenario.NAME -> LivyflowScenario.build(lastDay);
            default -> throw dev.purser.core.error.PurserException.badArgument(
                    "unknown demo scenario: " + name + " (expected one of " + String.join(", ", NAMES) + ")");
        };
    }
}
