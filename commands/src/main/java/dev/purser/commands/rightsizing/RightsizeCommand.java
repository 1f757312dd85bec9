package dev.purser.commands.rightsizing;

import dev.purser.commands.ArgumentSpec;
import dev.purser.commands.ArgumentTypes;
import dev.purser.commands.CommandContext;
import dev.purser.commands.CommandSpec;
import dev.purser.commands.Effect;
import dev.purser.commands.Invocation;
import dev.purser.commands.PathPolicy;
import dev.purser.commands.Role;
import dev.purser.commands.render.Formats;
import dev.purser.commands.reply.Chart;
import dev.purser.commands.reply.Column;
import dev.purser.commands.reply.Reply;
import dev.purser.commands.reply.Table;
import dev.purser.commands.reply.Value;
import dev.purser.commands.reply.ValueType;
import dev.purser.core.analysis.advice.ProviderAdvice;
import dev.purser.core.analysis.recommendations.ComposeStack;
import dev.purser.core.analysis.recommendations.RightsizeKind;
import dev.purser.core.analysis.recommendations.RightsizingQuery;
import dev.purser.core.analysis.recommendations.RightsizingReport;
import dev.purser.core.analysis.recommendations.RightsizingService;
import dev.purser.core.analysis.rightsizing.ComposeAnalysis;
import dev.purser.core.analysis.rightsizing.Configuration;
import dev.purser.core.analysis.rightsizing.ContainerLimits;
import dev.purser.core.analysis.rightsizing.DecisionMatrix;
import dev.purser.core.analysis.rightsizing.KubernetesAnalysis;
import dev.purser.core.analysis.rightsizing.PriceBasis;
import dev.purser.core.analysis.rightsizing.Recommendation;
import dev.purser.core.analysis.rightsizing.RecommendationKind;
import dev.purser.core.analysis.rightsizing.UsageStats;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import dev.purser.core.ingest.DockerStatsReader;
import dev.purser.core.model.Money;
import dev.purser.core.model.UsageSeries;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Currency;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.DoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.knowm.xchart.XYChart;

/**
 * {@code rightsize [target] [--kind droplet|vm|db|container|k8s] [--window 30d] [--account A]
 * [--budget 50] [--without SERVICE]... [--compose FILE [--stats FILE --host SIZE]] [--patched] [--chart]}: which machines,
 * database clusters and containers are too big, what each would cost at the right size, with the
 * evidence, the risk and the saving.
 *
 * <p>Database clusters get their decision matrix (performance, saving, failover now against
 * restore from backup after, data-loss window, backup recency, operational complexity) and the
 * verdict; compose stacks get per-service limits, cost shares, the cheapest host that fits, the
 * budget check, the what-if without named services and the compose diff ({@code --patched}: the
 * whole patched file). With {@code --compose FILE --stats FILE --host s-4vcpu-8gb} a stack is sized
 * entirely from files: usage from collected {@code docker stats} lines ({@link DockerStatsReader}),
 * the host as a catalog size at list price, no inventory or bill. Read-only: nothing is changed, a later plan does that.
 *
 * <p>Kubernetes workloads get, per container, the current and proposed requests and limits (per
 * replica when an HPA scales the workload) and the strategic-merge patch that sets them, with the
 * {@code kubectl patch} command that applies it.
 *
 * <p>The compose diff, the patched compose file and the Kubernetes patches are code blocks
 * ({@code diff} / {@code yaml}), not tables: every face shows them verbatim, indentation and diff
 * markers included, so they can be copied and applied.
 *
 * <p>Given the provider's own advice ({@link ProviderAdvice}), Cost Explorer's EC2 right-sizing is
 * shown beside Purser's per instance, with whether the two agree, and its advice for instances
 * Purser has no recommendation for is listed apart ({@link CostExplorerBeside}). With none stored
 * the reply is the same as without the port.
 */
public final class RightsizeCommand {

    public static final String NAME = "rightsize";
    private static final Currency USD = Currency.getInstance("USD");
    private static final Pattern BYTES = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kmgt]?)i?b?");

    private final RightsizingService service;
    private final ProviderAdvice advice;
    private final ArgumentSpec<String> target;
    private final ArgumentSpec<String> kind;
    private final ArgumentSpec<Duration> window;
    private final ArgumentSpec<String> account;
    private final ArgumentSpec<BigDecimal> budget;
    private final ArgumentSpec<String> without;
    private final ArgumentSpec<Path> compose;
    private final ArgumentSpec<Path> stats;
    private final ArgumentSpec<String> host;
    private final ArgumentSpec<Boolean> patched;
    private final ArgumentSpec<Boolean> chart;
    private final CommandSpec spec;

    private RightsizeCommand(RightsizingService service, PathPolicy paths, ProviderAdvice advice) {
        this.service = Objects.requireNonNull(service, "service");
        this.advice = advice;
        this.target = ArgumentSpec.builder("target", ArgumentTypes.text())
                .description("One resource (id or name), a compose service or host, or a scenario; all when absent")
                .positional().build();
        this.kind = ArgumentSpec.builder("kind", ArgumentTypes.choice("droplet", "vm", "db", "container", "k8s"))
                .description("Only machines (droplet, vm), database clusters (db), compose services or k8s containers")
                .build();
        this.window = ArgumentSpec.builder("window", ArgumentTypes.days())
                .description("Usage window ending now, in days: 30d by default; under 14 days lowers confidence")
                .defaultValue("30d").build();
        this.account = ArgumentSpec.builder("account", ArgumentTypes.text())
                .description("Only this account or scenario, as its inventory was stored").build();
        this.budget = ArgumentSpec.builder("budget", ArgumentTypes.decimal())
                .description("Monthly budget in USD a compose stack must fit; the host's stored budget otherwise")
                .build();
        this.without = ArgumentSpec.builder("without", ArgumentTypes.text())
                .description("What-if: a compose service to leave out (repeatable), as in --without elasticsearch")
                .multiple().build();
        this.compose = ArgumentSpec.builder("compose", ArgumentTypes.path(paths))
                .description("A docker-compose.yml to size instead of the one stored with the host").build();
        this.stats = ArgumentSpec.builder("stats", ArgumentTypes.path(paths))
                .description("docker stats JSON lines to size the --compose stack from, instead of stored usage")
                .build();
        this.host = ArgumentSpec.builder("host", ArgumentTypes.text())
                .description("With --stats: the host's catalog size, e.g. s-4vcpu-8gb").build();
        this.patched = ArgumentSpec.builder("patched", ArgumentTypes.bool())
                .description("Show the whole patched compose file, not only its diff").flag().defaultValue("false")
                .build();
        this.chart = ArgumentSpec.builder("chart", ArgumentTypes.bool())
                .description("Draw usage against current and proposed capacity for the target (or the top saving)")
                .flag().defaultValue("false").build();
        this.spec = new CommandSpec(NAME, "Right-sizing",
                "Which machines, database clusters and containers are too big, and what the right size saves",
                "From usage percentiles over a window (30 days by default), a workload pattern and a dated price "
                        + "catalog, proposes the cheapest size that keeps headroom for droplets/VMs, managed "
                        + "database clusters (size and node count, with a high-availability decision matrix) and "
                        + "docker-compose or Kubernetes containers (limits and reservations, the compose diff, "
                        + "per-service cost, the cheapest host, a budget check and a what-if without a service). "
                        + "Each recommendation has a stable id, the monthly saving on the price actually paid "
                        + "where the bill shows it, risk, confidence and evidence. Changes nothing.",
                List.of(target, kind, window, account, budget, without, compose, stats, host, patched, chart), Role.VIEWER,
                Effect.READ_ONLY, this::handle);
    }

    /**
     * @param paths confines {@code --compose FILE} and {@code --stats FILE}
     */
    public static CommandSpec create(RightsizingService service, PathPolicy paths) {
        return create(service, paths, null);
    }

    /**
     * @param paths  confines {@code --compose FILE} and {@code --stats FILE}
     * @param advice the provider's own advice (Cost Explorer) to show beside Purser's; null leaves it out
     */
    public static CommandSpec create(RightsizingService service, PathPolicy paths, ProviderAdvice advice) {
        return new RightsizeCommand(service, paths, advice).spec;
    }


    private Reply handle(Invocation inv, CommandContext context) {
        Set<RightsizeKind> kinds = kinds(inv.get(kind));
        BigDecimal b = inv.get(budget);
        if (b != null && b.signum() <= 0) {
            throw PurserException.badArgument("budget must be positive: " + b.toPlainString());
        }
        Path file = inv.get(compose);
        Optional<String> yaml = Optional.empty();
        if (file != null) {
            try {
                yaml = Optional.of(Files.readString(file, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new PurserException(ErrorCode.FILE_NOT_FOUND, "could not read the compose file " + file, e);
            }
        }
        boolean wantChart = Boolean.TRUE.equals(inv.get(chart));
        Optional<String> targetName = Optional.ofNullable(inv.get(target));
        RightsizingQuery query = new RightsizingQuery(Optional.ofNullable(inv.get(account)), targetName, kinds,
                inv.get(window), Optional.ofNullable(b).map(x -> new Money(x, USD)), Set.copyOf(inv.getAll(without)),
                yaml, wantChart);
        Path statsFile = inv.get(stats);
        String hostSize = inv.get(host);
        if (statsFile == null && hostSize != null) {
            throw PurserException.badArgument("--host " + hostSize + " goes with --stats FILE; a stored host's size"
                    + " comes from the inventory");
        }
        RightsizingReport report;
        String scope;
        if (statsFile != null) {
            if (yaml.isEmpty() || hostSize == null || hostSize.isBlank()) {
                throw PurserException.badArgument("--stats FILE sizes a stack from files: give --compose FILE and"
                        + " --host SIZE (a catalog size such as s-4vcpu-8gb) with it");
            }
            report = service.rightsizeFiles(yaml.get(), DockerStatsReader.read(statsFile), hostSize.trim(),
                    query.budget(), query.without(), wantChart);
            scope = "stack on " + hostSize.trim() + " from files";
        } else {
            report = service.rightsize(query);
            scope = targetName.or(() -> Optional.ofNullable(inv.get(account))).orElse("everything stored");
        }
        Reply.Builder reply = Reply.builder(NAME, "Right-sizing: " + scope);
        List<Recommendation> recs = report.recommendations();
        long acting = recs.stream().filter(RightsizingReport::saves).count();
        List<Money> totals = report.totalSavings();
        boolean paid = recs.stream().anyMatch(r -> RightsizingReport.saves(r)
                && r.priceBasis() == PriceBasis.EFFECTIVE_COST);
        String totalText = totals.isEmpty() ? "nothing" : String.join(" + ", totals.stream().map(Formats::money).toList())
                + "/month";
        reply.summary(recs.size() + " recommendation" + (recs.size() == 1 ? "" : "s") + " for " + scope
                + (statsFile != null ? "" : " over " + inv.get(window).toDays() + " days") + "; acting on " + acting + " saves " + totalText
                + (acting == 0 ? "" : paid ? " (on the price paid where the bill shows it)" : " (at list prices)") + ".");
        if (totals.isEmpty()) {
            reply.figure("total_saving", "Monthly saving", Value.money(Money.zero(USD)));
        }
        for (Money t : totals) {
            String suffix = totals.size() > 1 ? "_" + t.currency().getCurrencyCode().toLowerCase(Locale.ROOT) : "";
            reply.figure("total_saving" + suffix, "Monthly saving" + (suffix.isEmpty() ? "" : " (" + t.currency() + ")"),
                    Value.money(t));
        }
        reply.figure("recommendations", "Recommendations", Value.number(recs.size(), null))
                .figure("changes", "Changes that save", Value.number(acting, null));
        reply.table(recommendationTable(recs));
        evidenceTable(recs).ifPresent(reply::table);
        if (advice != null && statsFile == null && kinds.contains(RightsizeKind.VM)) {
            CostExplorerBeside.add(reply, advice, recs, Optional.ofNullable(inv.get(account)), targetName);
        }

        List<Recommendation> clusters = recs.stream().filter(r -> r.decisionMatrix().isPresent()).toList();
        if (!clusters.isEmpty()) {
            reply.table(verdicts(clusters));
            for (Recommendation r : clusters) {
                reply.table(matrix(r));
            }
        }
        boolean showPatched = Boolean.TRUE.equals(inv.get(patched));
        for (ComposeStack stack : report.stacks()) {
            compose(reply, stack, showPatched);
            reply.notes(stack.analysis().unpatched());
            reply.notes(stack.analysis().gaps());
            if (!showPatched && !stack.analysis().unifiedDiff().isEmpty()) {
                reply.followUp("Whole patched compose file", NAME + " " + token(stack.hostName())
                        + " --kind container --patched" + whatIfOptions(inv));
            }
        }
        if (!report.kubernetes().isEmpty()) {
            kubernetes(reply, report.kubernetes());
        }
        if (wantChart) {
            charts(reply, report, targetName);
        } else {
            // a compose host has no series of its own: chart its busiest service instead
            Set<String> hosts = Set.copyOf(report.stacks().stream().map(ComposeStack::hostId).toList());
            // and one with usage to draw, where there is one (a container without data has nothing to chart)
            List<Recommendation> own = recs.stream().filter(r -> !hosts.contains(r.resourceId())).toList();
            Optional<Recommendation> chartable = own.stream().filter(r -> r.evidence().sampleCount() > 0).findFirst()
                    .or(() -> own.stream().findFirst());
            if (chartable.isEmpty()) {
                return finish(reply, report);
            }
            Recommendation top = chartable.get();
            // a Kubernetes container by its namespace/workload/container path: its bare name repeats across workloads
            boolean k8s = top.kind() == RecommendationKind.KUBERNETES_CONTAINER;
            reply.followUp("Usage chart of " + (k8s ? top.resourceId() : top.resourceName()), NAME + " "
                    + token(k8s ? top.resourceId() : top.resourceName())
                    + (top.kind() == RecommendationKind.COMPOSE_SERVICE ? " --kind container" : k8s ? " --kind k8s" : "")
                    + " --chart" + fileOptions(inv));
        }
        return finish(reply, report);
    }

    private static Reply finish(Reply.Builder reply, RightsizingReport report) {
        reply.notes(report.notes());
        return reply.build();
    }

    private static Set<RightsizeKind> kinds(String word) {
        if (word == null) {
            return EnumSet.allOf(RightsizeKind.class);
        }
        return switch (word) {
            case "droplet", "vm" -> EnumSet.of(RightsizeKind.VM);
            case "db" -> EnumSet.of(RightsizeKind.DATABASE);
            case "container" -> EnumSet.of(RightsizeKind.CONTAINER);
            case "k8s" -> EnumSet.of(RightsizeKind.KUBERNETES);
            default -> throw new IllegalStateException("unhandled kind word " + word);
        };
    }

    /** The files a files-only answer rests on, so its follow-ups ask about the same stack. */
    private String fileOptions(Invocation inv) {
        Path s = inv.get(stats);
        return s == null ? "" : " --compose " + token(inv.get(compose).toString()) + " --stats " + token(s.toString())
                + " --host " + token(inv.get(host).trim());
    }

    private String whatIfOptions(Invocation inv) {
        StringBuilder s = new StringBuilder(fileOptions(inv));
        if (inv.get(budget) != null) {
            s.append(" --budget ").append(inv.get(budget).toPlainString());
        }
        for (String w : inv.getAll(without)) {
            s.append(" --without ").append(token(w));
        }
        return s.toString();
    }

    private static String token(String s) {
        return s.matches("[A-Za-z0-9._:/@-]+") ? s : "\"" + s.replace("\"", "'") + "\"";
    }

    // ---------------------------------------------------------------- tables

    private static Table recommendationTable(List<Recommendation> recs) {
        List<Column> columns = List.of(
                new Column("id", "id", ValueType.TEXT),
                new Column("resource", "resource", ValueType.TEXT),
                new Column("kind", "kind", ValueType.TEXT),
                new Column("change", "current → proposed", ValueType.TEXT),
                new Column("action", "action", ValueType.TEXT),
                new Column("monthly_saving", "monthly saving", ValueType.MONEY),
                new Column("price_basis", "priced on", ValueType.TEXT),
                new Column("risk", "risk", ValueType.TEXT),
                new Column("confidence", "confidence", ValueType.TEXT),
                new Column("pattern", "pattern", ValueType.TEXT));
        List<List<Value>> rows = new ArrayList<>();
        for (Recommendation r : recs) {
            String change = r.current().label().equals(r.proposed().label()) ? r.current().label()
                    : r.current().label() + " → " + r.proposed().label();
            rows.add(List.of(Value.text(r.id()), Value.text(r.resourceName()), Value.text(kindWord(r.kind())),
                    Value.text(change), Value.text(word(r.action())),
                    r.monthlySaving().map(Value::money).orElse(Value.empty(ValueType.MONEY)),
                    pricedOn(r), Value.text(word(r.risk().level())),
                    Value.text(word(r.confidence().level())),
                    Value.text(word(r.evidence().pattern().pattern()) + (r.autoscaled() ? ", autoscaled" : ""))));
        }
        return new Table("recommendations", "Recommendations, largest saving first", columns, rows, List.of());
    }

    /**
     * The usage each machine and database recommendation rests on, so a reader can check the
     * proposal against the rules (p95 and p99 CPU under the targets, memory above max × headroom).
     * Containers show theirs in their own tables.
     */
    private static Optional<Table> evidenceTable(List<Recommendation> recs) {
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

    private static final double GIB = 1024.0 * 1024 * 1024;

    private static Optional<UsageStats> stats(Recommendation r, String unit) {
        return r.evidence().metrics().stream().filter(m -> m.unit().equals(unit)).findFirst();
    }

    private static Value figure(double value, int scale, String unit) {
        return Value.number(BigDecimal.valueOf(value).setScale(scale, RoundingMode.HALF_UP), unit);
    }

    private static Table verdicts(List<Recommendation> clusters) {
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

    private static Table matrix(Recommendation r) {
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

    private static void compose(Reply.Builder reply, ComposeStack stack, boolean showPatched) {
        ComposeAnalysis a = stack.analysis();
        String key = slug(stack.hostName());
        List<Column> columns = List.of(
                new Column("service", "service", ValueType.TEXT),
                new Column("cpus_limit", "cpus limit", ValueType.TEXT),
                new Column("memory_limit", "memory limit", ValueType.TEXT),
                new Column("reservations", "reservations (cpus, memory)", ValueType.TEXT),
                new Column("usage", "usage (CPU p95/p99, memory max)", ValueType.TEXT),
                new Column("pattern", "pattern", ValueType.TEXT),
                new Column("monthly_cost", "cost now", ValueType.MONEY),
                new Column("proposed_monthly_cost", "cost proposed", ValueType.MONEY));
        List<List<Value>> rows = new ArrayList<>();
        Money now = Money.zero(a.host().monthlyPrice().currency());
        Money later = now;
        boolean allLater = true;
        for (ComposeAnalysis.ServiceSizing s : a.services()) {
            rows.add(List.of(Value.text(s.name()),
                    Value.text(arrow(cpus(s.current().cpusLimit()), cpus(s.proposed().cpusLimit()))),
                    Value.text(arrow(bytes(s.current().memoryLimit().isPresent() ? s.current().memoryLimit().getAsLong() : -1),
                            bytes(s.proposed().memoryLimit().isPresent() ? s.proposed().memoryLimit().getAsLong() : -1))),
                    Value.text(arrow(reservations(s.current()), reservations(s.proposed()))),
                    Value.text(usage(s.cpu(), s.memory())), Value.text(word(s.pattern())),
                    Value.money(s.currentMonthlyCost()),
                    s.proposedMonthlyCost().map(Value::money).orElse(Value.empty(ValueType.MONEY))));
            now = now.plus(s.currentMonthlyCost());
            if (s.proposedMonthlyCost().isPresent()) {
                later = later.plus(s.proposedMonthlyCost().get());
            } else {
                allLater = false;
            }
        }
        List<Value> footer = List.of(Value.text("Total"), Value.text(""), Value.text(""), Value.text(""), Value.text(""),
                Value.text(""), Value.money(now), allLater ? Value.money(later) : Value.empty(ValueType.MONEY));
        reply.table(new Table("compose_services_" + key, stack.hostName() + ": compose services ("
                + a.costSplitMethod() + ")", columns, rows, footer));

        List<Column> hostColumns = List.of(
                new Column("item", "", ValueType.TEXT),
                new Column("size", "host", ValueType.TEXT),
                new Column("monthly_price", "monthly", ValueType.MONEY),
                new Column("fits_budget", "fits budget", ValueType.TEXT),
                new Column("detail", "detail", ValueType.TEXT));
        List<List<Value>> hostRows = new ArrayList<>();
        Optional<ComposeAnalysis.BudgetCheck> budget = a.budget();
        String basis = a.host().priceBasis() == PriceBasis.EFFECTIVE_COST ? "as billed" : "list price";
        hostRows.add(List.of(Value.text("now"), Value.text(a.host().size()), Value.money(a.host().monthlyPrice()),
                Value.text(budget.map(c -> yesNo(c.currentFits())).orElse("")),
                Value.text(basis + "; " + a.host().vcpus() + " vCPUs, " + bytes(a.host().memoryBytes()))));
        ComposeAnalysis.HostChoice p = a.proposedHost();
        hostRows.add(List.of(Value.text("right-sized"), Value.text(p.size().orElse("none fits")),
                p.monthlyPrice().map(Value::money).orElse(Value.empty(ValueType.MONEY)),
                Value.text(budget.flatMap(ComposeAnalysis.BudgetCheck::proposedFits).map(RightsizeCommand::yesNo).orElse("")),
                Value.text(p.reason() + p.monthlySaving().map(s -> "; saves " + Formats.money(s) + "/month").orElse(""))));
        a.whatIf().ifPresent(w -> hostRows.add(List.of(Value.text("without " + String.join(", ", w.without().stream()
                .sorted().toList())), Value.text(w.host().size().orElse("none fits")),
                w.host().monthlyPrice().map(Value::money).orElse(Value.empty(ValueType.MONEY)),
                Value.text(w.fitsBudget().map(RightsizeCommand::yesNo).orElse("")),
                Value.text(w.summary() + whatIfSaving(a, w)))));
        String budgetTitle = budget.map(c -> ", budget " + Formats.money(c.budget()) + "/month").orElse("");
        reply.table(new Table("compose_host_" + key, stack.hostName() + ": host" + budgetTitle, hostColumns, hostRows,
                List.of()));

        if (!a.unifiedDiff().isEmpty()) {
            reply.code("compose_diff_" + key, "Compose diff (" + stack.composeSource() + ")", "diff",
                    a.unifiedDiff());
        }
        if (showPatched) {
            reply.code("compose_file_" + key, "Patched docker-compose.yml (" + stack.hostName() + ")", "yaml",
                    a.patchedYaml());
        }
    }

    // ---------------------------------------------------------------- Kubernetes

    /**
     * One row per workload (how it is sized and the {@code kubectl patch} that applies it), then per
     * workload its containers' current and proposed requests and limits and the patch itself.
     * Quantities stay in Kubernetes notation ({@code 250m}, {@code 384Mi}) so a program can paste them.
     */
    private static void kubernetes(Reply.Builder reply, List<KubernetesAnalysis> workloads) {
        List<Column> columns = List.of(
                new Column("workload", "workload", ValueType.TEXT),
                new Column("kind", "kind", ValueType.TEXT),
                new Column("replicas", "replicas", ValueType.NUMBER),
                new Column("autoscaled", "autoscaled", ValueType.TEXT),
                new Column("sizing", "sized", ValueType.TEXT),
                new Column("containers_patched", "containers patched", ValueType.TEXT),
                new Column("apply", "apply with", ValueType.TEXT));
        List<List<Value>> rows = new ArrayList<>();
        for (KubernetesAnalysis k : workloads) {
            long patched = k.containers().stream().filter(RightsizeCommand::proposes).count();
            rows.add(List.of(Value.text(workloadPath(k)), Value.text(k.workload().kind()),
                    Value.number(k.workload().replicas(), null), Value.text(yesNo(k.workload().autoscaled())),
                    Value.text(k.workload().autoscaled() ? "per replica (HPA)" : "per pod"),
                    Value.text(patched + " of " + k.containers().size()),
                    k.patchYaml().isEmpty() ? Value.empty(ValueType.TEXT) : Value.text(kubectl(k))));
        }
        reply.table(new Table("k8s_workloads", "Kubernetes workloads: requests and limits per container",
                columns, rows, List.of()));
        for (KubernetesAnalysis k : workloads) {
            kubernetesWorkload(reply, k);
        }
    }

    private static void kubernetesWorkload(Reply.Builder reply, KubernetesAnalysis k) {
        String key = slug(workloadPath(k));
        List<Column> columns = List.of(
                new Column("container", "container", ValueType.TEXT),
                new Column("cpu_request", "cpu request", ValueType.TEXT),
                new Column("proposed_cpu_request", "proposed", ValueType.TEXT),
                new Column("memory_request", "memory request", ValueType.TEXT),
                new Column("proposed_memory_request", "proposed", ValueType.TEXT),
                new Column("cpu_limit", "cpu limit", ValueType.TEXT),
                new Column("proposed_cpu_limit", "proposed", ValueType.TEXT),
                new Column("memory_limit", "memory limit", ValueType.TEXT),
                new Column("proposed_memory_limit", "proposed", ValueType.TEXT),
                new Column("usage", "usage per pod (CPU p95/p99, memory max)", ValueType.TEXT),
                new Column("action", "action", ValueType.TEXT));
        List<List<Value>> rows = new ArrayList<>();
        // a note shared by several containers (the HPA's) is said once, naming them
        Map<String, List<String>> notes = new LinkedHashMap<>();
        for (int i = 0; i < k.containers().size(); i++) {
            KubernetesAnalysis.ContainerSizing c = k.containers().get(i);
            // the sizer gives one recommendation per container, in the same order
            Optional<Recommendation> rec = i < k.recommendations().size()
                    && k.recommendations().get(i).resourceName().equals(c.name())
                    ? Optional.of(k.recommendations().get(i)) : Optional.empty();
            Map<String, String> now = rec.map(r -> r.current().values()).orElse(Map.of());
            rows.add(List.of(Value.text(c.name()),
                    quantity(now.get("cpu_request")), quantity(c.cpuRequest()),
                    quantity(now.get("memory_request")), quantity(c.memoryRequest()),
                    quantity(now.get("cpu_limit")), quantity(c.cpuLimit()),
                    quantity(now.get("memory_limit")), quantity(c.memoryLimit()),
                    Value.text(rec.map(RightsizeCommand::podUsage).orElse("no data")),
                    Value.text(rec.map(r -> word(r.action())).orElse(""))));
            for (String n : c.notes()) {
                notes.computeIfAbsent(n, x -> new ArrayList<>()).add(c.name());
            }
        }
        String scaling = k.workload().autoscaled()
                ? "autoscaled by an HPA, sized per replica"
                : k.workload().replicas() + " replica" + (k.workload().replicas() == 1 ? "" : "s") + ", sized per pod";
        reply.table(new Table("k8s_containers_" + key, workloadPath(k) + " (" + k.workload().kind() + ", " + scaling
                + "): requests and limits", columns, rows, List.of()));
        if (!k.patchYaml().isEmpty()) {
            reply.code("k8s_patch_" + key, "Patch for " + workloadPath(k) + ": save it as " + patchFile(k)
                    + ", then " + kubectl(k), "yaml", k.patchYaml());
        }
        for (Map.Entry<String, List<String>> n : notes.entrySet()) {
            reply.note(workloadPath(k) + " (" + String.join(", ", n.getValue()) + "): " + n.getKey());
        }
        if (k.patchYaml().isEmpty()) {
            reply.note(workloadPath(k) + ": no patch, no container has usage to size it on");
        }
    }

    /** A proposal exists when the sizer set at least one quantity (none when the container had no usable data). */
    private static boolean proposes(KubernetesAnalysis.ContainerSizing c) {
        return !(c.cpuRequest().isEmpty() && c.memoryRequest().isEmpty() && c.cpuLimit().isEmpty()
                && c.memoryLimit().isEmpty());
    }

    private static Value quantity(String q) {
        return q == null || q.isEmpty() ? Value.empty(ValueType.TEXT) : Value.text(q);
    }

    private static String podUsage(Recommendation r) {
        Optional<UsageStats> cpu = r.evidence().metrics().stream().filter(m -> m.unit().equals("cores")).findFirst();
        Optional<UsageStats> memory = r.evidence().metrics().stream().filter(m -> m.unit().equals("bytes")).findFirst();
        return usage(cpu, memory);
    }

    private static String workloadPath(KubernetesAnalysis k) {
        return k.workload().namespace() + "/" + k.workload().name();
    }

    private static String patchFile(KubernetesAnalysis k) {
        return k.workload().namespace() + "-" + k.workload().name() + ".patch.yaml";
    }

    private static String kubectl(KubernetesAnalysis k) {
        return "kubectl patch " + k.workload().kind().toLowerCase(Locale.ROOT) + " " + k.workload().name() + " -n "
                + k.workload().namespace() + " --type strategic --patch-file " + patchFile(k);
    }

    private static String whatIfSaving(ComposeAnalysis a, ComposeAnalysis.WhatIf w) {
        if (w.host().monthlyPrice().isEmpty()
                || !w.host().monthlyPrice().get().currency().equals(a.host().monthlyPrice().currency())) {
            return "";
        }
        Money saving = a.host().monthlyPrice().minus(w.host().monthlyPrice().get());
        return saving.amount().signum() > 0 ? "; saves " + Formats.money(saving) + "/month against today's host"
                : "; no cheaper host: the rest of the stack still needs " + String.format(Locale.ROOT, "%.2f",
                        w.host().neededCpus()) + " vCPUs and " + bytes(w.host().neededMemory());
    }

    // ---------------------------------------------------------------- charts

    private void charts(Reply.Builder reply, RightsizingReport report, Optional<String> targetName) {
        Optional<Recommendation> named = targetName.flatMap(t -> report.recommendations().stream()
                .filter(r -> r.resourceName().equalsIgnoreCase(t) || r.resourceId().equalsIgnoreCase(t)
                        || r.kind() == RecommendationKind.KUBERNETES_CONTAINER
                                && ("k8s/" + r.resourceId()).equalsIgnoreCase(t))
                .findFirst());
        Optional<Recommendation> subject = named.or(() -> report.recommendations().stream().findFirst());
        if (subject.isEmpty()) {
            reply.note("no recommendation to chart");
            return;
        }
        Recommendation r = subject.get();
        if (r.kind() == RecommendationKind.KUBERNETES_CONTAINER
                || named.isEmpty() && targetName.isPresent() && !report.kubernetes().isEmpty()) {
            // a named container is charted alone; a named workload (or the first one found) with all its containers
            String only = named.filter(n -> n.kind() == RecommendationKind.KUBERNETES_CONTAINER)
                    .map(Recommendation::resourceId).orElse(null);
            kubernetesCharts(reply, report, only, r);
            return;
        }
        List<UsageSeries> series = report.usage().getOrDefault(r.resourceId(), List.of());
        if (series.isEmpty()) {
            reply.note("no usage data to chart for " + r.resourceName());
            return;
        }
        double vcpus = number(r.current(), "vcpus", "cpus_limit");
        for (UsageSeries s : series) {
            String metric = s.metric().toLowerCase(Locale.ROOT);
            boolean percent = s.unit().equalsIgnoreCase("percent") || metric.contains("percent");
            if (metric.contains("cpu")) {
                if (percent && Double.isNaN(vcpus)) {
                    continue;
                }
                double scale = percent ? vcpus / 100.0 : 1.0;
                OptionalDouble current = finite(number(r.current(), "vcpus", "cpus_limit"));
                OptionalDouble proposed = finite(number(r.proposed(), "vcpus", "cpus_limit"));
                byte[] png = UsageCapacityChart.png(r.resourceName() + ": CPU against capacity", s, scale, "cores",
                        current, same(current, proposed));
                reply.chart(new Chart("usage_cpu_" + slug(r.resourceName()), r.resourceName() + " CPU",
                        r.resourceName() + " CPU usage (cores) against " + describe(current, proposed, "cores"), png));
            } else if (metric.contains("mem") && !percent) {
                double gib = 1.0 / (1024.0 * 1024 * 1024);
                OptionalDouble current = scaled(finite(number(r.current(), "memory_bytes", "memory_limit")), gib);
                OptionalDouble proposed = scaled(finite(number(r.proposed(), "memory_bytes", "memory_limit")), gib);
                byte[] png = UsageCapacityChart.png(r.resourceName() + ": memory against capacity", s, gib, "GiB",
                        current, same(current, proposed));
                reply.chart(new Chart("usage_memory_" + slug(r.resourceName()), r.resourceName() + " memory",
                        r.resourceName() + " memory usage (GiB) against " + describe(current, proposed, "GiB"), png));
            }
        }
    }

    /** Charts at most this many containers in one reply; the rest are named in a note. */
    private static final int MAX_K8S_CHARTS = 6;

    /**
     * Per container, CPU (cores) and memory usage per pod against its current and proposed limit
     * and request. The numbers are the sizer's own ({@link KubernetesAnalysis.ContainerSizing}
     * holds the proposed quantities parsed back from the patch's text), so a line sits exactly where
     * the patch would put it.
     *
     * @param only    the one container to chart (its recommendation's resource id), or null for the
     *                workload(s) in scope
     * @param subject the recommendation chosen when nothing was named: its workload is charted
     */
    private void kubernetesCharts(Reply.Builder reply, RightsizingReport report, String only, Recommendation subject) {
        List<KubernetesAnalysis> workloads = report.kubernetes();
        if (only == null && subject.kind() == RecommendationKind.KUBERNETES_CONTAINER) {
            // nothing named: the workload of the top recommendation, not every workload in the cluster
            workloads = workloads.stream().filter(k -> subject.resourceId().startsWith(workloadPath(k) + "/"))
                    .toList();
        }
        int drawn = 0;
        List<String> skipped = new ArrayList<>();
        for (KubernetesAnalysis k : workloads) {
            for (KubernetesAnalysis.ContainerSizing c : k.containers()) {
                String id = workloadPath(k) + "/" + c.name();
                if (only != null && !only.equalsIgnoreCase(id)) {
                    continue;
                }
                List<UsageSeries> series = report.usage().getOrDefault(id, List.of());
                if (series.isEmpty()) {
                    reply.note("no usage data to chart for " + id);
                    continue;
                }
                if (drawn >= MAX_K8S_CHARTS) {
                    skipped.add(id);
                    continue;
                }
                drawn++;
                kubernetesContainerCharts(reply, k, c, id, series);
            }
        }
        if (!skipped.isEmpty()) {
            reply.note("charted " + MAX_K8S_CHARTS + " containers; name one to chart it: " + String.join(", ", skipped));
        }
    }

    private static void kubernetesContainerCharts(Reply.Builder reply, KubernetesAnalysis k,
            KubernetesAnalysis.ContainerSizing c, String id, List<UsageSeries> series) {
        boolean hpa = k.workload().autoscaled();
        String per = hpa ? "per replica" : "per pod";
        String sizing = hpa ? " (autoscaled by an HPA: usage and requests are per replica)" : "";
        // the picture's title stays short enough for an 800-pixel chart; the alt text says it in full
        String titled = per + (hpa ? " (HPA)" : "");
        ContainerLimits now = c.current();
        ContainerLimits next = c.proposed();
        for (UsageSeries s : series) {
            String metric = s.metric().toLowerCase(Locale.ROOT);
            boolean percent = s.unit().equalsIgnoreCase("percent") || metric.contains("percent")
                    || metric.contains("utilization");
            if (percent || metric.endsWith("_seconds_total")) {
                continue; // Prometheus gives cores and bytes; a share or a counter has no line to compare with
            }
            if (metric.contains("cpu")) {
                List<UsageCapacityChart.Line> lines = k8sLines(now.cpusLimit(), now.cpusReservation(),
                        next.cpusLimit(), next.cpusReservation(), 1.0, RightsizeCommand::millicores);
                drawn(reply, "usage_cpu_" + slug(id), id + " CPU", UsageCapacityChart.model(
                        id + ": CPU " + titled + " against limit and request", "usage " + per + " (cores)", s,
                        1.0, "cores", lines), id + " CPU usage " + per + " (cores) against " + describe(lines) + sizing);
            } else if (metric.contains("mem")) {
                double peak = s.samples().stream().mapToDouble(UsageSeries.Sample::value).max().orElse(0);
                for (OptionalLong v : List.of(now.memoryLimit(), now.memoryReservation(), next.memoryLimit(),
                        next.memoryReservation())) {
                    peak = Math.max(peak, v.isPresent() ? v.getAsLong() : 0);
                }
                boolean inGib = peak >= 1024.0 * 1024 * 1024;
                String unit = inGib ? "GiB" : "MiB";
                double scale = 1.0 / (inGib ? 1024.0 * 1024 * 1024 : 1024.0 * 1024);
                List<UsageCapacityChart.Line> lines = k8sLines(asDouble(now.memoryLimit()),
                        asDouble(now.memoryReservation()), asDouble(next.memoryLimit()),
                        asDouble(next.memoryReservation()), scale, RightsizeCommand::mebibytes);
                drawn(reply, "usage_memory_" + slug(id), id + " memory", UsageCapacityChart.model(
                        id + ": memory " + titled + " against limit and request", "usage " + per + " (" + unit
                                + ")", s, scale, unit, lines), id + " memory usage " + per + " (" + unit
                        + ") against " + describe(lines) + sizing);
            }
        }
    }

    /**
     * Current limit and request, then the proposed ones where they differ (an unchanged value
     * would hide under the current line). Legend names carry the Kubernetes quantity.
     */
    private static List<UsageCapacityChart.Line> k8sLines(OptionalDouble limit, OptionalDouble request,
            OptionalDouble proposedLimit, OptionalDouble proposedRequest, double scale,
            DoubleFunction<String> quantity) {
        List<UsageCapacityChart.Line> lines = new ArrayList<>();
        limit.ifPresent(v -> lines.add(new UsageCapacityChart.Line("current limit " + quantity.apply(v), v * scale,
                UsageCapacityChart.Style.CURRENT)));
        request.ifPresent(v -> lines.add(new UsageCapacityChart.Line("current request " + quantity.apply(v),
                v * scale, UsageCapacityChart.Style.CURRENT_REQUEST)));
        if (proposedLimit.isPresent() && !proposedLimit.equals(limit)) {
            double v = proposedLimit.getAsDouble();
            lines.add(new UsageCapacityChart.Line("proposed limit " + quantity.apply(v), v * scale,
                    UsageCapacityChart.Style.PROPOSED));
        }
        if (proposedRequest.isPresent() && !proposedRequest.equals(request)) {
            double v = proposedRequest.getAsDouble();
            lines.add(new UsageCapacityChart.Line("proposed request " + quantity.apply(v), v * scale,
                    UsageCapacityChart.Style.PROPOSED_REQUEST));
        }
        return lines;
    }

    private static void drawn(Reply.Builder reply, String key, String title, XYChart model,
            String altText) {
        reply.chart(new Chart(key, title, altText, UsageCapacityChart.png(model)));
    }

    private static String describe(List<UsageCapacityChart.Line> lines) {
        return lines.isEmpty() ? "no limit or request set, none proposed"
                : String.join(", ", lines.stream().map(UsageCapacityChart.Line::name).toList());
    }

    private static OptionalDouble asDouble(OptionalLong v) {
        return v.isPresent() ? OptionalDouble.of(v.getAsLong()) : OptionalDouble.empty();
    }

    /** Cores as the quantity a manifest would carry: {@code 350m}, or whole cores. */
    private static String millicores(double cores) {
        long milli = Math.round(cores * 1000);
        return milli % 1000 == 0 ? Long.toString(milli / 1000) : milli + "m";
    }

    /** Bytes as {@code 392Mi}, or whole {@code Gi}. */
    private static String mebibytes(double bytes) {
        long mib = Math.round(bytes / (1024.0 * 1024));
        return mib % 1024 == 0 && mib > 0 ? mib / 1024 + "Gi" : mib + "Mi";
    }

    private static OptionalDouble same(OptionalDouble current, OptionalDouble proposed) {
        return proposed.isPresent() && current.isPresent() && proposed.getAsDouble() == current.getAsDouble()
                ? OptionalDouble.empty() : proposed;
    }

    private static String describe(OptionalDouble current, OptionalDouble proposed, String unit) {
        String now = current.isPresent() ? String.format(Locale.ROOT, "current %.2f %s", current.getAsDouble(), unit)
                : "unknown current capacity";
        OptionalDouble p = same(current, proposed);
        return now + (p.isPresent() ? String.format(Locale.ROOT, " and proposed %.2f %s", p.getAsDouble(), unit) : "");
    }

    private static OptionalDouble finite(double v) {
        return Double.isNaN(v) ? OptionalDouble.empty() : OptionalDouble.of(v);
    }

    private static OptionalDouble scaled(OptionalDouble v, double factor) {
        return v.isPresent() ? OptionalDouble.of(v.getAsDouble() * factor) : v;
    }

    /** A capacity from a configuration's values: plain numbers, or compose sizes such as {@code 512m}. */
    static double number(Configuration c, String... keys) {
        Map<String, String> values = c.values();
        for (String key : keys) {
            String v = values.get(key);
            if (v == null) {
                continue;
            }
            Matcher m = BYTES.matcher(v.trim().toLowerCase(Locale.ROOT));
            if (!m.matches()) {
                continue;
            }
            double n = Double.parseDouble(m.group(1));
            return switch (m.group(2)) {
                case "k" -> n * 1024;
                case "m" -> n * 1024 * 1024;
                case "g" -> n * 1024 * 1024 * 1024;
                case "t" -> n * 1024 * 1024 * 1024 * 1024;
                default -> n;
            };
        }
        return Double.NaN;
    }

    // ---------------------------------------------------------------- words

    private static String arrow(String now, String proposed) {
        return now.equals(proposed) ? now : now + " → " + proposed;
    }

    private static String cpus(OptionalDouble v) {
        return v.isPresent() ? BigDecimal.valueOf(v.getAsDouble()).stripTrailingZeros().toPlainString() : "none";
    }

    private static String bytes(long b) {
        if (b < 0) {
            return "none";
        }
        double mib = b / (1024.0 * 1024);
        return mib >= 1024 ? String.format(Locale.ROOT, "%.2f GiB", mib / 1024) : String.format(Locale.ROOT, "%.0f MiB", mib);
    }

    private static String reservations(ContainerLimits l) {
        return cpus(l.cpusReservation()) + ", "
                + bytes(l.memoryReservation().isPresent() ? l.memoryReservation().getAsLong() : -1);
    }

    private static String usage(Optional<UsageStats> cpu, Optional<UsageStats> memory) {
        List<String> parts = new ArrayList<>();
        cpu.ifPresent(c -> parts.add(String.format(Locale.ROOT, "%.2f/%.2f cores", c.p95(), c.p99())));
        memory.ifPresent(m -> parts.add(bytes((long) m.max())));
        return parts.isEmpty() ? "no data" : String.join(", ", parts);
    }

    private static String yesNo(boolean b) {
        return b ? "yes" : "no";
    }

    /**
     * The price basis, blank where nothing is claimed: a keep or insufficient-data row without a
     * saving has no price to defend, and "price not found" there reads like a failure. A proposed
     * change whose price the catalog lacks still says so.
     */
    private static Value pricedOn(Recommendation r) {
        boolean proposesChange = switch (r.action()) {
            case DOWNSIZE, UPSIZE, REDUCE_NODES, DOWNSIZE_AND_REDUCE_NODES, SET_LIMITS, FLAG_IDLE -> true;
            case KEEP, INSUFFICIENT_DATA -> false;
        };
        boolean claimsSaving = r.monthlySaving().map(m -> m.amount().signum() != 0).orElse(false);
        return proposesChange || claimsSaving ? Value.text(basisWord(r.priceBasis())) : Value.empty(ValueType.TEXT);
    }

    private static String basisWord(PriceBasis b) {
        return switch (b) {
            case LIST_PRICE -> "list price";
            case EFFECTIVE_COST -> "price paid";
            case NOT_FOUND -> "price not found";
        };
    }

    private static String kindWord(RecommendationKind k) {
        return switch (k) {
            case VM -> "vm";
            case DATABASE_CLUSTER -> "db";
            case COMPOSE_SERVICE -> "container";
            case KUBERNETES_CONTAINER -> "k8s";
        };
    }

    private static String word(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private static String slug(String s) {
        String out = s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        return out.isEmpty() ? "unnamed" : out;
    }
}
