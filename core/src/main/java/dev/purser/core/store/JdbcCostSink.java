package dev.purser.core.store;

import dev.purser.core.ingest.CostBatch;
import dev.purser.core.ingest.CostSink;
import dev.purser.core.ingest.DayRange;
import java.time.Instant;
import java.util.Objects;
import javax.sql.DataSource;

/** Lands cost batches in Purser's database through {@link CostLoad}. */
public final class JdbcCostSink implements CostSink {

    private final DataSource dataSource;

    public JdbcCostSink(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    @Override
    public CostBatch begin(String source, String fileName, Instant importedAt) {
        return CostLoad.begin(dataSource, source, fileName, importedAt);
    }

    @Override
    public CostBatch beginDays(String source, String fileName, Instant importedAt, DayRange range) {
        return CostLoad.beginDays(dataSource, source, fileName, importedAt, range);
    }
}
