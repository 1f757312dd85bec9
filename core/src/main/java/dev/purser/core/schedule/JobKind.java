package dev.purser.core.schedule;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The jobs a schedule may run, each with the misfire policy it gets unless its schedule says
 * otherwise, chosen on purpose:
 *
 * <ul>
 * <li>cost pulls ({@code do-billing}, {@code aws-ce}): {@link MisfirePolicy#RUN_LATE}. A pull
 *     replaces what the same pull wrote before, so a late one is harmless, and without it the
 *     day's costs stay missing until the next fire; several missed fires give one run (Cost
 *     Explorer bills each request).</li>
 * <li>inventory and usage pulls ({@code do-inventory}, {@code aws-inventory}, {@code prometheus}):
 *     {@link MisfirePolicy#SKIP}. They snapshot the present and usually run hourly, so the next
 *     fire is soon and equally good; not catching up keeps a restart from spending API rate limit
 *     (DigitalOcean's 5,000 requests an hour) on work the next fire repeats.</li>
 * <li>{@code anomalies}, {@code budget-check}: {@link MisfirePolicy#RUN_LATE}. A crossing or a
 *     spike found late is still news; alerts are de-duplicated, so a late run never repeats one.</li>
 * <li>{@code savings-digest}: {@link MisfirePolicy#SKIP}. A weekly digest days late is noise; the
 *     next one comes on time and holds the same items.</li>
 * <li>{@code monthly-report}: {@link MisfirePolicy#RUN_LATE}. The month's report must be posted
 *     even if Purser was down on the first; it is posted once per month.</li>
 * <li>{@code alert-digest}: {@link MisfirePolicy#RUN_LATE}. Queued alerts must not wait another day.</li>
 * </ul>
 */
public enum JobKind {
    DO_BILLING("do-billing", MisfirePolicy.RUN_LATE, "DigitalOcean billing history and invoices"),
    AWS_CE("aws-ce", MisfirePolicy.RUN_LATE, "AWS Cost Explorer costs"),
    DO_INVENTORY("do-inventory", MisfirePolicy.SKIP, "DigitalOcean inventory and usage"),
    AWS_INVENTORY("aws-inventory", MisfirePolicy.SKIP, "AWS inventory, usage and Cost Explorer advice"),
    PROMETHEUS("prometheus", MisfirePolicy.SKIP, "usage series from Prometheus"),
    ANOMALIES("anomalies", MisfirePolicy.RUN_LATE, "anomaly detection over the last days, alerting new ones"),
    BUDGET_CHECK("budget-check", MisfirePolicy.RUN_LATE, "budget thresholds, alerting each crossing once"),
    SAVINGS_DIGEST("savings-digest", MisfirePolicy.SKIP, "the weekly savings digest"),
    MONTHLY_REPORT("monthly-report", MisfirePolicy.RUN_LATE, "last month's report, posted once"),
    ALERT_DIGEST("alert-digest", MisfirePolicy.RUN_LATE, "the daily digest of routes that ask for one");

    private final String word;
    private final MisfirePolicy defaultMisfire;
    private final String description;

    JobKind(String word, MisfirePolicy defaultMisfire, String description) {
        this.word = word;
        this.defaultMisfire = defaultMisfire;
        this.description = description;
    }

    public String word() {
        return word;
    }

    public MisfirePolicy defaultMisfire() {
        return defaultMisfire;
    }

    public String description() {
        return description;
    }

    public boolean isPull() {
        return switch (this) {
            case DO_BILLING, AWS_CE, DO_INVENTORY, AWS_INVENTORY, PROMETHEUS -> true;
            case ANOMALIES, BUDGET_CHECK, SAVINGS_DIGEST, MONTHLY_REPORT, ALERT_DIGEST -> false;
        };
    }

    public static Optional<JobKind> ofWord(String word) {
        return Arrays.stream(values()).filter(k -> k.word.equals(word.toLowerCase(Locale.ROOT))).findFirst();
    }
}
