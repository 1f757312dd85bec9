package dev.purser.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.purser.core.analysis.rightsizing.Configuration;
import dev.purser.core.analysis.rightsizing.Level;
import dev.purser.core.analysis.rightsizing.RecommendationKind;
import dev.purser.core.analysis.rightsizing.RightsizingChange;
import dev.purser.core.model.Money;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class PlanContentTest {

    /** A plan built by hand, so its hash depends on nothing but this code. */
    static PlanContent sample(String threshold) {
        Configuration two = Configuration.machine("db-s-1vcpu-2gb", 1, 2.0 * (1L << 30), OptionalInt.of(2),
                Optional.of(Money.of("60.00", "USD")));
        Configuration one = Configuration.machine("db-s-1vcpu-2gb", 1, 2.0 * (1L << 30), OptionalInt.of(1),
                Optional.of(Money.of("30.00", "USD")));
        PlannedChange change = new PlannedChange("digitalocean.database.resize", new RightsizingChange(two, one));
        PhaseTarget target = new PhaseTarget("2a5e6c38", "sso-prod", RecommendationKind.DATABASE_CLUSTER, "mandible",
                "production", false, "rs-0123456789", change, change.inverse(), Optional.of(Money.of("30.00", "USD")),
                Level.MEDIUM, List.of("one node: failover becomes a restore"), Optional.empty(),
                Optional.of(new Traffic("connections", new BigDecimal("6.934"), 2880)));
        MaintenanceWindow window = MaintenanceWindow.parse("Sat 02:00-04:00 Europe/Berlin", ZoneOffset.UTC);
        Phase phase = new Phase(1, "sso-prod", false, "production", List.of(target),
                window.next(Instant.parse("2026-11-22T12:00:00Z")),
                List.of(new PreCheck(PreCheck.Kind.BACKUP_NEWER_THAN, "PT24H")), Duration.ofHours(24),
                List.of(new Trigger("cpu_percent", Trigger.Comparison.ABOVE, new BigDecimal(threshold), false,
                        Duration.ofMinutes(5))));
        return new PlanContent("Right-size sso-prod (mandible)", List.of("rs-0123456789"), window, "as given", List.of(phase));
    }

    @Test
    void hash_isStableAcrossRuns() {
        // pinned: a change to the canonical form must be deliberate (and bump PlanContent.FORMAT)
        assertThat(sample("80").hash()).isEqualTo(sample("80.0").hash()).hasSize(64)
                .isEqualTo(PINNED);
    }

    @Test
    void hash_changesWithAnyFigure() {
        assertThat(sample("85").hash()).isNotEqualTo(sample("80").hash());
    }

    @Test
    void canonical_namesEveryFactOnItsOwnLine() {
        assertThat(sample("80").canonical()).startsWith("purser-plan/1\n")
                .contains("window Sat 02:00-04:00 Europe/Berlin\n")
                .contains("    window 2026-11-28T01:00:00Z..2026-11-28T03:00:00Z Europe/Berlin\n")
                .contains("    trigger cpu_percent above 80 for PT5M\n")
                .contains("change executor=digitalocean.database.resize;from{machine;memory_bytes=2147483648;nodes=2;"
                        + "size=db-s-1vcpu-2gb;vcpus=1;monthly_price=60 USD} -> to{machine;memory_bytes=2147483648;"
                        + "nodes=1;size=db-s-1vcpu-2gb;vcpus=1;monthly_price=30 USD}")
                .contains("saving 30 USD")
                .contains("traffic connections=6.93 n=2880");
    }

    static final String PINNED = "67aa176623ae38752fe1ed431cb9a78cfc3f96bb7b6e7d3e705c1d477c05e8f1";
}
