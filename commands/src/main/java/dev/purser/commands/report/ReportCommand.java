package dev.purser.commands.report;

import dev.purser.commands.ArgumentSpec;
import dev.purser.commands.ArgumentType;
import dev.purser.commands.ArgumentTypes;
import dev.purser.commands.CommandContext;
import dev.purser.commands.CommandSpec;
import dev.purser.commands.Effect;
import dev.purser.commands.Invocation;
import dev.purser.commands.Role;
import dev.purser.commands.charts.DailyCostChart;
import dev.purser.commands.charts.TopServicesChart;
import dev.purser.commands.cost.CostCommand;
import dev.purser.commands.cost.CostWords;
import dev.purser.commands.render.Formats;
import dev.purser.commands.reply.Column;
import dev.purser.commands.reply.FollowUp;
import dev.purser.commands.reply.Reply;
import dev.purser.commands.reply.Table;
import dev.purser.commands.reply.Value;
import dev.purser.commands.reply.ValueType;
import dev.purser.core.analysis.anomalies.Anomaly;
import dev.purser.core.analysis.anomalies.AnomalyFinder;
import dev.purser.core.analysis.anomalies.AnomalyGrouping;
import dev.purser.core.analysis.anomalies.AnomalyReport;
import dev.purser.core.analysis.anomalies.AnomalyRequest;
import dev.purser.core.analysis.anomalies.Driver;
import dev.purser.core.analysis.anomalies.Sensitivity;
import dev.purser.core.analysis.budgets.Budget;
import dev.purser.core.analysis.budgets.BudgetChecker;
import dev.purser.core.analysis.budgets.BudgetStatus;
import dev.purser.core.analysis.costs.BreakdownRequest;
import dev.purser.core.analysis.costs.CostBreakdown;
import dev.purser.core.analysis.costs.CostFilter;
import dev.purser.core.analysis.costs.CostMetric;
import dev.purser.core.analysis.costs.CostMover;
import dev.purser.core.analysis.costs.CostQueries;
import dev.purser.core.analysis.costs.DailySeries;
import dev.purser.core.analysis.savings.SavingsItem;
import dev.purser.core.analysis.savings.SavingsReport;
import dev.purser.core.analysis.savings.SavingsService;
import dev.purser.core.error.PurserException;
import dev.purser.core.model.Dimension;
import dev.purser.core.model.Money;
import dev.purser.core.model.Period;
import dev.purser.core.query.PeriodParser;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.DateTimeException;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * {@code report [--month 2026-10] [--account A]}: one month on one page, for the people who read
 * the bill once a month: the total and the average day, the largest services, the budgets, what
 * moved most against the month before, the anomalies, what could be saved, and two charts (the
 * daily trend and the top services).
 *
 * <p>Nothing here is computed twice: every section asks the same service, with the same request,
 * as the command that answers it alone ({@code cost <month> --account A}, {@code movers},
 * {@code anomalies <month>}, {@code budget status --month}, {@code savings --account A}), so a
 * report's figures are those commands' figures. The month defaults to the last complete one.
 *
 * <p>Services the engine lacks (no budgets store, no inventory for savings) leave their section
 * out with a note saying so, rather than an empty table that reads as "nothing to report".
 */
public final class ReportCommand {

    public static final String NAME = "report";
    /** As many services as {@code cost} shows by default, so the two tables are the same rows. */
    static final int TOP_SERVICES = 10;
    static final int TOP_MOVERS = 5;
    static final int DAILY_SERIES = 5;
    private static final DateTimeFormatter AS_OF = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final CostQueries costs;
    private final PeriodParser periods;
    private final AnomalyFinder anomalies;
    private final BudgetChecker budgets;
    private final SavingsService savings;
    private final ArgumentSpec<YearMonth> month;
    private final ArgumentSpec<String> account;
    private final CommandSpec spec;

    private ReportCommand(CostQueries costs, PeriodParser periods, AnomalyFinder anomalies, BudgetChecker budgets,
            SavingsService savings) {
        this.costs = Objects.requireNonNull(costs, "costs");
        this.periods = Objects.requireNonNull(periods, "periods");
        this.anomalies = anomalies;
        this.budgets = budgets;
        this.savings = savings;
        this.month = ArgumentSpec.builder("month", monthType(periods))
                .description("The month to report: 2026-10, last-month (the last complete month) or this-month")
                .defaultValue("last-month").positional().build();
        this.account = ArgumentSpec.builder("account", ArgumentTypes.text())
                .description("Only this billing account (its id or name as imported), e.g. mandible").build();
        this.spec = new CommandSpec(NAME, "Monthly report",
                "One month's cost report: total, services, budgets, movers, anomalies, savings, charts",
                "The monthly cost report (the last complete month by default): the total and the average daily "
                        + "cost against the month before, the largest services, each budget's status, the services "
                        + "whose cost moved most, the month's anomalies with their impact, and the ranked savings "
                        + "with their estimated monthly amounts, plus a daily cost chart and a top-services chart. "
                        + "Its figures are the ones cost, movers, anomalies, budget and savings give for the same "
                        + "month and account. --format html makes a self-contained page to file or print.",
                List.of(month, account), Role.VIEWER, Effect.READ_ONLY, this::handle);
    }

    /**
     * @param anomalies null leaves the anomalies section out
     * @param budgets   null leaves the budget section out
     * @param savings   null leaves the savings section out
     */
    public static CommandSpec create(CostQueries costs, PeriodParser periods, AnomalyFinder anomalies,
            BudgetChecker budgets, SavingsService savings) {
        return new ReportCommand(costs, periods, anomalies, budgets, savings).spec;
    }

    private Reply handle(Invocation invocation, CommandContext context) {
        YearMonth m = invocation.get(month);
        String acct = invocation.get(account);
        Period p = Period.ofMonth(m.getYear(), m.getMonthValue(), periods.zone());
        CostFilter filter = CostWords.filter(acct, List.of());
        BreakdownRequest request = new BreakdownRequest(p, Dimension.SERVICE, TOP_SERVICES, CostMetric.BILLED, filter);
        CostBreakdown breakdown = costs.breakdown(request);
        List<CostBreakdown.Section> sections = breakdown.sections();
        boolean several = sections.size() > 1;

        Reply.Builder reply = Reply.builder(NAME, "Monthly cost report: " + m + (acct == null ? "" : " · " + acct));
        List<String> summary = new ArrayList<>();
        if (sections.isEmpty()) {
            summary.add("No billed costs recorded in " + m + (acct == null ? "" : " for account " + acct) + ".");
        }
        for (CostBreakdown.Section s : sections) {
            String k = CostWords.suffix(s.currency(), several);
            String l = CostWords.labelSuffix(s.currency(), several);
            Money change = s.total().minus(s.previousTotal());
            Money daily = averageDay(s.total(), p);
            reply.figure("total" + k, "Total" + l, Value.money(s.total()))
                    .figure("average_daily" + k, "Average day" + l, Value.money(daily))
                    .figure("previous_total" + k, "Previous month" + l, Value.money(s.previousTotal()))
                    .figure("change" + k, "Change" + l, Value.money(change))
                    .figure("change_percent" + k, "Change %" + l, Value.percent(CostWords.ratio(change, s.previousTotal())));
            StringBuilder sentence = new StringBuilder(Formats.money(s.total()) + " in " + m + ", "
                    + CostWords.change(s.total(), s.previousTotal()) + " on " + m.minusMonths(1) + ", "
                    + Formats.money(daily) + " a day on average");
            s.rows().stream().filter(r -> !r.other()).findFirst().ifPresent(top -> sentence.append("; largest ")
                    .append(top.key()).append(" at ").append(Formats.money(top.amount())).append(" (")
                    .append(Formats.percent(share(top.amount(), s.total()))).append(")"));
            summary.add(sentence + ".");
        }
        for (CostBreakdown.Section s : sections) {
            reply.table(servicesTable(s, several));
        }
        charts(reply, request, breakdown, m, p, several);
        budgets(reply, summary, m, acct);
        movers(reply, p, filter, m);
        anomalies(reply, summary, p, acct);
        savings(reply, summary, acct);
        reply.summary(String.join(" ", summary));
        String note = CostWords.filterNote(filter);
        if (note != null) {
            reply.note(note);
        }
        reply.notes(breakdown.gaps());

        List<FollowUp.Argument> options = acct == null ? List.of() : List.of(FollowUp.Argument.option("account", acct));
        reply.followUp(FollowUp.to("Cost by service", CostCommand.NAME).positional(m.toString())
                        .option("by", "service").arguments(options))
                .followUp(FollowUp.to("Day by day", CostCommand.NAME).positional(m.toString())
                        .option("granularity", "daily").arguments(options))
                .followUp(FollowUp.to("Month before", NAME).option("month", m.minusMonths(1).toString())
                        .arguments(options));
        return reply.build();
    }

    /** The month's total over its days; rounded only when shown. */
    static Money averageDay(Money total, Period p) {
        return new Money(total.amount().divide(BigDecimal.valueOf(p.days()), MathContext.DECIMAL64), total.currency());
    }

    /** The same rows, amounts and shares as {@code cost <month> --by service} shows. */
    private static Table servicesTable(CostBreakdown.Section s, boolean several) {
        List<List<Value>> rows = new ArrayList<>();
        for (CostBreakdown.Row row : s.rows()) {
            String key = row.key() == null || row.key().isBlank() ? (row.other() ? "(other)" : "(none)") : row.key();
            rows.add(List.of(Value.text(key), Value.money(row.amount()), Value.money(row.previousAmount()),
                    Value.money(row.change()), Value.percent(share(row.amount(), s.total()))));
        }
        List<Value> footer = List.of(Value.text("Total"), Value.money(s.total()), Value.money(s.previousTotal()),
                Value.money(s.total().minus(s.previousTotal())), Value.percent(s.total().isZero() ? null : BigDecimal.ONE));
        return new Table("services" + CostWords.suffix(s.currency(), several),
                "Largest services" + CostWords.labelSuffix(s.currency(), several), List.of(
                        new Column("key", "service", ValueType.TEXT),
                        new Column("amount", "amount", ValueType.MONEY),
                        new Column("previous_amount", "previous", ValueType.MONEY),
                        new Column("change", "change", ValueType.MONEY),
                        new Column("share", "share", ValueType.PERCENT)), rows, footer);
    }

    private void charts(Reply.Builder reply, BreakdownRequest request, CostBreakdown breakdown, YearMonth m, Period p,
            boolean several) {
        if (breakdown.sections().isEmpty()) {
            return;
        }
        DailySeries daily = costs.daily(new BreakdownRequest(p, Dimension.SERVICE, DAILY_SERIES, CostMetric.BILLED,
                request.filter()));
        for (DailySeries.Section s : daily.sections()) {
            String k = CostWords.suffix(s.currency(), several);
            List<Money> days = s.dayTotals();
            int peak = 0;
            for (int i = 1; i < days.size(); i++) {
                if (days.get(i).compareTo(days.get(peak)) > 0) {
                    peak = i;
                }
            }
            String alt = "Daily cost in " + m + ", stacked by service: " + Formats.money(s.total()) + " in total, the "
                    + "most on " + daily.days().get(peak) + " (" + Formats.money(days.get(peak)) + ").";
            reply.chart(DailyCostChart.of("daily" + k, "Daily cost, " + m + " (" + Formats.money(s.total()) + ")", alt,
                    daily.days(), s));
        }
        for (CostBreakdown.Section s : breakdown.sections()) {
            String k = CostWords.suffix(s.currency(), several);
            StringJoiner bars = new StringJoiner(", ");
            s.rows().stream().limit(3).forEach(r -> bars.add(r.key() + " " + Formats.money(r.amount())));
            reply.chart(TopServicesChart.of("top_services" + k, "Top services, " + m, "Largest services in " + m + ": "
                    + bars + ".", p.start(), s));
        }
    }

    private void budgets(Reply.Builder reply, List<String> summary, YearMonth m, String acct) {
        if (budgets == null) {
            reply.note("Budgets are not available here, so the report has no budget section.");
            return;
        }
        List<BudgetStatus> statuses = budgets.status(m).stream()
                .filter(s -> acct == null || acct.equalsIgnoreCase(s.budget().account())).toList();
        if (statuses.isEmpty()) {
            reply.note(acct == null ? "No budgets are set." : "No budget is set for account " + acct + ".");
            return;
        }
        List<List<Value>> rows = new ArrayList<>();
        List<String> over = new ArrayList<>();
        List<String> forecastOver = new ArrayList<>();
        for (BudgetStatus s : statuses) {
            Budget b = s.budget();
            rows.add(List.of(Value.text(b.name()), Value.text(b.scope().text()), Value.money(b.amount()),
                    Value.money(s.actual()), Value.percent(s.usedRatio()), Value.money(s.forecast().forecast()),
                    Value.percent(s.forecastRatio()), Value.text(status(s))));
            if (s.actual().compareTo(b.amount()) > 0) {
                over.add(b.name());
            } else if (s.forecast().forecast().compareTo(b.amount()) > 0) {
                forecastOver.add(b.name());
            }
        }
        reply.table(new Table("budgets", "Budgets in " + m, List.of(
                new Column("name", "budget", ValueType.TEXT),
                new Column("scope", "scope", ValueType.TEXT),
                new Column("amount", "amount", ValueType.MONEY),
                new Column("actual", "actual", ValueType.MONEY),
                new Column("used", "used", ValueType.PERCENT),
                new Column("forecast", "forecast", ValueType.MONEY),
                new Column("forecast_used", "forecast used", ValueType.PERCENT),
                new Column("status", "status", ValueType.TEXT)), rows, List.of()));
        reply.figure("budgets_over", "Budgets over", Value.number(over.size(), null));
        if (over.isEmpty() && forecastOver.isEmpty()) {
            summary.add(statuses.size() == 1 ? "The budget held." : "All " + statuses.size() + " budgets held.");
        }
        if (!over.isEmpty()) {
            summary.add(String.join(", ", over) + " went over budget.");
        }
        if (!forecastOver.isEmpty()) {
            summary.add(String.join(", ", forecastOver) + (forecastOver.size() == 1 ? " is" : " are")
                    + " forecast to go over budget.");
        }
        reply.note("Budget forecast: " + statuses.get(0).forecast().method() + " (as of "
                + statuses.get(0).forecast().asOf() + ").");
    }

    /** {@code over budget}, {@code 90 % reached} or {@code within}: the highest threshold actual spend reached. */
    private static String status(BudgetStatus s) {
        if (s.actual().compareTo(s.budget().amount()) > 0) {
            return "over budget";
        }
        if (!s.crossedByActual().isEmpty()) {
            return s.crossedByActual().get(s.crossedByActual().size() - 1) + " % reached";
        }
        return "within";
    }

    private void movers(Reply.Builder reply, Period p, CostFilter filter, YearMonth m) {
        List<CostMover> movers = costs.topMovers(p, Dimension.SERVICE, CostMetric.BILLED, filter, TOP_MOVERS);
        List<List<Value>> rows = new ArrayList<>();
        for (CostMover mover : movers) {
            rows.add(List.of(Value.text(mover.key()), Value.money(mover.previous()), Value.money(mover.current()),
                    Value.money(mover.change()), Value.percent(mover.relativeChange())));
        }
        if (rows.isEmpty()) {
            reply.note("No service's cost changed between " + m.minusMonths(1) + " and " + m + ".");
            return;
        }
        reply.table(new Table("movers", "Top movers against " + m.minusMonths(1), List.of(
                new Column("key", "service", ValueType.TEXT),
                new Column("previous_amount", "previous", ValueType.MONEY),
                new Column("amount", "amount", ValueType.MONEY),
                new Column("change", "change", ValueType.MONEY),
                new Column("change_percent", "change %", ValueType.PERCENT)), rows, List.of()));
    }

    private void anomalies(Reply.Builder reply, List<String> summary, Period p, String acct) {
        if (anomalies == null) {
            reply.note("Anomaly detection is not available here, so the report has no anomalies section.");
            return;
        }
        AnomalyReport found = anomalies.find(new AnomalyRequest(p, AnomalyGrouping.SERVICE,
                AnomalyRequest.DEFAULT_MIN_IMPACT, Sensitivity.MEDIUM, acct, CostMetric.BILLED));
        reply.figure("anomalies", "Anomalies", Value.number(found.anomalies().size(), null));
        boolean several = found.totalImpact().size() > 1;
        for (Money total : found.totalImpact()) {
            reply.figure("anomaly_impact" + CostWords.suffix(total.currency(), several),
                    "Anomaly impact" + CostWords.labelSuffix(total.currency(), several), Value.money(total));
        }
        if (found.anomalies().isEmpty()) {
            summary.add("No anomalies.");
            return;
        }
        List<List<Value>> rows = new ArrayList<>();
        for (Anomaly a : found.anomalies()) {
            List<Value> drivers = new ArrayList<>();
            for (Driver d : a.drivers()) {
                drivers.add(Value.text(driverName(d)));
            }
            rows.add(List.of(Value.date(a.date()), Value.text(a.key()),
                    Value.text(ArgumentTypes.word(a.kind())), Value.money(a.expected()), Value.money(a.actual()),
                    Value.money(a.impact()), Value.list(drivers)));
        }
        reply.table(new Table("anomalies", "Anomalies", List.of(
                new Column("date", "date", ValueType.DATE),
                new Column("key", "service", ValueType.TEXT),
                new Column("kind", "kind", ValueType.TEXT),
                new Column("expected", "expected", ValueType.MONEY),
                new Column("actual", "actual", ValueType.MONEY),
                new Column("impact", "impact", ValueType.MONEY),
                new Column("drivers", "drivers", ValueType.LIST)), rows, List.of()));
        StringJoiner impact = new StringJoiner(" and ");
        found.totalImpact().forEach(t -> impact.add(Formats.money(t)));
        summary.add(found.anomalies().size() + (found.anomalies().size() == 1 ? " anomaly" : " anomalies") + " ("
                + impact + " above baseline).");
    }

    private static String driverName(Driver d) {
        if (d.resourceName() != null && !d.resourceName().isBlank()) {
            return d.resourceName();
        }
        if (d.resourceId() != null && !d.resourceId().isBlank()) {
            return d.resourceId();
        }
        return d.skuId() == null ? "?" : d.skuId();
    }

    private void savings(Reply.Builder reply, List<String> summary, String acct) {
        if (savings == null) {
            reply.note("Savings need the inventory, which is not available here, so the report has no savings section.");
            return;
        }
        SavingsReport report;
        try {
            report = savings.plan(acct);
        } catch (PurserException e) {
            // one missing source must not sink a report that is otherwise whole
            reply.note("The savings could not be worked out (" + e.code() + ", ref " + e.referenceId() + ").");
            return;
        }
        boolean several = report.totals().size() > 1;
        for (Map.Entry<Currency, Money> e : report.totals().entrySet()) {
            reply.figure("savings" + CostWords.suffix(e.getKey(), several),
                    "Savings a month" + CostWords.labelSuffix(e.getKey(), several), Value.money(e.getValue()));
        }
        if (report.items().isEmpty()) {
            summary.add("Nothing to save found.");
            return;
        }
        List<List<Value>> rows = new ArrayList<>();
        int rank = 0;
        for (SavingsItem item : report.items()) {
            rank++;
            rows.add(List.of(Value.number(rank, null), Value.text(item.id()),
                    Value.text(item.category().name().toLowerCase(Locale.ROOT)), Value.text(item.subject()),
                    Value.text(item.action()),
                    item.monthlySaving().map(Value::money).orElse(Value.empty(ValueType.MONEY)),
                    Value.text(item.risk().name().toLowerCase(Locale.ROOT))));
        }
        List<Value> footer = List.of();
        if (report.totals().size() == 1) {
            footer = List.of(Value.empty(ValueType.NUMBER), Value.text("total"), Value.empty(ValueType.TEXT),
                    Value.empty(ValueType.TEXT), Value.empty(ValueType.TEXT),
                    Value.money(report.totals().values().iterator().next()), Value.empty(ValueType.TEXT));
        }
        reply.table(new Table("savings", "Savings, ranked", List.of(
                new Column("rank", "#", ValueType.NUMBER),
                new Column("id", "id", ValueType.TEXT),
                new Column("category", "category", ValueType.TEXT),
                new Column("subject", "what", ValueType.TEXT),
                new Column("action", "action", ValueType.TEXT),
                new Column("monthly_saving", "saving/month", ValueType.MONEY),
                new Column("risk", "risk", ValueType.TEXT)), rows, footer));
        StringJoiner totals = new StringJoiner(" and ");
        report.totals().values().forEach(t -> totals.add(Formats.money(t)));
        summary.add(report.items().size() + " way(s) to save " + (report.totals().isEmpty() ? "an unknown amount"
                : totals.toString()) + " a month.");
        for (SavingsItem item : report.items()) {
            if (item.monthlySaving().isEmpty()) {
                reply.note(item.id() + ": " + item.basisNote());
            }
        }
        reply.note("Savings are for the inventory as of " + AS_OF.format(report.asOf()) + ", not for " + "the month alone.");
        reply.notes(report.gaps());
    }

    private static BigDecimal share(Money part, Money total) {
        return total.isZero() ? null : part.amount().divide(total.amount(), MathContext.DECIMAL64);
    }

    /** A calendar month: {@code 2026-10}, {@code last-month} (the last complete one) or {@code this-month}. */
    private static ArgumentType<YearMonth> monthType(PeriodParser periods) {
        return new ArgumentType<>() {
            @Override
            public YearMonth parse(String text) {
                String t = text.trim().toLowerCase(Locale.ROOT);
                YearMonth now = YearMonth.from(periods.today());
                switch (t) {
                    case "this-month":
                    case "mtd":
                        return now;
                    case "last-month":
                        return now.minusMonths(1);
                    default:
                        try {
                            return YearMonth.parse(t);
                        } catch (DateTimeException e) {
                            throw PurserException.badArgument("'" + text + "' is not a month; expected for example "
                                    + now.minusMonths(1) + ", last-month or this-month");
                        }
                }
            }

            @Override
            public JsonKind jsonKind() {
                return JsonKind.STRING;
            }

            @Override
            public String expected() {
                return "month";
            }

            @Override
            public List<String> examples() {
                return List.of("2026-10", "last-month", "this-month");
            }
        };
    }
}
