package dev.purser.commands.importing;

import dev.purser.commands.render.Formats;
import dev.purser.commands.reply.Column;
import dev.purser.commands.reply.FollowUp;
import dev.purser.commands.reply.Reply;
import dev.purser.commands.reply.Table;
import dev.purser.commands.reply.Value;
import dev.purser.commands.reply.ValueType;
import dev.purser.core.ingest.CostPull;
import dev.purser.core.ingest.ImportResult;
import dev.purser.core.ingest.InventoryPull;
import dev.purser.core.model.Money;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The replies of {@code import}: one per source of costs (files, an API pull, an inventory
 * pull), each with its figures, table, notes and follow-ups. Totals are summed per currency and
 * never mixed; skipped rows are listed up to {@link ImportCommand#SKIPPED_LISTED}, then counted.
 */
final class ImportReplies {

    private ImportReplies() {
    }

    static Reply inventory(String kind, Duration window, InventoryPull.Result result) {
        Reply.Builder reply = Reply.builder(ImportCommand.NAME, "Import (" + kind + ")");
        reply.figure("account", "Account", Value.text(result.account()))
                .figure("resources", "Resources", Value.number(result.resources(), "resources"))
                .figure("series", "Usage series", Value.number(result.series(), "series"))
                .figure("samples", "Usage samples", Value.number(result.samples(), "samples"))
                .figure("window_days", "Usage window", Value.number(window.toDays(), "days"))
                .figure("advice", "Provider recommendations", Value.number(result.advice(), "recommendations"));
        StringBuilder summary = new StringBuilder("Pulled ")
                .append(Formats.number(BigDecimal.valueOf(result.resources()), "resources"))
                .append(" of ").append(result.account()).append(" (").append(kind).append(") with ")
                .append(Formats.number(BigDecimal.valueOf(result.samples()), "usage samples")).append(" in ")
                .append(result.series()).append(" series")
                .append(" over ").append(window.toDays()).append(" days");
        if (result.advice() > 0) {
            summary.append(", and ").append(result.advice()).append(" provider recommendations");
        }
        summary.append('.');
        if (!result.catalogs().isEmpty()) {
            summary.append(" Prices: ").append(String.join("; ", result.catalogs())).append('.');
        }
        reply.summary(summary.toString());
        List<List<Value>> rows = new ArrayList<>();
        result.resourcesByKind().forEach((resourceKind, count) ->
                rows.add(List.of(Value.text(resourceKind), Value.number(count, null))));
        reply.table(new Table("resources", "Resources", List.of(
                new Column("kind", "kind", ValueType.TEXT),
                new Column("count", "count", ValueType.NUMBER)), rows,
                List.of(Value.text("Total"), Value.number(result.resources(), null))));
        reply.notes(result.notes());
        reply.followUp(FollowUp.to("Right-size " + result.account(), "rightsize").option("account", result.account()))
                .followUp(FollowUp.to("Waste in " + result.account(), "waste").option("account", result.account()))
                .followUp(FollowUp.to("Everything ranked", "savings"));
        return reply.build();
    }

    static Reply pull(String kind, CostPull.PullResult result) {
        long rows = 0;
        long replaced = 0;
        LocalDate first = null;
        LocalDate last = null;
        Map<String, BigDecimal> totals = new TreeMap<>();
        for (ImportResult r : result.imports()) {
            rows += r.rows();
            replaced += r.replacedRows();
            first = min(first, r.firstChargeDay());
            last = max(last, r.lastChargeDay());
            r.billedTotals().forEach((c, a) -> totals.merge(c.getCurrencyCode(), a, BigDecimal::add));
        }
        Reply.Builder reply = Reply.builder(ImportCommand.NAME, "Import (" + kind + ")");
        reply.figure("rows", "Rows imported", Value.number(rows, "rows"));
        boolean several = totals.size() > 1;
        List<String> amounts = new ArrayList<>();
        for (Map.Entry<String, BigDecimal> t : totals.entrySet()) {
            Money total = Money.of(t.getValue(), t.getKey());
            amounts.add(Formats.money(total));
            String suffix = several ? "_" + t.getKey().toLowerCase(Locale.ROOT) : "";
            reply.figure("total" + suffix, "Billed total" + (several ? " (" + t.getKey() + ")" : ""), Value.money(total));
        }
        reply.figure("period_start", "Period from", date(result.from()))
                .figure("period_end", "Period to", date(result.to()))
                .figure("first_charge_day", "First charge day", date(first))
                .figure("last_charge_day", "Last charge day", date(last))
                .figure("replaced_rows", "Rows replaced", Value.number(replaced, "rows"));

        StringBuilder summary = new StringBuilder();
        if (result.imports().isEmpty()) {
            summary.append("Nothing to import from ").append(kind).append('.');
        } else {
            summary.append("Pulled ").append(Formats.number(BigDecimal.valueOf(rows), "rows")).append(" (")
                    .append(kind).append(')');
            if (!amounts.isEmpty()) {
                summary.append(": ").append(String.join(" and ", amounts)).append(" billed");
            }
            if (result.from() != null && result.to() != null) {
                summary.append(", covering ").append(result.from()).append(" to ").append(result.to());
            }
            summary.append('.');
            if (!result.checks().isEmpty()) {
                long matching = result.checks().stream().filter(CostPull.Check::matches).count();
                summary.append(' ').append(matching).append(" of ").append(result.checks().size())
                        .append(result.checks().size() == 1 ? " invoice matches" : " invoices match")
                        .append(" its own total to the cent.");
            }
            if (replaced > 0) {
                summary.append(" Replaced ").append(Formats.number(BigDecimal.valueOf(replaced), "rows"))
                        .append(" of earlier imports of the same accounts and period.");
            }
        }
        reply.summary(summary.toString());
        if (!result.checks().isEmpty()) {
            List<List<Value>> checkRows = new ArrayList<>();
            for (CostPull.Check c : result.checks()) {
                checkRows.add(List.of(Value.text(c.item()), Value.text(c.period()), Value.number(c.rows(), null),
                        Value.money(c.imported()), Value.money(c.expected()), Value.text(c.matches() ? "yes" : "NO")));
            }
            reply.table(new Table("invoices", "Invoices", List.of(
                    new Column("invoice", "invoice", ValueType.TEXT),
                    new Column("period", "month", ValueType.TEXT),
                    new Column("rows", "rows", ValueType.NUMBER),
                    new Column("imported", "imported", ValueType.MONEY),
                    new Column("invoice_total", "invoice total", ValueType.MONEY),
                    new Column("matches", "matches", ValueType.TEXT)), checkRows, List.of()));
        }
        reply.notes(result.notes());
        if (first != null && last != null) {
            reply.followUp(FollowUp.to("Cost of the imported days", "cost").positional(first + ".." + last)
                    .option("by", "service"));
        }
        return reply.build();
    }

    static Reply files(String kind, List<ImportResult> results) {
        long rows = 0;
        long replaced = 0;
        long skipped = 0;
        LocalDate first = null;
        LocalDate last = null;
        Map<String, BigDecimal> totals = new TreeMap<>();
        List<List<Value>> tableRows = new ArrayList<>();
        for (ImportResult r : results) {
            rows += r.rows();
            replaced += r.replacedRows();
            skipped += r.skipped().size();
            first = min(first, r.firstChargeDay());
            last = max(last, r.lastChargeDay());
            r.billedTotals().forEach((c, a) -> totals.merge(c.getCurrencyCode(), a, BigDecimal::add));
            tableRows.add(List.of(Value.text(r.fileName()), Value.number(r.rows(), null),
                    date(r.firstChargeDay()), date(r.lastChargeDay()),
                    Value.number(r.replacedRows(), null), Value.number(r.skipped().size(), null)));
        }
        Table table = new Table("files", "Files", List.of(
                new Column("file", "file", ValueType.TEXT),
                new Column("rows", "rows", ValueType.NUMBER),
                new Column("first_charge_day", "first day", ValueType.DATE),
                new Column("last_charge_day", "last day", ValueType.DATE),
                new Column("replaced_rows", "replaced", ValueType.NUMBER),
                new Column("skipped_rows", "skipped", ValueType.NUMBER)), tableRows,
                List.of(Value.text("Total"), Value.number(rows, null), date(first), date(last),
                        Value.number(replaced, null), Value.number(skipped, null)));

        Reply.Builder reply = Reply.builder(ImportCommand.NAME, "Import (" + kind + ")");
        boolean several = totals.size() > 1;
        List<String> amounts = new ArrayList<>();
        reply.figure("rows", "Rows imported", Value.number(rows, "rows"));
        for (Map.Entry<String, BigDecimal> t : totals.entrySet()) {
            Money total = Money.of(t.getValue(), t.getKey());
            amounts.add(Formats.money(total));
            String suffix = several ? "_" + t.getKey().toLowerCase(Locale.ROOT) : "";
            reply.figure("total" + suffix, "Billed total" + (several ? " (" + t.getKey() + ")" : ""), Value.money(total));
        }
        reply.figure("first_charge_day", "First charge day", date(first))
                .figure("last_charge_day", "Last charge day", date(last))
                .figure("replaced_rows", "Rows replaced", Value.number(replaced, "rows"));

        StringBuilder summary = new StringBuilder("Imported ").append(Formats.number(BigDecimal.valueOf(rows), "rows"))
                .append(" from ").append(results.size()).append(results.size() == 1 ? " file" : " files");
        if (!amounts.isEmpty()) {
            summary.append(": ").append(String.join(" and ", amounts)).append(" billed");
        }
        if (first != null && last != null) {
            summary.append(", charges from ").append(first).append(" to ").append(last);
        }
        summary.append('.');
        if (replaced > 0) {
            summary.append(" Replaced ").append(Formats.number(BigDecimal.valueOf(replaced), "rows"))
                    .append(" of earlier imports of the same accounts and months.");
        }
        if (skipped > 0) {
            summary.append(" Skipped ").append(skipped).append(skipped == 1 ? " malformed row." : " malformed rows.");
        }
        reply.summary(summary.toString()).table(table);

        for (ImportResult r : results) {
            for (String t : r.tolerated()) {
                reply.note(r.fileName() + ": tolerated " + t);
            }
        }
        List<String> allSkipped = new ArrayList<>();
        results.forEach(r -> allSkipped.addAll(r.skipped()));
        for (int i = 0; i < allSkipped.size() && i < ImportCommand.SKIPPED_LISTED; i++) {
            reply.note("skipped " + allSkipped.get(i));
        }
        if (allSkipped.size() > ImportCommand.SKIPPED_LISTED) {
            reply.note("and " + (allSkipped.size() - ImportCommand.SKIPPED_LISTED) + " more skipped rows");
        }
        if (first != null && last != null) {
            reply.followUp(FollowUp.to("Cost of the imported days", "cost").positional(first + ".." + last)
                    .option("by", "service"));
        }
        return reply.build();
    }

    private static Value date(LocalDate day) {
        return day == null ? Value.empty(ValueType.DATE) : Value.date(day);
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : (b.isBefore(a) ? b : a);
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : (b.isAfter(a) ? b : a);
    }
}
