package dev.purser.core.engine;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.function.Supplier;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A data source that opens Purser's database on the first connection, so the whole engine can be
 * wired at start-up while {@code purser help} still never starts PostgreSQL.
 */
final class LazyDataSource implements DataSource {

    private final Supplier<DataSource> open;

    LazyDataSource(Supplier<DataSource> open) {
        this.open = open;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return open.get().getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return open.get().getConnection(username, password);
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return open.get().getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        open.get().setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        open.get().setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return open.get().getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("no parent logger");
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        return open.get().unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || open.get().isWrapperFor(type);
    }
}
