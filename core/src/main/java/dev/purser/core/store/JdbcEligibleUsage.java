package dev.purser.core.store;

import dev.purser.core.analysis.commitments.EligibleUsage;
import dev.purser.core.analysis.commitments.EligibleUsageSource;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import dev.purser.core.model.Money;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Eligible usage from the cost store's line items, grouped by charge period and resource.
 *
 * <p>What counts as eligible for a Compute Savings Plan: EC2 instance hours (not Spot, not
 * dedicated-host fees), Fargate (under ECS or EKS) and Lambda compute. EBS, snapshots, Elastic IPs,
 * NAT gateways and EKS control planes are billed under the same services but are not covered by any
 * Savings Plan, so an EC2 row counts only when its resource type or description says it is an
 * instance hour. The test is one constant predicate; the account and dates are bound parameters.
 */
public final class JdbcEligibleUsage implements EligibleUsageSource {

    private static final String SQL = "SELECT charge_period_start, charge_period_end,"
            + " coalesce(resource_id, '(none)'), service_name, billing_currency,"
            + " commitment_discount_id IS NOT NULL AS covered,"
            + " sum(coalesce(nullif(list_cost, 0), billed_cost)) AS on_demand"
            + " FROM cost_line_item"
            + " WHERE charge_period_start >= ? AND charge_period_start < ?"
            + " AND (? OR billing_account_id = ? OR billing_account_name = ?)"
            + " AND charge_category = 'Usage'"
            + " AND ("
            + "   (service_name = 'Amazon Elastic Compute Cloud'"
            + "     AND (lower(coalesce(resource_type, '')) = 'instance'"
            + "          OR lower(coalesce(charge_description, '')) LIKE '%instance hour%')"
            + "     AND lower(coalesce(charge_description, '')) NOT LIKE '%spot%')"
            + "   OR lower(coalesce(service_name, '')) LIKE '%fargate%'"
            + "   OR (service_name IN ('Amazon Elastic Container Service', 'Amazon Elastic Kubernetes Service')"
            + "       AND lower(coalesce(charge_description, '')) LIKE '%fargate%')"
            + "   OR (service_name = 'AWS Lambda' AND lower(coalesce(charge_description, '')) NOT LIKE '%request%'))"
            + " GROUP BY 1, 2, 3, 4, 5, 6"
            + " ORDER BY 1, 3";

    private final DataSource dataSource;

    public JdbcEligibleUsage(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    @Override
    public List<EligibleUsage> eligibleUsage(String accountOrNull, Instant from, Instant to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(SQL)) {
            ps.setObject(1, OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
            ps.setObject(2, OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
            ps.setBoolean(3, accountOrNull == null);
            ps.setString(4, accountOrNull == null ? "" : accountOrNull);
            ps.setString(5, accountOrNull == null ? "" : accountOrNull);
            List<EligibleUsage> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    BigDecimal amount = rs.getBigDecimal(7);
                    out.add(new EligibleUsage(rs.getObject(1, OffsetDateTime.class).toInstant(),
                            rs.getObject(2, OffsetDateTime.class).toInstant(), rs.getString(3),
                            rs.getString(4), new Money(amount, Currency.getInstance(rs.getString(5).trim())),
                            rs.getBoolean(6)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new PurserException(ErrorCode.DATABASE_ERROR, "could not read eligible compute usage from the bill", e);
        }
    }
}
