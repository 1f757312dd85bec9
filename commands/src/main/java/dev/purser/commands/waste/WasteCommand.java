package dev.purser.commands.waste;

import dev.purser.commands.ArgumentSpec;
import dev.purser.commands.ArgumentTypes;
import dev.purser.commands.CommandContext;
import dev.purser.commands.CommandSpec;
import dev.purser.commands.Effect;
import dev.purser.commands.Invocation;
import dev.purser.commands.Role;
import dev.purser.commands.render.Formats;
import dev.purser.commands.reply.Column;
import dev.purser.commands.reply.FollowUp;
import dev.purser.commands.reply.Reply;
import dev.purser.commands.reply.Table;
import dev.purser.commands.reply.Value;
import dev.purser.commands.reply.ValueType;
import dev.purser.core.analysis.waste.UnknownResource;
import dev.purser.core.analysis.waste.WasteFinder;
import dev.purser.core.analysis.waste.WasteFinding;
import dev.purser.core.analysis.waste.WasteKind;
import dev.purser.core.analysis.waste.WasteReport;
import dev.purser.core.analysis.waste.WasteSettings;
import dev.purser.core.model.Money;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * {@code waste [--account A] [--retention 90d]}: unattached volumes, unassigned IPs, snapshots
 * past retention, idle machines and databases, each with its monthly cost and where the figure
 * came from; resources without data are listed as unknown.
 */
public final class WasteCommand {

    public static final String NAME = "waste";

    private final WasteFinder finder;
    private final ArgumentSpec<String> account;
    private final ArgumentSpec<Duration> retention;
    private final CommandSpec spec;

    private WasteCommand(WasteFinder finder) {
        this.finder = Objects.requireNonNull(finder, "finder");
        this.account = ArgumentSpec.builder("account", ArgumentTypes.text())
                .description("Only this account: the inventory scenario and billing account name, e.g. livyflow")
                .build();
        this.retention = ArgumentSpec.builder("retention", new DaysType())
                .description("Snapshots older than this are waste")
                .defaultValue(finder.defaults().snapshotRetention().toDays() + "d").build();
        this.spec = new CommandSpec(NAME, "Waste",
                "What is paid for and unused, with its monthly cost",
                "Lists unattached volumes, unassigned reserved or Elastic IPs, snapshots older than the retention, "
                        + "idle droplets and instances (p95 CPU under " + fmt(finder.defaults().idleCpuPercent())
                        + " % over " + finder.defaults().cpuWindow().toDays() + " days) and databases with no "
                        + "connections for " + finder.defaults().databaseWindow().toDays() + " days, each with its "
                        + "monthly cost from the bill (or the list price). Resources without usage data are listed "
                        + "as unknown, never as idle.",
                List.of(account, retention), Role.VIEWER, Effect.READ_ONLY, this::handle);
    }

    /** The command over a waste finder (its settings are the defaults the arguments start from). */
    public static CommandSpec create(WasteFinder finder) {
        return new WasteCommand(finder).spec;
    }

    private Reply handle(Invocation invocation, CommandContext context) {
        String acct = invocation.get(account);
        WasteSettings settings = finder.defaults().withSnapshotRetention(invocation.get(retention));
        WasteReport report = finder.find(acct, settings);
        String scope = acct == null ? "all accounts" : acct;

        Reply.Builder reply = Reply.builder(NAME, "Waste in " + scope);
        if (report.findings().isEmpty()) {
            reply.summary("No waste found in " + scope + (report.unknown().isEmpty() ? "."
                    : "; " + report.unknown().size() + " resource(s) could not be judged."));
        } else {
            reply.summary(report.findings().size() + " unused resource(s) in " + scope + " cost "
                    + totals(report.totals()) + " a month" + (report.unknown().isEmpty() ? "."
                    : "; " + report.unknown().size() + " more could not be judged for lack of data."));
        }
        for (Map.Entry<Currency, Money> e : report.totals().entrySet()) {
            String key = report.totals().size() == 1 ? "total" : "total_" + e.getKey().getCurrencyCode().toLowerCase(Locale.ROOT);
            reply.figure(key, "Monthly cost of waste", Value.money(e.getValue()));
        }
        reply.figure("findings", "Findings", Value.number(report.findings().size(), null));

        List<List<Value>> rows = new ArrayList<>();
        for (WasteFinding f : report.findings()) {
            rows.add(List.of(Value.text(f.id()), Value.text(kind(f.kind())), Value.text(f.resourceName()),
                    Value.text(f.resourceId()),
                    f.monthlyCost().map(Value::money).orElse(Value.empty(ValueType.MONEY)),
                    Value.text(basis(f)), Value.text(f.evidence()), Value.text(f.action()),
                    Value.text(f.risk().name().toLowerCase(Locale.ROOT))));
        }
        reply.table(new Table("waste", "Paid for and unused", List.of(
                new Column("id", "id", ValueType.TEXT),
                new Column("kind", "kind", ValueType.TEXT),
                new Column("resource", "resource", ValueType.TEXT),
                new Column("resource_id", "resource id", ValueType.TEXT),
                new Column("monthly_cost", "monthly cost", ValueType.MONEY),
                new Column("cost_basis", "cost from", ValueType.TEXT),
                new Column("evidence", "evidence", ValueType.TEXT),
                new Column("action", "action", ValueType.TEXT),
                new Column("risk", "risk", ValueType.TEXT)), rows, List.of()));
        if (!report.unknown().isEmpty()) {
            List<List<Value>> unknownRows = new ArrayList<>();
            for (UnknownResource u : report.unknown()) {
                unknownRows.add(List.of(Value.text(u.resourceName()), Value.text(u.resourceKind()),
                        Value.text(u.check()), Value.text(u.reason())));
            }
            reply.table(new Table("unknown", "Unknown, not idle: no data to judge", List.of(
                    new Column("resource", "resource", ValueType.TEXT),
                    new Column("kind", "kind", ValueType.TEXT),
                    new Column("check", "check", ValueType.TEXT),
                    new Column("reason", "reason", ValueType.TEXT)), unknownRows, List.of()));
        }
        reply.note("Snapshot retention " + settings.snapshotRetention().toDays() + " days; idle means p95 CPU under "
                + fmt(settings.idleCpuPercent()) + " % over " + settings.cpuWindow().toDays()
                + " days, or no database connection over " + settings.databaseWindow().toDays() + " days.");
        reply.notes(report.gaps());
        FollowUp.Builder savings = FollowUp.to("Everything that saves money, ranked", "savings");
        if (acct != null) {
            savings.option("account", acct);
        }
        reply.followUp(savings);
        return reply.build();
    }

    private static String basis(WasteFinding f) {
        return switch (f.basis()) {
            case EFFECTIVE_COST -> "bill";
            case LIST_PRICE -> "list price";
            case NOT_FOUND -> "price not found";
        };
    }

    static String kind(WasteKind kind) {
        return switch (kind) {
            case UNATTACHED_VOLUME -> "unattached volume";
            case UNASSIGNED_IP -> "unassigned IP";
            case OLD_SNAPSHOT -> "old snapshot";
            case IDLE_MACHINE -> "idle machine";
            case IDLE_DATABASE -> "idle database";
        };
    }

    static String totals(Map<Currency, Money> totals) {
        if (totals.isEmpty()) {
            return "an unknown amount";
        }
        StringJoiner j = new StringJoiner(" and ");
        totals.values().forEach(m -> j.add(Formats.money(m)));
        return j.toString();
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

}
