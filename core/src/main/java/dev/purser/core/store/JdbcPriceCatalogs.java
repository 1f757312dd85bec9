package dev.purser.core.store;

import dev.purser.core.analysis.catalog.CatalogOrigin;
import dev.purser.core.analysis.catalog.PriceCatalog;
import dev.purser.core.analysis.catalog.PriceCatalogStore;
import dev.purser.core.analysis.catalog.PriceCatalogs;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Live price catalogs in PostgreSQL (table {@code price_catalog}), one row per provider and
 * catalog name, the document in the bundled catalogs' JSON shape ({@link PriceCatalogs#write}).
 *
 * <p>Saving the same provider and name again replaces the row in one statement, so a reader sees
 * the old catalog or the new one, never a mix. Thread-safe.
 */
public final class JdbcPriceCatalogs implements PriceCatalogStore {

    private final DataSource dataSource;

    public JdbcPriceCatalogs(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /**
     * Stores a catalog read from a provider, replacing the one of the same provider and name.
     *
     * @param fetchedAt when the provider's API was read
     * @throws PurserException DATABASE_ERROR when the write fails (the previous row stays)
     */
    @Override
    public void save(PriceCatalog catalog, Instant fetchedAt) {
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(fetchedAt, "fetchedAt");
        String document = PriceCatalogs.write(catalog);
        try (Connection c = connection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO price_catalog (provider, name, snapshot_date, "
                     + "fetched_at, document) VALUES (?, ?, ?, ?, CAST(? AS jsonb)) ON CONFLICT (provider, name) DO "
                     + "UPDATE SET snapshot_date = excluded.snapshot_date, fetched_at = excluded.fetched_at, "
                     + "document = excluded.document")) {
            ps.setString(1, catalog.provider());
            ps.setString(2, catalog.name());
            ps.setObject(3, catalog.snapshotDate());
            ps.setObject(4, OffsetDateTime.ofInstant(fetchedAt, ZoneOffset.UTC));
            ps.setString(5, document);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new PurserException(ErrorCode.DATABASE_ERROR, "could not store price catalog " + catalog.name()
                    + " of " + catalog.provider() + " (SQL state " + e.getSQLState() + ")", e);
        }
    }

    /**
     * Every stored catalog, origin {@link CatalogOrigin#LIVE}, newest fetch first (so per provider
     * the first one is the freshest).
     *
     * @throws PurserException DATABASE_ERROR when the read fails; MALFORMED_FILE when a stored
     *         document is not a catalog
     */
    @Override
    public List<PriceCatalog> latest() {
        try (Connection c = connection();
             PreparedStatement ps = c.prepareStatement("SELECT provider, name, document::text FROM price_catalog "
                     + "ORDER BY fetched_at DESC, provider, name");
             ResultSet rs = ps.executeQuery()) {
            List<PriceCatalog> out = new ArrayList<>();
            while (rs.next()) {
                String source = "price_catalog " + rs.getString(1) + "/" + rs.getString(2);
                out.add(PriceCatalogs.read(new ByteArrayInputStream(rs.getString(3).getBytes(StandardCharsets.UTF_8)),
                        CatalogOrigin.LIVE, source));
            }
            return List.copyOf(out);
        } catch (SQLException e) {
            throw new PurserException(ErrorCode.DATABASE_ERROR,
                    "could not read the stored price catalogs (SQL state " + e.getSQLState() + ")", e);
        }
    }

    private Connection connection() {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            throw new PurserException(ErrorCode.DATABASE_UNAVAILABLE, "cannot reach Purser's database", e);
        }
    }
}
