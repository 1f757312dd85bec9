package dev.purser.core.schedule;

import dev.purser.core.alerts.Alert;
import dev.purser.core.alerts.AlertService;
import dev.purser.core.alerts.Alerts;
import dev.purser.core.analysis.anomalies.Anomaly;
import dev.purser.core.analysis.anomalies.AnomalyFinder;
import dev.purser.core.analysis.anomalies.AnomalyReport;
import dev.purser.core.analysis.anomalies.AnomalyRequest;
import dev.purser.core.analysis.budgets.Basis;
import dev.purser.core.analysis.budgets.BudgetChecker;
import dev.purser.core.analysis.budgets.BudgetStatus;
import dev.purser.core.analysis.budgets.Crossing;
import dev.purser.core.analysis.savings.SavingsReport;
import dev.purser.core.analysis.savings.SavingsService;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import dev.purser.core.ingest.CostPull;
import dev.purser.core.ingest.ImportResult;
import dev.purser.core.ingest.InventoryPull;
import dev.purser.core.model.Period;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What each {@link JobKind} does, over the engine's services. Each task is idempotent: pulls
 * replace what the same pull wrote; checks raise alerts that the ledger de-duplicates; the report
 * and the digests are posted once per month, week or queue.
 *
 * <p>A kind whose service this deployment lacks gets no task, and a job of that kind fails with
 * a message saying so when it runs.
 */
public final class JobTasks {

    /** How many days back anomaly detection reports (earlier days feed the baseline). */
    static final int ANOMALY_DAYS = 7;

    /** Lines of the report's text posted with the monthly-report alert. */
    static final int REPORT_LINES = 30;

    /** The services the tasks draw on; absent ones are null. */
    public record Services(Map<String, CostPull> costPulls, Map<String, InventoryPull> inventoryPulls,
            BudgetChecker budgets, AnomalyFinder anomalies, SavingsService savings, AlertService alerts,
            CommandRunner commands, ZoneId zone) {
        public Services {
            costPulls = Map.copyOf(costPulls);
            inventoryPulls = Map.copyOf(inventoryPulls);
            Objects.requireNonNull(alerts, "alerts");
            Objects.requireNonNull(commands, "commands");
            Objects.requireNonNull(zone, "zone");
        }
    }

    private JobTasks() {
    }

    public static Map<JobKind, JobTask> standard(Services s) {
        Map<JobKind, JobTask> tasks = new EnumMap<>(JobKind.class);
        for (JobKind k : List.of(JobKind.DO_BILLING, JobKind.AWS_CE)) {
            CostPull pull = s.costPulls().get(k.word());
            if (pull != null) {
                tasks.put(k, c -> costPull(pull, c, s.zone()));
            }
        }
        for (JobKind k : List.of(JobKind.DO_INVENTORY, JobKind.AWS_INVENTORY, JobKind.PROMETHEUS)) {
            InventoryPull pull = s.inventoryPulls().get(k.word());
            if (pull != null) {
                tasks.put(k, c -> inventoryPull(pull, c));
            }
        }
        if (s.budgets() != null) {
            tasks.put(JobKind.BUDGET_CHECK, c -> budgetCheck(s.budgets(), s.alerts(), c, s.zone()));
        }
        if (s.anomalies() != null) {
            tasks.put(JobKind.ANOMALIES, c -> anomalies(s.anomalies(), s.alerts(), c, s.zone()));
        }
        if (s.savings() != null) {
            tasks.put(JobKind.SAVINGS_DIGEST, c -> savingsDigest(s.savings(), s.alerts(), c, s.zone()));
        }
        tasks.put(JobKind.MONTHLY_REPORT, c -> monthlyReport(s.commands(), s.alerts(), c, s.zone()));
        tasks.put(JobKind.ALERT_DIGEST, c -> {
            int sent = s.alerts().flushDigests();
            return new JobTask.Result(sent, sent + " queued alert(s) sent in digests");
        });
        return tasks;
    }

    /** Last month and this one up to yesterday: late invoice lines and credits land in the month before. */
    static JobTask.Result costPull(CostPull pull, JobTask.Context c, ZoneId zone) {
        LocalDate today = LocalDate.ofInstant(c.now(), zone);
        LocalDate from = today.withDayOfMonth(1).minusMonths(1);
        LocalDate to = today.minusDays(1).isBefore(from) ? from : today.minusDays(1);
        CostPull.PullResult r = pull.pull(new CostPull.PullRequest(from, to, c.job().account()));
        long rows = r.imports().stream().mapToLong(ImportResult::rows).sum();
        long mismatched = r.checks().stream().filter(ch -> !ch.matches()).count();
        return new JobTask.Result(rows, pull.kind() + " " + r.from() + ".." + r.to() + ": " + rows + " rows, "
                + r.checks().size() + " reconciliation(s)" + (mismatched == 0 ? "" : ", " + mismatched + " NOT matching"));
    }

    static JobTask.Result inventoryPull(InventoryPull pull, JobTask.Context c) {
        InventoryPull.Result r = pull.pull(new InventoryPull.Request(c.job().account(), InventoryPull.Request.DEFAULT_WINDOW));
        return new JobTask.Result(r.resources() + r.samples(), pull.kind() + " for " + r.account() + ": " + r.resources()
                + " resources, " + r.series() + " series, " + r.samples() + " samples");
    }

    /** Every threshold reached this month, by actual spend and by forecast; the ledger sends each once. */
    static JobTask.Result budgetCheck(BudgetChecker checker, AlertService alerts, JobTask.Context c, ZoneId zone) {
        YearMonth month = YearMonth.from(c.now().atZone(zone));
        List<Alert> found = new ArrayList<>();
        for (BudgetStatus s : checker.status(month)) {
            LocalDate asOf = s.forecast().asOf();
            for (int t : s.crossedByActual()) {
                found.add(Alerts.budgetCrossing(new Crossing(s.budget().name(), month, t, Basis.ACTUAL, s.actual(),
                        s.budget().amount(), asOf), s.budget()));
            }
            for (int t : s.crossedByForecast()) {
                found.add(Alerts.budgetCrossing(new Crossing(s.budget().name(), month, t, Basis.FORECAST,
                        s.forecast().forecast(), s.budget().amount(), asOf), s.budget()));
            }
        }
        return summarize("budget crossing", found.size(), alerts.publishAll(found));
    }

    static JobTask.Result anomalies(AnomalyFinder finder, AlertService alerts, JobTask.Context c, ZoneId zone) {
        LocalDate today = LocalDate.ofInstant(c.now(), zone);
        Period period = Period.ofDays(today.minusDays(ANOMALY_DAYS), today.minusDays(1), zone);
        AnomalyRequest base = AnomalyRequest.of(period);
        String account = c.job().account();
        AnomalyReport report = finder.find(new AnomalyRequest(period, base.by(), base.minImpact(), base.sensitivity(),
                account, base.metric()));
        List<Alert> found = new ArrayList<>();
        for (Anomaly a : report.anomalies()) {
            found.add(Alerts.anomaly(a, account));
        }
        return summarize("anomaly", found.size(), alerts.publishAll(found));
    }

    static JobTask.Result savingsDigest(SavingsService savings, AlertService alerts, JobTask.Context c, ZoneId zone) {
        SavingsReport report = savings.plan(c.job().account());
        Alert digest = Alerts.savingsDigest(report, LocalDate.ofInstant(c.now(), zone));
        return summarize("savings digest", 1, alerts.publish(digest));
    }

    /** Last month's report through the {@code report} command, when this Purser has one. */
    static JobTask.Result monthlyReport(CommandRunner commands, AlertService alerts, JobTask.Context c, ZoneId zone) {
        YearMonth month = YearMonth.from(c.now().atZone(zone)).minusMonths(1);
        Optional<CommandRunner.Output> out = commands.run("report", List.of("--month", month.toString()));
        if (out.isEmpty()) {
            return new JobTask.Result(0, "no report command in this Purser; nothing posted for " + month);
        }
        CommandRunner.Output o = out.get();
        if (!o.ok()) {
            throw new PurserException(ErrorCode.EXTERNAL_API_ERROR, "report --month " + month + " failed"
                    + (o.referenceId() == null ? "" : " (ref " + o.referenceId() + ")") + ": "
                    + String.join(" ", o.lines().subList(0, Math.min(2, o.lines().size()))));
        }
        List<String> lines = o.lines().size() > REPORT_LINES
                ? new ArrayList<>(o.lines().subList(0, REPORT_LINES)) : new ArrayList<>(o.lines());
        if (o.lines().size() > REPORT_LINES) {
            lines.add("... (" + (o.lines().size() - REPORT_LINES) + " more lines in the full report)");
        }
        return summarize("report", 1, alerts.publish(Alerts.monthlyReport(month, lines)));
    }

    private static JobTask.Result summarize(String what, int found, List<AlertService.Delivery> deliveries) {
        Map<AlertService.Outcome, Integer> counts = new EnumMap<>(AlertService.Outcome.class);
        for (AlertService.Delivery d : deliveries) {
            counts.merge(d.outcome(), 1, Integer::sum);
        }
        int failed = counts.getOrDefault(AlertService.Outcome.FAILED, 0);
        List<String> parts = new ArrayList<>();
        counts.forEach((outcome, n) -> parts.add(n + " " + outcome.name().toLowerCase(java.util.Locale.ROOT)
                .replace('_', ' ')));
        String summary = found + " " + what + "(s) found; deliveries: " + (parts.isEmpty() ? "none (no matching route)"
                : String.join(", ", parts));
        if (failed > 0) {
            String first = deliveries.stream().filter(d -> d.outcome() == AlertService.Outcome.FAILED).findFirst()
                    .map(AlertService.Delivery::detail).orElse("");
            throw new PurserException(ErrorCode.EXTERNAL_API_ERROR, summary + "; first failure: " + first);
        }
        return new JobTask.Result(found, summary);
    }
}
