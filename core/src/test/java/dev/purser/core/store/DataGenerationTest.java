package dev.purser.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.purser.core.analysis.budgets.Budget;
import dev.purser.core.analysis.budgets.BudgetScope;
import dev.purser.core.model.Money;
import dev.purser.core.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DataGenerationTest {

    private static PurserDatabase db;
    private static DataGeneration generation;

    @BeforeAll
    static void open() {
        db = TestDatabase.fresh();
        generation = new DataGeneration(db.dataSource());
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void committedWrite_movesTheGeneration_onceForTheWholeTransaction() throws SQLException {
        long before = generation.getAsLong();
        try (Connection c = db.dataSource().getConnection()) {
            c.setAutoCommit(false);
            insertBudget(c, "gen-one");
            insertBudget(c, "gen-two");
            c.commit();
        }
        assertThat(generation.getAsLong()).isEqualTo(before + 1);
    }

    @Test
    void uncommittedWrite_leavesTheGeneration_untilItCommits() throws SQLException {
        long before = generation.getAsLong();
        try (Connection c = db.dataSource().getConnection()) {
            c.setAutoCommit(false);
            insertBudget(c, "gen-pending");
            // Another connection must not see a new generation before it can see the new data.
            assertThat(generation.getAsLong()).isEqualTo(before);
            c.commit();
        }
        assertThat(generation.getAsLong()).isEqualTo(before + 1);
    }

    @Test
    void rolledBackWrite_leavesTheGeneration() throws SQLException {
        long before = generation.getAsLong();
        try (Connection c = db.dataSource().getConnection()) {
            c.setAutoCommit(false);
            insertBudget(c, "gen-rolled-back");
            c.rollback();
        }
        assertThat(generation.getAsLong()).isEqualTo(before);
    }

    @Test
    void savingABudgetThroughTheStore_movesTheGeneration() {
        long before = generation.getAsLong();
        new JdbcBudgets(db.dataSource()).save(new Budget("gen-store", Money.of("100", "USD"), BudgetScope.parse("total"),
                null, List.of(50, 100)), "alice", Instant.parse("2026-12-01T00:00:00Z"));
        assertThat(generation.getAsLong()).isGreaterThan(before);
    }

    @Test
    void everyDataTable_movesTheGeneration() throws SQLException {
        // A table added by a later migration must attach the trigger, or answers over it go stale.
        List<String> without = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("""
                     SELECT t.tablename FROM pg_tables t
                     WHERE t.schemaname = current_schema()
                       AND t.tablename NOT IN ('data_generation', 'data_change', 'flyway_schema_history',
                                               'chat_button', 'live_message')
                       AND t.tablename NOT LIKE 'qrtz\\_%'
                       AND NOT EXISTS (SELECT 1 FROM pg_trigger g JOIN pg_class k ON k.oid = g.tgrelid
                                       WHERE k.relname = t.tablename
                                         AND g.tgfoid = 'purser_note_data_change'::regproc)
                     ORDER BY 1""")) {
            while (rs.next()) {
                without.add(rs.getString(1));
            }
        }
        assertThat(without).as("tables whose writes would not move the data generation").isEmpty();
    }

    private static void insertBudget(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO budget"
                + " (name, amount, currency, scope_kind, thresholds, updated_by, updated_at)"
                + " VALUES (?, 10, 'USD', 'total', '{50,100}', 'test', now())")) {
            ps.setString(1, name);
            ps.executeUpdate();
        }
    }
}
