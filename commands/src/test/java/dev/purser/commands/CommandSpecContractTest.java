package dev.purser.commands;

import dev.purser.commands.testing.CommandSpecContract;
import dev.purser.commands.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.util.stream.Stream;

/** The contract over the commands module's own registry (fakes behind every port). */
class CommandSpecContractTest extends CommandSpecContract {

    @Override
    protected Stream<CommandSpec> commands() throws IOException {
        return new Fixtures(Files.createTempDirectory("purser-contract")).registry.all().stream();
    }
}
