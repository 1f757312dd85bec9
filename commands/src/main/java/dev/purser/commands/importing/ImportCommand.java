package dev.purser.commands.importing;

import dev.purser.commands.ArgumentSpec;
import dev.purser.commands.ArgumentTypes;
import dev.purser.commands.CommandContext;
import dev.purser.commands.CommandSpec;
import dev.purser.commands.Effect;
import dev.purser.commands.Invocation;
import dev.purser.commands.PathPolicy;
import dev.purser.commands.Role;
import dev.purser.commands.render.Formats;
import dev.purser.commands.reply.Column;
import dev.purser.commands.reply.Reply;
import dev.purser.commands.reply.Table;
import dev.purser.commands.reply.Value;
import dev.purser.commands.reply.ValueType;
import dev.purser.core.error.PurserException;
import dev.purser.core.ingest.CostImporter;
import dev.purser.core.ingest.ImportOptions;
import dev.purser.core.ingest.ImportResult;
import dev.purser.core.model.Money;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * {@code import <kind> <file>... [--lenient]}: loads cost files through the importer of that
 * kind. Each file is its own transaction, so when a later file fails the earlier ones have
 * landed; the error says which, rather than leaving the user to guess.
 */
public final class ImportCommand {

    public static final String NAME = "import";
    /** How many skipped rows are listed before the rest are counted. */
    static final int SKIPPED_LISTED = 20;

    private final Map<String, CostImporter> importers;
    private final ArgumentSpec<String> kind;
    private final ArgumentSpec<Path> file;
    private final ArgumentSpec<Boolean> lenient;
    private final CommandSpec spec;

    private ImportCommand(Map<String, CostImporter> importers, PathPolicy paths) {
        this.importers = Map.copyOf(importers);
        this.kind = ArgumentSpec.builder("kind", ArgumentTypes.choice(List.copyOf(new TreeMap<>(importers).keySet())))
                .description("The format of the files, such as focus for a FOCUS CSV export")
                .required().positional().build();
        this.file = ArgumentSpec.builder("file", ArgumentTypes.path(Objects.requireNonNull(paths, "paths")))
                .description("A cost file to import (CSV, or .csv.gz), inside the import directories")
                .required().positional().multiple().build();
        this.lenient = ArgumentSpec.builder("lenient", ArgumentTypes.bool())
                .description("Skip malformed rows and list them, instead of rejecting the whole file")
                .defaultValue("false").flag().build();
        this.spec = new CommandSpec(NAME, "Import cost files",
                "Load billing files; re-importing the same period replaces it",
                "Imports cost files of one format (a FOCUS CSV export, for example) into Purser's store. Each file "
                        + "lands whole or not at all; importing a file that covers the same accounts and billing months "
                        + "again replaces the earlier rows instead of counting them twice. Reports rows, totals per "
                        + "currency, the charge days covered, and any rows skipped in lenient mode.",
                List.of(kind, file, lenient), Role.REQUESTER, Effect.REPLACES, this::handle);
    }

    /**
     * @param importers by kind, as typed after {@code import}; must not be empty
     */
    public static CommandSpec create(Map<String, CostImporter> importers, PathPolicy paths) {
        if (importers.isEmpty()) {
            throw new IllegalArgumentException("import needs at least one importer");
        }
        return new ImportCommand(importers, paths).spec;
    }

    private Reply handle(Invocation invocation, CommandContext context) {
        String k = invocation.get(kind);
        CostImporter importer = importers.get(k);
        ImportOptions options = new ImportOptions(invocation.get(lenient));
        List<ImportResult> results = new ArrayList<>();
        for (Path path : invocation.getAll(file)) {
            try {
                results.add(importer.importFile(path, options));
            } catch (PurserException e) {
                if (results.isEmpty()) {
                    throw e;
                }
                List<String> done = results.stream().map(ImportResult::fileName).toList();
                throw new PurserException(e.code(), "imported " + String.join(", ", done) + " before "
                        + path.getFileName() + " failed: " + e.getMessage(), e);
            }
        }
        return reply(k, results);
    }

    private static Reply reply(String kind, List<ImportResult> results) {
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

        Reply.Builder reply = Reply.builder(NAME, "Import (" + kind + ")");
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
        for (int i = 0; i < allSkipped.size() && i < SKIPPED_LISTED; i++) {
            reply.note("skipped " + allSkipped.get(i));
        }
        if (allSkipped.size() > SKIPPED_LISTED) {
            reply.note("and " + (allSkipped.size() - SKIPPED_LISTED) + " more skipped rows");
        }
        if (first != null && last != null) {
            reply.followUp("Cost of the imported days", "cost " + first + ".." + last + " --by service");
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
