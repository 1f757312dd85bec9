package dev.purser.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.purser.core.analysis.advice.StoredAdvice;
import dev.purser.core.analysis.advice.ReservationAdvice;
import dev.purser.core.analysis.advice.RightsizingAdvice;
import dev.purser.core.analysis.advice.SavingsPlanAdvice;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import dev.purser.core.model.Money;
import dev.purser.core.testing.TestDatabase;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JdbcProviderAdviceTest {

    static final Instant FIRST = Instant.parse("2026-11-14T06:00:00Z");
    static final Instant SECOND = Instant.parse("2026-11-15T06:00:00Z");

    static final RightsizingAdvice MODIFY = new RightsizingAdvice("333333333333", "i-08c2e5f7a9b1d4401", "ingest-worker",
            "US East (N. Virginia)", "m5.2xlarge", RightsizingAdvice.Action.MODIFY, "m5.xlarge",
            Money.of("280.32", "USD"), Money.of("140.16", "USD"), new BigDecimal("18.5"), Map.of("env", "prod", "team", "data"),
            List.of("CPU_OVER_PROVISIONED"));
    static final RightsizingAdvice TERMINATE = new RightsizingAdvice(null, "i-0idle000000000002", null, null, "t3.medium",
            RightsizingAdvice.Action.TERMINATE, null, null, Money.of("42.05", "USD"), null, Map.of(), List.of());
    static final ReservationAdvice RDS = new ReservationAdvice("Amazon Relational Database Service", "111111111111",
            "ONE_YEAR", "NO_UPFRONT", "db.r6g.large", "US East (N. Virginia)", new BigDecimal("2"), Money.of("0", "USD"),
            Money.of("262.8", "USD"), Money.of("359.16", "USD"), Money.of("96.3600000000000001", "USD"),
            new BigDecimal("0"), new BigDecimal("97.5"));
    static final SavingsPlanAdvice PLAN = new SavingsPlanAdvice("COMPUTE_SP", "111111111111", "ONE_YEAR", "NO_UPFRONT",
            null, null, Money.of("1.234", "USD"), Money.of("0.0", "USD"), Money.of("345.670", "USD"),
            new BigDecimal("27.6"), new BigDecimal("99.2"));

    static PurserDatabase db;
    JdbcProviderAdvice store;

    @BeforeAll
    static void open() {
        db = TestDatabase.fresh();
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @BeforeEach
    void clean() throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("DELETE FROM provider_advice");
        }
        store = new JdbcProviderAdvice(db.dataSource());
    }

    @Test
    void replace_thenAdvice_roundTripsEveryFieldExactlyAndInOrder() {
        int stored = store.replace("livyflow", "aws-ce", FIRST, List.of(MODIFY, TERMINATE), List.of(RDS), List.of(PLAN));

        StoredAdvice advice = store.advice("livyflow");

        assertThat(stored).isEqualTo(4);
        assertThat(advice.rightsizing()).containsExactly(MODIFY, TERMINATE);
        assertThat(advice.reservations()).containsExactly(RDS);
        assertThat(advice.savingsPlans()).containsExactly(PLAN);
        assertThat(advice.reservations().get(0).estimatedMonthlySavings().amount().toPlainString())
                .isEqualTo("96.3600000000000001");
        assertThat(advice.fetches()).containsExactly(new StoredAdvice.Fetch("livyflow", "aws-ce", FIRST));
        assertThat(advice.oldestFetch()).contains(FIRST);
        assertThat(store.savingsPlans("livyflow")).containsExactly(PLAN);
    }

    @Test
    void replace_storesMoneyAsExactStrings() throws SQLException {
        store.replace("livyflow", "aws-ce", FIRST, List.of(), List.of(RDS), List.of());

        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT jsonb_typeof(document->'estimatedMonthlySavings'->'amount'),"
                     + " document->'estimatedMonthlySavings'->>'amount' FROM provider_advice WHERE kind = 'reservation'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("string");
            assertThat(rs.getString(2)).isEqualTo("96.3600000000000001");
        }
    }

    @Test
    void replace_again_replacesOnlyThatAccount() {
        store.replace("livyflow", "aws-ce", FIRST, List.of(MODIFY, TERMINATE), List.of(RDS), List.of(PLAN));
        store.replace("other", "aws-ce", FIRST, List.of(TERMINATE), List.of(), List.of());

        store.replace("livyflow", "aws-ce", SECOND, List.of(MODIFY), List.of(), List.of());

        StoredAdvice livyflow = store.advice("livyflow");
        assertThat(livyflow.rightsizing()).containsExactly(MODIFY);
        assertThat(livyflow.reservations()).isEmpty();
        assertThat(livyflow.savingsPlans()).isEmpty();
        assertThat(livyflow.fetches()).extracting(StoredAdvice.Fetch::fetchedAt).containsExactly(SECOND);
        assertThat(store.advice("other").rightsizing()).containsExactly(TERMINATE);
        StoredAdvice all = store.advice(null);
        assertThat(all.fetches()).extracting(StoredAdvice.Fetch::account).containsExactly("livyflow", "other");
        assertThat(all.rightsizing()).containsExactly(MODIFY, TERMINATE);
        assertThat(all.oldestFetch()).contains(FIRST);
    }

    @Test
    void replace_nothingAdvised_stillRecordsTheFetch() {
        int stored = store.replace("livyflow", "aws-ce", FIRST, List.of(), List.of(), List.of());

        StoredAdvice advice = store.advice("livyflow");
        assertThat(stored).isZero();
        assertThat(advice.isEmpty()).isFalse();
        assertThat(advice.rightsizing()).isEmpty();
    }

    @Test
    void advice_neverFetched_isNone() {
        assertThat(store.advice("livyflow")).isEqualTo(StoredAdvice.none());
        assertThat(store.advice(null).isEmpty()).isTrue();
    }

    @Test
    void advice_unreadableDocument_isDatabaseError() throws SQLException {
        store.replace("livyflow", "aws-ce", FIRST, List.of(MODIFY), List.of(), List.of());
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("UPDATE provider_advice SET document = jsonb_set(document, '{action}', '\"RESIZE\"')"
                    + " WHERE kind = 'rightsizing'");
        }

        assertThatThrownBy(() -> store.advice("livyflow"))
                .isInstanceOfSatisfying(PurserException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DATABASE_ERROR));
    }
}
