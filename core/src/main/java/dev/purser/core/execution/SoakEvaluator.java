package dev.purser.core.execution;

import dev.purser.core.cloud.http.Sleeper;
import dev.purser.core.error.PurserException;
import dev.purser.core.model.UsageSeries;
import dev.purser.core.plan.Trigger;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Baselines before a change and post-checks after it.
 *
 * <p>Baseline: the median of each trigger metric over a window that ends when the change was first
 * recorded; a median, so one spike in the window does not raise every relative limit.
 *
 * <p>Firing: a trigger fires when consecutive samples all breach its limit ({@code above}: greater
 * than; {@code below}: less than) from the first of them to one at least {@code sustainedFor}
 * later. A sample that does not breach ends the run. A relative trigger whose baseline is missing
 * cannot be checked, and says so as a gap rather than pass silently.
 *
 * <p>Time: the injected clock and sleeper drive {@link #soak}; the demo compresses both.
 */
public final class SoakEvaluator {

    private final MetricSource source;
    private final Clock clock;
    private final Sleeper sleeper;

    public SoakEvaluator(MetricSource source, Clock clock, Sleeper sleeper) {
        this.source = Objects.requireNonNull(source, "source");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    public MetricSource source() {
        return source;
    }

    /** The baseline of every trigger metric over {@code [end - window, end]}. */
    public Baseline baseline(String resource, List<Trigger> triggers, Duration window, Instant end) {
        Instant from = end.minus(window);
        Map<String, BigDecimal> values = new LinkedHashMap<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        List<String> gaps = new ArrayList<>();
        for (String metric : metrics(triggers)) {
            List<UsageSeries.Sample> s = source.samples(resource, metric, from, end);
            counts.put(metric, s.size());
            if (s.isEmpty()) {
                gaps.add(metric + " has no samples for " + resource + " from " + from + " to " + end);
            } else {
                values.put(metric, median(s));
            }
        }
        return new Baseline(resource, from, end, values, counts, gaps);
    }

    /** Checks the triggers against the samples in {@code [from, to]}. */
    public SoakVerdict evaluate(String resource, List<Trigger> triggers, Baseline baseline, Instant from, Instant to) {
        List<Breach> breaches = new ArrayList<>();
        Map<String, Integer> observed = new LinkedHashMap<>();
        List<String> gaps = new ArrayList<>();
        Map<String, List<UsageSeries.Sample>> byMetric = new LinkedHashMap<>();
        for (String metric : metrics(triggers)) {
            List<UsageSeries.Sample> s = to.isAfter(from) ? source.samples(resource, metric, from, to) : List.of();
            byMetric.put(metric, s);
            observed.put(metric, s.size());
        }
        for (Trigger t : triggers) {
            Optional<BigDecimal> base = baseline.value(t.metric());
            if (t.relativeToBaseline() && base.isEmpty()) {
                gaps.add(t.canonical() + " cannot be checked: no baseline for " + t.metric());
                continue;
            }
            List<UsageSeries.Sample> s = byMetric.get(t.metric());
            if (s.isEmpty()) {
                gaps.add(t.metric() + " has no samples for " + resource + " since " + from);
                continue;
            }
            fired(t, base, t.limit(base.orElse(BigDecimal.ONE)), s).ifPresent(breaches::add);
        }
        breaches.sort((a, b) -> a.to().compareTo(b.to()));
        SoakVerdict.Outcome outcome = !breaches.isEmpty() ? SoakVerdict.Outcome.BREACHED
                : gaps.isEmpty() ? SoakVerdict.Outcome.PASSED : SoakVerdict.Outcome.NO_DATA;
        return new SoakVerdict(outcome, from, to, breaches, observed, gaps);
    }

    /**
     * Watches from {@code settledAt} until {@code settledAt + soakFor}, checking every
     * {@code checkEvery}; returns at the first breach, or at the end.
     */
    public SoakVerdict soak(String resource, List<Trigger> triggers, Baseline baseline, Instant settledAt,
            Duration soakFor, Duration checkEvery) {
        if (checkEvery.isZero() || checkEvery.isNegative()) {
            throw new IllegalArgumentException("checkEvery must be positive: " + checkEvery);
        }
        Instant end = settledAt.plus(soakFor);
        while (true) {
            Instant now = clock.instant();
            Instant upTo = now.isBefore(end) ? now : end;
            SoakVerdict v = evaluate(resource, triggers, baseline, settledAt, upTo);
            if (v.outcome() == SoakVerdict.Outcome.BREACHED || !now.isBefore(end)) {
                return v;
            }
            Duration wait = Duration.between(now, end).compareTo(checkEvery) < 0 ? Duration.between(now, end)
                    : checkEvery;
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PurserException(dev.purser.core.error.ErrorCode.INTERNAL_ERROR,
                        "interrupted while soaking " + resource + ": the soak resumes from its start when run again", e);
            }
        }
    }

    static Optional<Breach> fired(Trigger t, Optional<BigDecimal> base, BigDecimal limit,
            List<UsageSeries.Sample> samples) {
        double lim = limit.doubleValue();
        boolean above = t.comparison() == Trigger.Comparison.ABOVE;
        int runStart = -1;
        double peak = 0;
        for (int i = 0; i < samples.size(); i++) {
            double v = samples.get(i).value();
            boolean breaching = above ? v > lim : v < lim;
            if (!breaching) {
                runStart = -1;
                continue;
            }
            if (runStart < 0) {
                runStart = i;
                peak = v;
            }
            peak = above ? Math.max(peak, v) : Math.min(peak, v);
            Instant first = samples.get(runStart).at();
            Instant at = samples.get(i).at();
            if (Duration.between(first, at).compareTo(t.sustainedFor()) >= 0) {
                return Optional.of(new Breach(t, t.relativeToBaseline() ? base : Optional.empty(), limit, first, at,
                        samples.get(runStart).value(), peak, i - runStart + 1));
            }
        }
        return Optional.empty();
    }

    private static Set<String> metrics(List<Trigger> triggers) {
        Set<String> m = new LinkedHashSet<>();
        triggers.forEach(t -> m.add(t.metric()));
        return m;
    }

    static BigDecimal median(List<UsageSeries.Sample> samples) {
        double[] v = samples.stream().mapToDouble(UsageSeries.Sample::value).sorted().toArray();
        int n = v.length;
        double m = n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
        return BigDecimal.valueOf(m);
    }
}
