package dev.purser.bot.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.purser.commands.reply.FollowUp;
import dev.purser.commands.testing.MutableClock;
import dev.purser.core.store.PurserDatabase;
import dev.purser.core.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Buttons in PostgreSQL, as two {@code purser serve} instances on one database see them. */
class JdbcButtonsTest {

    private PurserDatabase db;
    private MutableClock clock;
    private JdbcButtons first;
    private JdbcButtons second;

    @BeforeEach
    void open() {
        db = TestDatabase.fresh();
        clock = MutableClock.at("2026-11-15T10:00:00Z");
        first = new JdbcButtons(db.dataSource(), clock, Duration.ofHours(24));
        second = new JdbcButtons(db.dataSource(), clock, Duration.ofHours(24));
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void recall_buttonMadeByAnotherInstance_sameFollowUp() {
        FollowUp reject = FollowUp.to("Reject", "reject").positional("7").positional("too risky, \"really\"")
                .option("phase", "2").flag("all").confirm().build();

        String id = first.remember(reject);

        assertThat(id).startsWith(Buttons.PREFIX).hasSizeLessThanOrEqualTo(100);
        assertThat(second.recall(id)).contains(reject);
        assertThat(second.recall(id).orElseThrow().confirm()).isTrue();
    }

    @Test
    void recall_justBeforeAndAt24Hours_worksThenExpired() {
        String id = first.remember(FollowUp.to("Trend", "trend").build());

        clock.advance(Duration.ofHours(24).minusSeconds(1));
        assertThat(second.recall(id)).isPresent();
        clock.advance(Duration.ofSeconds(1));
        assertThat(second.recall(id)).isEmpty();
    }

    @Test
    void recall_unknownOrForeignId_empty() {
        first.remember(FollowUp.to("Trend", "trend").build());

        assertThat(second.recall("purser:doesnotexist")).isEmpty();
        assertThat(second.recall("other-bot:abc")).isEmpty();
        assertThat(second.recall(null)).isEmpty();
    }

    @Test
    void remember_sweepsExpiredRows() throws SQLException {
        first.remember(FollowUp.to("A", "cost").build());
        first.remember(FollowUp.to("B", "cost").build());
        clock.advance(Duration.ofHours(25));

        second.remember(FollowUp.to("C", "cost").build());

        assertThat(rows()).isEqualTo(1);
        assertThat(first.size()).isEqualTo(1);
    }

    @Test
    void remember_idTaken_triesAnother() {
        String[] ids = {"same", "same", "other"};
        int[] next = {0};
        JdbcButtons fixed = new JdbcButtons(db.dataSource(), clock, Duration.ofHours(1), () -> ids[next[0]++]);

        String a = fixed.remember(FollowUp.to("A", "cost").build());
        String b = fixed.remember(FollowUp.to("B", "trend").build());

        assertThat(a).isEqualTo("purser:same");
        assertThat(b).isEqualTo("purser:other");
        assertThat(second.recall(a).orElseThrow().command()).isEqualTo("cost");
    }

    private long rows() throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM chat_button")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
