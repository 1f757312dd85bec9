package dev.purser.core.ingest;

import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Imports an AWS Cost and Usage Report CSV (legacy or CUR 2.0, plain or gzip) into the cost
 * store: {@link CurCsvReader} maps the rows to FOCUS, {@link CostSink} lands them in one
 * transaction and replaces what earlier {@code cur} imports wrote for the same payer accounts and
 * billing months. AWS rewrites a month's CUR many times until the bill closes; importing each
 * new version therefore replaces the last instead of adding to it.
 */
public final class CurImporter implements CostImporter {

    /** The source kind, as typed after {@code import} and stored with every row. */
    public static final String KIND = CurCsvReader.SOURCE;

    private final CostSink costs;
    private final Clock clock;

    public CurImporter(CostSink costs, Clock clock) {
        this.costs = Objects.requireNonNull(costs, "costs");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public ImportResult importFile(Path file, ImportOptions options) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(options, "options");
        try (CurCsvReader reader = CurCsvReader.open(file, options.lenient());
             CostBatch load = costs.begin(KIND, reader.fileName(), clock.instant())) {
            while (reader.hasNext()) {
                load.add(reader.next());
            }
            if (load.rows() == 0) {
                throw new PurserException(ErrorCode.MALFORMED_FILE, reader.skippedRows() == 0
                        ? reader.fileName() + ": the file has a header but no rows"
                        : reader.fileName() + ": all " + reader.skippedRows()
                                + " rows are malformed, so nothing was imported; the first: " + reader.skipped().get(0));
            }
            CostBatch.Landed landed = load.commit(reader.sha256(), reader.skippedRows(), reader.tolerated());
            Set<YearMonth> months = new LinkedHashSet<>();
            for (LocalDate period : landed.billingPeriods()) {
                months.add(YearMonth.from(period));
            }
            return new ImportResult(landed.importId(), KIND, reader.fileName(), reader.sha256(), landed.rows(),
                    landed.billedTotals(), landed.firstChargeDay(), landed.lastChargeDay(),
                    landed.billingAccounts(), months, landed.replacedRows(), reader.skipped(), reader.tolerated());
        }
    }
}
