package dev.purser.commands.importing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.purser.commands.CommandDispatcher;
import dev.purser.commands.CommandRegistry;
import dev.purser.commands.PathPolicy;
import dev.purser.commands.render.TextRenderer;
import dev.purser.commands.reply.Figure;
import dev.purser.commands.reply.Reply;
import dev.purser.commands.reply.Value;
import dev.purser.commands.testing.Fixtures;
import dev.purser.commands.testing.RecordingImporter;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import dev.purser.core.ingest.CostImporter;
import dev.purser.core.ingest.CostPull;
import dev.purser.core.ingest.InventoryPull;
import dev.purser.core.ingest.InventoryPull.Request;
import dev.purser.core.ingest.InventoryPull.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportInventoryCommandTest {

    /** An inventory pull that records each request and answers with a set result, or throws a set failure. */
    static final class RecordingInventory implements InventoryPull {
        final String kind;
        final List<Request> requests = new ArrayList<>();
        Result answer;
        PurserException failure;

        RecordingInventory(String kind) {
            this.kind = kind;
        }

        @Override
        public String kind() {
            return kind;
        }

        @Override
        public Result pull(Request request) {
            requests.add(request);
            if (failure != null) {
                throw failure;
            }
            return answer;
        }
    }

    @TempDir
    Path imports;

    private final RecordingImporter focus = new RecordingImporter("focus");
    private final RecordingInventory digitalOcean = new RecordingInventory("do-inventory");
    private CommandDispatcher dispatcher;

    @BeforeEach
    void setUp() throws IOException {
        Files.writeString(imports.resolve("a.csv"), "x");
        dispatcher = new CommandDispatcher(CommandRegistry.of(ImportCommand.create(
                Map.<String, CostImporter>of("focus", focus), Map.<String, CostPull>of(),
                Map.<String, InventoryPull>of("do-inventory", digitalOcean), PathPolicy.of(imports))));
        digitalOcean.answer = new Result("acme", Map.of("droplet", 3, "volume", 2), 6, 51_840,
                List.of("digitalocean-live 2026-11-23 (live): 48 sizes"), 0,
                List.of("droplet web-03 has no monitoring data: its usage is unknown"));
    }

    private Reply run(String line) {
        return dispatcher.run(Fixtures.requester(), "cli", line);
    }

    private static Map<String, Value> figures(Reply reply) {
        return reply.figures().stream().collect(Collectors.toMap(Figure::key, Figure::value));
    }

    @Test
    void import_inventoryWithoutOptions_pullsThirtyDaysUnderTheSourcesAccount() {
        Reply reply = run("import do-inventory");

        assertThat(reply.error()).isNull();
        assertThat(digitalOcean.requests).containsExactly(new Request(null, Duration.ofDays(30)));
        Map<String, Value> f = figures(reply);
        assertThat(f.get("resources").asNumber()).isEqualByComparingTo("5");
        assertThat(f.get("samples").asNumber()).isEqualByComparingTo("51840");
        assertThat(reply.summary()).contains("5 resources", "acme", "51,840 usage samples", "30 days",
                "digitalocean-live 2026-11-23 (live)");
        assertThat(reply.tables()).singleElement().satisfies(t -> assertThat(t.rows())
                .extracting(row -> row.get(0).asText()).containsExactly("droplet", "volume"));
        assertThat(reply.notes()).contains("droplet web-03 has no monitoring data: its usage is unknown");
        assertThat(reply.followUps()).anySatisfy(u -> assertThat(u.commandLine()).isEqualTo("rightsize --account acme"));
        assertThat(new TextRenderer().render(reply)).contains("droplet", "volume", "Total");
    }

    @Test
    void import_inventoryWithWindowAndAccount_passesBoth() {
        Reply reply = run("import do-inventory --window 14d --account staging");

        assertThat(reply.error()).isNull();
        assertThat(digitalOcean.requests).containsExactly(new Request("staging", Duration.ofDays(14)));
        assertThat(figures(reply).get("window_days").asNumber()).isEqualByComparingTo("14");
    }

    @Test
    void import_inventoryWithFileOrFileOptions_isRefusedBeforePulling() {
        assertBadArgument(run("import do-inventory a.csv"), "<file> 'a.csv' does not apply to import do-inventory",
                "it takes: --account, --window");
        assertBadArgument(run("import do-inventory --from 2026-10"), "--window");
        assertBadArgument(run("import do-inventory --lenient"), "--lenient");
        assertBadArgument(run("import do-inventory --window 400d"), "400d");
        assertThat(digitalOcean.requests).isEmpty();
    }

    @Test
    void import_fileWithWindow_isRefused() {
        assertBadArgument(run("import focus a.csv --window 30d"), "--window", "do-inventory");
        assertThat(focus.calls()).isEmpty();
    }

    @Test
    void import_inventoryPullFails_reportsTheSourcesError() {
        digitalOcean.failure = new PurserException(ErrorCode.EXTERNAL_API_ERROR,
                "DigitalOcean API rate limit reached; retry after 2026-11-23T10:15:00Z");

        Reply reply = run("import do-inventory");

        assertThat(reply.error()).isNotNull();
        assertThat(reply.error().code()).isEqualTo(ErrorCode.EXTERNAL_API_ERROR);
        assertThat(reply.error().message()).contains("rate limit");
    }

    @Test
    void chain_runsTheSecondUnderTheFirstsAccountAndAddsUp() {
        RecordingInventory advice = new RecordingInventory("aws-inventory");
        advice.answer = new Result("ignored", Map.of(), 0, 0, List.of(), 4, List.of("advice fetched"));
        InventoryPull chained = InventoryPull.chain(digitalOcean, advice);

        Result r = chained.pull(Request.defaults());

        assertThat(advice.requests).containsExactly(new Request("acme", Duration.ofDays(30)));
        assertThat(r.account()).isEqualTo("acme");
        assertThat(r.resources()).isEqualTo(5);
        assertThat(r.advice()).isEqualTo(4);
        assertThat(r.notes()).hasSize(2);
    }

    @Test
    void chain_secondFails_saysTheFirstLanded() {
        RecordingInventory advice = new RecordingInventory("aws-inventory");
        advice.failure = new PurserException(ErrorCode.EXTERNAL_API_ERROR, "Cost Explorer throttled the request");

        PurserException e = org.assertj.core.api.Assertions.catchThrowableOfType(PurserException.class,
                () -> InventoryPull.chain(digitalOcean, advice).pull(Request.defaults()));

        assertThat(e.code()).isEqualTo(ErrorCode.EXTERNAL_API_ERROR);
        assertThat(e.getMessage()).contains("inventory of acme landed (5 resources)", "Cost Explorer throttled");
    }

    private static void assertBadArgument(Reply reply, String... contains) {
        assertThat(reply.error()).isNotNull();
        assertThat(reply.error().code()).isEqualTo(ErrorCode.BAD_ARGUMENT);
        assertThat(reply.error().message()).contains(contains);
    }
}
