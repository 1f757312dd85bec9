package dev.purser.core.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.purser.core.analysis.inventory.InventorySource;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import dev.purser.core.ingest.InventoryLoad;
import dev.purser.core.ingest.InventorySink;
import dev.purser.core.model.Money;
import dev.purser.core.model.Resource;
import dev.purser.core.model.ResourceFacts;
import dev.purser.core.model.UsageSeries;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Inventory ({@link Resource}) and usage samples ({@link UsageSeries}) per scenario or account.
 *
 * <p>Replacing: a scenario is always written whole, in one transaction that first removes what
 * the scenario had, so loading the same scenario twice leaves one copy. Two processes replacing
 * the same scenario at once are serialized by a transaction-scoped advisory lock on its name.
 * Samples go in with {@code COPY} (hundreds of thousands per scenario; row inserts would
 * dominate the demo's start-up).
 */
public final class InventoryRepository implements InventorySource, InventorySink {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<TreeMap<String, String>> STRING_MAP = new TypeReference<>() {
    };
    private static final int COPY_CHUNK_CHARS = 1 << 20;

    private final DataSource dataSource;

    public InventoryRepository(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /**
     * Replaces everything stored for {@code scenario} with these resources and usage series.
     *
     * @throws PurserException BAD_ARGUMENT when a resource belongs to another scenario, an id
     *         repeats, a series names a resource not in {@code resources}, or a resource id is
     *         already used by another scenario's samples; DATABASE_ERROR when the write fails
     *         (nothing changes then)
     */
    @Override
    public InventoryLoad replaceScenario(String scenario, List<Resource> resources, List<UsageSeries> usage) {
        Objects.requireNonNull(scenario, "scenario");
        validate(scenario, resources, usage);
        return inTransaction(c -> {
            refuseSamplesOfAnotherScenario(c, scenario, usage);
            return replace(c, scenario, resources, usage);
        }, "usage of scenario " + scenario, "replace the inventory of scenario " + scenario);
    }

    /**
     * Samples are keyed by the provider's resource id, so one resource's usage lives under one
     * account. Pulling the same team again under another name would collide; say which name holds
     * it, rather than a bare constraint violation.
     */
    private static void refuseSamplesOfAnotherScenario(Connection c, String scenario, List<UsageSeries> usage)
            throws SQLException {
        if (usage.isEmpty()) {
            return;
        }
        String[] ids = usage.stream().map(UsageSeries::resourceId).distinct().toArray(String[]::new);
        try (PreparedStatement ps = c.prepareStatement("SELECT resource_id, scenario FROM usage_sample"
                + " WHERE resource_id = ANY (?) AND scenario <> ? LIMIT 1")) {
            ps.setArray(1, c.createArrayOf("text", ids));
            ps.setString(2, scenario);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    throw PurserException.badArgument("resource " + rs.getString(1) + " already has usage stored under "
                            + "account " + rs.getString(2) + "; pull it with --account " + rs.getString(2)
                            + " instead of " + scenario);
                }
            }
        }
    }

    /** One unit of work on a connection in a transaction. */
    @FunctionalInterface
    private interface Work {
        InventoryLoad run(Connection c) throws SQLException, IOException;
    }

    /**
     * Runs {@code work} in one transaction: all of it lands or none. A unique violation means a
     * series' resource id already has samples in another scenario.
     *
     * @param usageOf what the usage is, for the BAD_ARGUMENT message ("usage of scenario x")
     * @param doing   what failed, for the DATABASE_ERROR message ("replace the inventory of scenario x")
     */
    private InventoryLoad inTransaction(Work work, String usageOf, String doing) {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                InventoryLoad load = work.run(c);
                c.commit();
                return load;
            } catch (SQLException | IOException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) {
                throw new PurserException(ErrorCode.BAD_ARGUMENT, usageOf
                        + " names a resource whose samples another scenario already holds", e);
            }
            throw new PurserException(ErrorCode.DATABASE_ERROR, "could not " + doing, e);
        } catch (IOException e) {
            throw new PurserException(ErrorCode.DATABASE_ERROR, "could not copy the usage samples to " + doing, e);
        }
    }

    /**
     * Adds to a scenario instead of replacing it: upserts {@code resources} (by id) and replaces
     * exactly the series given (by resource id and metric), in one transaction, leaving the
     * scenario's other resources and series as they were. A live usage source (Prometheus) uses
     * this to put series beside the inventory another source stored, without rewriting it.
     *
     * <p>Validation is {@link #replaceScenario}'s: a resource of another scenario, a repeated id or
     * series, or a series naming a resource that is neither given nor already stored in the
     * scenario fails with nothing written.
     *
     * @return resources written, samples written, {@code replacedResources} = how many of the given
     *         resources already existed, {@code replacedSamples} = samples of the replaced series removed
     * @throws PurserException BAD_ARGUMENT as above, or when a series' resource id already has
     *         samples in another scenario; DATABASE_ERROR when the write fails (nothing changes then)
     */
    @Override
    public InventoryLoad mergeUsage(String scenario, List<Resource> resources, List<UsageSeries> usage) {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(resources, "resources");
        Objects.requireNonNull(usage, "usage");
        Set<String> given = validateResources(scenario, resources);
        return inTransaction(c -> {
            refuseSamplesOfAnotherScenario(c, scenario, usage);
            return merge(c, scenario, resources, given, usage);
        }, "usage merged into scenario " + scenario, "merge usage into scenario " + scenario);
    }

    /**
     * Resources of one scenario, or of all when {@code scenarioOrNull} is null, ordered by
     * scenario and id.
     *
     * @throws PurserException DATABASE_ERROR when the read fails
     */
    @Override
    public List<Resource> resources(String scenarioOrNull) {
        String sql = "SELECT scenario, id, name, provider, kind, size, region, monthly_price, currency,"
                + " tags::text, attributes::text, facts::text FROM resource"
                + (scenarioOrNull == null ? "" : " WHERE scenario = ?") + " ORDER BY scenario, id";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (scenarioOrNull != null) {
                ps.setString(1, scenarioOrNull);
            }
            List<Resource> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    BigDecimal price = rs.getBigDecimal("monthly_price");
                    Money monthly = price == null ? null
                            : new Money(price, Currency.getInstance(rs.getString("currency").trim()));
                    String facts = rs.getString(12);
                    // a row stored before typed facts (V5) still has only its attribute map
                    ResourceFacts typed = facts != null ? ResourceFactsJson.read(facts)
                            : LegacyAttributes.facts(rs.getString("kind"), map(rs.getString(11)),
                                    monthly == null ? null : monthly.currency());
                    out.add(new Resource(rs.getString("scenario"), rs.getString("id"), rs.getString("name"),
                            rs.getString("provider"), rs.getString("kind"), rs.getString("size"),
                            rs.getString("region"), monthly, map(rs.getString(10)), typed));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new PurserException(ErrorCode.DATABASE_ERROR, "could not read the inventory", e);
        }
    }

    /** Samples of one series with {@code from <= at < to}, in time order. */
    @Override
    public Optional<UsageSeries> usage(String resourceId, String metric, Instant from, Instant to) {
        Objects.requireNonNull(resourceId, "resourceId");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!to.isAfter(from)) {
            throw PurserException.badArgument("usage window end is not after its start: " + from + ".." + to);
        }
        String sql = "SELECT unit, step_seconds, at, value FROM usage_sample"
                + " WHERE resource_id = ? AND metric = ? AND at >= ? AND at < ? ORDER BY at";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, resourceId);
            ps.setString(2, metric);
            ps.setObject(3, OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
            ps.setObject(4, OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
            ps.setFetchSize(10_000);
            List<UsageSeries.Sample> samples = new ArrayList<>();
            String unit = null;
            int stepSeconds = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    unit = rs.getString(1);
                    stepSeconds = rs.getInt(2);
                    samples.add(new UsageSeries.Sample(rs.getObject(3, OffsetDateTime.class).toInstant(),
                            rs.getDouble(4)));
                }
            }
            if (unit == null) {
                try (PreparedStatement any = c.prepareStatement("SELECT unit, step_seconds FROM usage_sample"
                        + " WHERE resource_id = ? AND metric = ? LIMIT 1")) {
                    any.setString(1, resourceId);
                    any.setString(2, metric);
                    try (ResultSet rs = any.executeQuery()) {
                        if (!rs.next()) {
                            return Optional.empty();
                        }
                        unit = rs.getString(1);
                        stepSeconds = rs.getInt(2);
                    }
                }
            }
            return Optional.of(new UsageSeries(resourceId, metric, unit, Duration.ofSeconds(stepSeconds), samples));
        } catch (SQLException e) {
            throw new PurserException(ErrorCode.DATABASE_ERROR,
                    "could not read usage of " + metric + " for resource " + resourceId, e);
        }
    }

    @Override
    public List<String> metrics(String resourceId) {
        Objects.requireNonNull(resourceId, "resourceId");
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT DISTINCT metric FROM usage_sample WHERE resource_id = ? ORDER BY metric")) {
            ps.setString(1, resourceId);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new PurserException(ErrorCode.DATABASE_ERROR, "could not list metrics of resource " + resourceId, e);
        }
    }

    private static void validate(String scenario, List<Resource> resources, List<UsageSeries> usage) {
        Set<String> ids = validateResources(scenario, resources);
        validateSeries(scenario, ids, usage);
    }

    private static Set<String> validateResources(String scenario, List<Resource> resources) {
        Set<String> ids = new HashSet<>();
        for (Resource r : resources) {
            if (!r.scenario().equals(scenario)) {
                throw PurserException.badArgument("resource " + r.id() + " belongs to scenario " + r.scenario()
                        + ", not " + scenario);
            }
            if (!ids.add(r.id())) {
                throw PurserException.badArgument("resource id repeats in scenario " + scenario + ": " + r.id());
            }
        }
        return ids;
    }

    private static void validateSeries(String scenario, Set<String> ids, List<UsageSeries> usage) {
        Set<String> series = new HashSet<>();
        for (UsageSeries s : usage) {
            if (!ids.contains(s.resourceId())) {
                throw PurserException.badArgument("usage series " + s.resourceId() + "/" + s.metric()
                        + " names no resource of scenario " + scenario);
            }
            if (!series.add(s.resourceId() + "\u0000" + s.metric())) {
                throw PurserException.badArgument("usage series repeats in scenario " + scenario + ": "
                        + s.resourceId() + "/" + s.metric());
            }
        }
    }

    private static InventoryLoad replace(Connection c, String scenario, List<Resource> resources,
            List<UsageSeries> usage) throws SQLException, IOException {
        try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
            lock.setString(1, "purser.inventory:" + scenario);
            lock.execute();
        }
        long replacedSamples;
        int replacedResources;
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM usage_sample WHERE scenario = ?")) {
            ps.setString(1, scenario);
            replacedSamples = ps.executeLargeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM resource WHERE scenario = ?")) {
            ps.setString(1, scenario);
            replacedResources = ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO resource (scenario, id, name, provider, kind,"
                + " size, region, monthly_price, currency, tags, facts)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb)")) {
            for (Resource r : resources) {
                ps.setString(1, scenario);
                ps.setString(2, r.id());
                ps.setString(3, r.name());
                ps.setString(4, r.provider());
                ps.setString(5, r.kind());
                ps.setString(6, r.size());
                ps.setString(7, r.region());
                ps.setBigDecimal(8, r.monthlyPrice() == null ? null : r.monthlyPrice().amount());
                ps.setString(9, r.monthlyPrice() == null ? null : r.monthlyPrice().currency().getCurrencyCode());
                ps.setString(10, json(r.tags()));
                ps.setString(11, ResourceFactsJson.write(r.facts()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
        long samples = copySamples(c, scenario, usage);
        return new InventoryLoad(scenario, resources.size(), samples, replacedResources, replacedSamples);
    }

    private static InventoryLoad merge(Connection c, String scenario, List<Resource> resources, Set<String> given,
            List<UsageSeries> usage) throws SQLException, IOException {
        lock(c, scenario);
        Set<String> known = new HashSet<>(given);
        Set<String> wanted = new HashSet<>();
        for (UsageSeries s : usage) {
            if (!given.contains(s.resourceId())) {
                wanted.add(s.resourceId());
            }
        }
        if (!wanted.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM resource WHERE scenario = ? AND id = ANY(?)")) {
                ps.setString(1, scenario);
                ps.setArray(2, c.createArrayOf("text", wanted.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        known.add(rs.getString(1));
                    }
                }
            }
        }
        validateSeries(scenario, known, usage);

        int existing = 0;
        if (!resources.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM resource WHERE scenario = ? AND id = ANY(?)")) {
                ps.setString(1, scenario);
                ps.setArray(2, c.createArrayOf("text", given.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    existing = rs.getInt(1);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO resource (scenario, id, name, provider, kind,"
                    + " size, region, monthly_price, currency, tags, facts)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb)"
                    + " ON CONFLICT (scenario, id) DO UPDATE SET name = EXCLUDED.name, provider = EXCLUDED.provider,"
                    + " kind = EXCLUDED.kind, size = EXCLUDED.size, region = EXCLUDED.region,"
                    + " monthly_price = EXCLUDED.monthly_price, currency = EXCLUDED.currency, tags = EXCLUDED.tags,"
                    + " facts = EXCLUDED.facts, attributes = '{}'::jsonb")) {
                insertResources(ps, scenario, resources);
            }
        }
        long removed = 0;
        if (!usage.isEmpty()) {
            String[] ids = new String[usage.size()];
            String[] metrics = new String[usage.size()];
            for (int i = 0; i < usage.size(); i++) {
                ids[i] = usage.get(i).resourceId();
                metrics[i] = usage.get(i).metric();
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM usage_sample u USING"
                    + " unnest(?::text[], ?::text[]) AS s(resource_id, metric)"
                    + " WHERE u.scenario = ? AND u.resource_id = s.resource_id AND u.metric = s.metric")) {
                ps.setArray(1, c.createArrayOf("text", ids));
                ps.setArray(2, c.createArrayOf("text", metrics));
                ps.setString(3, scenario);
                removed = ps.executeLargeUpdate();
            }
        }
        long samples = copySamples(c, scenario, usage);
        return new InventoryLoad(scenario, resources.size(), samples, existing, removed);
    }

    private static void lock(Connection c, String scenario) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
            lock.setString(1, "purser.inventory:" + scenario);
            lock.execute();
        }
    }

    private static void insertResources(PreparedStatement ps, String scenario, List<Resource> resources)
            throws SQLException {
        for (Resource r : resources) {
            ps.setString(1, scenario);
            ps.setString(2, r.id());
            ps.setString(3, r.name());
            ps.setString(4, r.provider());
            ps.setString(5, r.kind());
            ps.setString(6, r.size());
            ps.setString(7, r.region());
            ps.setBigDecimal(8, r.monthlyPrice() == null ? null : r.monthlyPrice().amount());
            ps.setString(9, r.monthlyPrice() == null ? null : r.monthlyPrice().currency().getCurrencyCode());
            ps.setString(10, json(r.tags()));
            ps.setString(11, ResourceFactsJson.write(r.facts()));
            ps.addBatch();
        }
        ps.executeBatch();
    }

    private static long copySamples(Connection c, String scenario, List<UsageSeries> usage)
            throws SQLException, IOException {
        CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn(
                "COPY usage_sample (scenario, resource_id, metric, unit, step_seconds, at, value)"
                        + " FROM STDIN WITH (FORMAT csv)");
        long count = 0;
        try {
            StringBuilder chunk = new StringBuilder(COPY_CHUNK_CHARS + 4096);
            for (UsageSeries s : usage) {
                StringBuilder prefix = new StringBuilder();
                quoted(prefix, scenario).append(',');
                quoted(prefix, s.resourceId()).append(',');
                quoted(prefix, s.metric()).append(',');
                quoted(prefix, s.unit()).append(',');
                prefix.append(s.step().getSeconds()).append(',');
                for (UsageSeries.Sample sample : s.samples()) {
                    chunk.append(prefix).append(sample.at()).append(',').append(sample.value()).append('\n');
                    count++;
                    if (chunk.length() >= COPY_CHUNK_CHARS) {
                        write(copy, chunk);
                    }
                }
            }
            write(copy, chunk);
            copy.endCopy();
            return count;
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    private static void write(CopyIn copy, StringBuilder chunk) throws SQLException {
        if (chunk.length() > 0) {
            byte[] bytes = chunk.toString().getBytes(StandardCharsets.UTF_8);
            copy.writeToCopy(bytes, 0, bytes.length);
            chunk.setLength(0);
        }
    }

    private static StringBuilder quoted(StringBuilder b, String value) {
        b.append('"');
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (ch == '"') {
                b.append('"');
            }
            b.append(ch);
        }
        return b.append('"');
    }

    private static String json(Map<String, String> map) {
        try {
            return JSON.writeValueAsString(new TreeMap<>(map));
        } catch (JsonProcessingException e) {
            throw new PurserException(ErrorCode.INTERNAL_ERROR, "could not serialize a map of strings", e);
        }
    }

    private static Map<String, String> map(String json) {
        try {
            return JSON.readValue(json, STRING_MAP);
        } catch (JsonProcessingException e) {
            throw new PurserException(ErrorCode.INTERNAL_ERROR, "stored JSON is not a map of strings", e);
        }
    }
}
