package dev.purser.commands.testing;

import dev.purser.core.error.PurserException;
import dev.purser.core.ingest.CostImporter;
import dev.purser.core.ingest.ImportOptions;
import dev.purser.core.ingest.ImportResult;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@link CostImporter} that records each call and answers with a result set up per file name
 * (or a default one), or throws the failure set up for that file name.
 */
public final class RecordingImporter implements CostImporter {

    /** One call: which file, with which options. */
    public record Call(Path file, ImportOptions options) {
    }

    private final String kind;
    private final List<Call> calls = new ArrayList<>();
    private final Map<String, ImportResult> results = new HashMap<>();
    private final Map<String, PurserException> failures = new HashMap<>();

    public RecordingImporter(String kind) {
        this.kind = kind;
    }

    /** A plausible result: {@code rows} rows, one billed total, charges on the given days. */
    public static ImportResult result(String fileName, long rows, String amount, String currency,
                                      String firstDay, String lastDay, long replaced, List<String> skipped) {
        LocalDate first = LocalDate.parse(firstDay);
        return new ImportResult(1, "focus", fileName, "0".repeat(64), rows,
                Map.of(Currency.getInstance(currency), new BigDecimal(amount)), first, LocalDate.parse(lastDay),
                Set.of("acct-1"), Set.of(YearMonth.from(first)), replaced, skipped, List.of());
    }

    public RecordingImporter answer(String fileName, ImportResult result) {
        results.put(fileName, result);
        return this;
    }

    public RecordingImporter fail(String fileName, PurserException failure) {
        failures.put(fileName, failure);
        return this;
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    @Override
    public String kind() {
        return kind;
    }

    @Override
    public ImportResult importFile(Path file, ImportOptions options) {
        calls.add(new Call(file, options));
        String name = file.getFileName().toString();
        PurserException failure = failures.get(name);
        if (failure != null) {
            throw failure;
        }
        ImportResult r = results.get(name);
        return r != null ? r : result(name, 10, "100.00", "USD", "2026-10-01", "2026-10-31", 0, List.of());
    }
}
