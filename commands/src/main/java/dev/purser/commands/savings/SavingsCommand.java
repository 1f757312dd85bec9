package dev.purser.commands.savings;

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
import dev.purser.core.analysis.advice.ProviderAdvice;
import dev.purser.core.analysis.advice.StoredAdvice;
import dev.purser.core.analysis.commitments.CommitmentAnalysis;
import dev.purser.core.analysis.commitments.CommitmentOutcome;
import dev.purser.core.analysis.savings.SavingsItem;
import dev.purser.core.analysis.savings.SavingsRanking;
import dev.purser.core.analysis.savings.SavingsReport;
import dev.purser.core.analysis.savings.SavingsService;
import dev.purser.core.cloud.aws.CostExplorerAdvicePull;
import dev.purser.core.analysis.advice.ReservationAdvice;
import dev.purser.core.analysis.advice.SavingsPlanAdvice;
import dev.purser.core.error.PurserException;
import dev.purser.core.model.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
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
 * {@code savings [--account A]}: waste, right-sizing and commitments as one list with stable ids,
 * ranked by saving, effort and risk, with the total per currency. Given the provider's own advice,
 * Cost Explorer's Savings Plan and Reserved Instance purchases are listed beside the commitment,
 * outside the total; with none stored the reply is the same as without it.
 */
public final class SavingsCommand {

    public static final String NAME = "savings";
    private static final DateTimeFormatter FETCHED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final SavingsService service;
    private final ProviderAdvice advice;
    private final ArgumentSpec<String> account;
    private final CommandSpec spec;

    private SavingsCommand(SavingsService service, ProviderAdvice advice) {
        this.service = Objects.requireNonNull(service, "service");
        this.advice = advice;
        this.account = ArgumentSpec.builder("account", ArgumentTypes.text())
                .description("Only this account: the inventory scenario and billing account name, e.g. livyflow")
                .build();
        this.spec = new CommandSpec(NAME, "Savings",
                "Every way to save, ranked, with the total",
                "One list of everything that would lower the bill: waste to delete or release, machines, database "
                        + "clusters and containers to right-size, and Savings Plan commitments for steady compute "
                        + "spend. Each item has a stable id, a monthly saving with where the figure comes from, a risk "
                        + "and an effort; the list is ranked by saving weighted by risk, effort and confidence, and "
                        + "totalled per currency. No resource is counted twice.",
                List.of(account), Role.VIEWER, Effect.READ_ONLY, this::handle);
    }

    public static CommandSpec create(SavingsService service) {
        return create(service, null);
    }

    /**
     * @param advice the provider's own purchase advice (Cost Explorer) to list beside Purser's
     *               commitment; null leaves it out. Pass the same port to {@link SavingsService}
     *               ({@code advice::savingsPlans}) so the commitment line compares with it.
     */
    public static CommandSpec create(SavingsService service, ProviderAdvice advice) {
        return new SavingsCommand(service, advice).spec;
    }

    private Reply handle(Invocation invocation, CommandContext context) {
        String acct = invocation.get(account);
        SavingsReport report = service.plan(acct);
        Reply.Builder reply = Reply.builder(NAME, "Savings for " + report.account());
        if (report.items().isEmpty()) {
            reply.summary("Nothing to save found for " + report.account() + ".");
        } else {
            SavingsItem best = report.items().get(0);
            reply.summary(report.items().size() + " recommendation(s) for " + report.account() + " save "
                    + totals(report.totals()) + " a month. First: " + best.action() + " (" + best.subject()
                    + best.monthlySaving().map(m -> ", " + Formats.money(m) + "/month").orElse("") + ").");
        }
        for (Map.Entry<Currency, Money> e : report.totals().entrySet()) {
            String key = report.totals().size() == 1 ? "total" : "total_" + e.getKey().getCurrencyCode().toLowerCase(Locale.ROOT);
            reply.figure(key, "Monthly saving", Value.money(e.getValue()));
        }
        reply.figure("items", "Recommendations", Value.number(report.items().size(), null));

        List<List<Value>> rows = new ArrayList<>();
        int rank = 0;
        for (SavingsItem item : report.items()) {
            rank++;
            rows.add(List.of(Value.number(rank, null), Value.text(item.id()),
                    Value.text(item.category().name().toLowerCase(Locale.ROOT)), Value.text(item.subject()),
                    Value.text(item.action()),
                    item.monthlySaving().map(Value::money).orElse(Value.empty(ValueType.MONEY)),
                    Value.text(level(item.risk().name())), Value.text(level(item.effort().name())),
                    Value.text(level(item.confidence().name())),
                    Value.number(SavingsRanking.score(item).setScale(2, RoundingMode.HALF_EVEN), null)));
        }
        List<Value> footer = List.of();
        if (report.totals().size() == 1) {
            footer = List.of(Value.empty(ValueType.NUMBER), Value.text("total"), Value.empty(ValueType.TEXT),
                    Value.empty(ValueType.TEXT), Value.empty(ValueType.TEXT),
                    Value.money(report.totals().values().iterator().next()), Value.empty(ValueType.TEXT),
                    Value.empty(ValueType.TEXT), Value.empty(ValueType.TEXT), Value.empty(ValueType.NUMBER));
        }
        reply.table(new Table("savings", "Ranked by saving, risk, effort and confidence", List.of(
                new Column("rank", "#", ValueType.NUMBER),
                new Column("id", "id", ValueType.TEXT),
                new Column("category", "category", ValueType.TEXT),
                new Column("subject", "what", ValueType.TEXT),
                new Column("action", "action", ValueType.TEXT),
                new Column("monthly_saving", "saving/month", ValueType.MONEY),
                new Column("risk", "risk", ValueType.TEXT),
                new Column("effort", "effort", ValueType.TEXT),
                new Column("confidence", "confidence", ValueType.TEXT),
                new Column("score", "score", ValueType.NUMBER)), rows, footer));
        StoredAdvice stored = stored(reply, acct);
        report.commitment().ifPresent(c -> commitment(reply, c, stored));
        purchases(reply, stored);
        reply.note("Score = monthly saving × risk weight (low 1, medium 0.75, high 0.5) × effort weight "
                + "(low 1, medium 0.85, high 0.7) × confidence weight (high 1, medium 0.85, low 0.7).");
        for (SavingsItem item : report.items()) {
            if (item.monthlySaving().isEmpty()) {
                reply.note(item.id() + ": " + item.basisNote());
            }
        }
        reply.notes(report.gaps());
        List<FollowUp.Argument> options = acct == null ? List.of() : List.of(FollowUp.Argument.option("account", acct));
        reply.followUp(FollowUp.to("Waste in detail", "waste").arguments(options));
        reply.followUp(FollowUp.to("Right-sizing in detail", "rightsize").arguments(options));
        return reply.build();
    }

    private static void commitment(Reply.Builder reply, CommitmentAnalysis c, StoredAdvice stored) {
        List<List<Value>> rows = new ArrayList<>();
        for (CommitmentOutcome o : c.outcomes()) {
            rows.add(List.of(Value.text(o.option().label()), Value.percent(o.option().discount()),
                    Value.money(o.hourlyCommitment()), Value.money(o.coveredOnDemandHourly()),
                    Value.money(o.monthlySaving()), Value.percent(o.utilization()), Value.money(o.upfront()),
                    o.breakEvenMonth().isPresent() ? Value.number(o.breakEvenMonth().getAsInt(), "month")
                            : Value.empty(ValueType.NUMBER)));
        }
        reply.table(new Table("commitments", "Savings Plan options over the steady baseline", List.of(
                new Column("option", "option", ValueType.TEXT),
                new Column("discount", "assumed discount", ValueType.PERCENT),
                new Column("hourly_commitment", "commit/hour", ValueType.MONEY),
                new Column("covers_hourly", "covers on-demand/hour", ValueType.MONEY),
                new Column("monthly_saving", "saving/month", ValueType.MONEY),
                new Column("utilization", "utilization", ValueType.PERCENT),
                new Column("upfront", "upfront", ValueType.MONEY),
                new Column("break_even", "break-even", ValueType.NUMBER)), rows, List.of()));
        reply.note("Steady baseline of uncovered eligible compute (EC2, Fargate, Lambda): "
                + Formats.money(c.baselineHourly()) + "/hour (10th percentile over " + c.hours() + " hours), mean "
                + Formats.money(c.meanHourly()) + "/hour; " + Formats.percent(c.existingCoverage().setScale(3, RoundingMode.HALF_EVEN))
                + " of eligible spend is already covered by commitments.");
        c.comparison().ifPresent(reply::note);
        if (c.costExplorer().isEmpty() && stored.savingsPlans().isEmpty()) {
            reply.note("Cost Explorer's own Savings Plan recommendation was not available to compare with.");
        }
    }

    private StoredAdvice stored(Reply.Builder reply, String acct) {
        if (advice == null) {
            return StoredAdvice.none();
        }
        try {
            return advice.advice(acct);
        } catch (PurserException e) {
            reply.note("Cost Explorer's advice could not be read (" + e.code() + ", ref " + e.referenceId() + ")");
            return StoredAdvice.none();
        }
    }

    /** Cost Explorer's Savings Plan and Reserved Instance purchases, apart from the ranked list they would overlap. */
    private static void purchases(Reply.Builder reply, StoredAdvice stored) {
        if (stored.isEmpty()) {
            return;
        }
        List<List<Value>> plans = new ArrayList<>();
        for (SavingsPlanAdvice p : stored.savingsPlans()) {
            plans.add(List.of(Value.text(p.savingsPlansType()), text(p.term()), text(p.paymentOption()),
                    Value.money(p.hourlyCommitment()), money(p.upfrontCost()), Value.money(p.estimatedMonthlySavings()),
                    ratio(p.savingsPercent()), ratio(p.averageUtilizationPercent())));
        }
        if (!plans.isEmpty()) {
            reply.table(new Table("cost_explorer_savings_plans", "Cost Explorer: Savings Plan purchases", List.of(
                    new Column("type", "type", ValueType.TEXT),
                    new Column("term", "term", ValueType.TEXT),
                    new Column("payment", "payment", ValueType.TEXT),
                    new Column("hourly_commitment", "commit/hour", ValueType.MONEY),
                    new Column("upfront", "upfront", ValueType.MONEY),
                    new Column("monthly_saving", "saving/month", ValueType.MONEY),
                    new Column("savings_percent", "saving", ValueType.PERCENT),
                    new Column("utilization", "utilization", ValueType.PERCENT)), plans, List.of()));
        }
        List<List<Value>> reservations = new ArrayList<>();
        for (ReservationAdvice r : stored.reservations()) {
            reservations.add(List.of(Value.text(service(r.service())), text(r.instanceType()), text(r.region()),
                    r.instancesToPurchase() == null ? Value.empty(ValueType.NUMBER) : Value.number(r.instancesToPurchase(), null),
                    text(r.term()), text(r.paymentOption()), money(r.upfrontCost()), money(r.recurringMonthlyCost()),
                    Value.money(r.estimatedMonthlySavings()),
                    r.breakEvenMonths() == null ? Value.empty(ValueType.NUMBER) : Value.number(r.breakEvenMonths(), "months")));
        }
        if (!reservations.isEmpty()) {
            reply.table(new Table("cost_explorer_reservations", "Cost Explorer: Reserved Instance purchases", List.of(
                    new Column("service", "service", ValueType.TEXT),
                    new Column("instance_type", "type", ValueType.TEXT),
                    new Column("region", "region", ValueType.TEXT),
                    new Column("count", "count", ValueType.NUMBER),
                    new Column("term", "term", ValueType.TEXT),
                    new Column("payment", "payment", ValueType.TEXT),
                    new Column("upfront", "upfront", ValueType.MONEY),
                    new Column("monthly_cost", "recurring/month", ValueType.MONEY),
                    new Column("monthly_saving", "saving/month", ValueType.MONEY),
                    new Column("break_even", "break-even", ValueType.NUMBER)), reservations, List.of()));
        }
        List<String> fetched = new ArrayList<>();
        for (StoredAdvice.Fetch f : stored.fetches()) {
            fetched.add(FETCHED.format(f.fetchedAt()) + " (" + f.account() + ")");
        }
        reply.note("Cost Explorer advice fetched " + String.join(", ", fetched)
                + (plans.isEmpty() && reservations.isEmpty() ? "; it recommends no Savings Plan or Reserved Instance"
                        + " purchase" : "; its purchases are not added to the total, as they overlap the commitment"
                        + " option and right-sizing above") + ".");
    }

    private static String service(String costExplorerName) {
        return switch (costExplorerName) {
            case CostExplorerAdvicePull.EC2_SERVICE -> "EC2";
            case CostExplorerAdvicePull.RDS_SERVICE -> "RDS";
            default -> costExplorerName;
        };
    }

    private static Value text(String s) {
        return s == null || s.isBlank() ? Value.empty(ValueType.TEXT) : Value.text(s);
    }

    private static Value money(Money m) {
        return m == null ? Value.empty(ValueType.MONEY) : Value.money(m);
    }

    /** Cost Explorer's percentages are 0..100; the reply's are ratios. */
    private static Value ratio(BigDecimal percent) {
        return percent == null ? Value.empty(ValueType.PERCENT) : Value.percent(percent.movePointLeft(2));
    }

    static String totals(Map<Currency, Money> totals) {
        if (totals.isEmpty()) {
            return "an unknown amount";
        }
        StringJoiner j = new StringJoiner(" and ");
        totals.values().forEach(m -> j.add(Formats.money(m)));
        return j.toString();
    }

    private static String level(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

}
