package dev.purser.bot.discord;

import dev.purser.commands.CommandDispatcher;
import dev.purser.commands.CommandRegistry;
import dev.purser.commands.PathPolicy;
import dev.purser.commands.Principal;
import dev.purser.commands.Role;
import dev.purser.commands.reply.Reply;
import dev.purser.commands.rightsizing.RightsizeCommand;
import dev.purser.commands.testing.SampleReplies;
import dev.purser.core.analysis.catalog.PriceCatalogs;
import dev.purser.core.analysis.recommendations.RightsizingService;
import dev.purser.core.analysis.rightsizing.RightsizingEngine;
import dev.purser.core.analysis.rightsizing.RightsizingRules;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.store.InventoryRepository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The replies the Discord goldens pin: the shared samples (a cost breakdown, help, an import, the
 * kitchen sink), a real right-sizing of a docker-compose stack with its diff, an error and a
 * refusal as the dispatcher words them.
 */
final class DiscordSamples {

    /** Where the right-sizing sample's files are; goldens show it as {@code $ROOT}, since it changes per run. */
    static final Path RIGHTSIZE_ROOT = temporaryDirectory();

    private DiscordSamples() {
    }

    static Map<String, Reply> all() {
        Map<String, Reply> samples = new LinkedHashMap<>(SampleReplies.all());
        samples.put("rightsize-compose-diff", rightsize());
        samples.put("refusal", Reply.error("import", ErrorCode.FORBIDDEN,
                "import needs the requester role, which Vera does not have", null));
        return samples;
    }

    /** {@code rightsize --compose … --stats … --patched}: two containers over a day of docker stats. */
    static Reply rightsize() {
        try {
            Path root = RIGHTSIZE_ROOT;
            Files.writeString(root.resolve("docker-compose.yml"), """
                    services:
                      web:
                        image: nginx
                        deploy:
                          resources:
                            limits:
                              cpus: "3"
                              memory: 4g
                      db:
                        image: postgres:16
                        deploy:
                          resources:
                            limits:
                              cpus: "3"
                              memory: 6g
                    """, StandardCharsets.UTF_8);
            Instant start = Instant.parse("2026-12-01T00:00:00Z");
            StringBuilder lines = new StringBuilder();
            for (int i = 0; i < 2 * 24 * 60; i += 5) {
                double phase = Math.sin(2 * Math.PI * i / 1440.0);
                String ts = "\"timestamp\":\"" + start.plusSeconds(60L * i) + "\"";
                lines.append(stats("shop-web-1", 25 + 15 * phase, 300 + 80 * phase, ts)).append('\n');
                lines.append(stats("shop_db_1", 12 + 6 * phase, 1100 + 200 * phase, ts)).append('\n');
            }
            Files.writeString(root.resolve("stats.jsonl"), lines, StandardCharsets.UTF_8);
            Clock clock = Clock.fixed(Instant.parse("2026-12-20T00:00:00Z"), ZoneOffset.UTC);
            RightsizingEngine engine = new RightsizingEngine(PriceCatalogs.bundled(), RightsizingRules.defaults(), clock);
            // never connected: sizing from files reads no inventory
            InventoryRepository inventory = new InventoryRepository(new org.postgresql.ds.PGSimpleDataSource());
            RightsizingService service = new RightsizingService(inventory, engine, null, clock);
            CommandDispatcher dispatcher = new CommandDispatcher(CommandRegistry.of(
                    RightsizeCommand.create(service, PathPolicy.of(root))));
            Principal viewer = new Principal("discord:1", "Vera", Set.of(Role.VIEWER), true);
            return dispatcher.run(viewer, "discord",
                    "rightsize --compose docker-compose.yml --stats stats.jsonl --host s-4vcpu-8gb --budget 50");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("discord-rightsize");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String stats(String name, double cpuPercent, double memMib, String ts) {
        return String.format(Locale.ROOT, "{\"BlockIO\":\"0B / 0B\",\"CPUPerc\":\"%.2f%%\",\"Container\":\"c\","
                + "\"ID\":\"c\",\"MemPerc\":\"5.00%%\",\"MemUsage\":\"%.1fMiB / 7.6GiB\",\"Name\":\"%s\","
                + "\"NetIO\":\"1kB / 1kB\",\"PIDs\":\"4\",%s}", cpuPercent, memMib, name, ts);
    }
}
