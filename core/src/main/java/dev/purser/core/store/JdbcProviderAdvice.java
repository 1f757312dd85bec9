package dev.purser.core.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.purser.core.analysis.advice.AdviceStore;
import dev.purser.core.analysis.advice.ProviderAdvice;
import dev.purser.core.analysis.advice.StoredAdvice;
import dev.purser.core.analysis.advice.ReservationAdvice;
import dev.purser.core.analysis.advice.RightsizingAdvice;
import dev.purser.core.analysis.advice.SavingsPlanAdvice;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Provider advice in table {@code provider_advice}: one row per recommendation, its record as a
 * jsonb document, plus one {@value #FETCH} row per account and source that records when the
 * advice was fetched even when the provider advised nothing.
 *
 * <p>Documents: money is {@code {"amount": "140.16", "currency": "USD"}} with the amount as the
 * exact decimal string AWS sent (a JSON number would pass through a double in many readers);
 * other decimals are strings too. Each document carries its position in the provider's answer,
 * so advice reads back in the order the provider gave it.
 *
 * <p>Replacing: {@link #replace} swaps an account's advice from one source as a whole in one
 * transaction, serialized per account and source by a transaction-scoped advisory lock, so a
 * reader sees the old set or the new one, never a mix.
 */
public final class JdbcProviderAdvice implements AdviceStore {

    /** Row kinds. */
    public static final String RIGHTSIZING = "rightsizing";
    public static final String RESERVATION = "reservation";
    public static final String SAVINGS_PLAN = "savings-plan";
    public static final String FETCH = "fetch";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DataSource dataSource;

    public JdbcProviderAdvice(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /**
     * Replaces everything {@code source} advised for {@code account} with these lists.
     *
     * @return the recommendations stored (the fetch marker not counted)
     * @throws PurserException DATABASE_ERROR when the write fails; the old advice stays then
     */
    @Override
    public int replace(String account, String source, Instant fetchedAt, List<RightsizingAdvice> rightsizing,
                       List<ReservationAdvice> reservations, List<SavingsPlanAdvice> savingsPlans) {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(fetchedAt, "fetchedAt");
        if (account.isBlank() || source.isBlank()) {
            throw new IllegalArgumentException("account and source must not be blank: '" + account + "', '"
                    + source + "'");
        }
        List<Object[]> rows = new ArrayList<>();
        ObjectNode marker = JSON.createObjectNode();
        marker.put("rightsizing", rightsizing.size()).put("reservations", reservations.size())
                .put("savingsPlans", savingsPlans.size());
        rows.add(new Object[] {FETCH, null, marker});
        for (int i = 0; i < rightsizing.size(); i++) {
            RightsizingAdvice a = rightsizing.get(i);
            rows.add(new Object[] {RIGHTSIZING, a.resourceId(), write(a).put("position", i)});
        }
        for (int i = 0; i < reservations.size(); i++) {
            rows.add(new Object[] {RESERVATION, null, write(reservations.get(i)).put("position", i)});
        }
        for (int i = 0; i < savingsPlans.size(); i++) {
            rows.add(new Object[] {SAVINGS_PLAN, null, write(savingsPlans.get(i)).put("position", i)});
        }
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
                    lock.setString(1, "provider_advice|" + account + "|" + source);
                    lock.execute();
                }
                try (PreparedStatement delete = c.prepareStatement(
                        "DELETE FROM provider_advice WHERE account = ? AND source = ?")) {
                    delete.setString(1, account);
                    delete.setString(2, source);
                    delete.executeUpdate();
                }
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO provider_advice"
                        + " (account, source, kind, resource_id, fetched_at, document) VALUES (?, ?, ?, ?, ?, ?::jsonb)")) {
                    OffsetDateTime at = OffsetDateTime.ofInstant(fetchedAt, ZoneOffset.UTC);
                    for (Object[] row : rows) {
                        insert.setString(1, account);
                        insert.setString(2, source);
                        insert.setString(3, (String) row[0]);
                        insert.setString(4, (String) row[1]);
                        insert.setObject(5, at);
                        insert.setString(6, JSON.writeValueAsString(row[2]));
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
                c.commit();
            } catch (SQLException | JsonProcessingException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new PurserException(ErrorCode.DATABASE_ERROR, "could not store the " + source
                    + " advice of account " + account, e);
        } catch (JsonProcessingException e) {
            throw new PurserException(ErrorCode.INTERNAL_ERROR, "could not write the " + source
                    + " advice of account " + account + " as JSON", e);
        }
        return rows.size() - 1;
    }

    /**
     * @throws PurserException DATABASE_ERROR when the read fails or a stored document is unreadable
     */
    @Override
    public StoredAdvice advice(String accountOrNull) {
        String sql = "SELECT account, source, kind, fetched_at, document::text FROM provider_advice"
                + (accountOrNull == null ? "" : " WHERE account = ?")
                + " ORDER BY account, source, kind, (document->>'position')::int NULLS FIRST";
        List<StoredAdvice.Fetch> fetches = new ArrayList<>();
        List<RightsizingAdvice> rightsizing = new ArrayList<>();
        List<ReservationAdvice> reservations = new ArrayList<>();
        List<SavingsPlanAdvice> savingsPlans = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (accountOrNull != null) {
                ps.setString(1, accountOrNull);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String kind = rs.getString(3);
                    JsonNode doc = read(rs.getString(5));
                    switch (kind) {
                        case FETCH -> fetches.add(new StoredAdvice.Fetch(rs.getString(1), rs.getString(2),
                                rs.getObject(4, OffsetDateTime.class).toInstant()));
                        case RIGHTSIZING -> rightsizing.add(rightsizing(doc));
                        case RESERVATION -> reservations.add(reservation(doc));
                        case SAVINGS_PLAN -> savingsPlans.add(savingsPlan(doc));
                        default -> {
                            // a kind a newer Purser wrote: this version cannot show it, and need not
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new PurserException(ErrorCode.DATABASE_ERROR, "could not read the stored provider advice", e);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new PurserException(ErrorCode.DATABASE_ERROR, "stored provider advice is unreadable", e);
        }
        return new StoredAdvice(fetches, rightsizing, reservations, savingsPlans);
    }

    // ---------------------------------------------------------------- documents

    private static ObjectNode write(RightsizingAdvice a) {
        ObjectNode n = JSON.createObjectNode();
        n.put("accountId", a.accountId()).put("resourceId", a.resourceId()).put("instanceName", a.instanceName())
                .put("region", a.region()).put("currentInstanceType", a.currentInstanceType())
                .put("action", a.action().name()).put("targetInstanceType", a.targetInstanceType());
        money(n, "currentMonthlyCost", a.currentMonthlyCost());
        money(n, "estimatedMonthlySavings", a.estimatedMonthlySavings());
        decimal(n, "maxCpuPercent", a.maxCpuPercent());
        ObjectNode tags = n.putObject("tags");
        a.tags().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> tags.put(e.getKey(), e.getValue()));
        ArrayNode reasons = n.putArray("findingReasons");
        a.findingReasons().forEach(reasons::add);
        return n;
    }

    private static RightsizingAdvice rightsizing(JsonNode n) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : n.path("tags").properties()) {
            tags.put(e.getKey(), e.getValue().asText());
        }
        List<String> reasons = new ArrayList<>();
        n.path("findingReasons").forEach(r -> reasons.add(r.asText()));
        return new RightsizingAdvice(text(n, "accountId"), text(n, "resourceId"), text(n, "instanceName"),
                text(n, "region"), text(n, "currentInstanceType"), RightsizingAdvice.Action.valueOf(text(n, "action")),
                text(n, "targetInstanceType"), money(n, "currentMonthlyCost"), money(n, "estimatedMonthlySavings"),
                decimal(n, "maxCpuPercent"), tags, reasons);
    }

    private static ObjectNode write(ReservationAdvice a) {
        ObjectNode n = JSON.createObjectNode();
        n.put("service", a.service()).put("accountId", a.accountId()).put("term", a.term())
                .put("paymentOption", a.paymentOption()).put("instanceType", a.instanceType()).put("region", a.region());
        decimal(n, "instancesToPurchase", a.instancesToPurchase());
        money(n, "upfrontCost", a.upfrontCost());
        money(n, "recurringMonthlyCost", a.recurringMonthlyCost());
        money(n, "estimatedMonthlyOnDemandCost", a.estimatedMonthlyOnDemandCost());
        money(n, "estimatedMonthlySavings", a.estimatedMonthlySavings());
        decimal(n, "breakEvenMonths", a.breakEvenMonths());
        decimal(n, "averageUtilizationPercent", a.averageUtilizationPercent());
        return n;
    }

    private static ReservationAdvice reservation(JsonNode n) {
        return new ReservationAdvice(text(n, "service"), text(n, "accountId"), text(n, "term"),
                text(n, "paymentOption"), text(n, "instanceType"), text(n, "region"), decimal(n, "instancesToPurchase"),
                money(n, "upfrontCost"), money(n, "recurringMonthlyCost"), money(n, "estimatedMonthlyOnDemandCost"),
                money(n, "estimatedMonthlySavings"), decimal(n, "breakEvenMonths"),
                decimal(n, "averageUtilizationPercent"));
    }

    private static ObjectNode write(SavingsPlanAdvice a) {
        ObjectNode n = JSON.createObjectNode();
        n.put("savingsPlansType", a.savingsPlansType()).put("accountId", a.accountId()).put("term", a.term())
                .put("paymentOption", a.paymentOption()).put("region", a.region())
                .put("instanceFamily", a.instanceFamily());
        money(n, "hourlyCommitment", a.hourlyCommitment());
        money(n, "upfrontCost", a.upfrontCost());
        money(n, "estimatedMonthlySavings", a.estimatedMonthlySavings());
        decimal(n, "savingsPercent", a.savingsPercent());
        decimal(n, "averageUtilizationPercent", a.averageUtilizationPercent());
        return n;
    }

    private static SavingsPlanAdvice savingsPlan(JsonNode n) {
        return new SavingsPlanAdvice(text(n, "savingsPlansType"), text(n, "accountId"), text(n, "term"),
                text(n, "paymentOption"), text(n, "region"), text(n, "instanceFamily"), money(n, "hourlyCommitment"),
                money(n, "upfrontCost"), money(n, "estimatedMonthlySavings"), decimal(n, "savingsPercent"),
                decimal(n, "averageUtilizationPercent"));
    }

    private static void money(ObjectNode n, String field, Money m) {
        if (m == null) {
            n.putNull(field);
        } else {
            n.putObject(field).put("amount", m.amount().toPlainString())
                    .put("currency", m.currency().getCurrencyCode());
        }
    }

    private static Money money(JsonNode n, String field) {
        JsonNode m = n.path(field);
        if (m.isMissingNode() || m.isNull()) {
            return null;
        }
        return new Money(new BigDecimal(m.path("amount").textValue()),
                Currency.getInstance(m.path("currency").textValue()));
    }

    private static void decimal(ObjectNode n, String field, BigDecimal d) {
        n.put(field, d == null ? null : d.toPlainString());
    }

    private static BigDecimal decimal(JsonNode n, String field) {
        String s = text(n, field);
        return s == null ? null : new BigDecimal(s);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isMissingNode() || v.isNull() ? null : v.asText();
    }

    private static JsonNode read(String document) throws JsonProcessingException {
        return JSON.readTree(document);
    }
}
