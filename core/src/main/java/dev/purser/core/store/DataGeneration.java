package dev.purser.core.store;

import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import java.util.function.LongSupplier;
import javax.sql.DataSource;

/**
 * The store's data generation (migration V12): a number that moves when a transaction that
 * changed any data table commits, in this process or another. Equal numbers mean the same data, so
 * an answer computed at one generation stays true until the number moves.
 */
public final class DataGeneration implements LongSupplier {

    private final DataSource dataSource;

    public DataGeneration(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    @Override
    public long getAsLong() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT generation FROM data_generation");
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                throw new IllegalStateException("data_generation has no row; migration V12 seeds it");
            }
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new PurserException(ErrorCode.DATABASE_ERROR, "reading the data generation failed in the database (SQL state "
                    + e.getSQLState() + ")", e);
        }
    }
}
