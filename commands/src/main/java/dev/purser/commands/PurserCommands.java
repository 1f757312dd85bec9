package dev.purser.commands;

import dev.purser.commands.cost.CostCommand;
import dev.purser.commands.cost.MoversCommand;
import dev.purser.commands.help.HelpCommand;
import dev.purser.commands.importing.ImportCommand;
import dev.purser.core.analysis.costs.CostQueries;
import dev.purser.core.ingest.CostImporter;
import dev.purser.core.model.PeriodParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The explicit list of Purser's commands; every face is built from the registry this returns. */
public final class PurserCommands {

    private PurserCommands() {
    }

    /**
     * @param importers   by kind as typed after {@code import} ({@code focus}); when empty there is
     *                    no {@code import} command
     * @param importPaths where {@code import} may read files from
     */
    public static CommandRegistry registry(CostQueries costs, Map<String, CostImporter> importers,
                                           PeriodParser periods, PathPolicy importPaths) {
        List<CommandSpec> commands = new ArrayList<>();
        commands.add(CostCommand.create(costs, periods));
        commands.add(MoversCommand.create(costs, periods));
        if (!importers.isEmpty()) {
            commands.add(ImportCommand.create(importers, importPaths));
        }
        CommandRegistry others = CommandRegistry.of(commands);
        return others.with(HelpCommand.create(others));
    }
}
