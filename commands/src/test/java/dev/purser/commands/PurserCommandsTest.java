package dev.purser.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.purser.commands.testing.FakeCostQueries;
import dev.purser.commands.testing.MutableClock;
import dev.purser.commands.testing.RecordingImporter;
import dev.purser.core.analysis.catalog.PriceCatalogs;
import dev.purser.core.config.DatabaseTargetConfig;
import dev.purser.core.config.DatabaseTargetsConfig;
import dev.purser.core.engine.PurserEngine;
import dev.purser.core.engine.SecretSource;
import dev.purser.core.query.PeriodParser;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PurserCommandsTest {

    private final MutableClock clock = MutableClock.at("2026-11-15T10:00:00Z");
    private final PeriodParser periods = new PeriodParser(clock, ZoneOffset.UTC);

    @TempDir
    Path imports;

    private PurserEngine.Builder engine() {
        return PurserEngine.builder(new FakeCostQueries(), periods, clock);
    }

    private static List<String> names(CommandRegistry registry) {
        return registry.all().stream().map(CommandSpec::name).toList();
    }

    @Test
    void registry_engineWithCostsOnly_hasTheCostCommandsAndHelp() {
        assertThat(names(PurserCommands.registry(engine().build())))
                .containsExactly("cost", "trend", "movers", "help");
    }

    @Test
    void registry_engineWithImportersAndDatabases_addsTheirCommands() {
        PurserEngine withMore = engine()
                .imports(Map.of("focus", new RecordingImporter("focus")), Map.of(), List.of(imports))
                .databases(new DatabaseTargetsConfig(Map.of("orders",
                        DatabaseTargetConfig.of("jdbc:postgresql://orders:5432/orders")), List.of()),
                        PriceCatalogs.bundledDigitalOcean(), SecretSource.NONE)
                .build();
        assertThat(names(PurserCommands.registry(withMore))).containsExactly("cost", "trend", "movers", "db",
                "import", "help");
    }

    @Test
    void engine_importersWithoutDirectories_areRefused() {
        assertThatThrownBy(() -> engine().imports(Map.of("focus", new RecordingImporter("focus")), Map.of(), List.of())
                .build()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("import directories");
    }
}
