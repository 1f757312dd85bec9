package dev.purser.core.analysis.anomalies;

import dev.purser.core.model.Money;
import java.util.Objects;

/**
 * One line-item group behind an anomaly, with its own same-weekday baseline: what it usually
 * costs on that weekday and what it cost on the anomalous day. Several resources charged under
 * the same SKU that all rose are one driver ("20 CI runners"), so a fleet that scaled out reads
 * as one cause, not as its first three machines.
 *
 * @param resourceId        FOCUS ResourceId when one resource drove it, else null
 * @param resourceName      FOCUS ResourceName of that resource, or the name every merged resource
 *                          shares; null when there is none
 * @param resourceCount     how many resources it covers (0 for rows without a resource)
 * @param skuId             FOCUS SkuId, or null
 * @param chargeDescription FOCUS ChargeDescription (the one every merged row shares), or null
 */
public record Driver(String resourceId, String resourceName, int resourceCount, String skuId,
                     String chargeDescription, Money expected, Money actual) {

    private static final int DESCRIPTION_LIMIT = 60;

    public Driver {
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(actual, "actual");
        if (resourceCount < 0) {
            throw new IllegalArgumentException("resource count must not be negative: " + resourceCount);
        }
        if (!expected.currency().equals(actual.currency())) {
            throw new IllegalArgumentException("driver expected and actual differ in currency: "
                    + expected + " and " + actual);
        }
    }

    /** How much more it cost than usual on that day. */
    public Money increase() {
        return actual.minus(expected);
    }

    /**
     * A short name: the resource (by name, else id; "name ×20" or "20 resources" for several) and
     * what was charged (the charge description, else the SKU), as in
     * {@code ci-runner ×20 · $0.34 per On Demand Linux c5.2xlarge Instance Hour}.
     */
    public String label() {
        String resource;
        if (resourceCount > 1) {
            resource = present(resourceName) ? resourceName + " ×" + resourceCount : resourceCount + " resources";
        } else {
            resource = present(resourceName) ? resourceName : resourceId;
        }
        String usage = present(chargeDescription) ? shortened(chargeDescription) : skuId;
        if (!present(resource)) {
            return present(usage) ? usage : "(unattributed)";
        }
        return present(usage) ? resource + " · " + usage : resource;
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }

    private static String shortened(String s) {
        return s.length() <= DESCRIPTION_LIMIT ? s : s.substring(0, DESCRIPTION_LIMIT - 1) + "…";
    }
}
