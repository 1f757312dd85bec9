package dev.purser.commands.db;

import dev.purser.commands.ArgumentSpec;
import dev.purser.commands.ArgumentTypes;
import dev.purser.commands.CommandContext;
import dev.purser.commands.CommandSpec;
import dev.purser.commands.Effect;
import dev.purser.commands.Invocation;
import dev.purser.commands.Role;
import dev.purser.commands.render.Formats;
import dev.purser.commands.reply.Column;
import dev.purser.commands.reply.FollowUp;
import dev.purser.commands.reply.Reply;
import dev.purser.commands.reply.Table;
import dev.purser.commands.reply.Value;
import dev.purser.commands.reply.ValueType;
import dev.purser.core.analysis.catalog.CatalogSize;
import dev.purser.core.analysis.catalog.PriceCatalog;
import dev.purser.core.analysis.dbadvice.AdviceRequest;
import dev.purser.core.analysis.dbadvice.DatabaseAdvice;
import dev.purser.core.analysis.dbadvice.DatabaseAdvisor;
import dev.purser.core.analysis.dbadvice.DuplicateIndexGroup;
import dev.purser.core.analysis.dbadvice.Finding;
import dev.purser.core.analysis.dbadvice.IdleTransaction;
import dev.purser.core.analysis.dbadvice.SeqScanTable;
import dev.purser.core.analysis.dbadvice.SettingAdvice;
import dev.purser.core.analysis.dbadvice.TargetSize;
import dev.purser.core.analysis.dbadvice.TopQuery;
import dev.purser.core.analysis.dbadvice.UnusedIndex;
import dev.purser.core.analysis.dbadvice.PostgresStats;
import dev.purser.core.cloud.postgres.PostgresStatsSource;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * {@code db <target> [--size SLUG]}: top queries by total and mean time, cache hit ratio, unused
 * and duplicate indexes with their size, missing-index candidates, connection headroom and
 * pooler advice, sessions idle in a transaction, and settings for a proposed size.
 *
 * <p>The target is a configured name, or a URL whose every host is on the allow list (see
 * {@link TargetUrl}). The user name and password are read from the environment at each run
 * ({@code PGUSER}/{@code PGPASSWORD}, or the variables a configured target names) and never appear
 * in a reply, a note or an error.
 */
public final class DbCommand {

    public static final String NAME = "db";
    /** DigitalOcean's managed PostgreSQL allows 25 connections per GiB of node memory. */
    static final int CONNECTIONS_PER_GIB = 25;
    private static final int TOP = 10;

    private final Map<String, DbTarget> targets;
    private final Set<String> allowedHosts;
    private final Function<String, String> environment;
    private final PriceCatalog catalog;
    private final DatabaseAdvisor advisor;
    private final PostgresStatsSource.Options options;
    private final Clock clock;
    private final ArgumentSpec<String> target;
    private final ArgumentSpec<String> size;
    private final CommandSpec spec;

    private DbCommand(Map<String, DbTarget> targets, Set<String> allowedHosts, Function<String, String> environment,
                      PriceCatalog catalog, DatabaseAdvisor advisor, PostgresStatsSource.Options options, Clock clock) {
        this.targets = Collections.unmodifiableMap(new TreeMap<>(targets));
        this.allowedHosts = Set.copyOf(allowedHosts);
        this.environment = Objects.requireNonNull(environment, "environment");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.advisor = Objects.requireNonNull(advisor, "advisor");
        this.options = Objects.requireNonNull(options, "options");
        this.clock = Objects.requireNonNull(clock, "clock");
        for (Map.Entry<String, DbTarget> e : targets.entrySet()) {
            if (!e.getKey().equals(e.getValue().name())) {
                throw new IllegalArgumentException("database target key " + e.getKey() + " differs from its name "
                        + e.getValue().name());
            }
        }
        this.target = ArgumentSpec.builder("target", ArgumentTypes.text())
                .description("A configured database name, or jdbc:postgresql://host:5432/db on an allowed host")
                .required().positional().build();
        this.size = ArgumentSpec.builder("size", ArgumentTypes.text())
                .description("Propose settings for this node size, e.g. db-s-1vcpu-2gb")
                .build();
        this.spec = new CommandSpec(NAME, "Database advice",
                "Queries, indexes, connections and settings of a PostgreSQL database",
                "Reads a PostgreSQL database's own statistics over a read-only connection (pg_stat_statements, "
                        + "pg_stat_database, pg_stat_activity, pg_stat_user_indexes, pg_settings) and answers: the top "
                        + "queries by total and mean time, the cache hit ratio, unused and duplicate indexes with their "
                        + "size, tables whose sequential scans suggest a missing index, connection use against "
                        + "max_connections and whether a pooler is warranted, sessions idle in a transaction, and "
                        + "settings for a proposed node size. Credentials come from PGUSER and PGPASSWORD in Purser's environment.",
                List.of(target, size), Role.VIEWER, Effect.READS_LIVE, this::handle);
    }

    /**
     * The command with the bundled DigitalOcean catalog, the default advisor and source options.
     *
     * @param targets      configured databases by name
     * @param allowedHosts hosts a typed URL may name ({@code db.internal}, {@code *.db.ondigitalocean.com});
     *                     empty to refuse every typed URL
     * @param environment  where credentials are read, {@code System::getenv} in production
     */
    public static CommandSpec create(Map<String, DbTarget> targets, Set<String> allowedHosts,
                                     Function<String, String> environment, PriceCatalog catalog, Clock clock) {
        return create(targets, allowedHosts, environment, catalog, new DatabaseAdvisor(),
                PostgresStatsSource.Options.defaults(), clock);
    }

    /** As above with the advisor and source options given. */
    public static CommandSpec create(Map<String, DbTarget> targets, Set<String> allowedHosts,
                                     Function<String, String> environment, PriceCatalog catalog,
                                     DatabaseAdvisor advisor, PostgresStatsSource.Options options, Clock clock) {
        return new DbCommand(targets, allowedHosts, environment, catalog, advisor, options, clock).spec;
    }

    /** @param typed how to type this target again in a follow-up */
    private record Resolved(String display, String typed, String jdbcUrl, String userVariable, String passwordVariable) {
    }

    private Resolved resolve(String text) {
        DbTarget configured = targets.get(text);
        if (configured != null) {
            return new Resolved(configured.name(), configured.name(), configured.jdbcUrl(), configured.userVariable(),
                    configured.passwordVariable());
        }
        if (TargetUrl.looksLikeUrl(text)) {
            TargetUrl url = TargetUrl.parse(text, allowedHosts);
            return new Resolved(url.display(), "jdbc:postgresql://" + url.display(), url.jdbcUrl(), DbTarget.DEFAULT_USER_VARIABLE,
                    DbTarget.DEFAULT_PASSWORD_VARIABLE);
        }
        String safe = text.length() > 64 ? text.substring(0, 64) + "…" : text;
        throw new PurserException(ErrorCode.NOT_FOUND, "no configured database named '" + safe.replaceAll("\\s", " ")
                + "'" + (targets.isEmpty() ? "; none are configured" : "; configured: " + String.join(", ", targets.keySet()))
                + ". A PostgreSQL URL on an allowed host also works");
    }

    private Optional<TargetSize> targetSize(String slug) {
        if (slug == null) {
            return Optional.empty();
        }
        Optional<CatalogSize> node = catalog.databaseNode("pg", slug).or(() -> catalog.machine(slug));
        if (node.isEmpty()) {
            throw PurserException.badArgument("no size " + slug + " in " + catalog.name()
                    + "; expected a database node size such as db-s-1vcpu-2gb");
        }
        CatalogSize s = node.get();
        long gib = Math.max(1, s.memoryMib() / 1024);
        return Optional.of(new TargetSize(s.memoryBytes(), s.vcpus(), (int) (gib * CONNECTIONS_PER_GIB)));
    }

    private Reply handle(Invocation invocation, CommandContext context) {
        Resolved r = resolve(invocation.get(target));
        String slug = invocation.get(size);
        Optional<TargetSize> proposed = targetSize(slug);
        PostgresStatsSource source = PostgresStatsSource.forJdbcUrl(r.jdbcUrl(), environment.apply(r.userVariable()),
                environment.apply(r.passwordVariable()), options, clock);
        PostgresStats stats;
        try {
            stats = source.collect();
        } catch (PurserException e) {
            throw explain(e, r);
        }
        AdviceRequest request = proposed.map(AdviceRequest.none()::withProposedSize).orElse(AdviceRequest.none());
        DatabaseAdvice advice = advisor.advise(stats, request);
        return reply(r.display(), r.typed(), slug, advice);
    }

    /** Says what to do about a failure, naming the target but never the credentials. */
    private static PurserException explain(PurserException e, Resolved r) {
        String state = e.getCause() instanceof SQLException sql && sql.getSQLState() != null ? sql.getSQLState() : "";
        if (state.startsWith("28")) {
            return new PurserException(ErrorCode.DATABASE_UNAVAILABLE, "the database " + r.display()
                    + " refused the credentials (SQLSTATE " + state + "): check " + r.userVariable() + " and "
                    + r.passwordVariable() + " in Purser's environment", e);
        }
        if (state.equals("3D000")) {
            return new PurserException(ErrorCode.DATABASE_UNAVAILABLE, "the server of " + r.display()
                    + " has no such database (SQLSTATE 3D000)", e);
        }
        if (e.code() == ErrorCode.DATABASE_UNAVAILABLE) {
            return new PurserException(ErrorCode.DATABASE_UNAVAILABLE, "could not reach the database " + r.display()
                    + (state.isEmpty() ? "" : " (SQLSTATE " + state + ")") + ": is it running, and may Purser connect?", e);
        }
        return new PurserException(e.code(), "reading the statistics of " + r.display() + " failed: " + e.getMessage(), e);
    }

    /**
     * The reply for advice already computed: pure, so its renderings can be pinned on a hand-built reading.
     *
     * @param display the target as the reply names it
     * @param typed   the target as a follow-up retypes it
     * @param slug    the {@code --size} asked for, or null
     */
    static Reply reply(String display, String typed, String slug, DatabaseAdvice a) {
        Reply.Builder reply = Reply.builder(NAME, "Database advice for " + display);
        List<String> headline = new ArrayList<>();
        if (!a.topByTotalTime().isEmpty()) {
            TopQuery q = a.topByTotalTime().get(0);
            headline.add("the heaviest query takes " + Formats.percent(ratio(q.shareOfTotalTime())) + " of execution time");
        }
        a.cacheHit().ratio().ifPresent(v -> headline.add("cache hit ratio " + Formats.percent(ratio(v))));
        long unusedBytes = a.unusedIndexes().stream().mapToLong(UnusedIndex::sizeBytes).sum()
                + a.duplicateIndexes().stream().mapToLong(DuplicateIndexGroup::redundantBytes).sum();
        int droppable = a.unusedIndexes().size() + a.duplicateIndexes().stream().mapToInt(g -> g.redundant().size()).sum();
        if (droppable > 0) {
            headline.add(droppable + " index(es) to drop (" + mib(unusedBytes).toPlainString() + " MiB)");
        }
        headline.add("connections peak at " + Formats.percent(ratio(a.connections().peakShare())) + " of the limit");
        reply.summary(a.database() + ": " + String.join("; ", headline) + ".");

        a.cacheHit().ratio().ifPresent(v -> reply.figure("cache_hit_ratio", "Cache hit ratio", Value.percent(ratio(v))));
        reply.figure("connections_peak", "Peak connections", Value.number(a.connections().peak(), null));
        reply.figure("max_connections", "max_connections", Value.number(a.connections().maxConnections(), null));
        reply.figure("droppable_index_mib", "Droppable index size", Value.number(mib(unusedBytes), "MiB"));

        reply.table(queries("top_by_total_time", "Top queries by total time", a.topByTotalTime()));
        reply.table(queries("top_by_mean_time", "Top queries by mean time", a.topByMeanTime()));

        List<List<Value>> unused = new ArrayList<>();
        for (UnusedIndex u : a.unusedIndexes()) {
            unused.add(List.of(Value.text(u.schema() + "." + u.table()), Value.text(u.index()),
                    Value.number(mib(u.sizeBytes()), "MiB"), Value.text(u.definition())));
        }
        reply.table(new Table("unused_indexes", "Unused indexes (never scanned, enforce nothing)", List.of(
                new Column("table", "table", ValueType.TEXT), new Column("index", "index", ValueType.TEXT),
                new Column("size", "size", ValueType.NUMBER), new Column("definition", "definition", ValueType.TEXT)),
                unused, List.of()));

        List<List<Value>> duplicates = new ArrayList<>();
        for (DuplicateIndexGroup g : a.duplicateIndexes()) {
            duplicates.add(List.of(Value.text(g.schema() + "." + g.table()), Value.text(g.keys()), Value.text(g.keep()),
                    Value.text(String.join(", ", g.redundant())), Value.number(mib(g.redundantBytes()), "MiB")));
        }
        reply.table(new Table("duplicate_indexes", "Duplicate indexes", List.of(
                new Column("table", "table", ValueType.TEXT), new Column("keys", "keys", ValueType.TEXT),
                new Column("keep", "keep", ValueType.TEXT), new Column("drop", "drop", ValueType.TEXT),
                new Column("size", "size to free", ValueType.NUMBER)), duplicates, List.of()));

        List<List<Value>> seq = new ArrayList<>();
        for (SeqScanTable t : a.missingIndexCandidates()) {
            seq.add(List.of(Value.text(t.schema() + "." + t.table()), Value.number(t.seqScans(), null),
                    Value.number(t.avgRowsPerScan(), "rows"), Value.number(t.liveTuples(), "rows"),
                    Value.number(t.indexScans(), null)));
        }
        reply.table(new Table("missing_index_candidates", "Tables read by sequential scans: an index is probably missing",
                List.of(new Column("table", "table", ValueType.TEXT),
                        new Column("seq_scans", "seq scans", ValueType.NUMBER),
                        new Column("rows_per_scan", "rows per scan", ValueType.NUMBER),
                        new Column("live_rows", "live rows", ValueType.NUMBER),
                        new Column("index_scans", "index scans", ValueType.NUMBER)), seq, List.of()));

        if (!a.idleInTransaction().isEmpty()) {
            List<List<Value>> idle = new ArrayList<>();
            for (IdleTransaction t : a.idleInTransaction()) {
                idle.add(List.of(Value.number(t.pid(), null), Value.text(t.user()), Value.text(t.application()),
                        Value.number(t.idleFor().toSeconds(), "s"), Value.text(t.lastQuery().orElse(""))));
            }
            reply.table(new Table("idle_in_transaction", "Sessions idle in a transaction", List.of(
                    new Column("pid", "pid", ValueType.NUMBER), new Column("user", "user", ValueType.TEXT),
                    new Column("application", "application", ValueType.TEXT),
                    new Column("idle_for", "idle for", ValueType.NUMBER),
                    new Column("last_query", "last query", ValueType.TEXT)), idle, List.of()));
        }

        if (!a.configuration().isEmpty()) {
            List<List<Value>> settings = new ArrayList<>();
            for (SettingAdvice s : a.configuration()) {
                settings.add(List.of(Value.text(s.name()), Value.text(s.current()), Value.text(s.proposed()),
                        Value.text(s.changes() ? "change" : "keep"), Value.text(s.reason())));
            }
            reply.table(new Table("configuration", "Settings for " + slug, List.of(
                    new Column("setting", "setting", ValueType.TEXT), new Column("current", "current", ValueType.TEXT),
                    new Column("proposed", "proposed", ValueType.TEXT), new Column("change", "change", ValueType.TEXT),
                    new Column("reason", "reason", ValueType.TEXT)), settings, List.of()));
        }

        List<List<Value>> findings = new ArrayList<>();
        for (Finding f : a.findings()) {
            findings.add(List.of(Value.text(f.severity().name().toLowerCase(Locale.ROOT)), Value.text(f.code()),
                    Value.text(f.subject()), Value.text(f.message())));
        }
        reply.table(new Table("findings", "Findings, most severe first", List.of(
                new Column("severity", "severity", ValueType.TEXT), new Column("code", "code", ValueType.TEXT),
                new Column("subject", "subject", ValueType.TEXT), new Column("message", "message", ValueType.TEXT)),
                findings, List.of()));

        reply.note((a.connections().poolerRecommended() ? "Pooler recommended: " : "Pooler: ")
                + a.connections().poolerReason());
        reply.notes(a.gaps());
        if (slug == null) {
            reply.followUp(FollowUp.to("Settings for a smaller node", NAME).positional(typed)
                    .option("size", "db-s-1vcpu-2gb"));
        }
        return reply.build();
    }

    private static Table queries(String key, String title, List<TopQuery> queries) {
        List<List<Value>> rows = new ArrayList<>();
        int rank = 0;
        for (TopQuery q : queries) {
            if (++rank > TOP) {
                break;
            }
            rows.add(List.of(Value.number(rank, null), Value.text(q.query()), Value.number(q.calls(), null),
                    Value.number(BigDecimal.valueOf(q.totalMillis()).setScale(1, RoundingMode.HALF_EVEN), "ms"),
                    Value.number(BigDecimal.valueOf(q.meanMillis()).setScale(3, RoundingMode.HALF_EVEN), "ms"),
                    Value.percent(ratio(q.shareOfTotalTime())), Value.number(q.rows(), null)));
        }
        return new Table(key, title, List.of(
                new Column("rank", "#", ValueType.NUMBER), new Column("query", "query", ValueType.TEXT),
                new Column("calls", "calls", ValueType.NUMBER), new Column("total_time", "total", ValueType.NUMBER),
                new Column("mean_time", "mean", ValueType.NUMBER), new Column("share", "share", ValueType.PERCENT),
                new Column("rows", "rows", ValueType.NUMBER)), rows, List.of());
    }

    private static BigDecimal ratio(double v) {
        return BigDecimal.valueOf(v).setScale(4, RoundingMode.HALF_EVEN);
    }

    private static BigDecimal mib(long bytes) {
        return BigDecimal.valueOf(bytes).divide(BigDecimal.valueOf(1024L * 1024L), 2, RoundingMode.HALF_EVEN);
    }

    /** Configured targets by name, for callers that build the map from a list. */
    public static Map<String, DbTarget> byName(List<DbTarget> targets) {
        Map<String, DbTarget> out = new LinkedHashMap<>();
        for (DbTarget t : targets) {
            if (out.put(t.name(), t) != null) {
                throw new IllegalArgumentException("database target " + t.name() + " is configured twice");
            }
        }
        return out;
    }
}
