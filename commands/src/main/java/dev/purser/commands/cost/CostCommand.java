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
import dev.purser.commands.reply.Reply;
import dev.purser.commands.reply.Table;
import dev.purser.commands.reply.Value;
import dev.purser.commands.reply.ValueType;
import dev.purser.core.analysis.costs.BreakdownRequest;
import dev.purser.core.analysis.costs.CostBreakdown;
import dev.purser.core.analysis.costs.CostFilter;
import dev.purser.core.analysis.costs.CostMetric;
import dev.purser.core.analysis.costs.CostQueries;
import dev.purser.core.model.Dimension;
import dev.purser.core.model.Money;
import dev.purser.core.model.Period;
import dev.purser.core.model.PeriodParser;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code cost [period] [--by DIM] [--top N] [--metric M] [--account A] [--where dim=value]...}:
 * what a period cost, broken down by one dimension, against the period before.
 *
 * <p>Amounts in different currencies are never added: each currency gets its own figures and
 * its own table, and the keys of both carry a currency suffix only when there is more than one.
 */
public final class CostCommand {

    public static final String NAME = "cost";

    private final CostQueries costs;
    private final ArgumentSpec<Period> period;
    private final ArgumentSpec<Dimension> by;
    private final ArgumentSpec<Integer> top;
    private final ArgumentSpec<CostMetric> metric;
    private final ArgumentSpec<String> account;
    private final ArgumentSpec<ArgumentTypes.DimensionValue> where;
    private final CommandSpec spec;

    private CostCommand(CostQueries costs, PeriodParser periods) {
        this.costs = Objects.requireNonNull(costs, "costs");
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
        this.account = ArgumentSpec.builder("account", ArgumentTypes.text())
                .description("Only this billing account (its id or name as imported)").build();
        this.where = ArgumentSpec.builder("where", ArgumentTypes.dimensionValue())
                .description("Only rows where a dimension has this value, as in region=nyc3 or tag:env=prod")
                .multiple().build();
        this.spec = new CommandSpec(NAME, "Cost breakdown",
                "What a period cost, broken down by service, region, account or tag",
                "Totals cloud cost for a period (this month so far by default) and breaks it down by a FOCUS "
                        + "dimension such as service, region, account or a tag, with each row's amount, its change "
                        + "against the previous period of the same length, and its share of the total. One table "
                        + "per currency; amounts are exact and add up to the total.",
                List.of(period, by, top, metric, account, where), Role.VIEWER, Effect.READ_ONLY, this::handle);
    }

    public static CommandSpec create(CostQueries costs, PeriodParser periods) {
        return new CostCommand(costs, periods).spec;
    }

    private Reply handle(Invocation invocation, CommandContext context) {
        Period p = invocation.get(period);
        Dimension dimension = invocation.get(by);
        CostMetric m = invocation.get(metric);
        String acct = invocation.get(account);
        List<ArgumentTypes.DimensionValue> terms = invocation.getAll(where);
        CostFilter filter = CostWords.filter(acct, terms);
        CostBreakdown breakdown = costs.breakdown(new BreakdownRequest(p, dimension, invocation.get(top), m, filter));

        String metricWord = ArgumentTypes.word(m);
        Reply.Builder reply = Reply.builder(NAME, capitalized(metricWord) + " cost by " + dimension.word());
        List<CostBreakdown.Section> sections = breakdown.sections();
        boolean several = sections.size() > 1;
        List<String> sentences = new ArrayList<>();
        for (CostBreakdown.Section s : sections) {
            sentences.add(Formats.money(s.total()) + " in " + breakdown.period().label() + ", "
                    + CostWords.change(s.total(), s.previousTotal()) + " on " + breakdown.previousPeriod().label());
        }
        if (sections.isEmpty()) {
            reply.summary("No " + metricWord + " costs recorded in " + breakdown.period().label() + ".");
        } else {
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
        for (CostBreakdown.Section s : sections) {
            reply.table(table(dimension, s, several));
        }
        String note = CostWords.filterNote(filter);
        if (note != null) {
            reply.note(note);
        }
        reply.notes(breakdown.gaps());

        String periodText = CostWords.typed(breakdown.period());
        String options = (m == CostMetric.BILLED ? "" : " --metric " + metricWord) + CostWords.filterOptions(acct, terms);
        Dimension next = dimension.kind() == Dimension.Kind.SERVICE
                ? new Dimension(Dimension.Kind.REGION, null) : Dimension.SERVICE;
        reply.followUp("By " + next.word(), NAME + " " + periodText + " --by " + next.word() + options)
                .followUp("Previous period", NAME + " " + CostWords.typed(breakdown.previousPeriod())
                        + " --by " + CostWords.token(dimension.word()) + options)
                .followUp("Biggest changes", MoversCommand.NAME + " " + periodText + " --by "
                        + CostWords.token(dimension.word()) + CostWords.filterOptions(acct, List.of()));
        return reply.build();
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
