package dev.purser.commands.importing;

import dev.purser.commands.ArgumentKinds;
import java.util.List;
import java.util.Map;

/**
 * What each kind of {@code import} reads and which of the command's options it takes, declared
 * once. The parser refuses any other option for the kind, on every face; the MCP schema and help
 * show the same table.
 *
 * <p>The kinds Purser ships are listed by name. A kind registered under another name (a test's,
 * or a new importer not yet listed) takes what every kind of its source takes.
 */
final class ImportKinds {

    static final String FILE = "file";
    static final String LENIENT = "lenient";
    static final String FROM = "from";
    static final String TO = "to";
    static final String ACCOUNT = "account";
    static final String MONTH = "month";
    static final String WINDOW = "window";

    /** Where a kind's costs come from. */
    enum Source {
        /** Files given on the command line, each its own transaction. */
        FILES("cost files", List.of(FILE, LENIENT), List.of(FILE)),
        /** A cloud billing API over a period, one transaction. */
        PULL("costs pulled from a cloud API", List.of(FROM, TO, ACCOUNT), List.of()),
        /** What an account runs and its usage over a window ending now. */
        INVENTORY("an inventory pull", List.of(ACCOUNT, WINDOW), List.of());

        private final String summary;
        private final List<String> accepts;
        private final List<String> requires;

        Source(String summary, List<String> accepts, List<String> requires) {
            this.summary = summary;
            this.accepts = accepts;
            this.requires = requires;
        }
    }

    private record Known(Source source, String summary, List<String> accepts) {
    }

    private static final Map<String, Known> KNOWN = Map.of(
            "focus", new Known(Source.FILES, "a FOCUS CSV export (plain or .gz)", List.of(FILE, LENIENT)),
            "cur", new Known(Source.FILES, "an AWS Cost and Usage Report CSV, legacy or CUR 2.0 (plain or .gz)",
                    List.of(FILE, LENIENT)),
            "do-invoice", new Known(Source.FILES, "a DigitalOcean invoice CSV; --account and --month name its"
                    + " customer and month when the file name does not", List.of(FILE, LENIENT, ACCOUNT, MONTH)),
            "do-billing", new Known(Source.PULL, "DigitalOcean invoices from its billing API, by month",
                    List.of(FROM, TO, ACCOUNT)),
            "aws-ce", new Known(Source.PULL, "daily costs from AWS Cost Explorer", List.of(FROM, TO, ACCOUNT)),
            "do-inventory", new Known(Source.INVENTORY, "what a DigitalOcean account runs, with usage, live prices"
                    + " and advice", List.of(ACCOUNT, WINDOW)),
            "aws-inventory", new Known(Source.INVENTORY, "what an AWS account runs (EC2, RDS), with usage, prices"
                    + " and advice", List.of(ACCOUNT, WINDOW)),
            "prometheus", new Known(Source.INVENTORY, "container and host usage from Prometheus",
                    List.of(ACCOUNT, WINDOW)));

    private ImportKinds() {
    }

    /** The declaration of kind {@code name}, registered as a {@code source}. */
    static ArgumentKinds.Kind of(String name, Source source) {
        Known known = KNOWN.get(name);
        if (known != null && known.source() == source) {
            return new ArgumentKinds.Kind(name, known.summary(), known.accepts(), source.requires);
        }
        return new ArgumentKinds.Kind(name, source.summary, source.accepts, source.requires);
    }
}
