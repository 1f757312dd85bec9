package dev.purser.core.cloud.http;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Keeps the latest {@link RateLimitState} per (provider, limit type), so the metrics face can
 * export it as {@code api_calls_remaining{provider,limit_type}}. Thread-safe: clients on several
 * threads record into one recorder; the last response read wins, even if it carries a higher
 * remaining count than an earlier one (the provider's count is the truth, not our guess).
 */
public final class RateLimitRecorder {

    private record Key(String provider, String limitType) {
    }

    private final ConcurrentMap<Key, RateLimitState> latest = new ConcurrentHashMap<>();

    public void record(RateLimitState state) {
        latest.put(new Key(state.provider(), state.limitType()), state);
    }

    public Optional<RateLimitState> latest(String provider, String limitType) {
        return Optional.ofNullable(latest.get(new Key(provider, limitType)));
    }

    /** Every limit seen so far, ordered by provider then limit type. */
    public List<RateLimitState> snapshot() {
        return latest.values().stream()
                .sorted(Comparator.comparing(RateLimitState::provider).thenComparing(RateLimitState::limitType))
                .toList();
    }
}
