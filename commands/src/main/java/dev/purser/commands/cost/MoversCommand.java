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
import dev.purser.core.analysis.costs.CompleteDays;
import dev.purser.core.analysis.costs.CostFilter;
import dev.purser.core.analysis.costs.CostMetric;
import dev.purser.core.analysis.costs.CostMover;
import dev.purser.core.analysis.costs.CostQueries;
import dev.purser.core.model.Dimension;
import dev.purser.core.model.Period;
import dev.purser.core.query.PeriodParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code movers [period] [--by DIM] [--top N] [--account A]}: what changed most against the
 * previous period, by absolute change, with the relative change beside it.
 */
public final class MoversCommand {

    public static final String NAME = "movers";

    private final CostQueries costs;
    private final PeriodParser periods;
    private final ArgumentSpec<Period> period;
    private final ArgumentSpec<Dimension> by;
    private final ArgumentSpec<Integer> top;
    private final ArgumentSpec<String> account;
    private final CommandSpec spec;

    private MoversCommand(CostQueries costs, PeriodParser periods) {
        this.costs = Objects.requireNonNull(costs, "costs");
        this.periods = Objects.requireNonNull(periods, "periods");
        this.period = ArgumentSpec.builder("period", ArgumentTypes.period(periods))
                .description("The days to compare with the period before: mtd, last-month, 30d, 2026-10")
                .defaultValue("mtd").positional().build();
        this.by = ArgumentSpec.builder("by", ArgumentTypes.dimension())
                .description("What to compare: a FOCUS dimension such as service or region, or tag:<key>")
                .defaultValue("service").build();
        this.top = ArgumentSpec.builder("top", ArgumentTypes.integer(1, 50))
                .description("How many of the biggest changes to show")
                .defaultValue("10").build();
        this.account = ArgumentSpec.builder("account", ArgumentTypes.text())
                .description("Only this billing account (its id or name as imported)").build();
        this.spec = new CommandSpec(NAME, "Top cost movers",
                "What changed most in cost against the previous period",
                "Compares billed cost of a period (this month so far by default) with the previous period of the "
                        + "same length and lists the services, regions, accounts or tag values whose cost changed "
                        + "most, largest absolute change first, with the relative change. Use it to explain why a "
                        + "bill went up or down.",
                List.of(period, by, top, account), Role.VIEWER, Effect.READ_ONLY, this::handle);
    }

    public static CommandSpec create(CostQueries costs, PeriodParser periods) {
        return new MoversCommand(costs, periods).spec;
    }

    private Reply handle(Invocation invocation, CommandContext context) {
        Period asked = invocation.get(period);
        Dimension dimension = invocation.get(by);
        String acct = invocation.get(account);
        CostFilter filter = CostWords.filter(acct, List.of());
        java.time.LocalDate today = periods.today();
        CompleteDays.Counted counted = asked.lastDay().isBefore(today) ? null
                : CompleteDays.lastComplete(costs, filter, today, asked.zone());
        java.time.LocalDate lastComplete = counted == null ? null : counted.day();
        Period p = lastComplete == null ? asked : CompleteDays.clip(asked, lastComplete);
        Period previous = p.previous();
        List<CostMover> movers = costs.topMovers(p, dimension, CostMetric.BILLED, filter, invocation.get(top));

        Reply.Builder reply = Reply.builder(NAME, "Cost movers by " + dimension.word());
        if (movers.isEmpty()) {
            reply.summary("No change in billed cost by " + dimension.word() + " between " + previous.label()
                    + " and " + p.label() + ".");
        } else {
            CostMover first = movers.get(0);
            reply.summary("Biggest change from " + previous.label() + " to " + p.label() + ": " + first.key() + " "
                    + CostWords.change(first.current(), first.previous()) + ", now " + Formats.money(first.current()) + ".");
        }
        List<List<Value>> rows = new ArrayList<>();
        for (CostMover mover : movers) {
            rows.add(List.of(Value.text(mover.key()), Value.money(mover.previous()), Value.money(mover.current()),
                    Value.money(mover.change()), Value.percent(mover.relativeChange())));
        }
        reply.table(new Table("movers", "Biggest changes by " + dimension.word(), List.of(
                new Column("key", dimension.word(), ValueType.TEXT),
                new Column("previous_amount", "previous", ValueType.MONEY),
                new Column("amount", "amount", ValueType.MONEY),
                new Column("change", "change", ValueType.MONEY),
                new Column("change_percent", "change %", ValueType.PERCENT)), rows, List.of()));
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
        List<FollowUp.Argument> options = CostWords.filterOptions(acct, List.of());
        String periodText = CostWords.typed(p);
        reply.followUp(FollowUp.to("Breakdown", CostCommand.NAME).positional(periodText).option("by", dimension.word())
                .arguments(options));
        if (!movers.isEmpty() && dimension.kind() != Dimension.Kind.RESOURCE) {
            reply.followUp(FollowUp.to("Resources behind " + movers.get(0).key(), CostCommand.NAME)
                    .positional(periodText).option("by", "resource")
                    .option("where", dimension.word() + "=" + movers.get(0).key()).arguments(options));
        }
        return reply.build();
    }
}
