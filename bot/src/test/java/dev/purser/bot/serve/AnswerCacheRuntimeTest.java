package dev.purser.bot.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.purser.commands.Principal;
import dev.purser.commands.reply.Reply;
import dev.purser.core.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The answer cache over the real store: a repeated question is answered from the cache while the
 * data generation stands still, an import moves it, and a refused import does not.
 */
class AnswerCacheRuntimeTest {

    private static final String HEADER = "BillingAccountId,BillingAccountName,BillingPeriodStart,BillingPeriodEnd,"
            + "ChargePeriodStart,ChargePeriodEnd,ChargeCategory,BilledCost,EffectiveCost,BillingCurrency,"
            + "ProviderName,ServiceName,ResourceId\n";
    private static final String COST = "cost 2026-10-01..2026-10-31 --account mandible";

    @TempDir
    Path imports;
    private PurserRuntime runtime;
    private final Principal shell = Principal.localShell("tester");

    @BeforeEach
    void open() {
        PurserSettings settings = PurserSettings.fromEnvironment(Map.of(
                "PURSER_DATABASE_URL", TestDatabase.freshJdbcUrl(),
                "PURSER_DATABASE_USER", "postgres",
                "PURSER_IMPORT_DIRS", imports.toString()), imports);
        runtime = new PurserRuntime(settings, Clock.systemUTC());
    }

    @AfterEach
    void close() {
        runtime.close();
    }

    /** One charge on one day of October, in a bill whose billing period is the whole month. */
    private Path bill(String name, int day, String amount) throws Exception {
        String start = String.format("2026-10-%02dT00:00:00Z", day);
        String end = String.format("2026-10-%02dT00:00:00Z", day + 1);
        return Files.writeString(imports.resolve(name), HEADER
                + "team-7f3a,mandible,2026-10-01T00:00:00Z,2026-11-01T00:00:00Z," + start + "," + end
                + ",Usage," + amount + "," + amount + ",USD,DigitalOcean,Droplets,droplet-1\n");
    }

    private String ask(String line) {
        Reply reply = runtime.dispatcher().run(shell, "mcp", line);
        assertThat(reply.isError()).as(line + " → " + reply.summary()).isFalse();
        return reply.summary();
    }

    @Test
    void importMovesTheGeneration_andTheNextAnswerReadsTheNewData() throws Exception {
        ask("import focus " + bill("october-2.csv", 2, "12.50"));
        assertThat(ask(COST)).startsWith("$12.50 in 2026-10-01..2026-10-31");

        ask("import focus " + bill("october-5.csv", 5, "7.25"));

        // A FOCUS file replaces its billing period for the account, so October now holds the new bill.
        assertThat(ask(COST)).startsWith("$7.25 in 2026-10-01..2026-10-31");
    }

    @Test
    void unchangedGeneration_answersFromTheCache_andARefusedImportChangesNothing() throws Exception {
        ask("import focus " + bill("october-2.csv", 2, "12.50"));
        String first = ask(COST);
        long generation = runtime.engine().dataGeneration().orElseThrow().getAsLong();

        // Remove the rows behind Purser's back, with its triggers off: only a cached answer can
        // still show them.
        try (Connection c = runtime.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("SET session_replication_role = replica");
            s.execute("DELETE FROM cost_daily");
            s.execute("DELETE FROM cost_monthly");
            s.execute("DELETE FROM cost_line_item");
            s.execute("SET session_replication_role = origin");
        }
        assertThat(runtime.engine().dataGeneration().orElseThrow().getAsLong()).isEqualTo(generation);
        assertThat(ask(COST)).isEqualTo(first);

        Path broken = Files.writeString(imports.resolve("broken.csv"), HEADER + "team-7f3a,mandible,not-a-date\n");
        Reply refused = runtime.dispatcher().run(shell, "mcp", "import focus " + broken);
        assertThat(refused.isError()).isTrue();
        assertThat(runtime.engine().dataGeneration().orElseThrow().getAsLong()).isEqualTo(generation);
        assertThat(ask(COST)).isEqualTo(first);

        ask("import focus " + bill("october-9.csv", 9, "3.00"));
        assertThat(runtime.engine().dataGeneration().orElseThrow().getAsLong()).isGreaterThan(generation);
        assertThat(ask(COST)).startsWith("$3.00 in 2026-10-01..2026-10-31");
    }
}
