package dev.purser.core.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.purser.core.config.AlertRouteConfig;
import dev.purser.core.model.Money;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AlertPolicyTest {

    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
    private static final AlertRouteConfig ROUTE = new AlertRouteConfig("anomaly", "*", "slack", "C1", null, false,
            false, Duration.ofHours(24));

    private static Alert alert(String amount, boolean once) {
        return new Alert(AlertKind.ANOMALY, "k", null, null, null, "t", List.of(),
                amount == null ? null : Money.of(amount, "USD"), once, "purser anomalies");
    }

    private static Optional<Delivered> sent(String amount, Instant at, boolean once) {
        return Optional.of(new Delivered("k", ROUTE.name(), once, amount == null ? null : Money.of(amount, "USD"), at, at, 1));
    }

    @Test
    void decide_neverSent_sends() {
        assertThat(AlertPolicy.decide(Optional.empty(), alert("10", true), ROUTE, T0)).isEqualTo(AlertPolicy.Decision.SEND);
    }

    @Test
    void decide_onceOnlyAlreadySent_isDuplicateForever() {
        assertThat(AlertPolicy.decide(sent("10", T0, true), alert("99", true), ROUTE, T0.plus(Duration.ofDays(400))))
                .isEqualTo(AlertPolicy.Decision.DUPLICATE);
    }

    @Test
    void decide_withinQuietPeriod_isQuietEvenWhenIncreased() {
        assertThat(AlertPolicy.decide(sent("10", T0, false), alert("99", false), ROUTE, T0.plus(Duration.ofHours(23))))
                .isEqualTo(AlertPolicy.Decision.QUIET);
    }

    @Test
    void decide_afterQuietPeriod_onlyIncreaseSends() {
        Instant later = T0.plus(Duration.ofHours(24));
        assertThat(AlertPolicy.decide(sent("10", T0, false), alert("10", false), ROUTE, later))
                .isEqualTo(AlertPolicy.Decision.NOT_INCREASED);
        assertThat(AlertPolicy.decide(sent("10", T0, false), alert("9.99", false), ROUTE, later))
                .isEqualTo(AlertPolicy.Decision.NOT_INCREASED);
        assertThat(AlertPolicy.decide(sent("10", T0, false), alert("10.01", false), ROUTE, later))
                .isEqualTo(AlertPolicy.Decision.SEND);
    }

    @Test
    void decide_noAmount_repeatsAfterQuietPeriod() {
        assertThat(AlertPolicy.decide(sent(null, T0, false), alert(null, false), ROUTE, T0.plus(Duration.ofDays(1))))
                .isEqualTo(AlertPolicy.Decision.SEND);
    }
}
