package dev.purser.commands;

import dev.purser.commands.anomalies.AnomaliesCommand;
import dev.purser.commands.budget.BudgetCommand;
import dev.purser.commands.cost.CostCommand;
import dev.purser.commands.cost.MonthEndForecasts;
import dev.purser.commands.cost.MoversCommand;
import dev.purser.commands.db.DbCommand;
import dev.purser.commands.help.HelpCommand;
import dev.purser.commands.importing.ImportCommand;
import dev.purser.commands.rightsizing.RightsizeCommand;
import dev.purser.commands.savings.SavingsCommand;
import dev.purser.commands.trend.TrendCommand;
import dev.purser.commands.waste.WasteCommand;
import dev.purser.core.analysis.costs.CostQueries;
import dev.purser.core.ingest.CostImporter;
import dev.purser.core.model.PeriodParser;
import java.time.Clock;
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
        return registry(CommandServices.builder(costs, periods, Clock.systemUTC())
                .imports(importers, Map.of(), importPaths).build());
    }

    /** Every command, in the order help lists them; {@code help} last, generated from the others. */
    public static CommandRegistry registry(CommandServices s) {
        List<CommandSpec> commands = new ArrayList<>();
        commands.add(CostCommand.create(s.costs, s.periods, s.forecasts == null ? MonthEndForecasts.NONE : s.forecasts));
        commands.add(TrendCommand.create(s.costs, s.periods, s.reads));
        commands.add(MoversCommand.create(s.costs, s.periods));
        if (s.anomalies != null) {
            commands.add(AnomaliesCommand.create(s.anomalies, s.periods));
        }
        if (s.budgets != null) {
            commands.add(BudgetCommand.create(s.budgets, s.budgetChecker, s.clock));
        }
        if (s.rightsizing != null) {
            commands.add(RightsizeCommand.create(s.rightsizing, s.importPaths, s.providerAdvice));
        }
        if (s.waste != null) {
            commands.add(WasteCommand.create(s.waste));
        }
        if (s.savings != null) {
            commands.add(SavingsCommand.create(s.savings, s.providerAdvice));
        }
        if (s.dbCatalog != null) {
            commands.add(DbCommand.create(s.dbTargets, s.dbAllowedHosts, s.environment, s.dbCatalog, s.clock));
        }
        if (!s.importers.isEmpty() || !s.pulls.isEmpty() || !s.inventories.isEmpty()) {
            commands.add(ImportCommand.create(s.importers, s.pulls, s.inventories, s.importPaths));
        }
        CommandRegistry others = CommandRegistry.of(commands);
        return others.with(HelpCommand.create(others));
    }
}
