package dev.purser.commands.anomalies;

import dev.purser.commands.ArgumentSpec;
import dev.purser.commands.ArgumentType;
import dev.purser.commands.ArgumentTypes;
import dev.purser.commands.CommandContext;
import dev.purser.commands.CommandSpec;
import dev.purser.commands.Effect;
import dev.purser.commands.Invocation;
import dev.purser.commands.Role;
import dev.purser.commands.cost.CostCommand;
import dev.purser.commands.cost.CostWords;
import dev.purser.commands.render.Formats;
import dev.purser.commands.reply.Column;
import dev.purser.commands.reply.Details;
import dev.purser.commands.reply.FollowUp;
import dev.purser.commands.reply.Reply;
import dev.purser.commands.reply.Table;
import dev.purser.commands.reply.Value;
import dev.purser.commands.reply.ValueType;
import dev.purser.core.analysis.anomalies.Anomaly;
import dev.purser.core.analysis.anomalies.AnomalyDetector;
import dev.purser.core.analysis.anomalies.AnomalyFinder;
import dev.purser.core.analysis.anomalies.AnomalyGrouping;
import dev.purser.core.analysis.anomalies.AnomalyKind;
import dev.purser.core.analysis.anomalies.AnomalyReport;
import dev.purser.core.analysis.anomalies.AnomalyRequest;
import dev.purser.core.analysis.anomalies.Driver;
import dev.purser.core.analysis.anomalies.Sensitivity;
import dev.purser.core.analysis.costs.CostMetric;
import dev.purser.core.error.PurserException;
import dev.purser.core.model.Money;
import dev.purser.core.model.Period;
import dev.purser.core.query.PeriodParser;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code anomalies [period] [--by service|account] [--min-impact 10] [--sensitivity medium]
 * [--account A]}: the days on which a service (or account) spent more than its weekday-aware,
 * trend-adjusted baseline allows, with the expected and actual amount, the impact, what drove it, and whether it
 * was a one-day spike or the first day of a level shift.
 */
public final class AnomaliesCommand {

    public static final String NAME = "anomalies";

    private final AnomalyFinder finder;
    private final ArgumentSpec<Period> period;
    private final ArgumentSpec<AnomalyGrouping> by;
    private final ArgumentSpec<BigDecimal> minImpact;
    private final ArgumentSpec<Sensitivity> sensitivity;
    private final ArgumentSpec<String> account;
    private final CommandSpec spec;

    private AnomaliesCommand(AnomalyFinder finder, PeriodParser periods) {
        this.finder = Objects.requireNonNull(finder, "finder");
        this.period = ArgumentSpec.builder("period", ArgumentTypes.period(periods))
                .description("The days to look for anomalies in: 30d, mtd, last-month, 2026-10, or 2026-09-01..2026-09-30")
                .defaultValue("30d").positional().build();
        this.by = ArgumentSpec.builder("by", ArgumentTypes.enumOf(AnomalyGrouping.class))
                .description("Score the daily spend of each service, or of each billing account")
                .defaultValue("service").build();
        this.minImpact = ArgumentSpec.builder("min-impact", nonNegativeAmount())
                .description("The least impact worth reporting, in the bill's currency (10 means $10 a day above baseline)")
                .defaultValue(AnomalyRequest.DEFAULT_MIN_IMPACT.toPlainString()).build();
        this.sensitivity = ArgumentSpec.builder("sensitivity", ArgumentTypes.enumOf(Sensitivity.class))
                .description("How unusual a day must be: low flags only glaring outliers, high also smaller ones")
                .defaultValue("medium").build();
        this.account = ArgumentSpec.builder("account", ArgumentTypes.text())
                .description("Only this billing account (its id or name as imported)").build();
        this.spec = new CommandSpec(NAME, "Cost anomalies",
                "Days when a service or account spent more than usual, and what drove it",
                "Scores each service's (or account's) daily billed cost against a robust baseline of the same "
                        + "weekday over the previous four weeks, adjusted for the series' growth, and lists the days that stand out: date, expected and "
                        + "actual amount, the impact in dollars, the resources or usage types that drove it, and "
                        + "whether it was a one-day spike or the first day of a lasting level shift. Taxes and "
                        + "credits are left out. Use it to explain a bill that jumped or to catch runaway resources.",
                List.of(period, by, minImpact, sensitivity, account), Role.VIEWER, Effect.READ_ONLY, this::handle);
    }

    /**
     * The command over {@code finder}; {@code periods} turns {@code 30d} and friends into days.
     */
    public static CommandSpec create(AnomalyFinder finder, PeriodParser periods) {
        return new AnomaliesCommand(finder, periods).spec;
    }

    private Reply handle(Invocation invocation, CommandContext context) {
        Period p = invocation.get(period);
        AnomalyGrouping grouping = invocation.get(by);
        BigDecimal minimum = invocation.get(minImpact);
        Sensitivity s = invocation.get(sensitivity);
        String acct = invocation.get(account);
        AnomalyReport report = finder.find(new AnomalyRequest(p, grouping, minimum, s, acct, CostMetric.BILLED));

        String keyWord = ArgumentTypes.word(grouping);
        Reply.Builder reply = Reply.builder(NAME, "Cost anomalies by " + keyWord);
        List<Anomaly> anomalies = report.anomalies();
        reply.summary(summary(report, p, minimum));

        Map<Currency, List<Anomaly>> byCurrency = new LinkedHashMap<>();
        for (Money total : report.totalImpact()) {
            byCurrency.put(total.currency(), new ArrayList<>());
        }
        for (Anomaly a : anomalies) {
            byCurrency.get(a.actual().currency()).add(a);
        }
        boolean several = byCurrency.size() > 1;
        reply.figure("anomalies", "Anomalies", Value.number(anomalies.size(), null));
        for (Money total : report.totalImpact()) {
            String k = CostWords.suffix(total.currency(), several);
            reply.figure("total_impact" + k, "Total impact" + CostWords.labelSuffix(total.currency(), several),
                    Value.money(total));
        }
        reply.figure("series_scored", "Series scored", Value.number(report.seriesScored(), null));
        for (Map.Entry<Currency, List<Anomaly>> e : byCurrency.entrySet()) {
            reply.table(table(keyWord, e.getKey(), e.getValue(), several));
        }

        List<Anomaly> shifts = anomalies.stream().filter(a -> a.kind() == AnomalyKind.LEVEL_SHIFT).toList();
        if (!shifts.isEmpty()) {
            List<String> steps = new ArrayList<>();
            for (Anomaly a : shifts) {
                steps.add(a.key() + " from " + a.date() + ", about " + Formats.signedMoney(a.step()) + " a day");
            }
            reply.note("A level shift is a lasting step up: only its first day is listed, and the days after it are "
                    + "measured against the new level (" + String.join("; ", steps) + ").");
        }
        reply.note(baselineNote(anomalies) + "; " + ArgumentTypes.word(s) + " sensitivity flags days at least "
                + threshold(s) + " robust standard deviations above it.");
        if (acct != null) {
            reply.note("Only costs where account=" + acct + ".");
        }
        reply.notes(report.notes());

        List<FollowUp.Argument> options = new ArrayList<>();
        if (grouping != AnomalyGrouping.SERVICE) {
            options.add(FollowUp.Argument.option("by", keyWord));
        }
        if (acct != null) {
            options.add(FollowUp.Argument.option("account", acct));
        }
        String periodText = CostWords.typed(p);
        if (!anomalies.isEmpty()) {
            Anomaly largest = anomalies.stream()
                    .max(Comparator.comparing((Anomaly a) -> a.impact().amount())).orElseThrow();
            String where = grouping == AnomalyGrouping.SERVICE ? "service" : "account";
            FollowUp.Builder behind = FollowUp.to("Resources behind " + largest.key() + " on " + largest.date(),
                    CostCommand.NAME).positional(largest.date() + ".." + largest.date()).option("by", "resource")
                    .option("where", where + "=" + largest.key());
            if (acct != null && grouping != AnomalyGrouping.ACCOUNT) {
                behind.option("account", acct);
            }
            reply.followUp(behind);
        }
        if (s != Sensitivity.HIGH) {
            FollowUp.Builder sensitive = FollowUp.to("More sensitive", NAME).positional(periodText).arguments(options)
                    .option("sensitivity", "high");
            if (minimum.compareTo(AnomalyRequest.DEFAULT_MIN_IMPACT) != 0) {
                sensitive.option("min-impact", minimum.stripTrailingZeros().toPlainString());
            }
            reply.followUp(sensitive);
        }
        if (minimum.compareTo(BigDecimal.ONE) > 0) {
            FollowUp.Builder smaller = FollowUp.to("Smaller anomalies too", NAME).positional(periodText)
                    .arguments(options).option("min-impact", "1");
            if (s != Sensitivity.MEDIUM) {
                smaller.option("sensitivity", ArgumentTypes.word(s));
            }
            reply.followUp(smaller);
        }
        return reply.build();
    }

    /**
     * What the expected amounts are: the same weekday over the window, moved along each series'
     * trend, with the trend of every listed series that had one (as of its latest anomaly).
     */
    static String baselineNote(List<Anomaly> anomalies) {
        Map<String, Double> latest = new LinkedHashMap<>();
        for (Anomaly a : anomalies) {
            latest.put(a.key(), a.trendPerMonth());
        }
        List<String> adjusted = new ArrayList<>();
        for (Map.Entry<String, Double> e : latest.entrySet()) {
            if (e.getValue() != 0) {
                adjusted.add(e.getKey() + " " + String.format(Locale.ROOT, "%+.1f %%/month", 100 * e.getValue()));
            }
        }
        String trends = adjusted.isEmpty() ? (anomalies.isEmpty() ? "" : " (no listed series had a clear trend)")
                : " (" + String.join(", ", adjusted) + ")";
        return "Baseline: same weekday, trend-adjusted, " + AnomalyDetector.WINDOW_DAYS + " days: the median of the same "
                + "weekday over the previous " + AnomalyDetector.WINDOW_DAYS + " days, each day moved along its series' "
                + "growth when that stands out from the noise" + trends;
    }

    private static String summary(AnomalyReport report, Period p, BigDecimal minimum) {
        List<Anomaly> anomalies = report.anomalies();
        if (anomalies.isEmpty()) {
            return "No anomalies with an impact of at least " + minimum.stripTrailingZeros().toPlainString()
                    + " in " + p.label() + " (" + report.seriesScored() + " series scored).";
        }
        long shifts = anomalies.stream().filter(a -> a.kind() == AnomalyKind.LEVEL_SHIFT).count();
        List<String> totals = new ArrayList<>();
        for (Money total : report.totalImpact()) {
            totals.add(Formats.money(total));
        }
        Anomaly largest = anomalies.stream().max(Comparator.comparing((Anomaly a) -> a.impact().amount())).orElseThrow();
        return anomalies.size() + (anomalies.size() == 1 ? " anomaly" : " anomalies") + " in " + p.label()
                + (shifts == 0 ? "" : " (" + shifts + (shifts == 1 ? " level shift" : " level shifts") + ")")
                + ", " + String.join(" and ", totals) + " above baseline; largest: " + largest.key() + " on "
                + largest.date() + ", " + Formats.signedMoney(largest.impact()) + ".";
    }

    private static Table table(String keyWord, Currency currency, List<Anomaly> anomalies, boolean several) {
        List<Column> columns = List.of(
                new Column("date", "date", ValueType.DATE),
                new Column("key", keyWord, ValueType.TEXT),
                new Column("expected", "expected", ValueType.MONEY),
                new Column("actual", "actual", ValueType.MONEY),
                new Column("impact", "impact", ValueType.MONEY),
                new Column("kind", "kind", ValueType.TEXT),
                new Column("drivers", "drivers", ValueType.DETAILS));
        List<List<Value>> rows = new ArrayList<>();
        Money total = Money.zero(currency);
        for (Anomaly a : anomalies) {
            rows.add(List.of(Value.date(a.date()), Value.text(a.key()), Value.money(a.expected()),
                    Value.money(a.actual()), Value.money(a.impact()), Value.text(kind(a.kind())),
                    driverDetails(a.drivers())));
            total = total.plus(a.impact());
        }
        List<Value> footer = anomalies.isEmpty() ? List.of() : List.of(Value.empty(ValueType.DATE), Value.text("Total"),
                Value.empty(ValueType.MONEY), Value.empty(ValueType.MONEY), Value.money(total),
                Value.empty(ValueType.TEXT), Value.empty(ValueType.DETAILS));
        return new Table("anomalies" + CostWords.suffix(currency, several),
                "Anomalies" + CostWords.labelSuffix(currency, several), columns, rows, footer);
    }

    /** The kind as a reply says it: {@code spike} or {@code level shift}. */
    static String kind(AnomalyKind kind) {
        return switch (kind) {
            case SPIKE -> "spike";
            case LEVEL_SHIFT -> "level shift";
        };
    }

    /**
     * People read {@link #drivers}; machines read each driver's label and its increase as money
     * ({@code items}).
     */
    private static Value driverDetails(List<Driver> drivers) {
        List<Value> items = new ArrayList<>();
        for (Driver d : drivers) {
            items.add(Value.details(new Details(Optional.of(d.label()),
                    List.of(new Details.Field("increase", Value.money(d.increase()))))));
        }
        return Value.details(new Details(Optional.of(drivers(drivers)),
                List.of(new Details.Field("items", Value.list(items)))));
    }

    /** {@code ci-runner ×20 · c5.2xlarge hours +$163.20; nat · bytes +$0.84}, or a dash when none rose. */
    static String drivers(List<Driver> drivers) {
        if (drivers.isEmpty()) {
            return "-";
        }
        List<String> parts = new ArrayList<>();
        for (Driver d : drivers) {
            parts.add(d.label() + " " + Formats.signedMoney(d.increase()));
        }
        return String.join("; ", parts);
    }

    private static String threshold(Sensitivity s) {
        return BigDecimal.valueOf(s.threshold()).stripTrailingZeros().toPlainString();
    }

    /** A decimal of zero or more; a negative minimum would mean "report days below baseline", which this is not. */
    private static ArgumentType<BigDecimal> nonNegativeAmount() {
        ArgumentType<BigDecimal> decimal = ArgumentTypes.decimal();
        return new ArgumentType<>() {
            @Override
            public BigDecimal parse(String text) {
                BigDecimal value = decimal.parse(text);
                if (value.signum() < 0) {
                    throw PurserException.badArgument("'" + text.trim() + "' is negative; expected an amount of 0 or more, "
                            + "such as 10 for $10");
                }
                return value;
            }

            @Override
            public JsonKind jsonKind() {
                return JsonKind.NUMBER;
            }

            @Override
            public String expected() {
                return "amount";
            }

            @Override
            public List<String> examples() {
                return List.of("10", "2.5");
            }
        };
    }
}
