package dev.purser.core.alerts;

import dev.purser.core.analysis.anomalies.Anomaly;
import dev.purser.core.analysis.anomalies.AnomalyKind;
import dev.purser.core.analysis.anomalies.Driver;
import dev.purser.core.analysis.budgets.Budget;
import dev.purser.core.analysis.budgets.Crossing;
import dev.purser.core.analysis.savings.SavingsItem;
import dev.purser.core.analysis.savings.SavingsReport;
import dev.purser.core.model.Money;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** The alerts Purser's jobs raise, each with its subject key and the command that explains it. */
public final class Alerts {

    /** Savings items a digest lists. */
    static final int DIGEST_ITEMS = 5;

    private Alerts() {
    }

    /** A budget threshold reached: once per budget, month, threshold and basis. */
    public static Alert budgetCrossing(Crossing c, Budget budget) {
        String basis = c.basis().word();
        String key = "budget:" + c.budget() + ":" + c.month() + ":" + c.thresholdPercent() + ":" + basis;
        String title = "Budget " + c.budget() + " reached " + c.thresholdPercent() + " % in " + c.month()
                + " by " + basis + (c.basis().word().equals("forecast") ? " (month-end forecast)" : " spend");
        List<String> lines = List.of(
                (basis.equals("actual") ? "Spent so far: " : "Forecast for the month: ") + money(c.spend())
                        + " of " + money(c.budgetAmount()),
                "As of " + c.asOf() + (budget.account() == null ? "" : ", account " + budget.account()));
        return new Alert(AlertKind.BUDGET, key, budget.account(), c.budget(), null, title, lines, c.spend(), true,
                "purser budget status --month " + c.month());
    }

    /**
     * An anomaly: repeats only after the quiet period and when its impact grew.
     *
     * @param account the account the detection ran for, or null for all
     */
    public static Alert anomaly(Anomaly a, String account) {
        String key = "anomaly:" + (account == null ? "*" : account) + ":" + a.key() + ":" + a.date();
        String shape = a.kind() == AnomalyKind.SPIKE ? "spike" : "lasting step up";
        String title = a.key() + " cost " + money(a.actual()) + " on " + a.date() + ", " + money(a.impact())
                + " above its expected " + money(a.expected()) + " (" + shape + ")";
        List<String> lines = new ArrayList<>();
        lines.add("Dollar impact: " + money(a.impact()));
        for (Driver d : a.drivers()) {
            lines.add("Driver: " + d.label() + " +" + money(d.increase()));
        }
        LocalDate from = a.date().minusDays(6);
        return new Alert(AlertKind.ANOMALY, key, account, null, null, title, lines, a.impact(), false,
                "purser anomalies " + from + ".." + a.date() + (account == null ? "" : " --account " + account));
    }

    /**
     * A scheduled import or pull failed: repeats after the quiet period while it keeps failing.
     *
     * @param reference the error's reference id, as the log and {@code jobs history} show it
     */
    public static Alert failedPull(String job, String source, String account, String error, String reference) {
        return new Alert(AlertKind.INGESTION, "ingestion:" + job, account, null, null,
                "Scheduled " + source + " pull (job " + job + ") failed",
                List.of(error, "Reference: " + reference), null, false, "purser jobs history " + job);
    }

    /** The weekly savings digest: once per ISO week and account. */
    public static Alert savingsDigest(SavingsReport report, LocalDate today) {
        String week = today.get(IsoFields.WEEK_BASED_YEAR) + "-W"
                + String.format(Locale.ROOT, "%02d", today.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
        String account = report.account();
        List<SavingsItem> priced = report.items().stream().filter(i -> i.monthlySaving().isPresent())
                .sorted(Comparator.comparing((SavingsItem i) -> i.monthlySaving().get().amount()).reversed()).toList();
        List<String> lines = new ArrayList<>();
        report.totals().values().forEach(t -> lines.add("Estimated savings: " + money(t) + " a month"));
        for (SavingsItem i : priced.subList(0, Math.min(DIGEST_ITEMS, priced.size()))) {
            lines.add(i.id() + " " + i.subject() + ": " + i.action() + ", " + money(i.monthlySaving().get()) + "/month");
        }
        if (report.items().isEmpty()) {
            lines.add("No savings found this week.");
        } else if (priced.size() > DIGEST_ITEMS) {
            lines.add("... and " + (report.items().size() - DIGEST_ITEMS) + " more");
        }
        return new Alert(AlertKind.WASTE, "savings-digest:" + (account == null ? "*" : account) + ":" + week, account,
                null, null, "Weekly savings digest " + week + ": " + report.items().size() + " item"
                + (report.items().size() == 1 ? "" : "s"), lines, null, true,
                "purser savings" + (account == null ? "" : " --account " + account));
    }

    /** The monthly report, posted once per month. */
    public static Alert monthlyReport(YearMonth month, List<String> lines) {
        return new Alert(AlertKind.REPORT, "report:" + month, null, null, null, "Monthly cost report for " + month,
                lines, null, true, "purser report --month " + month);
    }

    /** An amount as a person reads it: {@code $1,234.56}, or {@code 1,234.56 EUR}. */
    static String money(Money m) {
        String n = String.format(Locale.ROOT, "%,.2f", m.amount().setScale(2, RoundingMode.HALF_EVEN));
        return m.currency().getCurrencyCode().equals("USD") ? "$" + n : n + " " + m.currency().getCurrencyCode();
    }
}
