package dev.purser.commands.cost;

import dev.purser.commands.ArgumentSpec;
import dev.purser.commands.ArgumentTypes;
import dev.purser.commands.CommandContext;
import dev.purser.commands.CommandSpec;
import dev.purser.commands.Effect;
import dev.purser.commands.Invocation;
import dev.purser.commands.Role;
import dev.purser.commands.render.Formats;
import dev.purser.commands.reply.Column;
import dev.purser.commands.reply.FollowUp;
import dev.purser.commands.reply.Reply;
import dev.purser.commands.reply.Table;
import dev.purser.commands.reply.Value;
import dev.purser.commands.reply.ValueType;
import dev.purser.core.analysis.costs.BreakdownRequest;
import dev.purser.core.analysis.costs.CostBreakdown;
import dev.purser.core.analysis.costs.CompleteDays;
import dev.purser.core.analysis.costs.CostFilter;
import dev.purser.core.analysis.costs.CostMetric;
import dev.purser.core.analysis.costs.CostQueries;
import dev.purser.core.analysis.costs.DailySeries;
import dev.purser.core.analysis.costs.Granularity;
import dev.purser.core.model.Dimension;
import dev.purser.core.model.Money;
import dev.purser.core.model.Period;
import dev.purser.core.query.PeriodParser;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code cost [period] [--by DIM] [--top N] [--metric M] [--granularity G] [--account A]
 * [--provider P] [--env E] [--where dim=value]...}: what a period cost, broken down by one
 * dimension, against the period before; with {@code --granularity}, also day by day, week by
 * week or month by month; for the current month, with the month-end forecast.
 *
 * <p>Amounts in different currencies are never added: each currency gets its own figures and
 * its own tables, and their keys carry a currency suffix only when there is more than one.
 */
public final class CostCommand {

    public static final String NAME = "cost";

    private final CostQueries costs;
    private final PeriodParser periods;
    private final MonthEndForecasts forecasts;
    private final ArgumentSpec<Period> period;
    private final ArgumentSpec<Dimension> by;
    private final ArgumentSpec<Integer> top;
    private final ArgumentSpec<CostMetric> metric;
    private final ArgumentSpec<Granularity> granularity;
    private final ArgumentSpec<String> account;
    private final ArgumentSpec<String> provider;
    private final ArgumentSpec<String> env;
    private final ArgumentSpec<ArgumentTypes.DimensionValue> where;
    private final CommandSpec spec;

    private CostCommand(CostQueries costs, PeriodParser periods, MonthEndForecasts forecasts) {
        this.costs = Objects.requireNonNull(costs, "costs");
        this.periods = Objects.requireNonNull(periods, "periods");
        this.forecasts = Objects.requireNonNull(forecasts, "forecasts");
        this.period = ArgumentSpec.builder("period", ArgumentTypes.period(periods))
                .description("The days to total: mtd, last-month, 30d, 2026-10, or 2026-09-01..2026-09-30")
                .defaultValue("mtd").positional().build();
        this.by = ArgumentSpec.builder("by", ArgumentTypes.dimension())
                .description("What to break the cost down by: a FOCUS dimension or tag:<key>")
                .defaultValue("service").build();
        this.top = ArgumentSpec.builder("top", ArgumentTypes.integer(1, 50))
                .description("How many rows to show before folding the rest into one 'other' row")
                .defaultValue("10").build();
        this.metric = ArgumentSpec.builder("metric", ArgumentTypes.enumOf(CostMetric.class))
                .description("Which cost to sum: billed (invoiced), effective (amortized) or list (public price)")
                .defaultValue("billed").build();
        this.granularity = ArgumentSpec.builder("granularity", ArgumentTypes.enumOf(Granularity.class))
                .description("Also show the period day by day (daily), by ISO week (weekly) or by calendar month "
                        + "(monthly)").build();
        this.account = ArgumentSpec.builder("account", ArgumentTypes.text())
                .description("Only this billing account (its id or name as imported)").build();
        this.provider = ArgumentSpec.builder("provider", ArgumentTypes.text())
                .description(CostWords.providerHelp()).build();
        this.env = ArgumentSpec.builder("env", ArgumentTypes.text())
                .description(CostWords.envHelp()).build();
        this.where = ArgumentSpec.builder("where", ArgumentTypes.dimensionValue())
                .description("Only rows where a dimension has this value, as in region=nyc3 or tag:env=prod")
                .multiple().build();
        this.spec = new CommandSpec(NAME, "Cost breakdown",
                "What a period cost, broken down by service, region, account or tag",
                "Totals cloud cost for a period (this month so far by default) and breaks it down by a FOCUS "
                        + "dimension such as service, region, account or a tag, with each row's amount, its change "
                        + "against the previous period of the same length, and its share of the total. One table "
                        + "per currency; amounts are exact and add up to the total. With --granularity it also "
                        + "lists the cost per day, week or month of the period; for the current month it adds the "
                        + "month-end forecast with its interval. Effective cost is amortized.",
                List.of(period, by, top, metric, granularity, account, provider, env, where), Role.VIEWER,
                Effect.READ_ONLY, this::handle);
    }

    /** The command without month-end forecasts. */
    public static CommandSpec create(CostQueries costs, PeriodParser periods) {
        return create(costs, periods, MonthEndForecasts.NONE);
    }

    /**
     * @param forecasts asked for the month-end forecast when the period is the current month (to
     *                  date or whole); {@link MonthEndForecasts#NONE} for none
     */
    public static CommandSpec create(CostQueries costs, PeriodParser periods, MonthEndForecasts forecasts) {
        return new CostCommand(costs, periods, forecasts).spec;
    }

    private Reply handle(Invocation invocation, CommandContext context) {
        Period asked = invocation.get(period);
        Dimension dimension = invocation.get(by);
        CostMetric m = invocation.get(metric);
        String acct = invocation.get(account);
        String prov = invocation.get(provider);
        String environment = invocation.get(env);
        Granularity g = invocation.get(granularity);
        List<ArgumentTypes.DimensionValue> terms = invocation.getAll(where);
        CostFilter filter = CostWords.filter(acct, prov, environment, terms);
        LocalDate today = periods.today();
        CompleteDays.Counted counted = asked.lastDay().isBefore(today) ? null
                : CompleteDays.lastComplete(costs, filter, today, asked.zone());
        java.time.LocalDate lastComplete = counted == null ? null : counted.day();
        Period p = lastComplete == null ? asked : CompleteDays.clip(asked, lastComplete);
        BreakdownRequest request = new BreakdownRequest(p, dimension, invocation.get(top), m, filter);
        CostBreakdown breakdown = costs.breakdown(request);
        DailySeries series = g == null || breakdown.sections().isEmpty() ? null : costs.daily(request);
        // asked even with no cost yet this month: on the 1st the forecast is all there is to say
        List<MonthEndForecasts.Projection> projections = isCurrentMonth(asked)
                ? forecasts.forecast(YearMonth.from(asked.start()), filter, m) : List.of();

        String metricWord = ArgumentTypes.word(m);
        Reply.Builder reply = Reply.builder(NAME, capitalized(metricWord) + " cost by " + dimension.word());
        List<CostBreakdown.Section> sections = breakdown.sections();
        boolean several = sections.size() > 1;
        List<String> sentences = new ArrayList<>();
        for (CostBreakdown.Section s : sections) {
            sentences.add(Formats.money(s.total()) + " in " + breakdown.period().label() + ", "
                    + CostWords.change(s.total(), s.previousTotal()) + " on " + breakdown.previousPeriod().label());
        }
        List<String> forecastSentences = new ArrayList<>();
        for (MonthEndForecasts.Projection f : projections) {
            forecastSentences.add("month-end forecast " + Formats.money(f.forecast()) + " ("
                    + Formats.percent(f.coverage()) + " interval " + Formats.money(f.lower()) + " to "
                    + Formats.money(f.upper()) + ")");
        }
        if (sections.isEmpty()) {
            String forecast = forecastSentences.isEmpty() ? ""
                    : " " + capitalized(String.join("; ", forecastSentences)) + ".";
            List<String> hints = CostWords.unknownValueHints(costs, breakdown.period(), terms);
            reply.summary("No " + metricWord + " costs recorded in " + breakdown.period().label() + "."
                    + (hints.isEmpty() ? "" : " " + String.join(" ", hints)) + forecast);
        } else {
            sentences.addAll(forecastSentences);
            reply.summary(String.join("; ", sentences) + ".");
        }
        for (CostBreakdown.Section s : sections) {
            String k = CostWords.suffix(s.currency(), several);
            String l = CostWords.labelSuffix(s.currency(), several);
            Money change = s.total().minus(s.previousTotal());
            reply.figure("total" + k, "Total" + l, Value.money(s.total()))
                    .figure("previous_total" + k, "Previous total" + l, Value.money(s.previousTotal()))
                    .figure("change" + k, "Change" + l, Value.money(change))
                    .figure("change_percent" + k, "Change %" + l, Value.percent(CostWords.ratio(change, s.previousTotal())));
        }
        boolean severalForecasts = several || projections.size() > 1;
        for (MonthEndForecasts.Projection f : projections) {
            String k = CostWords.suffix(f.forecast().currency(), severalForecasts);
            String l = CostWords.labelSuffix(f.forecast().currency(), severalForecasts);
            reply.figure("forecast" + k, "Month-end forecast" + l, Value.money(f.forecast()))
                    .figure("forecast_lower" + k, "Forecast low" + l, Value.money(f.lower()))
                    .figure("forecast_upper" + k, "Forecast high" + l, Value.money(f.upper()));
        }
        for (CostBreakdown.Section s : sections) {
            reply.table(table(dimension, s, several));
        }
        if (series != null) {
            for (DailySeries.Section s : series.sections()) {
                reply.table(timeTable(series, s, g, several));
            }
        }
        if (m != CostMetric.BILLED) {
            // the title names the metric; only the non-default ones need saying what they mean
            reply.note(CostWords.metricNote(m));
        }
        String note = CostWords.filterNote(filter);
        if (note != null) {
            reply.note(note);
        }
        if (lastComplete != null && CompleteDays.clipped(asked, p)) {
            reply.note(CompleteDays.note(lastComplete));
            String behind = counted.behindNote();
            if (behind != null) {
                reply.note(behind);
            }
        }
        reply.notes(breakdown.gaps());
        for (MonthEndForecasts.Projection f : projections) {
            reply.note("Forecast for " + f.month() + " counts days up to " + f.asOf() + " as actual ("
                    + Formats.money(f.actualToDate()) + "): " + f.method() + ".");
            reply.notes(f.gaps());
        }

        String periodText = CostWords.typed(breakdown.period());
        List<FollowUp.Argument> options = new ArrayList<>();
        if (m != CostMetric.BILLED) {
            options.add(FollowUp.Argument.option("metric", metricWord));
        }
        options.addAll(CostWords.filterOptions(acct, prov, environment, terms));
        Dimension next = dimension.kind() == Dimension.Kind.SERVICE
                ? new Dimension(Dimension.Kind.REGION, null) : Dimension.SERVICE;
        reply.followUp(FollowUp.to("By " + next.word(), NAME).positional(periodText).option("by", next.word())
                        .arguments(options))
                .followUp(FollowUp.to("Previous period", NAME).positional(CostWords.typed(breakdown.previousPeriod()))
                        .option("by", dimension.word()).arguments(options))
                .followUp(FollowUp.to("Biggest changes", MoversCommand.NAME).positional(periodText)
                        .option("by", dimension.word()).arguments(CostWords.filterOptions(acct, List.of())));
        if (g == null && !sections.isEmpty()) {
            reply.followUp(FollowUp.to("Day by day", NAME).positional(periodText).option("by", dimension.word())
                    .option("granularity", p.days() > 92 ? "monthly" : p.days() > 31 ? "weekly" : "daily")
                    .arguments(options));
        }
        return reply.build();
    }

    /** The current calendar month, to date or whole, in the bot's zone: the periods a month-end forecast fits. */
    private boolean isCurrentMonth(Period p) {
        LocalDate today = periods.today();
        LocalDate first = today.withDayOfMonth(1);
        return p.start().equals(first) && !p.lastDay().isBefore(today)
                && !p.endExclusive().isAfter(first.plusMonths(1));
    }

    /** The period's cost per bucket of {@code g}; the rows add up exactly to the total below them. */
    private static Table timeTable(DailySeries series, DailySeries.Section s, Granularity g, boolean several) {
        List<DailySeries.Bucket> buckets = series.buckets(s, g);
        List<Column> columns = new ArrayList<>();
        if (g == Granularity.DAILY) {
            columns.add(new Column("day", "day", ValueType.DATE));
        } else {
            columns.add(new Column("from", "from", ValueType.DATE));
            columns.add(new Column("to", "to", ValueType.DATE));
        }
        columns.add(new Column("amount", "amount", ValueType.MONEY));
        columns.add(new Column("share", "share", ValueType.PERCENT));
        List<List<Value>> rows = new ArrayList<>();
        for (DailySeries.Bucket b : buckets) {
            List<Value> row = new ArrayList<>();
            row.add(Value.date(b.days().start()));
            if (g != Granularity.DAILY) {
                row.add(Value.date(b.days().lastDay()));
            }
            row.add(Value.money(b.amount()));
            row.add(Value.percent(share(b.amount(), s.total())));
            rows.add(row);
        }
        List<Value> footer = new ArrayList<>();
        footer.add(Value.empty(ValueType.DATE));
        if (g != Granularity.DAILY) {
            footer.add(Value.empty(ValueType.DATE));
        }
        footer.add(Value.money(s.total()));
        footer.add(Value.percent(s.total().isZero() ? null : BigDecimal.ONE));
        String word = switch (g) {
            case DAILY -> "day";
            case WEEKLY -> "week";
            case MONTHLY -> "month";
        };
        return new Table(ArgumentTypes.word(g) + CostWords.suffix(s.currency(), several),
                "By " + word + CostWords.labelSuffix(s.currency(), several), columns, rows, footer);
    }

    private static Table table(Dimension dimension, CostBreakdown.Section s, boolean several) {
        List<Column> columns = List.of(
                new Column("key", dimension.word(), ValueType.TEXT),
                new Column("amount", "amount", ValueType.MONEY),
                new Column("previous_amount", "previous", ValueType.MONEY),
                new Column("change", "change", ValueType.MONEY),
                new Column("share", "share", ValueType.PERCENT));
        List<List<Value>> rows = new ArrayList<>();
        for (CostBreakdown.Row row : s.rows()) {
            String key = row.key() == null || row.key().isBlank() ? (row.other() ? "(other)" : "(none)") : row.key();
            rows.add(List.of(Value.text(key), Value.money(row.amount()), Value.money(row.previousAmount()),
                    Value.money(row.change()), Value.percent(share(row.amount(), s.total()))));
        }
        List<Value> footer = List.of(Value.text("Total"), Value.money(s.total()), Value.money(s.previousTotal()),
                Value.money(s.total().minus(s.previousTotal())), Value.percent(s.total().isZero() ? null : BigDecimal.ONE));
        String key = "breakdown" + CostWords.suffix(s.currency(), several);
        return new Table(key, "By " + dimension.word() + CostWords.labelSuffix(s.currency(), several),
                columns, rows, footer);
    }

    private static BigDecimal share(Money part, Money total) {
        return total.isZero() ? null : part.amount().divide(total.amount(), MathContext.DECIMAL64);
    }

    private static String capitalized(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}
