package dev.purser.commands.rightsizing;

import dev.purser.commands.Invocation;
import dev.purser.commands.reply.FollowUp;
import dev.purser.commands.reply.Reply;
import dev.purser.core.analysis.recommendations.ComposeStack;
import dev.purser.core.analysis.recommendations.RightsizingReport;
import dev.purser.core.analysis.rightsizing.Recommendation;
import dev.purser.core.analysis.rightsizing.RecommendationKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The next questions a right-sizing answer suggests: the whole patched compose file, and the
 * usage chart of the top recommendation. A follow-up repeats the options the answer rests on
 * (the files of a files-only answer, the budget and the what-if) so it asks about the same stack.
 */
final class RightsizeFollowUps {

    private final RightsizeArguments args;

    RightsizeFollowUps(RightsizeArguments args) {
        this.args = args;
    }

    /** Offers the whole patched file of a stack whose diff was shown. */
    void patchedFile(Reply.Builder reply, Invocation inv, ComposeStack stack) {
        reply.followUp(FollowUp.to("Whole patched compose file", RightsizeCommand.NAME).positional(stack.hostName())
                .option(args.kind.name(), "container").flag(args.patched.name()).arguments(whatIfOptions(inv)));
    }

    /**
     * Offers the usage chart of the top recommendation with usage to draw. A compose host has no
     * series of its own: its busiest service is charted instead.
     */
    void usageChart(Reply.Builder reply, Invocation inv, RightsizingReport report) {
        Set<String> hosts = Set.copyOf(report.stacks().stream().map(ComposeStack::hostId).toList());
        // and one with usage to draw, where there is one (a container without data has nothing to chart)
        List<Recommendation> own = report.recommendations().stream().filter(r -> !hosts.contains(r.resourceId()))
                .toList();
        Optional<Recommendation> chartable = own.stream().filter(r -> r.evidence().sampleCount() > 0).findFirst()
                .or(() -> own.stream().findFirst());
        if (chartable.isEmpty()) {
            return;
        }
        Recommendation top = chartable.get();
        // a Kubernetes container by its namespace/workload/container path: its bare name repeats across workloads
        boolean k8s = top.kind() == RecommendationKind.KUBERNETES_CONTAINER;
        String subject = k8s ? top.resourceId() : top.resourceName();
        FollowUp.Builder chart = FollowUp.to("Usage chart of " + subject, RightsizeCommand.NAME).positional(subject);
        if (top.kind() == RecommendationKind.COMPOSE_SERVICE) {
            chart.option(args.kind.name(), "container");
        } else if (k8s) {
            chart.option(args.kind.name(), "k8s");
        }
        reply.followUp(chart.flag(args.chart.name()).arguments(fileOptions(inv)));
    }

    /** The files a files-only answer rests on, so its follow-ups ask about the same stack. */
    private List<FollowUp.Argument> fileOptions(Invocation inv) {
        Path s = inv.get(args.stats);
        if (s == null) {
            return List.of();
        }
        return List.of(FollowUp.Argument.option(args.compose.name(), inv.get(args.compose).toString()),
                FollowUp.Argument.option(args.stats.name(), s.toString()),
                FollowUp.Argument.option(args.host.name(), inv.get(args.host).trim()));
    }

    private List<FollowUp.Argument> whatIfOptions(Invocation inv) {
        List<FollowUp.Argument> options = new ArrayList<>(fileOptions(inv));
        if (inv.get(args.budget) != null) {
            options.add(FollowUp.Argument.option(args.budget.name(), inv.get(args.budget).toPlainString()));
        }
        for (String w : inv.getAll(args.without)) {
            options.add(FollowUp.Argument.option(args.without.name(), w));
        }
        return options;
    }
}
