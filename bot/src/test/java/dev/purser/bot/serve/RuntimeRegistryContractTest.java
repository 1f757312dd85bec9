package dev.purser.bot.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.purser.commands.CommandSpec;
import dev.purser.commands.testing.CommandSpecContract;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The command contract over the registry the launcher really serves, so a command wired only in
 * the composition root is held to the same limits as the rest. Building it opens no database.
 */
class RuntimeRegistryContractTest extends CommandSpecContract {

    private static List<CommandSpec> served() {
        PurserSettings settings = PurserSettings.fromEnvironment(
                Map.of("PURSER_DATABASE_URL", "jdbc:postgresql://127.0.0.1:1/never-opened"), Path.of("."));
        try (PurserRuntime runtime = new PurserRuntime(settings, Clock.systemUTC())) {
            return runtime.dispatcher().registry().all();
        }
    }

    @Override
    protected Stream<CommandSpec> commands() {
        return served().stream();
    }

    @Test
    void registry_servesEveryCommandOfTheDesign() {
        assertThat(served()).extracting(CommandSpec::name).contains(
                "cost", "trend", "movers", "anomalies", "budget", "rightsize", "waste", "savings", "db", "import", "audit", "help");
    }
}
