package dev.purser.commands.rightsizing;

import dev.purser.commands.reply.Column;
import dev.purser.commands.reply.Reply;
import dev.purser.commands.reply.Table;
import dev.purser.commands.reply.Value;
import dev.purser.commands.reply.ValueType;
import dev.purser.core.analysis.advice.ProviderAdvice;
import dev.purser.core.analysis.advice.RightsizingAdvice;
import dev.purser.core.analysis.advice.StoredAdvice;
import dev.purser.core.analysis.rightsizing.Configuration;
import dev.purser.core.analysis.rightsizing.Recommendation;
import dev.purser.core.analysis.rightsizing.RecommendationKind;
import dev.purser.core.analysis.rightsizing.RecommendedAction;
import dev.purser.core.error.PurserException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cost Explorer's EC2 right-sizing advice beside Purser's recommendations, matched by instance
 * id: whether both name the same target type, different ones, whether Cost Explorer would
 * terminate the instance, or has nothing to say; and Cost Explorer's advice for instances Purser
 * has no recommendation for, listed apart.
 *
 * <p>The two rarely agree to the dollar and need not: Cost Explorer prices on its own look-back
 * and counts Reserved Instance and Savings Plan benefits, Purser on the usage window and the
 * catalog or bill. The note says so and when the advice was fetched.
 */
final class CostExplorerBeside {

    /** How Purser's proposal and Cost Explorer's compare, as shown in the {@code agreement} column. */
    enum Agreement {
        /** Both name the same instance type, or both would remove an idle instance. */
        SAME_TARGET("same target"),
        /** Both would change the instance, to different types (or one would keep it). */
        DIFFERENT_TARGET("different target"),
        /** Cost Explorer would terminate an instance Purser would keep or resize. */
        CE_TERMINATE("terminate"),
        /** Cost Explorer has no advice for the instance. */
        CE_NONE("no advice");

        final String word;

        Agreement(String word) {
            this.word = word;
        }
    }

    private static final Pattern EC2_ID = Pattern.compile("(?:arn:aws[\\w-]*:ec2:[^:]*:[^:]*:instance/)?(i-[0-9a-f]{8,17})");
    private static final DateTimeFormatter FETCHED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private CostExplorerBeside() {
    }

    /**
     * Adds the side-by-side table, the Cost-Explorer-only table and the note; adds nothing when no
     * advice was ever fetched, so a deployment without Cost Explorer answers as before.
     *
     * @param account the {@code --account} given, if any
     * @param target  the target given: a resource id or name narrows the Cost-Explorer-only list;
     *                an account name that advice was fetched for selects that account's advice
     */
    static void add(Reply.Builder reply, ProviderAdvice port, List<Recommendation> recs, Optional<String> account,
                    Optional<String> target) {
        StoredAdvice stored;
        Optional<String> resourceFilter = target;
        try {
            if (account.isPresent()) {
                stored = port.advice(account.get());
            } else {
                StoredAdvice forTarget = target.map(port::advice).orElse(StoredAdvice.none());
                if (!forTarget.isEmpty()) {
                    stored = forTarget;
                    resourceFilter = Optional.empty();
                } else {
                    stored = port.advice(null);
                }
            }
        } catch (PurserException e) {
            reply.note("Cost Explorer's advice could not be read (" + e.code() + ", ref " + e.referenceId() + ")");
            return;
        }
        if (stored.isEmpty()) {
            return;
        }
        Map<String, RightsizingAdvice> byInstance = new LinkedHashMap<>();
        for (RightsizingAdvice a : stored.rightsizing()) {
            byInstance.putIfAbsent(a.resourceId(), a);
        }
        Set<String> matched = new HashSet<>();
        List<List<Value>> rows = new ArrayList<>();
        for (Recommendation r : recs) {
            Optional<String> instance = instanceId(r);
            if (instance.isEmpty()) {
                continue;
            }
            RightsizingAdvice a = byInstance.get(instance.get());
            if (a != null) {
                matched.add(a.resourceId());
            }
            rows.add(List.of(Value.text(r.resourceName()), Value.text(instance.get()), Value.text(purser(r)),
                    r.monthlySaving().map(Value::money).orElse(Value.empty(ValueType.MONEY)),
                    Value.text(a == null ? "none" : action(a)), text(a == null ? null : a.targetInstanceType()),
                    a == null ? Value.empty(ValueType.MONEY) : Value.money(a.estimatedMonthlySavings()),
                    Value.text(agreement(r, a).word)));
        }
        if (!rows.isEmpty()) {
            reply.table(new Table("cost_explorer_rightsizing", "Cost Explorer beside Purser (EC2)", List.of(
                    new Column("resource", "resource", ValueType.TEXT),
                    new Column("resource_id", "instance", ValueType.TEXT),
                    new Column("purser", "Purser", ValueType.TEXT),
                    new Column("purser_saving", "Purser saves", ValueType.MONEY),
                    new Column("cost_explorer", "Cost Explorer", ValueType.TEXT),
                    new Column("cost_explorer_target", "CE target", ValueType.TEXT),
                    new Column("cost_explorer_saving", "CE saves", ValueType.MONEY),
                    new Column("agreement", "agreement", ValueType.TEXT)), rows, List.of()));
        }
        List<List<Value>> only = new ArrayList<>();
        for (RightsizingAdvice a : byInstance.values()) {
            if (matched.contains(a.resourceId()) || !selected(a, resourceFilter)) {
                continue;
            }
            only.add(List.of(Value.text(a.resourceId()), text(a.instanceName()), text(a.currentInstanceType()),
                    Value.text(action(a)), text(a.targetInstanceType()), Value.money(a.estimatedMonthlySavings()),
                    a.maxCpuPercent() == null ? Value.empty(ValueType.PERCENT)
                            : Value.percent(a.maxCpuPercent().movePointLeft(2)),
                    Value.text(String.join(", ", a.findingReasons()).toLowerCase(Locale.ROOT).replace('_', ' '))));
        }
        if (!only.isEmpty()) {
            reply.table(new Table("cost_explorer_only", "Cost Explorer advice Purser has no recommendation for",
                    List.of(new Column("resource_id", "instance", ValueType.TEXT),
                            new Column("name", "name", ValueType.TEXT),
                            new Column("current_type", "type", ValueType.TEXT),
                            new Column("cost_explorer", "Cost Explorer", ValueType.TEXT),
                            new Column("cost_explorer_target", "CE target", ValueType.TEXT),
                            new Column("cost_explorer_saving", "CE saves", ValueType.MONEY),
                            new Column("max_cpu", "max CPU", ValueType.PERCENT),
                            new Column("reasons", "why", ValueType.TEXT)), only, List.of()));
        }
        reply.note(fetchedNote(stored) + (stored.rightsizing().isEmpty() ? "; it has no EC2 right-sizing advice" : "")
                + ". Its savings are AWS's estimates over its own look-back, counting Reserved Instance and Savings"
                + " Plan benefits; Purser's rest on the usage window and prices above.");
    }

    /** {@code Cost Explorer advice fetched 2026-11-14 06:00 UTC (livyflow)}, one clause per fetch. */
    static String fetchedNote(StoredAdvice stored) {
        List<String> parts = new ArrayList<>();
        for (StoredAdvice.Fetch f : stored.fetches()) {
            parts.add(FETCHED.format(f.fetchedAt()) + " (" + f.account() + ")");
        }
        return "Cost Explorer advice fetched " + String.join(", ", parts);
    }

    static Agreement agreement(Recommendation r, RightsizingAdvice a) {
        if (a == null) {
            return Agreement.CE_NONE;
        }
        return switch (a.action()) {
            case TERMINATE -> r.action() == RecommendedAction.FLAG_IDLE
                    ? Agreement.SAME_TARGET : Agreement.CE_TERMINATE;
            case MODIFY -> a.targetInstanceType() != null && a.targetInstanceType().equalsIgnoreCase(purserTarget(r))
                    ? Agreement.SAME_TARGET : Agreement.DIFFERENT_TARGET;
        };
    }

    /** The EC2 instance id a recommendation is about, when it is one (plain id or instance ARN). */
    static Optional<String> instanceId(Recommendation r) {
        if (r.kind() != RecommendationKind.VM) {
            return Optional.empty();
        }
        Matcher m = EC2_ID.matcher(r.resourceId());
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** The instance type Purser would run: the proposed size for a resize, today's otherwise. */
    private static String purserTarget(Recommendation r) {
        String size = switch (r.action()) {
            case DOWNSIZE, UPSIZE, DOWNSIZE_AND_REDUCE_NODES -> sizeOf(r.proposed());
            case KEEP, INSUFFICIENT_DATA, SET_LIMITS, REDUCE_NODES -> sizeOf(r.current());
            case FLAG_IDLE -> null;
        };
        return size == null ? "" : size;
    }

    /**
     * A machine's size slug as the table names it ({@code unknown} when it has none, {@code none}
     * when removed); null for container settings, which have no size.
     */
    private static String sizeOf(Configuration c) {
        if (c.setting() instanceof Configuration.Removed) {
            return "none";
        }
        return c.container().isPresent() ? null : c.size().orElse("unknown");
    }

    private static String purser(Recommendation r) {
        String current = r.current().container().isPresent() ? r.current().label() : sizeOf(r.current());
        return switch (r.action()) {
            case DOWNSIZE, UPSIZE, DOWNSIZE_AND_REDUCE_NODES -> "modify to " + purserTarget(r);
            case FLAG_IDLE -> "remove (idle)";
            case KEEP, SET_LIMITS, REDUCE_NODES -> "keep " + current;
            case INSUFFICIENT_DATA -> "no data";
        };
    }

    private static String action(RightsizingAdvice a) {
        return switch (a.action()) {
            case MODIFY -> "modify to " + (a.targetInstanceType() == null ? "another type" : a.targetInstanceType());
            case TERMINATE -> "terminate";
        };
    }

    private static boolean selected(RightsizingAdvice a, Optional<String> filter) {
        return filter.isEmpty() || filter.get().equalsIgnoreCase(a.resourceId())
                || a.instanceName() != null && filter.get().equalsIgnoreCase(a.instanceName());
    }

    private static Value text(String s) {
        return s == null || s.isBlank() ? Value.empty(ValueType.TEXT) : Value.text(s);
    }
}
