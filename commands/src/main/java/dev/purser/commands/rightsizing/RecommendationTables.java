package dev.purser.commands.rightsizing;

import static dev.purser.commands.rightsizing.RightsizeWords.kindWord;
import static dev.purser.commands.rightsizing.RightsizeWords.pricedOn;
import static dev.purser.commands.rightsizing.RightsizeWords.slug;
import static dev.purser.commands.rightsizing.RightsizeWords.word;

import dev.purser.commands.reply.Column;
import dev.purser.commands.reply.Details;
import dev.purser.commands.reply.Table;
import dev.purser.commands.reply.Value;
import dev.purser.commands.reply.ValueType;
import dev.purser.core.analysis.rightsizing.Configuration;
import dev.purser.core.analysis.rightsizing.DecisionMatrix;
import dev.purser.core.analysis.rightsizing.Recommendation;
import dev.purser.core.analysis.rightsizing.RecommendationKind;
import dev.purser.core.analysis.rightsizing.UsageStats;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The tables every right-sizing answer can have: the recommendations, the usage evidence of
 * machines and databases, and for database clusters the verdicts and one decision matrix each.
 */
final class RecommendationTables {

    private static final double GIB = 1024.0 * 1024 * 1024;

    private RecommendationTables() {
    }

    static Table recommendations(List<Recommendation> recs) {
        List<Column> columns = List.of(
                new Column("id", "id", ValueType.TEXT),
                new Column("resource", "resource", ValueType.TEXT),
                new Column("kind", "kind", ValueType.TEXT),
                new Column("change", "current → proposed", ValueType.CHANGE),
                new Column("action", "action", ValueType.TEXT),
                new Column("monthly_saving", "monthly saving", ValueType.MONEY),
                new Column("price_basis", "priced on", ValueType.TEXT),
                new Column("risk", "risk", ValueType.TEXT),
                new Column("confidence", "confidence", ValueType.TEXT),
                new Column("pattern", "pattern", ValueType.TEXT));
        List<List<Value>> rows = new ArrayList<>();
        for (Recommendation r : recs) {
            rows.add(List.of(Value.text(r.id()), Value.text(r.resourceName()), Value.text(kindWord(r.kind())),
                    Value.change(configuration(r.current()), configuration(r.proposed())), Value.text(word(r.action())),
                    r.monthlySaving().map(Value::money).orElse(Value.empty(ValueType.MONEY)),
                    pricedOn(r), Value.text(word(r.risk().level())),
                    Value.text(word(r.confidence().level())),
                    Value.text(word(r.evidence().pattern().pattern()) + (r.autoscaled() ? ", autoscaled" : ""))));
        }
        return new Table("recommendations", "Recommendations, largest saving first", columns, rows, List.of());
    }

    /**
     * A configuration as details: its label for people; for machines its settings, numbers as
     * numbers ({@code vcpus}, {@code memory_bytes}, {@code nodes}) and the rest as written
     * ({@code size}, compose sizes such as {@code 512M}), and its monthly price when known.
     */
    static Value configuration(Configuration c) {
        List<Details.Field> fields = new ArrayList<>();
        for (Map.Entry<String, String> e : c.values().entrySet()) {
            String v = e.getValue();
            fields.add(new Details.Field(e.getKey(), PLAIN_NUMBER.matcher(v).matches()
                    ? Value.number(new BigDecimal(v), null) : Value.text(v)));
        }
        c.monthlyPrice().ifPresent(p -> fields.add(new Details.Field("monthly_price", Value.money(p))));
        return Value.details(new Details(Optional.of(c.label()), fields));
    }

    private static final Pattern PLAIN_NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

    /**
     * The usage each machine and database recommendation rests on, so a reader can check the
     * proposal against the rules (p95 and p99 CPU under the targets, memory above max × headroom).
     * Containers show theirs in their own tables.
     */
    static Optional<Table> evidence(List<Recommendation> recs) {
        List<Column> columns = List.of(
                new Column("id", "id", ValueType.TEXT),
                new Column("resource", "resource", ValueType.TEXT),
                new Column("days", "days", ValueType.NUMBER),
                new Column("cpu_p50_cores", "cpu p50", ValueType.NUMBER),
                new Column("cpu_p95_cores", "cpu p95", ValueType.NUMBER),
                new Column("cpu_p99_cores", "cpu p99", ValueType.NUMBER),
                new Column("cpu_max_cores", "cpu max", ValueType.NUMBER),
                new Column("memory_p95_gib", "memory p95", ValueType.NUMBER),
                new Column("memory_max_gib", "memory max", ValueType.NUMBER),
                new Column("connections_max", "connections max", ValueType.NUMBER),
                new Column("gaps", "gaps", ValueType.TEXT));
        List<List<Value>> rows = new ArrayList<>();
        for (Recommendation r : recs) {
            if (r.kind() == RecommendationKind.COMPOSE_SERVICE || r.kind() == RecommendationKind.KUBERNETES_CONTAINER
                    || r.evidence().metrics().isEmpty()) {
                continue;
            }
            Optional<UsageStats> cpu = stats(r, "cores");
            Optional<UsageStats> memory = stats(r, "bytes");
            Optional<UsageStats> connections = r.evidence().metrics().stream()
                    .filter(m -> m.metric().toLowerCase(Locale.ROOT).contains("conn")).findFirst();
            double days = r.evidence().metrics().stream().mapToDouble(UsageStats::coveredDays).max().orElse(0);
            rows.add(List.of(Value.text(r.id()), Value.text(r.resourceName()), figure(days, 1, "days"),
                    cpu.map(c -> figure(c.p50(), 2, "cores")).orElse(Value.empty(ValueType.NUMBER)),
                    cpu.map(c -> figure(c.p95(), 2, "cores")).orElse(Value.empty(ValueType.NUMBER)),
                    cpu.map(c -> figure(c.p99(), 2, "cores")).orElse(Value.empty(ValueType.NUMBER)),
                    cpu.map(c -> figure(c.max(), 2, "cores")).orElse(Value.empty(ValueType.NUMBER)),
                    memory.map(m -> figure(m.p95() / GIB, 2, "GiB")).orElse(Value.empty(ValueType.NUMBER)),
                    memory.map(m -> figure(m.max() / GIB, 2, "GiB")).orElse(Value.empty(ValueType.NUMBER)),
                    connections.map(c -> figure(c.max(), 0, null)).orElse(Value.empty(ValueType.NUMBER)),
                    Value.text(String.join("; ", r.evidence().gaps()))));
        }
        return rows.isEmpty() ? Optional.empty()
                : Optional.of(new Table("evidence", "Evidence: usage over the window", columns, rows, List.of()));
    }

    private static Optional<UsageStats> stats(Recommendation r, String unit) {
        return r.evidence().metrics().stream().filter(m -> m.unit().equals(unit)).findFirst();
    }

    private static Value figure(double value, int scale, String unit) {
        return Value.number(BigDecimal.valueOf(value).setScale(scale, RoundingMode.HALF_UP), unit);
    }

    static Table verdicts(List<Recommendation> clusters) {
        List<Column> columns = List.of(
                new Column("cluster", "cluster", ValueType.TEXT),
                new Column("verdict", "verdict", ValueType.TEXT),
                new Column("monthly_saving", "monthly saving", ValueType.MONEY),
                new Column("reasons", "why", ValueType.TEXT));
        List<List<Value>> rows = new ArrayList<>();
        for (Recommendation r : clusters) {
            DecisionMatrix m = r.decisionMatrix().get();
            rows.add(List.of(Value.text(r.resourceName()), Value.text(m.verdict()),
                    r.monthlySaving().map(Value::money).orElse(Value.empty(ValueType.MONEY)),
                    Value.text(String.join("; ", m.verdictReasons()))));
        }
        return new Table("database_verdicts", "Database clusters: verdicts", columns, rows, List.of());
    }

    static Table matrix(Recommendation r) {
        DecisionMatrix m = r.decisionMatrix().get();
        List<Column> columns = List.of(
                new Column("option", "option", ValueType.TEXT),
                new Column("monthly_price", "list price", ValueType.MONEY),
                new Column("monthly_saving", "saving (list)", ValueType.MONEY),
                new Column("performance", "performance impact", ValueType.TEXT),
                new Column("failover", "failover / restore", ValueType.TEXT),
                new Column("data_loss_window", "data-loss window", ValueType.TEXT),
                new Column("backup_recency", "backup recency", ValueType.TEXT),
                new Column("operational_complexity", "operational complexity", ValueType.TEXT),
                new Column("risk", "risk", ValueType.TEXT),
                new Column("status", "status", ValueType.TEXT));
        List<List<Value>> rows = new ArrayList<>();
        for (DecisionMatrix.Option o : m.options()) {
            String status = o.current() ? "current" : o.label().equals(m.verdict()) ? "verdict"
                    : o.allowed() ? "possible" : "not allowed: " + o.notAllowedReason();
            rows.add(List.of(Value.text(o.label()), o.monthlyPrice().map(Value::money).orElse(Value.empty(ValueType.MONEY)),
                    o.monthlySaving().map(Value::money).orElse(Value.empty(ValueType.MONEY)), Value.text(o.performance()),
                    Value.text(o.failover()), Value.text(o.dataLossWindow()), Value.text(o.backupRecency()),
                    Value.text(o.operationalComplexity()), Value.text(word(o.risk())), Value.text(status)));
        }
        String title = r.resourceName() + ": decision matrix (" + m.environment() + (m.critical() ? ", tier=critical" : "")
                + ")";
        return new Table("decision_matrix_" + slug(r.resourceName()), title, columns, rows, List.of());
    }
}
