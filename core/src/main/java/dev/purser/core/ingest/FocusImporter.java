package dev.purser.core.ingest;

import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Imports a FOCUS CSV file (plain or gzip) into the cost store: {@link FocusCsvReader} streams
 * the rows, {@link CostSink} lands them with {@code COPY} in one transaction and replaces what
 * earlier imports wrote for the same billing accounts and months.
 *
 * <p>The header is checked before a database connection is taken, so a wrong file costs
 * nothing. A malformed row (strict mode), a file with no rows, or a database failure rolls the
 * whole file back.
 */
public final class FocusImporter implements CostImporter {

    /** The source kind, as typed after {@code import} and stored with every row. */
    public static final String KIND = "focus";

    private final CostSink costs;
    private final Clock clock;

    public FocusImporter(CostSink costs, Clock clock) {
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
        try (FocusCsvReader reader = FocusCsvReader.open(file, options.lenient());
             CostBatch load = costs.begin(KIND, reader.fileName(), clock.instant())) {
            while (reader.next()) {
                load.add(reader.row());
            }
            if (load.rows() == 0) {
                throw noRows(reader);
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

    private static PurserException noRows(FocusCsvReader reader) {
        if (reader.skippedRows() == 0) {
            return new PurserException(ErrorCode.MALFORMED_FILE,
                    reader.fileName() + ": the file has a header but no rows");
        }
        List<String> skipped = reader.skipped();
        return new PurserException(ErrorCode.MALFORMED_FILE, reader.fileName() + ": all "
                + reader.skippedRows() + " rows are malformed, so nothing was imported; the first: " + skipped.get(0));
    }
}
