package dev.purser.commands;

import dev.purser.commands.alerts.AlertsCommand;
import dev.purser.commands.anomalies.AnomaliesCommand;
import dev.purser.commands.audit.AuditCommand;
import dev.purser.commands.budget.BudgetCommand;
import dev.purser.commands.cost.CostCommand;
import dev.purser.commands.cost.MonthEndForecasts;
import dev.purser.commands.cost.MoversCommand;
import dev.purser.commands.db.DbCommand;
import dev.purser.commands.db.DbTarget;
import dev.purser.commands.help.HelpCommand;
import dev.purser.commands.importing.ImportCommand;
import dev.purser.commands.report.ReportCommand;
import dev.purser.commands.plan.ApproveCommand;
import dev.purser.commands.plan.MigrationCommand;
import dev.purser.commands.plan.PlanCommand;
import dev.purser.commands.jobs.JobsCommand;
import dev.purser.commands.rightsizing.RightsizeCommand;
import dev.purser.commands.savings.SavingsCommand;
import dev.purser.commands.trend.TrendCommand;
import dev.purser.commands.waste.WasteCommand;
import dev.purser.core.analysis.costs.CostQueries;
import dev.purser.core.engine.PurserEngine;
import dev.purser.core.ingest.CostImporter;
import dev.purser.core.query.PeriodParser;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The explicit list of Purser's commands; every face is built from the registry this returns.
 * Adding a command is its own definition plus one line in {@link #registry(PurserEngine)}.
 */
public final class PurserCommands {

    private PurserCommands() {
    }

    /**
     * A registry over costs and file importers alone, as tests and benchmarks use.
     *
     * @param importers   by kind as typed after {@code import} ({@code focus}); when empty there is
     *                    no {@code import} command
     * @param importPaths where {@code import} may read files from
     */
    public static CommandRegistry registry(CostQueries costs, Map<String, CostImporter> importers,
                                           PeriodParser periods, PathPolicy importPaths) {
        return registry(PurserEngine.builder(costs, periods, Clock.systemUTC())
                .imports(importers, Map.of(), importPaths.allowedRoots()).build());
    }

    /**
     * Every command the engine has the services for, in the order help lists them; {@code help}
     * last, generated from the others. A command whose service the engine lacks is left out.
     */
    public static CommandRegistry registry(PurserEngine engine) {
        PathPolicy paths = engine.importDirectories().isEmpty() ? null : new PathPolicy(engine.importDirectories());
        List<CommandSpec> commands = new ArrayList<>();
        commands.add(CostCommand.create(engine.costs(), engine.periods(),
                engine.forecaster().map(MonthEndForecasts::of).orElse(MonthEndForecasts.NONE)));
        commands.add(TrendCommand.create(engine.costs(), engine.periods(), engine.reads()));
        commands.add(MoversCommand.create(engine.costs(), engine.periods()));
        add(commands, engine.anomalies().map(a -> AnomaliesCommand.create(a, engine.periods())));
        add(commands, engine.budgets().map(b -> BudgetCommand.create(b, engine.budgetChecker().orElseThrow(),
                engine.clock())));
        add(commands, engine.rightsizing().map(r -> RightsizeCommand.create(r, paths,
                engine.providerAdvice().orElse(null))));
        add(commands, engine.waste().map(WasteCommand::create));
        add(commands, engine.savings().map(s -> SavingsCommand.create(s, engine.providerAdvice().orElse(null))));
        add(commands, engine.databaseSizes().map(sizes -> DbCommand.create(dbTargets(engine),
                new LinkedHashSet<>(engine.databaseTargets().allowedHosts()), credentials(engine), sizes,
                engine.clock())));
        if (engine.anomalies().isPresent() && engine.budgetChecker().isPresent() && engine.savings().isPresent()) {
            // the monthly report promises budgets, anomalies and savings: without them it is cost alone
            commands.add(ReportCommand.create(engine.costs(), engine.periods(), engine.anomalies().get(),
                    engine.budgetChecker().get(), engine.savings().get()));
        }
        add(commands, engine.jobs().map(j -> JobsCommand.create(j, engine.clock())));
        add(commands, engine.alerts().map(AlertsCommand::create));
        if (!engine.importers().isEmpty() || !engine.costPulls().isEmpty() || !engine.inventoryPulls().isEmpty()) {
            commands.add(ImportCommand.create(engine.importers(), engine.costPulls(), engine.inventoryPulls(), paths));
        }
        add(commands, engine.audit().map(trail -> AuditCommand.create(trail, engine.auditExport().orElseThrow(), paths,
                engine.clock())));
        engine.plans().ifPresent(p -> {
            commands.add(PlanCommand.create(p, engine.subjectChanges()));
            commands.add(ApproveCommand.create(p, engine.subjectChanges()));
            commands.add(ApproveCommand.reject(p, engine.subjectChanges()));
        });
        add(commands, engine.migration().map(m -> MigrationCommand.create(m, engine.subjectChanges())));
        CommandRegistry others = CommandRegistry.of(commands);
        return others.with(HelpCommand.create(others));
    }

    private static void add(List<CommandSpec> commands, Optional<CommandSpec> command) {
        command.ifPresent(commands::add);
    }

    private static Map<String, DbTarget> dbTargets(PurserEngine engine) {
        List<DbTarget> targets = new ArrayList<>();
        engine.databaseTargets().targets().forEach((name, t) ->
                targets.add(new DbTarget(name, t.url(), t.userEnv(), t.passwordEnv())));
        return DbCommand.byName(targets);
    }

    /** Target credentials by variable name, read at each run so a rotated password is picked up. */
    private static Function<String, String> credentials(PurserEngine engine) {
        return variable -> engine.secrets().secret(variable).revealOrNull();
    }
}
