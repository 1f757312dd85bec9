package dev.purser.bot.discord;

import dev.purser.commands.ArgumentSpec;
import dev.purser.commands.CommandSpec;
import dev.purser.core.analysis.costs.BreakdownRequest;
import dev.purser.core.analysis.costs.CostBreakdown;
import dev.purser.core.analysis.costs.CostFilter;
import dev.purser.core.analysis.costs.CostMetric;
import dev.purser.core.analysis.costs.CostQueries;
import dev.purser.core.model.Dimension;
import dev.purser.core.model.Period;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The values Purser knows from its own data: billing accounts and services that had costs in the
 * last 90 days (suggested for {@code --account} and, as {@code service=…}, for {@code --where}),
 * the configured database targets (for {@code db --target}), and the right-sizing recommendation
 * ids that {@code plan create} takes.
 *
 * <p>Autocomplete must answer within 3 seconds and fires on every keystroke, so the cost values
 * are read at most once per {@value #REFRESH_MINUTES} minutes and kept; a failed read suggests
 * nothing rather than failing the request.
 */
final class KnownValues implements DiscordCompletions {

    private static final Logger LOG = LoggerFactory.getLogger(KnownValues.class);
    static final int REFRESH_MINUTES = 5;
    private static final int DAYS = 90;
    private static final int MOST = 100;

    private record Cached(List<String> values, Instant read) {
    }

    private final CostQueries costs;
    private final Set<String> databaseTargets;
    private final Clock clock;
    private final Map<Dimension.Kind, Cached> cache = new ConcurrentHashMap<>();
    private final Supplier<List<String>> recommendationIds;
    private final AtomicReference<Cached> ids = new AtomicReference<>();
    private final AtomicBoolean refreshingIds = new AtomicBoolean();

    KnownValues(CostQueries costs, Set<String> databaseTargets, Clock clock) {
        this(costs, databaseTargets, clock, null);
    }

    /**
     * @param recommendationIds the ids {@code plan create} accepts, or null for none; computing
     *                          them runs right-sizing over every account, so it happens in the
     *                          background and keystrokes get the last list read
     */
    KnownValues(CostQueries costs, Set<String> databaseTargets, Clock clock, Supplier<List<String>> recommendationIds) {
        this.costs = Objects.requireNonNull(costs, "costs");
        this.databaseTargets = Set.copyOf(databaseTargets);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.recommendationIds = recommendationIds;
    }

    @Override
    public boolean offers(CommandSpec command, ArgumentSpec<?> argument) {
        return switch (argument.name()) {
            case "account", "where" -> true;
            case "target" -> command.name().equals("db") && !databaseTargets.isEmpty()
                    || command.name().equals("plan") && recommendationIds != null;
            default -> false;
        };
    }

    @Override
    public List<String> values(CommandSpec command, ArgumentSpec<?> argument) {
        return switch (argument.name()) {
            case "account" -> read(Dimension.Kind.BILLING_ACCOUNT);
            case "where" -> read(Dimension.Kind.SERVICE).stream().map(s -> "service=" + s).toList();
            case "target" -> command.name().equals("plan") ? recommendationIds() : databaseTargets.stream().sorted().toList();
            default -> List.of();
        };
    }

    /** The last list read, refreshed in the background when older than the refresh interval. */
    List<String> recommendationIds() {
        Cached cached = ids.get();
        Instant now = clock.instant();
        boolean stale = cached == null || Duration.between(cached.read(), now).toMinutes() >= REFRESH_MINUTES;
        if (stale && refreshingIds.compareAndSet(false, true)) {
            Thread refresh = new Thread(() -> {
                try {
                    ids.set(new Cached(List.copyOf(recommendationIds.get()), clock.instant()));
                } catch (RuntimeException e) {
                    LOG.warn("discord autocomplete: could not read the recommendation ids: {}", e.toString());
                } finally {
                    refreshingIds.set(false);
                }
            }, "purser-discord-recommendation-ids");
            refresh.setDaemon(true);
            refresh.start();
        }
        return cached == null ? List.of() : cached.values();
    }

    private List<String> read(Dimension.Kind kind) {
        Instant now = clock.instant();
        Cached cached = cache.get(kind);
        if (cached != null && Duration.between(cached.read(), now).toMinutes() < REFRESH_MINUTES) {
            return cached.values();
        }
        List<String> values;
        try {
            LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
            Period last = Period.ofDays(today.minusDays(DAYS), today, ZoneOffset.UTC);
            CostBreakdown breakdown = costs.breakdown(new BreakdownRequest(last, new Dimension(kind, null), MOST,
                    CostMetric.BILLED, CostFilter.NONE));
            Set<String> keys = new LinkedHashSet<>();
            for (CostBreakdown.Section section : breakdown.sections()) {
                for (CostBreakdown.Row row : section.rows()) {
                    if (!row.other() && !row.key().isBlank()) {
                        keys.add(row.key());
                    }
                }
            }
            values = List.copyOf(new ArrayList<>(keys));
        } catch (RuntimeException e) {
            LOG.warn("discord autocomplete: could not read the known {} values: {}", kind, e.toString());
            values = cached == null ? List.of() : cached.values();
        }
        cache.put(kind, new Cached(values, now));
        return values;
    }
}
