package dev.purser.core.ingest;

import dev.purser.core.error.PurserException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Pulls what an account runs (inventory), how hard it runs (usage series), the provider's live
 * prices and the provider's own advice into the store, so {@code rightsize}, {@code waste} and
 * {@code savings} answer from live data as they do from the demo's. Like {@link CostPull}, each
 * pull lands whole or not at all: an API error half-way leaves the store as it was.
 */
public interface InventoryPull {

    /** The source kind, as typed after {@code import}: {@code do-inventory}, {@code aws-inventory}, {@code prometheus}. */
    String kind();

    /**
     * @throws PurserException BAD_ARGUMENT for a request this source cannot
     *         serve (no token, no such account), EXTERNAL_API_ERROR when the API fails,
     *         DATABASE_ERROR when the store fails; nothing lands then
     */
    Result pull(Request request);

    /**
     * One kind made of two pulls run in turn, such as an account's inventory and then its
     * provider's advice: the second files under the account the first chose. Each lands on its
     * own, so when the second fails the first has landed; the error says so.
     */
    static InventoryPull chain(InventoryPull first, InventoryPull then) {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(then, "then");
        return new InventoryPull() {
            @Override
            public String kind() {
                return first.kind();
            }

            @Override
            public Result pull(Request request) {
                Result a = first.pull(request);
                Result b;
                try {
                    b = then.pull(new Request(a.account(), request.window()));
                } catch (PurserException e) {
                    throw new PurserException(e.code(), "the inventory of " + a.account()
                            + " landed (" + a.resources() + " resources), then " + e.getMessage(), e);
                }
                Map<String, Integer> kinds = new TreeMap<>(a.resourcesByKind());
                b.resourcesByKind().forEach((k, n) -> kinds.merge(k, n, Integer::sum));
                List<String> catalogs = new ArrayList<>(a.catalogs());
                catalogs.addAll(b.catalogs());
                List<String> notes = new ArrayList<>(a.notes());
                notes.addAll(b.notes());
                return new Result(a.account(), kinds, a.series() + b.series(), a.samples() + b.samples(), catalogs,
                        a.advice() + b.advice(), notes);
            }
        };
    }

    /**
     * @param account the scenario/account name to file the inventory under; null for the source's
     *                default (the provider account's own name or id)
     * @param window  how far back usage series reach (30 days by default)
     */
    record Request(String account, Duration window) {
        public static final Duration DEFAULT_WINDOW = Duration.ofDays(30);

        public Request {
            Objects.requireNonNull(window, "window");
            if (window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("window must be positive: " + window);
            }
            if (account != null) {
                account = account.trim();
                if (account.isEmpty()) {
                    throw new IllegalArgumentException("account is blank");
                }
            }
        }

        public static Request defaults() {
            return new Request(null, DEFAULT_WINDOW);
        }
    }

    /**
     * What landed.
     *
     * @param account         the scenario/account the inventory was filed under
     * @param resourcesByKind resources written, by {@code Resource.kind()}
     * @param series          usage series written
     * @param samples         usage samples written
     * @param catalogs        live price catalogs stored, each described in words with its date and size count
     * @param advice          provider recommendations stored (Cost Explorer rightsizing, RI, Savings Plans)
     * @param notes           what the user should know: resources without usage, gaps, skipped items
     */
    record Result(String account, Map<String, Integer> resourcesByKind, int series, long samples,
            List<String> catalogs, int advice, List<String> notes) {
        public Result {
            Objects.requireNonNull(account, "account");
            // sorted by kind, so replies list kinds in a stable order
            resourcesByKind = Collections.unmodifiableMap(new TreeMap<>(resourcesByKind));
            catalogs = List.copyOf(catalogs);
            notes = List.copyOf(notes);
            if (series < 0 || samples < 0 || advice < 0) {
                throw new IllegalArgumentException("counts must not be negative: series " + series + ", samples "
                        + samples + ", advice " + advice);
            }
        }

        public int resources() {
            return resourcesByKind.values().stream().mapToInt(Integer::intValue).sum();
        }
    }
}
