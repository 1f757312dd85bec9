package dev.purser.core.ingest;

import java.time.YearMonth;

/**
 * @param lenient        skip malformed rows (listing them) instead of failing the whole file
 * @param billingAccount whose bill the file is, for formats that do not say so themselves (a
 *                       DigitalOcean invoice CSV); null to take it from the file or its name
 * @param billingPeriod  the month the file bills, for the same formats; null to take it from the
 *                       file or its name
 */
public record ImportOptions(boolean lenient, String billingAccount, YearMonth billingPeriod) {
    public static final ImportOptions STRICT = new ImportOptions(false);

    public ImportOptions {
        if (billingAccount != null) {
            billingAccount = billingAccount.trim();
            if (billingAccount.isEmpty()) {
                throw new IllegalArgumentException("billingAccount is blank");
            }
        }
    }

    /** Options that leave the account and month to the file. */
    public ImportOptions(boolean lenient) {
        this(lenient, null, null);
    }
}
