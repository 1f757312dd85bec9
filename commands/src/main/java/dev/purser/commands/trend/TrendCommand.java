package dev.purser.commands.trend;

import dev.purser.commands.ArgumentSpec;
import dev.purser.commands.ArgumentTypes;
import dev.purser.commands.CommandContext;
import dev.purser.commands.CommandSpec;
import dev.purser.commands.Effect;
import dev.purser.commands.Invocation;
import dev.purser.commands.Role;
import dev.purser.commands.charts.DailyCostChart;
import dev.purser.commands.cost.CostCommand;
import dev.purser.commands.cost.CostWords;
import dev.purser.commands.cost.MoversCommand;
import dev.purser.commands.render.Formats;
import dev.purser.commands.reply.Column;
import dev.purser.commands.reply.FollowUp;
import dev.purser.commands.reply.Reply;
import dev.purser.commands.reply.Table;
import dev.purser.commands.reply.Value;
import dev.purser.commands.reply.ValueType;
import dev.purser.core.analysis.costs.BreakdownRequest;
import dev.purser.core.analysis.costs.CompleteDays;
import dev.purser.core.analysis.costs.CostFilter;
import dev.purser.core.analysis.costs.CostMetric;
import dev.purser.core.analysis.costs.CostMover;
import dev.purser.core.analysis.costs.CostQueries;
import dev.purser.core.analysis.costs.DailySeries;
import dev.purser.core.model.Dimension;
import dev.purser.core.model.Money;
import dev.purser.core.model.Period;
import dev.purser.core.query.PeriodParser;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * {@code trend [period] [--by DIM] [--top N] [--metric M] [--account A] [--provider P] [--env E]
 * [--where dim=value]...}: the cost of each day of a period (the last 30 days by default), split
 * into the top keys of a dimension and "other", as a table and a stacked bar chart, and the keys
 * whose cost moved most against the previous period.
 *
 * <p>Currencies are never added: each gets its own figures, daily table and chart; the keys of
 * all three carry a currency suffix only when there is more than one.
 */
public final class TrendCommand {

    public static final String NAME = "trend";

    private final CostQueries costs;
    private final Executor reads;
    private final ArgumentSpec<Period> period;
    private final ArgumentSpec<Dimension> by;
    private final ArgumentSpec<Integer> top;
    private final ArgumentSpec<CostMetric> metric;
    private final ArgumentSpec<String> account;
    private final ArgumentSpec<String> provider;
    private final ArgumentSpec<String> env;
    private final ArgumentSpec<ArgumentTypes.DimensionValue> where;
    private final CommandSpec spec;
    private final PeriodParser periods;

    private TrendCommand(CostQueries costs, PeriodParser periods, Executor reads) {
        this.costs = Objects.requireNonNull(costs, "costs");
        this.periods = Objects.requireNonNull(periods, "periods");
        this.reads = Objects.requireNonNull(reads, "reads");
        this.period = ArgumentSpec.builder("period", ArgumentTypes.period(periods))
                .description("The days to chart: 30d, 90d, mtd, last-month, 2026-10, or 2026-09-01..2026-09-30")
                .defaultValue("30d").positional().build();
        this.by = ArgumentSpec.builder("by", ArgumentTypes.dimension())
                .description("What to split each day by: a FOCUS dimension or tag:<key>")
                .defaultValue("service").build();
        // a chart stays readable with about nine colours; more keys fold into "other"
        this.top = ArgumentSpec.builder("top", ArgumentTypes.integer(1, 9))
                .description("How many keys to show separately before folding the rest into 'other'")
                .defaultValue("5").build();
        this.metric = ArgumentSpec.builder("metric", ArgumentTypes.enumOf(CostMetric.class))
                .description("Which cost to sum: billed (invoiced), effective (amortized) or list (public price)")
                .defaultValue("billed").build();
        this.account = ArgumentSpec.builder("account", ArgumentTypes.text())
                .description("Only this billing account (its id or name as imported)").build();
        this.provider = ArgumentSpec.builder("provider", ArgumentTypes.text())
                .description(CostWords.providerHelp()).build();
        this.env = ArgumentSpec.builder("env", ArgumentTypes.text())
                .description(CostWords.envHelp()).build();
        this.where = ArgumentSpec.builder("where", ArgumentTypes.dimensionValue())
                .description("Only rows where a dimension has this value, as in region=nyc3 or tag:env=prod")
                .multiple().build();
        this.spec = new CommandSpec(NAME, "Daily cost trend",
                "Daily cost of a period as a chart, split by service (or any dimension), with top movers",
                "Shows the cost of each day of a period (the last 30 days by default) split into the top services, "
                        + "regions, accounts or tag values and 'other', as a table and a stacked bar chart whose "
                        + "title states the total, with the daily average, the most expensive day, and the keys "
                        + "whose cost changed most against the previous period of the same length (absolute and "
                        + "relative change). One table and chart per currency; daily amounts are exact and add up "
                        + "to the total.",
                List.of(period, by, top, metric, account, provider, env, where), Role.VIEWER, Effect.READ_ONLY,
                this::handle);
    }

    /**
     * @param costs   answers the daily series, the period totals and the movers
     * @param periods turns {@code 30d}, {@code mtd} and friends into days, with the bot's clock and zone
     */
    public static CommandSpec create(CostQueries costs, PeriodParser periods) {
        return create(costs, periods, Runnable::run);
    }

    /**
     * @param reads runs the daily series beside the totals query; {@code Runnable::run} runs them
     *              one after the other
     */
    public static CommandSpec create(CostQueries costs, PeriodParser periods, Executor reads) {
        return new TrendCommand(costs, periods, reads).spec;
    }

    private Reply handle(Invocation invocation, CommandContext context) {
        Period asked = invocation.get(period);
        Dimension dimension = invocation.get(by);
        int n = invocation.get(top);
        CostMetric m = invocation.get(metric);
        String acct = invocation.get(account);
        String prov = invocation.get(provider);
        String environment = invocation.get(env);
        List<ArgumentTypes.DimensionValue> terms = invocation.getAll(where);
        CostFilter filter = CostWords.filter(acct, prov, environment, terms);
        java.time.LocalDate today = periods.today();
        CompleteDays.Counted counted = asked.lastDay().isBefore(today) ? null
                : CompleteDays.lastComplete(costs, filter, today, asked.zone());
        java.time.LocalDate lastComplete = counted == null ? null : counted.day();
        Period p = lastComplete == null ? asked : CompleteDays.clip(asked, lastComplete);

        // two independent reads side by side, each as fast as the series alone: every key's days in
        // the period and in the one before it. The movers and the previous totals come from those;
        // the table and chart fold to the top n.
        CompletableFuture<DailySeries> before = CompletableFuture.supplyAsync(() -> costs.daily(
                new BreakdownRequest(p.previous(), dimension, Integer.MAX_VALUE, m, filter)), reads);
        DailySeries everyKey = costs.daily(new BreakdownRequest(p, dimension, Integer.MAX_VALUE, m, filter));
        DailySeries previous = joined(before);
        DailySeries series = everyKey.top(n);
        List<CostMover> movers = movers(everyKey, previous, n);

        String metricWord = ArgumentTypes.word(m);
        String what = metricWord + " cost by " + dimension.word();
        Reply.Builder reply = Reply.builder(NAME, "Daily " + what);
        List<DailySeries.Section> sections = series.sections();
        boolean several = sections.size() > 1;
        List<String> sentences = new ArrayList<>();
        for (DailySeries.Section s : sections) {
            Money previousTotal = total(previous.section(s.currency()), s.currency());
            sentences.add(Formats.money(s.total()) + " in " + p.label() + " (" + Formats.money(average(s, p))
                    + " a day), " + CostWords.change(s.total(), previousTotal) + " on " + p.previous().label());
        }
        if (sections.isEmpty()) {
            reply.summary("No " + metricWord + " costs recorded in " + p.label() + ".");
        } else {
            String movedMost = movers.isEmpty() ? "" : " Biggest change: " + movers.get(0).key() + " "
                    + CostWords.change(movers.get(0).current(), movers.get(0).previous()) + ".";
            reply.summary(String.join("; ", sentences) + "." + movedMost);
        }

        for (DailySeries.Section s : sections) {
            String k = CostWords.suffix(s.currency(), several);
            String l = CostWords.labelSuffix(s.currency(), several);
            Money previousTotal = total(previous.section(s.currency()), s.currency());
            Money change = s.total().minus(previousTotal);
            Peak peak = peak(series.days(), s);
            reply.figure("total" + k, "Total" + l, Value.money(s.total()))
                    .figure("daily_average" + k, "Daily average" + l, Value.money(average(s, p)))
                    .figure("peak_day" + k, "Most expensive day" + l, Value.date(peak.day()))
                    .figure("peak_amount" + k, "Cost that day" + l, Value.money(peak.amount()))
                    .figure("previous_total" + k, "Previous total" + l, Value.money(previousTotal))
                    .figure("change" + k, "Change" + l, Value.money(change))
                    .figure("change_percent" + k, "Change %" + l, Value.percent(CostWords.ratio(change, previousTotal)));
        }
        for (DailySeries.Section s : sections) {
            reply.table(dailyTable(series, s, several));
        }
        if (!sections.isEmpty()) {
            reply.table(moversTable(dimension, movers));
        }
        for (DailySeries.Section s : sections) {
            String k = CostWords.suffix(s.currency(), several);
            String title = "Daily " + what + ", " + p.label() + ": " + Formats.money(s.total()) + " total";
            reply.chart(DailyCostChart.of("trend" + k, title, altText(what, p, series.days(), s), series.days(), s));
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
        Set<String> gaps = new LinkedHashSet<>(series.gaps());
        if (!sections.isEmpty() && previous.sections().isEmpty()) {
            gaps.add("no cost data for the previous period " + p.previous().label() + "; changes are against zero");
        }
        reply.notes(List.copyOf(gaps));

        String periodText = CostWords.typed(p);
        List<FollowUp.Argument> options = new ArrayList<>();
        if (m != CostMetric.BILLED) {
            options.add(FollowUp.Argument.option("metric", metricWord));
        }
        options.addAll(CostWords.filterOptions(acct, prov, environment, terms));
        String dim = dimension.word();
        Dimension next = dimension.kind() == Dimension.Kind.SERVICE
                ? new Dimension(Dimension.Kind.REGION, null) : Dimension.SERVICE;
        reply.followUp(FollowUp.to("Breakdown", CostCommand.NAME).positional(periodText).option("by", dim)
                        .arguments(options))
                .followUp(FollowUp.to("By " + next.word(), NAME).positional(periodText).option("by", next.word())
                        .arguments(options))
                .followUp(FollowUp.to("Biggest changes", MoversCommand.NAME).positional(periodText).option("by", dim)
                        .arguments(CostWords.filterOptions(acct, List.of())));
        return reply.build();
    }

    /** The read's result, or its own failure (a PurserException says what went wrong in a sentence). */
    private static <T> T joined(CompletableFuture<T> read) {
        try {
            return read.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /**
     * The keys whose cost moved most against the previous period, per currency in the breakdown's
     * order: unchanged keys left out, largest absolute change first, ties by key. The same rule as
     * {@link CostQueries#topMovers}, from a breakdown already fetched instead of a second query.
     */
    /**
     * Per currency, the keys whose cost changed most between the two periods (a key in either
     * counts; one missing from a period counts as zero there), largest change first, ties by key.
     */
    static List<CostMover> movers(DailySeries current, DailySeries previous, int limit) {
        Set<Currency> currencies = new TreeSet<>(Comparator.comparing(Currency::getCurrencyCode));
        current.sections().forEach(s -> currencies.add(s.currency()));
        previous.sections().forEach(s -> currencies.add(s.currency()));
        List<CostMover> movers = new ArrayList<>();
        for (Currency currency : currencies) {
            Map<String, Money> now = keyTotals(current.section(currency));
            Map<String, Money> then = keyTotals(previous.section(currency));
            Set<String> keys = new TreeSet<>(now.keySet());
            keys.addAll(then.keySet());
            Money zero = Money.zero(currency);
            keys.stream()
                    .map(k -> new CostMover(k, then.getOrDefault(k, zero), now.getOrDefault(k, zero)))
                    .filter(mv -> mv.current().compareTo(mv.previous()) != 0)
                    .sorted(Comparator.comparing((CostMover mv) -> mv.change().amount().abs()).reversed()
                            .thenComparing(CostMover::key))
                    .limit(limit)
                    .forEach(movers::add);
        }
        return movers;
    }

    private static Map<String, Money> keyTotals(DailySeries.Section section) {
        Map<String, Money> totals = new HashMap<>();
        if (section != null) {
            for (DailySeries.Series series : section.series()) {
                totals.merge(series.key(), series.total(), Money::plus);
            }
        }
        return totals;
    }

    private static Money total(DailySeries.Section section, Currency currency) {
        return section == null ? Money.zero(currency) : section.total();
    }

    private static Money average(DailySeries.Section s, Period p) {
        return new Money(s.total().amount().divide(BigDecimal.valueOf(p.days()), MathContext.DECIMAL64), s.currency());
    }

    private record Peak(LocalDate day, Money amount) {
    }

    /** The most expensive day; the earliest of equals. */
    private static Peak peak(List<LocalDate> days, DailySeries.Section s) {
        List<Money> totals = s.dayTotals();
        int best = 0;
        for (int i = 1; i < totals.size(); i++) {
            if (totals.get(i).compareTo(totals.get(best)) > 0) {
                best = i;
            }
        }
        return new Peak(days.get(best), totals.get(best));
    }

    private static Table dailyTable(DailySeries series, DailySeries.Section s, boolean several) {
        List<Column> columns = new ArrayList<>();
        columns.add(new Column("day", "day", ValueType.DATE));
        Set<String> used = new HashSet<>(Set.of("day", "total"));
        for (DailySeries.Series x : s.series()) {
            columns.add(new Column(columnKey(x.key(), used), x.key(), ValueType.MONEY));
        }
        columns.add(new Column("total", "total", ValueType.MONEY));
        List<LocalDate> days = series.days();
        List<Money> dayTotals = s.dayTotals();
        List<List<Value>> rows = new ArrayList<>();
        for (int i = 0; i < days.size(); i++) {
            List<Value> row = new ArrayList<>();
            row.add(Value.date(days.get(i)));
            for (DailySeries.Series x : s.series()) {
                row.add(Value.money(x.amounts().get(i)));
            }
            row.add(Value.money(dayTotals.get(i)));
            rows.add(row);
        }
        List<Value> footer = new ArrayList<>();
        footer.add(Value.empty(ValueType.DATE));
        for (DailySeries.Series x : s.series()) {
            footer.add(Value.money(x.total()));
        }
        footer.add(Value.money(s.total()));
        return new Table("daily" + CostWords.suffix(s.currency(), several),
                "Daily cost by " + series.by().word() + CostWords.labelSuffix(s.currency(), several),
                columns, rows, footer);
    }

    /** A snake_case column key for a dimension value, unique within the table. */
    private static String columnKey(String key, Set<String> used) {
        String base = key.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        if (base.isEmpty() || !Character.isLetter(base.charAt(0))) {
            base = "k_" + base;
        }
        String candidate = base;
        for (int i = 2; !used.add(candidate); i++) {
            candidate = base + "_" + i;
        }
        return candidate;
    }

    private static Table moversTable(Dimension dimension, List<CostMover> movers) {
        List<List<Value>> rows = new ArrayList<>();
        for (CostMover mover : movers) {
            rows.add(List.of(Value.text(mover.key()), Value.money(mover.previous()), Value.money(mover.current()),
                    Value.money(mover.change()), Value.percent(mover.relativeChange())));
        }
        return new Table("movers", "Biggest changes by " + dimension.word() + " against the previous period", List.of(
                new Column("key", dimension.word(), ValueType.TEXT),
                new Column("previous_amount", "previous", ValueType.MONEY),
                new Column("amount", "amount", ValueType.MONEY),
                new Column("change", "change", ValueType.MONEY),
                new Column("change_percent", "change %", ValueType.PERCENT)), rows, List.of());
    }

    /** What the chart shows, for faces and readers without images: the headline numbers and every series. */
    private static String altText(String what, Period p, List<LocalDate> days, DailySeries.Section s) {
        Peak peak = peak(days, s);
        List<String> parts = new ArrayList<>();
        for (DailySeries.Series x : s.series()) {
            parts.add(x.key() + " " + Formats.money(x.total()));
        }
        return "Stacked daily bars of " + what + " for " + p.label() + ": " + Formats.money(s.total())
                + " in total, " + Formats.money(average(s, p)) + " a day on average, highest "
                + Formats.money(peak.amount()) + " on " + peak.day() + "; " + String.join(", ", parts) + ".";
    }
}
