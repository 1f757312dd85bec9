package dev.purser.commands.rightsizing;

import static dev.purser.commands.rightsizing.RightsizeWords.slug;
import static dev.purser.commands.rightsizing.RightsizeWords.cores;
import static dev.purser.commands.rightsizing.RightsizeWords.bytes;
import static dev.purser.commands.rightsizing.RightsizeWords.reservations;
import static dev.purser.commands.rightsizing.RightsizeWords.usage;
import static dev.purser.commands.rightsizing.RightsizeWords.word;
import static dev.purser.commands.rightsizing.RightsizeWords.yesNo;

import dev.purser.commands.render.Formats;
import dev.purser.commands.reply.Column;
import dev.purser.commands.reply.Reply;
import dev.purser.commands.reply.Table;
import dev.purser.commands.reply.Value;
import dev.purser.commands.reply.ValueType;
import dev.purser.core.analysis.recommendations.ComposeStack;
import dev.purser.core.analysis.rightsizing.ComposeAnalysis;
import dev.purser.core.analysis.rightsizing.PriceBasis;
import dev.purser.core.model.Money;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One docker-compose stack: its services' current and proposed limits with their cost shares,
 * the host now, right-sized and without the services left out, and the compose diff (or, asked
 * for, the whole patched file) as a code block to apply verbatim.
 */
final class ComposeSection {

    private ComposeSection() {
    }

    static void add(Reply.Builder reply, ComposeStack stack, boolean showPatched) {
        ComposeAnalysis a = stack.analysis();
        String key = slug(stack.hostName());
        List<Column> columns = List.of(
                new Column("service", "service", ValueType.TEXT),
                new Column("cpus_limit", "cpus limit", ValueType.CHANGE),
                new Column("memory_limit", "memory limit", ValueType.CHANGE),
                new Column("reservations", "reservations (cpus, memory)", ValueType.CHANGE),
                new Column("usage", "usage (CPU p95/p99, memory max)", ValueType.USAGE),
                new Column("pattern", "pattern", ValueType.TEXT),
                new Column("monthly_cost", "cost now", ValueType.MONEY),
                new Column("proposed_monthly_cost", "cost proposed", ValueType.MONEY));
        List<List<Value>> rows = new ArrayList<>();
        Money now = Money.zero(a.host().monthlyPrice().currency());
        Money later = now;
        boolean allLater = true;
        for (ComposeAnalysis.ServiceSizing s : a.services()) {
            rows.add(List.of(Value.text(s.name()),
                    Value.change(cores(s.current().cpusLimit()), cores(s.proposed().cpusLimit())),
                    Value.change(bytes(s.current().memoryLimit()), bytes(s.proposed().memoryLimit())),
                    Value.change(reservations(s.current()), reservations(s.proposed())),
                    usage(s.cpu(), s.memory()), Value.text(word(s.pattern())),
                    Value.money(s.currentMonthlyCost()),
                    s.proposedMonthlyCost().map(Value::money).orElse(Value.empty(ValueType.MONEY))));
            now = now.plus(s.currentMonthlyCost());
            if (s.proposedMonthlyCost().isPresent()) {
                later = later.plus(s.proposedMonthlyCost().get());
            } else {
                allLater = false;
            }
        }
        List<Value> footer = List.of(Value.text("Total"), Value.empty(ValueType.CHANGE), Value.empty(ValueType.CHANGE),
                Value.empty(ValueType.CHANGE), Value.empty(ValueType.USAGE), Value.text(""), Value.money(now),
                allLater ? Value.money(later) : Value.empty(ValueType.MONEY));
        reply.table(new Table("compose_services_" + key, stack.hostName() + ": compose services ("
                + a.costSplitMethod() + ")", columns, rows, footer));

        List<Column> hostColumns = List.of(
                new Column("item", "", ValueType.TEXT),
                new Column("size", "host", ValueType.TEXT),
                new Column("monthly_price", "monthly", ValueType.MONEY),
                new Column("fits_budget", "fits budget", ValueType.TEXT),
                new Column("detail", "detail", ValueType.TEXT));
        List<List<Value>> hostRows = new ArrayList<>();
        Optional<ComposeAnalysis.BudgetCheck> budget = a.budget();
        String basis = a.host().priceBasis() == PriceBasis.EFFECTIVE_COST ? "as billed" : "list price";
        hostRows.add(List.of(Value.text("now"), Value.text(a.host().size()), Value.money(a.host().monthlyPrice()),
                Value.text(budget.map(c -> yesNo(c.currentFits())).orElse("")),
                Value.text(basis + "; " + a.host().vcpus() + " vCPUs, " + Formats.bytes(a.host().memoryBytes()))));
        ComposeAnalysis.HostChoice p = a.proposedHost();
        hostRows.add(List.of(Value.text("right-sized"), Value.text(p.size().orElse("none fits")),
                p.monthlyPrice().map(Value::money).orElse(Value.empty(ValueType.MONEY)),
                Value.text(budget.flatMap(ComposeAnalysis.BudgetCheck::proposedFits).map(RightsizeWords::yesNo).orElse("")),
                Value.text(p.reason() + p.monthlySaving().map(s -> "; saves " + Formats.money(s) + "/month").orElse(""))));
        a.whatIf().ifPresent(w -> hostRows.add(List.of(Value.text("without " + String.join(", ", w.without().stream()
                .sorted().toList())), Value.text(w.host().size().orElse("none fits")),
                w.host().monthlyPrice().map(Value::money).orElse(Value.empty(ValueType.MONEY)),
                Value.text(w.fitsBudget().map(RightsizeWords::yesNo).orElse("")),
                Value.text(w.summary() + whatIfSaving(a, w)))));
        String budgetTitle = budget.map(c -> ", budget " + Formats.money(c.budget()) + "/month").orElse("");
        reply.table(new Table("compose_host_" + key, stack.hostName() + ": host" + budgetTitle, hostColumns, hostRows,
                List.of()));

        if (!a.unifiedDiff().isEmpty()) {
            reply.code("compose_diff_" + key, "Compose diff (" + stack.composeSource() + ")", "diff",
                    a.unifiedDiff());
        }
        if (showPatched) {
            reply.code("compose_file_" + key, "Patched docker-compose.yml (" + stack.hostName() + ")", "yaml",
                    a.patchedYaml());
        }
    }

    private static String whatIfSaving(ComposeAnalysis a, ComposeAnalysis.WhatIf w) {
        if (w.host().monthlyPrice().isEmpty()
                || !w.host().monthlyPrice().get().currency().equals(a.host().monthlyPrice().currency())) {
            return "";
        }
        Money saving = a.host().monthlyPrice().minus(w.host().monthlyPrice().get());
        return saving.amount().signum() > 0 ? "; saves " + Formats.money(saving) + "/month against today's host"
                : "; no cheaper host: the rest of the stack still needs " + String.format(Locale.ROOT, "%.2f",
                        w.host().neededCpus()) + " vCPUs and " + Formats.bytes(w.host().neededMemory());
    }
}
