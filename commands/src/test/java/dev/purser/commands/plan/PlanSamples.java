package dev.purser.commands.plan;

import dev.purser.commands.reply.Reply;
import dev.purser.core.analysis.rightsizing.Configuration;
import dev.purser.core.analysis.rightsizing.DecisionMatrix;
import dev.purser.core.analysis.rightsizing.Level;
import dev.purser.core.analysis.rightsizing.RecommendationKind;
import dev.purser.core.analysis.rightsizing.RightsizingChange;
import dev.purser.core.config.ApprovalPolicyConfig;
import dev.purser.core.config.ApprovalScope;
import dev.purser.core.model.Money;
import dev.purser.core.plan.ApprovalPolicies;
import dev.purser.core.plan.ApprovalRules;
import dev.purser.core.plan.Decision;
import dev.purser.core.plan.MaintenanceWindow;
import dev.purser.core.plan.Phase;
import dev.purser.core.plan.PhaseTarget;
import dev.purser.core.plan.Plan;
import dev.purser.core.plan.PlanBuilder;
import dev.purser.core.plan.PlanContent;
import dev.purser.core.plan.PlanState;
import dev.purser.core.plan.PlannedChange;
import dev.purser.core.plan.PreCheck;
import dev.purser.core.plan.SignOff;
import dev.purser.core.plan.Traffic;
import dev.purser.core.plan.WindowSlot;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A plan show reply built by hand (no database), for the face contracts: the seed story's three
 * phases with a decision matrix, one of two production approvals in.
 */
public final class PlanSamples {

    static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    private PlanSamples() {
    }

    public static Reply show() {
        Plan plan = Plan.of(7, 1, "alice", "alice", PlanState.APPROVED, NOW, NOW, content());
        ApprovalRules rules = new ApprovalRules(new ApprovalPolicies(List.of(
                new ApprovalPolicyConfig("production", 2, Set.of("approver"), List.of(), ApprovalScope.PER_PHASE,
                        Duration.ofDays(14)),
                new ApprovalPolicyConfig("*", 1, Set.of("approver"), List.of(), ApprovalScope.PER_PLAN,
                        Duration.ofDays(7)))));
        List<SignOff> signOffs = new ArrayList<>();
        signOffs.add(new SignOff(7, 1, plan.hash(), SignOff.WHOLE_PLAN, Decision.APPROVE, "slack", "T0123/U0BOB", "bob",
                "bob", "rehearsal first", NOW, NOW.plus(Duration.ofDays(3)), Optional.empty()));
        signOffs.add(new SignOff(7, 1, plan.hash(), 2, Decision.APPROVE, "discord", "234567890123456789", "carol",
                "carol", "", NOW, NOW.plus(Duration.ofDays(12)), Optional.empty()));
        return PlanReplies.show(PlanCommand.NAME, "Plan 7: " + plan.content().title(), plan,
                rules.tally(plan, signOffs, NOW), List.of());
    }

    static PlanContent content() {
        MaintenanceWindow w = MaintenanceWindow.parse("Sat 02:00-04:00 Europe/Berlin", ZoneOffset.UTC);
        PhaseTarget sso = target("2a5e6c38", "sso-prod", "db-s-1vcpu-2gb", "30", "6.93");
        PhaseTarget main = target("9cc10173", "mandible-prod", "db-s-2vcpu-4gb", "60", "21.40");
        WindowSlot first = w.next(NOW);
        WindowSlot second = w.next(first.end().plus(Duration.ofHours(1)));
        WindowSlot third = w.next(second.end().plus(Duration.ofHours(24)));
        List<PreCheck> checks = List.of(new PreCheck(PreCheck.Kind.BACKUP_NEWER_THAN, "PT24H"),
                new PreCheck(PreCheck.Kind.METRICS_IN_BAND, "cpu_percent,memory_percent,connections within p5-p95 of 30d"),
                new PreCheck(PreCheck.Kind.NO_OTHER_PLAN_LOCK, ""));
        return new PlanContent("Right-size mandible-prod, sso-prod (mandible)", List.of("rs-9a1b2c3d4e", "rs-5f6a7b8c9d"), w,
                "a rehearsal on forks from the latest backups before production; production from the lowest measured "
                        + "traffic to the highest: mean connections over the last 30d (sso-prod 6.93, mandible-prod 21.40)",
                List.of(new Phase(1, "rehearsal", true, "test", List.of(sso.asRehearsal("digitalocean.database.rehearsal"),
                                main.asRehearsal("digitalocean.database.rehearsal")), first, checks, Duration.ofHours(1),
                                PlanBuilder.DATABASE_TRIGGERS),
                        new Phase(2, "sso-prod", false, "production", List.of(sso), second, checks, Duration.ofHours(24),
                                PlanBuilder.DATABASE_TRIGGERS),
                        new Phase(3, "mandible-prod", false, "production", List.of(main), third, checks,
                                Duration.ofHours(24), PlanBuilder.DATABASE_TRIGGERS)));
    }

    private static PhaseTarget target(String id, String name, String size, String node, String connections) {
        Money perNode = Money.of(node, "USD");
        Configuration two = Configuration.machine(size, Double.NaN, Double.NaN, OptionalInt.of(2),
                Optional.of(perNode.times(BigDecimal.valueOf(2))));
        Configuration one = Configuration.machine(size, Double.NaN, Double.NaN, OptionalInt.of(1), Optional.of(perNode));
        PlannedChange change = new PlannedChange("digitalocean.database.resize", new RightsizingChange(two, one));
        DecisionMatrix matrix = new DecisionMatrix(id, false, "production", List.of(
                new DecisionMatrix.Option(two.label(), size, 2, true, two.monthlyPrice(), Optional.of(Money.of("0", "USD")),
                        "unchanged", "automatic failover in about a minute", "about 16 min", "near zero", "today",
                        "none", Level.LOW, true, ""),
                new DecisionMatrix.Option(one.label(), size, 1, false, one.monthlyPrice(), Optional.of(perNode),
                        "same headroom on one node", "restore from backup, about 16 min", "about 16 min",
                        "minutes of writes", "today", "one resize", Level.HIGH, true, "")),
                one.label(), List.of("p99 CPU fits one node with headroom"));
        return new PhaseTarget(id, name, RecommendationKind.DATABASE_CLUSTER, "mandible", "production", false,
                "rs-" + id + "00", change, change.inverse(), Optional.of(perNode), Level.HIGH,
                List.of("one node: a failure means a restore"), Optional.of(matrix),
                Optional.of(new Traffic("connections", new BigDecimal(connections), 2880)));
    }
}
