package dev.purser.commands.importing;

import dev.purser.commands.ArgumentKinds;
import dev.purser.commands.ArgumentSpec;
import dev.purser.commands.ArgumentTypes;
import dev.purser.commands.CommandContext;
import dev.purser.commands.CommandSpec;
import dev.purser.commands.Effect;
import dev.purser.commands.Invocation;
import dev.purser.commands.PathPolicy;
import dev.purser.commands.Role;
import dev.purser.commands.reply.Reply;
import dev.purser.core.error.PurserException;
import dev.purser.core.ingest.CostImporter;
import dev.purser.core.ingest.CostPull;
import dev.purser.core.ingest.ImportOptions;
import dev.purser.core.ingest.ImportResult;
import dev.purser.core.ingest.InventoryPull;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code import <kind> <file>... [--lenient]}: loads cost files through the importer of that
 * kind. Each file is its own transaction, so when a later file fails the earlier ones have
 * landed; the error says which, rather than leaving the user to guess.
 *
 * <p>{@code import <pull> [--from ..] [--to ..] [--account ..]}: pulls costs from a cloud API
 * ({@code do-billing}, {@code aws-ce}) instead of files; the whole pull is one transaction.
 *
 * <p>{@code import <inventory> [--window 30d] [--account A]}: pulls what an account runs, its
 * usage over the window, live prices and the provider's own advice ({@code do-inventory},
 * {@code aws-inventory}, {@code prometheus}), for {@code rightsize}, {@code waste} and {@code savings}.
 *
 * <p>Each kind declares the options it takes ({@link ImportKinds}); the shared parser refuses
 * any other with a BAD_ARGUMENT that says what the kind takes, so the handlers below only read
 * what they were given.
 */
public final class ImportCommand {

    public static final String NAME = "import";
    /** How many skipped rows are listed before the rest are counted. */
    static final int SKIPPED_LISTED = 20;

    private final Map<String, CostImporter> importers;
    private final Map<String, CostPull> pulls;
    private final Map<String, InventoryPull> inventories;
    private final ArgumentSpec<String> kind;
    private final ArgumentSpec<Path> file;
    // null when no configured kind takes them, so the argument list shows only what applies
    private final ArgumentSpec<Boolean> lenient;
    private final ArgumentSpec<String> from;
    private final ArgumentSpec<String> to;
    private final ArgumentSpec<String> account;
    private final ArgumentSpec<String> month;
    private final ArgumentSpec<Duration> window;
    private final CommandSpec spec;

    private ImportCommand(Map<String, CostImporter> importers, Map<String, CostPull> pulls,
            Map<String, InventoryPull> inventories, PathPolicy paths) {
        this.importers = Map.copyOf(importers);
        this.pulls = Map.copyOf(pulls);
        this.inventories = Map.copyOf(inventories);
        TreeMap<String, ImportKinds.Source> sources = new TreeMap<>();
        importers.keySet().forEach(k -> sources.put(k, ImportKinds.Source.FILES));
        for (String k : pulls.keySet()) {
            if (sources.put(k, ImportKinds.Source.PULL) != null) {
                throw new IllegalArgumentException("import kind " + k + " is both a file importer and a pull");
            }
        }
        for (String k : inventories.keySet()) {
            if (sources.put(k, ImportKinds.Source.INVENTORY) != null) {
                throw new IllegalArgumentException("import kind " + k + " is both an inventory pull and another kind");
            }
        }
        List<ArgumentKinds.Kind> kinds = new ArrayList<>();
        sources.forEach((name, source) -> kinds.add(ImportKinds.of(name, source)));
        Set<String> taken = new HashSet<>();
        kinds.forEach(k -> taken.addAll(k.accepts()));

        boolean anyPull = !pulls.isEmpty() || !inventories.isEmpty();
        this.kind = ArgumentSpec.builder("kind", ArgumentTypes.choice(List.copyOf(sources.keySet())))
                .description(!anyPull ? "The format of the files, such as focus for a FOCUS CSV export"
                        : "The format of the files (such as focus), or the cloud API to pull from (such as "
                                + sources.keySet().stream().filter(k -> !importers.containsKey(k))
                                        .findFirst().orElseThrow() + ")")
                .required().positional().build();
        ArgumentSpec.Builder<Path> fileBuilder = ArgumentSpec.builder(ImportKinds.FILE,
                        ArgumentTypes.path(Objects.requireNonNull(paths, "paths")))
                .description("A cost file to import (CSV, or .csv.gz), inside the import directories")
                .positional().multiple();
        if (!anyPull) {
            fileBuilder.required();
        }
        this.file = fileBuilder.build();
        this.lenient = !taken.contains(ImportKinds.LENIENT) ? null : ArgumentSpec.builder(ImportKinds.LENIENT,
                        ArgumentTypes.bool())
                .description("Skip malformed rows and list them, instead of rejecting the whole file")
                .defaultValue("false").flag().build();
        this.from = !taken.contains(ImportKinds.FROM) ? null : ArgumentSpec.builder(ImportKinds.FROM, ArgumentTypes.text())
                .description("The first day (2026-10-01) or month (2026-06) to pull").build();
        this.to = !taken.contains(ImportKinds.TO) ? null : ArgumentSpec.builder(ImportKinds.TO, ArgumentTypes.text())
                .description("The last day (2026-10-31) or month (2026-10) to pull").build();
        this.account = !taken.contains(ImportKinds.ACCOUNT) ? null : ArgumentSpec.builder(ImportKinds.ACCOUNT,
                        ArgumentTypes.text())
                .description(inventories.isEmpty()
                        ? "Billing account: AWS account id for aws-ce; DigitalOcean customer number for do-invoice"
                        : "Account: AWS account id (aws-ce), DO customer number (do-invoice), or inventory name")
                .build();
        this.month = !taken.contains(ImportKinds.MONTH) ? null : ArgumentSpec.builder(ImportKinds.MONTH,
                        ArgumentTypes.text())
                .description("The month (2026-10) the invoice bills, when its file name does not say")
                .build();
        this.window = !taken.contains(ImportKinds.WINDOW) ? null : ArgumentSpec.builder(ImportKinds.WINDOW,
                        ArgumentTypes.days())
                .description("How many days of usage to fetch, ending now (30d by default)")
                .build();
        List<ArgumentSpec<?>> arguments = new ArrayList<>(List.of(kind, file));
        for (ArgumentSpec<?> optional : Arrays.asList(lenient, from, to, account, month, window)) {
            if (optional != null) {
                arguments.add(optional);
            }
        }
        this.spec = new CommandSpec(NAME, pulls.isEmpty() ? "Import cost files" : "Import cost files or pull from a cloud API",
                "Load billing files; re-importing the same period replaces it",
                "Imports cost files of one format (a FOCUS CSV export, for example) into Purser's store. Each file "
                        + "lands whole or not at all; importing a file that covers the same accounts and billing months "
                        + "again replaces the earlier rows instead of counting them twice. Reports rows, totals per "
                        + "currency, the charge days covered, and any rows skipped in lenient mode."
                        + (pulls.isEmpty() ? "" : " API kinds (" + String.join(", ", new TreeMap<>(pulls).keySet())
                                + ") take no files: they pull the days or months given by --from and --to in one"
                                + " transaction, and pulling an overlapping period again replaces it.")
                        + (inventories.isEmpty() ? "" : " Inventory kinds (" + String.join(", ",
                                new TreeMap<>(inventories).keySet()) + ") pull what an account runs, its usage over"
                                + " --window, live prices and the provider's advice, replacing the account's earlier"
                                + " pull, for rightsize, waste and savings."),
                List.copyOf(arguments), Role.REQUESTER, Effect.REPLACES, this::handle)
                .withKinds(new ArgumentKinds(kind.name(), kinds));
    }

    /**
     * @param importers by kind, as typed after {@code import}; must not be empty
     */
    public static CommandSpec create(Map<String, CostImporter> importers, PathPolicy paths) {
        return create(importers, Map.of(), paths);
    }

    /**
     * @param importers file importers by kind, as typed after {@code import}
     * @param pulls     API pulls by kind ({@code do-billing}, {@code aws-ce}); no kind may be in both
     * @throws IllegalArgumentException when there is no kind at all, or a kind is in both maps
     */
    public static CommandSpec create(Map<String, CostImporter> importers, Map<String, CostPull> pulls,
                                     PathPolicy paths) {
        return create(importers, pulls, Map.of(), paths);
    }

    /**
     * @param inventories inventory pulls by kind ({@code do-inventory}, {@code aws-inventory},
     *                    {@code prometheus}); no kind may be in two maps
     */
    public static CommandSpec create(Map<String, CostImporter> importers, Map<String, CostPull> pulls,
                                     Map<String, InventoryPull> inventories, PathPolicy paths) {
        if (importers.isEmpty() && pulls.isEmpty() && inventories.isEmpty()) {
            throw new IllegalArgumentException("import needs at least one importer or pull");
        }
        return new ImportCommand(importers, pulls, inventories, paths).spec;
    }

    private Reply handle(Invocation invocation, CommandContext context) {
        String k = invocation.get(kind);
        CostPull pull = pulls.get(k);
        if (pull != null) {
            return pull(k, pull, invocation);
        }
        InventoryPull inventory = inventories.get(k);
        if (inventory != null) {
            return inventory(k, inventory, invocation);
        }
        ImportOptions options = new ImportOptions(given(invocation, lenient) && invocation.get(lenient),
                given(invocation, account) ? invocation.get(account) : null,
                given(invocation, month) ? month(invocation.get(month)) : null);
        CostImporter importer = importers.get(k);
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
        return ImportReplies.files(k, results);
    }

    private Reply pull(String k, CostPull pull, Invocation invocation) {
        LocalDate first = given(invocation, from) ? day(invocation.get(from), "--from", false) : null;
        LocalDate last = given(invocation, to) ? day(invocation.get(to), "--to", true) : null;
        if (first != null && last != null && last.isBefore(first)) {
            throw PurserException.badArgument("--to " + last + " is before --from " + first);
        }
        String acct = given(invocation, account) ? invocation.get(account) : null;
        return ImportReplies.pull(k, pull.pull(new CostPull.PullRequest(first, last, acct)));
    }

    private Reply inventory(String k, InventoryPull pull, Invocation invocation) {
        String acct = given(invocation, account) ? invocation.get(account) : null;
        Duration days = given(invocation, window) ? invocation.get(window) : InventoryPull.Request.DEFAULT_WINDOW;
        InventoryPull.Result result = pull.pull(new InventoryPull.Request(acct, days));
        return ImportReplies.inventory(k, days, result);
    }

    private static boolean given(Invocation invocation, ArgumentSpec<?> argument) {
        return argument != null && invocation.has(argument);
    }

    /** A day {@code 2026-10-31}, or a month {@code 2026-10} taken as its first (or, for an end, last) day. */
    static LocalDate day(String text, String option, boolean end) {
        String t = text.trim();
        try {
            if (t.length() == 7) {
                YearMonth m = YearMonth.parse(t);
                return end ? m.atEndOfMonth() : m.atDay(1);
            }
            return LocalDate.parse(t);
        } catch (DateTimeParseException e) {
            throw PurserException.badArgument(option + " '" + text + "' is not a day like 2026-10-31 or a month like 2026-10");
        }
    }

    static YearMonth month(String text) {
        try {
            return YearMonth.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw PurserException.badArgument("--month '" + text + "' is not a month like 2026-10");
        }
    }

}
