package dev.purser.commands.testing;

import dev.purser.commands.CommandDispatcher;
import dev.purser.commands.CommandRegistry;
import dev.purser.commands.PathPolicy;
import dev.purser.commands.Principal;
import dev.purser.commands.PurserCommands;
import dev.purser.commands.Role;
import dev.purser.core.ingest.CostImporter;
import dev.purser.core.query.PeriodParser;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** The real command registry over fakes, at a fixed moment: 2026-11-15T10:00Z. */
public final class Fixtures {

    public final MutableClock clock = MutableClock.at("2026-11-15T10:00:00Z");
    public final PeriodParser periods = new PeriodParser(clock, ZoneOffset.UTC);
    public final FakeCostQueries costs = new FakeCostQueries();
    public final RecordingImporter importer = new RecordingImporter("focus");
    public final CommandRegistry registry;
    public final CommandDispatcher dispatcher;

    public Fixtures(Path importRoot) {
        registry = PurserCommands.registry(costs, Map.<String, CostImporter>of("focus", importer), periods,
                PathPolicy.of(importRoot));
        dispatcher = new CommandDispatcher(registry);
    }

    public static Principal viewer() {
        return new Principal("slack:U1", "Vera", Set.of(Role.VIEWER), true);
    }

    public static Principal requester() {
        return new Principal("slack:U2", "Rafa", EnumSet.of(Role.VIEWER, Role.REQUESTER), true);
    }
}
