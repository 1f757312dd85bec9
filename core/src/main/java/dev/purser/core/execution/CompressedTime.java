package dev.purser.core.execution;

import dev.purser.core.cloud.http.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * Time that runs {@code factor} times faster than the wall clock from an origin: the demo's soak of
 * "30 minutes" passes in seconds, and every timestamp it records still reads like a real run.
 * The clock and the sleeper agree: sleeping {@code d} of compressed time takes {@code d / factor}.
 * The clock reads whole seconds, so the times it stamps read like a real run's.
 */
public final class CompressedTime extends Clock {

    private final Clock wall;
    private final Instant origin;
    private final Instant wallOrigin;
    private final long factor;

    /**
     * @param origin what the compressed clock reads now
     * @param factor how many compressed seconds pass per real second (at least 1)
     */
    public CompressedTime(Clock wall, Instant origin, long factor) {
        this.wall = Objects.requireNonNull(wall, "wall");
        this.origin = Objects.requireNonNull(origin, "origin");
        if (factor < 1) {
            throw new IllegalArgumentException("factor must be at least 1: " + factor);
        }
        this.factor = factor;
        this.wallOrigin = wall.instant();
    }

    @Override
    public Instant instant() {
        Duration real = Duration.between(wallOrigin, wall.instant());
        return origin.plus(real.multipliedBy(factor)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    /** Sleeps {@code d / factor} of real time, at least a millisecond. */
    public Sleeper sleeper() {
        return d -> Thread.sleep(Math.max(1, d.toMillis() / factor));
    }
}
