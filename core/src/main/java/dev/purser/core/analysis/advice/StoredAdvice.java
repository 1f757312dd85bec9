package dev.purser.core.analysis.advice;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a provider advised, as last fetched for one or more accounts.
 *
 * @param fetches      one entry per account and source that was fetched, even when the provider
 *                     had nothing to advise, so "no advice" can be told from "never asked"
 * @param rightsizing  EC2 right-sizing (modify or terminate), by resource
 * @param reservations Reserved Instance purchases
 * @param savingsPlans Savings Plan purchases
 */
public record StoredAdvice(List<Fetch> fetches, List<RightsizingAdvice> rightsizing,
                           List<ReservationAdvice> reservations, List<SavingsPlanAdvice> savingsPlans) {

    private static final StoredAdvice NONE = new StoredAdvice(List.of(), List.of(), List.of(), List.of());

    /**
     * One fetch.
     *
     * @param account   the account (scenario) the advice is filed under
     * @param source    where it came from, e.g. {@code aws-ce}
     * @param fetchedAt when it was fetched (the provider generates it daily or so; it can lag usage)
     */
    public record Fetch(String account, String source, Instant fetchedAt) {
        public Fetch {
            Objects.requireNonNull(account, "account");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(fetchedAt, "fetchedAt");
        }
    }

    public StoredAdvice {
        fetches = List.copyOf(fetches);
        rightsizing = List.copyOf(rightsizing);
        reservations = List.copyOf(reservations);
        savingsPlans = List.copyOf(savingsPlans);
    }

    /** Nothing fetched. */
    public static StoredAdvice none() {
        return NONE;
    }

    /** True when no advice was ever fetched for the accounts asked about. */
    public boolean isEmpty() {
        return fetches.isEmpty();
    }

    /** The oldest fetch: how stale the advice shown can be. */
    public Optional<Instant> oldestFetch() {
        return fetches.stream().map(Fetch::fetchedAt).min(Comparator.naturalOrder());
    }
}
