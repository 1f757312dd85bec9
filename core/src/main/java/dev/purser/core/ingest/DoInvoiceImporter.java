package dev.purser.core.ingest;

import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.Month;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * Imports a DigitalOcean invoice CSV (plain or gzip) into the cost store: {@link DoInvoiceCsvReader}
 * maps the rows to FOCUS, {@link CostSink} lands them in one transaction and replaces what
 * earlier imports of the same invoice identity (customer, month) wrote.
 *
 * <p>Identity: the CSV itself names neither the customer nor, reliably, the month. Both are
 * taken, in this order, from {@link ImportOptions#billingAccount()} /
 * {@link ImportOptions#billingPeriod()}, then from the file name DigitalOcean gives the download
 * ({@code DigitalOcean Invoice 2026 Oct (6173678-418071234).csv}: year and month, then the
 * customer number and the invoice number). The month may also come from the rows: when every row
 * that has a {@code start} starts in the same month, that month is the invoice's. When the
 * customer or the month cannot be told, the file is refused before anything is read into the
 * database, with the name to give the file or the option to pass.
 *
 * <p>Rows are stored under the source {@value #SOURCE}, which the API pull of the same invoices
 * ({@code do-billing}) uses too, so importing a downloaded invoice and pulling it from the API
 * replace one another instead of counting the month twice.
 *
 * <p>Invoice files are small (one row per resource and month), but the file is streamed anyway,
 * never held whole, so a hostile one costs no more memory than a real one ({@link InputLimits}).
 */
public final class DoInvoiceImporter implements CostImporter {

    /** The import kind, as typed after {@code import}. */
    public static final String KIND = "do-invoice";
    /** The source stored with every row, shared with the {@code do-billing} API pull. */
    public static final String SOURCE = "do-invoice";
    /** The name DigitalOcean gives an invoice download, as an example for messages. */
    public static final String EXAMPLE_NAME = "DigitalOcean Invoice 2026 Oct (6173678-418071234).csv";

    private static final Pattern DO_NAME = Pattern.compile(
            "DigitalOcean[ _-]*Invoice[ _-]+(\\d{4})[ _-]+([A-Za-z]{3,9})[ _-]*\\((\\d+)-(\\d+)\\)",
            Pattern.CASE_INSENSITIVE);
    // a month no invoice bills: rows read with it and without a start of their own are ignored
    // when the month is worked out from the rows
    private static final YearMonth PROBE = YearMonth.of(1970, 1);

    private final CostSink costs;
    private final Clock clock;

    public DoInvoiceImporter(CostSink costs, Clock clock) {
        this.costs = Objects.requireNonNull(costs, "costs");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** What the name of a DigitalOcean invoice download says. */
    record NameParts(YearMonth month, String customer, String invoice) {
    }

    /** The month, customer and invoice number in a name like {@value #EXAMPLE_NAME}, if it has them. */
    static Optional<NameParts> parseName(String fileName) {
        Matcher m = DO_NAME.matcher(fileName);
        if (!m.find()) {
            return Optional.empty();
        }
        Month month = month(m.group(2));
        if (month == null) {
            return Optional.empty();
        }
        return Optional.of(new NameParts(YearMonth.of(Integer.parseInt(m.group(1)), month), m.group(3), m.group(4)));
    }

    private static Month month(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        for (Month m : Month.values()) {
            String full = m.name().toLowerCase(Locale.ROOT);
            if (w.length() >= 3 && full.startsWith(w)) {
                return m;
            }
        }
        return null;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public ImportResult importFile(Path file, ImportOptions options) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(options, "options");
        String fileName = file.getFileName().toString();
        String sha256 = sha256(file, fileName);

        Optional<NameParts> name = parseName(fileName);
        String account = options.billingAccount() != null ? options.billingAccount()
                : name.map(NameParts::customer).orElseThrow(() -> new PurserException(ErrorCode.BAD_ARGUMENT,
                        fileName + ": cannot tell whose DigitalOcean invoice this is; keep the name DigitalOcean"
                                + " gives the download ('" + EXAMPLE_NAME + "': the first number in brackets is"
                                + " the customer number) or give --account <customer number>"));
        String invoiceId = name.map(NameParts::invoice).orElse(stripExtensions(fileName));
        YearMonth month = options.billingPeriod() != null ? options.billingPeriod()
                : name.map(NameParts::month).orElseGet(() -> monthFromRows(file, fileName, account, invoiceId));
        DoInvoiceCsvReader.Invoice invoice = new DoInvoiceCsvReader.Invoice(account, null, invoiceId, month);

        try (DoInvoiceCsvReader reader = DoInvoiceCsvReader.open(text(file, fileName), fileName, invoice,
                options.lenient());
             CostBatch load = costs.begin(SOURCE, fileName, clock.instant())) {
            while (reader.next()) {
                load.add(reader.row());
            }
            List<String> skipped = reader.skipped();
            if (load.rows() == 0) {
                throw new PurserException(ErrorCode.MALFORMED_FILE, reader.skippedRows() == 0
                        ? fileName + ": the file has a header but no rows"
                        : fileName + ": all " + reader.skippedRows() + " rows are malformed, so nothing was imported;"
                                + " the first: " + skipped.get(0));
            }
            CostBatch.Landed landed = load.commit(sha256, reader.skippedRows(), List.of());
            Set<YearMonth> months = new LinkedHashSet<>();
            for (LocalDate period : landed.billingPeriods()) {
                months.add(YearMonth.from(period));
            }
            return new ImportResult(landed.importId(), KIND, fileName, sha256, landed.rows(), landed.billedTotals(),
                    landed.firstChargeDay(), landed.lastChargeDay(), landed.billingAccounts(), months,
                    landed.replacedRows(), skipped, List.of());
        }
    }

    /** The one month every dated row starts in; refuses the file when there is none or several. */
    private static YearMonth monthFromRows(Path file, String fileName, String account, String invoiceId) {
        Set<YearMonth> months = new TreeSet<>();
        // leniently: a malformed row is reported by the import proper, which knows the mode
        try (DoInvoiceCsvReader reader = DoInvoiceCsvReader.open(text(file, fileName), fileName,
                new DoInvoiceCsvReader.Invoice(account, null, invoiceId, PROBE), true)) {
            while (reader.next()) {
                YearMonth m = YearMonth.from(LocalDate.ofInstant(reader.row().chargePeriodStart(), ZoneOffset.UTC));
                if (!m.equals(PROBE)) {
                    months.add(m);
                }
            }
        }
        if (months.size() == 1) {
            return months.iterator().next();
        }
        String why = months.isEmpty() ? "no row has a start date"
                : "its rows start in " + months.size() + " different months " + months;
        throw new PurserException(ErrorCode.BAD_ARGUMENT, fileName + ": cannot tell which month this DigitalOcean"
                + " invoice bills (" + why + "); keep the name DigitalOcean gives the download ('" + EXAMPLE_NAME
                + "') or give --month YYYY-MM");
    }

    /** SHA-256 of the file as given, so the hash identifies what the user handed over; streamed. */
    private static String sha256(Path file, String fileName) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) >= 0;) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchFileException e) {
            throw new PurserException(ErrorCode.FILE_NOT_FOUND, fileName + ": no such file", e);
        } catch (IOException e) {
            throw new PurserException(ErrorCode.MALFORMED_FILE, fileName + ":1: file: cannot be read ("
                    + e.getClass().getSimpleName() + "); is it a CSV or a .csv.gz?", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /**
     * The file's text, streamed (the file is read once to hash it, once more when the month comes
     * from the rows, and once to import): plain or gzip by its magic bytes, gzip held to
     * {@link InputLimits#MAX_EXPANSION_RATIO}, at most {@link InputLimits#MAX_INVOICE_BYTES} of
     * text, strict UTF-8. A fault surfaces from the CSV reader as {@code file:line: what}.
     */
    private static Reader text(Path file, String fileName) {
        InputStream raw;
        try {
            raw = Files.newInputStream(file);
        } catch (IOException e) {
            throw new PurserException(ErrorCode.FILE_NOT_FOUND, fileName + ": cannot be read", e);
        }
        try {
            GuardedStreams.Counting counted = new GuardedStreams.Counting(raw);
            BufferedInputStream buffered = new BufferedInputStream(counted, 1 << 16);
            buffered.mark(2);
            int b0 = buffered.read();
            int b1 = buffered.read();
            buffered.reset();
            InputStream content = buffered;
            if (b0 == 0x1f && b1 == 0x8b) {
                content = new GuardedStreams.Expansion(new GZIPInputStream(buffered, 1 << 16), counted);
            }
            content = new GuardedStreams.Capped(content, InputLimits.MAX_INVOICE_BYTES,
                    "the file holds more than " + InputLimits.bytes(InputLimits.MAX_INVOICE_BYTES)
                            + " of text; a DigitalOcean invoice (one row per resource and month) is far smaller");
            return new InputStreamReader(content, StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT));
        } catch (IOException e) {
            try {
                raw.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new PurserException(ErrorCode.MALFORMED_FILE, fileName + ":1: file: cannot be read ("
                    + e.getClass().getSimpleName() + "); is it a CSV or a .csv.gz?", e);
        }
    }

    private static String stripExtensions(String fileName) {
        String n = fileName;
        if (n.toLowerCase(Locale.ROOT).endsWith(".gz")) {
            n = n.substring(0, n.length() - 3);
        }
        if (n.toLowerCase(Locale.ROOT).endsWith(".csv")) {
            n = n.substring(0, n.length() - 4);
        }
        return n;
    }
}
