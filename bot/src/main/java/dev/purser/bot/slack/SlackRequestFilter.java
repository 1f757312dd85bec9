package dev.purser.bot.slack;

import dev.purser.bot.metrics.PurserMetrics;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the Slack requests Bolt refused (401: a forged or stale signature) and logs them at
 * most once a minute, as a count. Bolt would log each one; a flood of forged requests must cost
 * the log one line a minute, not one line a request (Bolt's own logger is kept at WARN for that).
 */
public final class SlackRequestFilter implements Filter {

    private static final Logger LOG = LoggerFactory.getLogger(SlackRequestFilter.class);
    private static final Duration LOG_EVERY = Duration.ofMinutes(1);

    private final PurserMetrics metrics;
    private final Clock clock;
    private final AtomicLong refusedSinceLog = new AtomicLong();
    private final AtomicReference<Instant> nextLog = new AtomicReference<>(Instant.MIN);

    public SlackRequestFilter(PurserMetrics metrics, Clock clock) {
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        chain.doFilter(request, response);
        if (((HttpServletResponse) response).getStatus() == 401) {
            metrics.slackRejected();
            long refused = refusedSinceLog.incrementAndGet();
            Instant now = clock.instant();
            Instant due = nextLog.get();
            if (!now.isBefore(due) && nextLog.compareAndSet(due, now.plus(LOG_EVERY))) {
                refusedSinceLog.addAndGet(-refused);
                LOG.warn("refused {} Slack request(s) with a bad or stale signature since the last report", refused);
            }
        }
    }
}
