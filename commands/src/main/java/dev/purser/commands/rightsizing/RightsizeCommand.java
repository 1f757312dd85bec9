package dev.purser.commands.rightsizing;

import dev.purser.commands.CommandContext;
import dev.purser.commands.CommandSpec;
import dev.purser.commands.Effect;
import dev.purser.commands.Invocation;
import dev.purser.commands.PathPolicy;
import dev.purser.commands.Role;
import dev.purser.commands.render.Formats;
import dev.purser.commands.reply.Reply;
import dev.purser.commands.reply.Value;
import dev.purser.core.analysis.advice.ProviderAdvice;
import dev.purser.core.analysis.recommendations.ComposeStack;
import dev.purser.core.analysis.recommendations.RightsizeKind;
import dev.purser.core.analysis.recommendations.RightsizingQuery;
import dev.purser.core.analysis.recommendations.RightsizingReport;
import dev.purser.core.analysis.recommendations.RightsizingService;
import dev.purser.core.analysis.rightsizing.ComposeAnalysis;
import dev.purser.core.analysis.rightsizing.PriceBasis;
import dev.purser.core.analysis.rightsizing.Recommendation;
import dev.purser.core.ingest.DockerStatsReader;
import dev.purser.core.model.Money;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

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
 *
 * <p>This class orchestrates; the parts live apart: the arguments and what they mean
 * ({@link RightsizeArguments}), the recommendation, evidence and database tables
 * ({@link RecommendationTables}), the compose and Kubernetes sections ({@link ComposeSection},
 * {@link KubernetesSection}), the charts ({@link RightsizeCharts}) and the follow-ups
 * ({@link RightsizeFollowUps}).
 */
public final class RightsizeCommand {

    public static final String NAME = "rightsize";
    private static final Currency USD = Currency.getInstance("USD");

    private final RightsizingService service;
    private final ProviderAdvice advice;
    private final RightsizeArguments args;
    private final RightsizeFollowUps followUps;
    private final CommandSpec spec;

    private RightsizeCommand(RightsizingService service, PathPolicy paths, ProviderAdvice advice) {
        this.service = Objects.requireNonNull(service, "service");
        this.advice = advice;
        this.args = new RightsizeArguments(paths);
        this.followUps = new RightsizeFollowUps(args);
        this.spec = new CommandSpec(NAME, "Right-sizing",
                "Which machines, database clusters and containers are too big, and what the right size saves",
                "From usage percentiles over a window (30 days by default), a workload pattern and a dated price "
                        + "catalog, proposes the cheapest size that keeps headroom for droplets/VMs, managed "
                        + "database clusters (size and node count, with a high-availability decision matrix) and "
                        + "docker-compose or Kubernetes containers (limits and reservations, the compose diff, "
                        + "per-service cost, the cheapest host, a budget check and a what-if without a service). "
                        + "Each recommendation has a stable id, the monthly saving on the price actually paid "
                        + "where the bill shows it, risk, confidence and evidence. Changes nothing.",
                args.all(), Role.VIEWER, Effect.READ_ONLY, this::handle);
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
        Set<RightsizeKind> kinds = args.kinds(inv);
        BigDecimal b = args.budget(inv);
        Optional<String> yaml = args.composeYaml(inv);
        boolean wantChart = args.wantsChart(inv);
        Optional<String> targetName = Optional.ofNullable(inv.get(args.target));
        Optional<String> account = Optional.ofNullable(inv.get(args.account));
        RightsizingQuery query = new RightsizingQuery(account, targetName, kinds, inv.get(args.window),
                Optional.ofNullable(b).map(x -> new Money(x, USD)), Set.copyOf(inv.getAll(args.without)), yaml,
                wantChart);
        Optional<String> filesHost = args.filesOnlyHost(inv, yaml);
        RightsizingReport report;
        String scope;
        if (filesHost.isPresent()) {
            report = service.rightsizeFiles(yaml.get(), DockerStatsReader.read(inv.get(args.stats)), filesHost.get(),
                    query.budget(), query.without(), wantChart);
            scope = "stack on " + filesHost.get() + " from files";
        } else {
            report = service.rightsize(query);
            scope = targetName.or(() -> account).orElse("everything stored");
        }
        Reply.Builder reply = Reply.builder(NAME, "Right-sizing: " + scope);
        summarize(reply, report, scope, filesHost.isPresent() ? "" : " over " + inv.get(args.window).toDays() + " days");
        List<Recommendation> recs = report.recommendations();
        reply.table(RecommendationTables.recommendations(recs));
        RecommendationTables.evidence(recs).ifPresent(reply::table);
        if (advice != null && filesHost.isEmpty() && kinds.contains(RightsizeKind.VM)) {
            CostExplorerBeside.add(reply, advice, recs, account, targetName);
        }

        List<Recommendation> clusters = recs.stream().filter(r -> r.decisionMatrix().isPresent()).toList();
        if (!clusters.isEmpty()) {
            reply.table(RecommendationTables.verdicts(clusters));
            for (Recommendation r : clusters) {
                reply.table(RecommendationTables.matrix(r));
            }
        }
        boolean showPatched = args.wantsPatched(inv);
        for (ComposeStack stack : report.stacks()) {
            ComposeSection.add(reply, stack, showPatched);
            reply.notes(stack.analysis().unpatched());
            reply.notes(stack.analysis().gaps());
            if (!showPatched && !stack.analysis().unifiedDiff().isEmpty()) {
                followUps.patchedFile(reply, inv, stack);
            }
        }
        if (!report.kubernetes().isEmpty()) {
            KubernetesSection.add(reply, report.kubernetes());
        }
        if (wantChart) {
            RightsizeCharts.add(reply, report, targetName);
        } else {
            followUps.usageChart(reply, inv, report);
        }
        reply.notes(report.notes());
        return reply.build();
    }

    /** The summary sentence and the headline figures: savings per currency, recommendations, changes that save. */
    private static void summarize(Reply.Builder reply, RightsizingReport report, String scope, String over) {
        List<Recommendation> recs = report.recommendations();
        long acting = recs.stream().filter(RightsizingReport::saves).count();
        List<Money> totals = report.totalSavings();
        boolean paid = recs.stream().anyMatch(r -> RightsizingReport.saves(r)
                && r.priceBasis() == PriceBasis.EFFECTIVE_COST);
        String totalText = totals.isEmpty() ? "nothing" : String.join(" + ", totals.stream().map(Formats::money).toList())
                + "/month";
        String count = recs.size() + " recommendation" + (recs.size() == 1 ? "" : "s") + " for " + scope + over;
        List<String> stackSentences = report.stacks().stream().map(RightsizeCommand::stackSentence).toList();
        if (acting == 0 && !stackSentences.isEmpty()) {
            // Limits are not billed: what the reader needs is which host the stack needs, and what would fit.
            reply.summary(count + "; new limits save nothing on their own, the host is what is billed. "
                    + String.join(" ", stackSentences));
        } else {
            reply.summary(count + "; acting on " + acting + " saves " + totalText
                    + (acting == 0 ? "" : paid ? " (on the price paid where the bill shows it)" : " (at list prices)") + "."
                    + (stackSentences.isEmpty() ? "" : " " + String.join(" ", stackSentences)));
        }
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
    }

    /** What a service can be replaced with when a what-if leaves it out; absent when nothing obvious does. */
    private static Optional<String> replacement(String service) {
        String s = service.toLowerCase(Locale.ROOT);
        if (s.contains("elasticsearch") || s.contains("opensearch")) {
            return Optional.of("PostgreSQL full-text search");
        }
        return Optional.empty();
    }

    /**
     * One compose stack in a sentence: the host its right-sized limits still need (and whether that
     * fits the budget), then what leaving services out would buy. For example: "investment-host: the
     * right-sized stack still needs an s-4vcpu-8gb at $61.72/month, over the $50.00 budget; without
     * elasticsearch (replaced by PostgreSQL full-text search) an s-2vcpu-4gb at $30.86/month fits it,
     * saving $30.86/month."
     */
    static String stackSentence(ComposeStack stack) {
        ComposeAnalysis a = stack.analysis();
        ComposeAnalysis.HostChoice p = a.proposedHost();
        Optional<ComposeAnalysis.BudgetCheck> budget = a.budget();
        StringBuilder sb = new StringBuilder(stack.hostName()).append(": ");
        if (p.size().isEmpty()) {
            sb.append("no size in the catalog carries the right-sized stack");
        } else {
            boolean same = p.size().get().equals(a.host().size());
            sb.append(same ? "the right-sized stack still needs " : "the right-sized stack fits ")
                    .append(article(p.size().get())).append(' ').append(p.size().get());
            p.monthlyPrice().ifPresent(m -> sb.append(" at ").append(Formats.money(m)).append("/month"));
            budget.ifPresent(b -> b.proposedFits().ifPresent(fits -> sb.append(fits ? ", within the " : ", over the ")
                    .append(Formats.money(b.budget())).append(" budget")));
            if (!same) {
                p.monthlySaving().ifPresent(m -> sb.append(", saving ").append(Formats.money(m)).append("/month"));
            }
        }
        a.whatIf().ifPresent(w -> {
            List<String> left = w.without().stream().sorted().toList();
            sb.append("; without ").append(String.join(", ", left));
            List<String> instead = left.stream().map(RightsizeCommand::replacement).flatMap(Optional::stream)
                    .distinct().toList();
            if (!instead.isEmpty()) {
                sb.append(" (replaced by ").append(String.join(", ", instead)).append(')');
            }
            if (w.host().size().isEmpty()) {
                sb.append(" no size in the catalog carries the rest");
                return;
            }
            sb.append(' ').append(article(w.host().size().get())).append(' ').append(w.host().size().get());
            w.host().monthlyPrice().ifPresent(m -> sb.append(" at ").append(Formats.money(m)).append("/month"));
            w.fitsBudget().ifPresent(fits -> sb.append(fits ? " fits the budget" : " is still over the budget"));
            if (w.host().monthlyPrice().isPresent()
                    && w.host().monthlyPrice().get().currency().equals(a.host().monthlyPrice().currency())) {
                Money saving = a.host().monthlyPrice().minus(w.host().monthlyPrice().get());
                if (saving.amount().signum() > 0) {
                    sb.append(", saving ").append(Formats.money(saving)).append("/month on today's host");
                }
            }
        });
        return sb.append('.').toString();
    }

    /**
     * "an s-2vcpu-4gb", "a c-8", "an m5.large", "a db-s-1vcpu-2gb": a slug that opens with a single
     * letter is read letter by letter, so the article follows how the letter is said.
     */
    static String article(String size) {
        if (size.isEmpty()) {
            return "a";
        }
        char first = Character.toLowerCase(size.charAt(0));
        boolean spelt = size.length() == 1 || !Character.isLetter(size.charAt(1));
        return (spelt ? "aefhilmnorsx" : "aeiou").indexOf(first) >= 0 ? "an" : "a";
    }
}
