package dev.purser.core.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.purser.core.analysis.budgets.Basis;
import dev.purser.core.analysis.budgets.Budget;
import dev.purser.core.analysis.budgets.BudgetScope;
import dev.purser.core.analysis.budgets.Crossing;
import dev.purser.core.config.AlertRouteConfig;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import dev.purser.core.model.Money;
import dev.purser.core.store.JdbcAlertLedger;
import dev.purser.core.store.PurserDatabase;
import dev.purser.core.testing.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Routing and de-duplication over the real ledger in PostgreSQL, with a recording sender. */
class AlertServiceTest {

    private static final AlertRouteConfig BUDGETS = new AlertRouteConfig("budget", "account:livyflow", "slack", "C01");
    private static final AlertRouteConfig ALL_BUDGETS = new AlertRouteConfig("budget", "*", "discord",
            "345678901234567890");
    private static final AlertRouteConfig ANOMALIES = new AlertRouteConfig("anomaly", "*", "slack", "C02", "spend",
            false, false, Duration.ofHours(6));
    private static final AlertRouteConfig DIGEST = new AlertRouteConfig("ingestion", "*", "slack", "C03", "pulls",
            true, false, null);

    private PurserDatabase db;
    private MutableClock clock;
    private RecordingSender sender;

    @BeforeEach
    void setUp() {
        db = TestDatabase.fresh();
        clock = new MutableClock(Instant.parse("2026-11-20T10:00:00Z"));
        sender = new RecordingSender();
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    private AlertService service(AlertRouteConfig... routes) {
        return new AlertService(List.of(routes), new JdbcAlertLedger(db.dataSource()), sender, clock);
    }

    private static Alert crossing(int threshold, Basis basis) {
        Budget budget = new Budget("livyflow-total", Money.of("4000", "USD"), BudgetScope.TOTAL, "livyflow",
                List.of(50, 75, 90, 100));
        return Alerts.budgetCrossing(new Crossing("livyflow-total", YearMonth.of(2026, 11), threshold, basis,
                Money.of("3100.50", "USD"), budget.amount(), LocalDate.of(2026, 11, 19)), budget);
    }

    private static Alert anomaly(String impact) {
        return new Alert(AlertKind.ANOMALY, "anomaly:*:EC2:2026-11-19", "livyflow", null, null, "EC2 spiked",
                List.of("Driver: i-0abc +$" + impact), Money.of(impact, "USD"), false, "purser anomalies 7d");
    }

    @Test
    void publish_budgetCrossing_reachesEveryMatchingRouteOnce_evenAfterRestart() {
        AlertRouteConfig otherAccount = new AlertRouteConfig("budget", "account:mandible", "slack", "C09");
        List<AlertService.Delivery> first = service(BUDGETS, ALL_BUDGETS, otherAccount, ANOMALIES)
                .publish(crossing(75, Basis.ACTUAL));
        assertThat(first).extracting(AlertService.Delivery::outcome)
                .containsExactly(AlertService.Outcome.SENT, AlertService.Outcome.SENT);
        assertThat(sender.sent).extracting(s -> s.route().name()).containsExactly(BUDGETS.name(), ALL_BUDGETS.name());
        assertThat(sender.sent.get(0).message().explain()).isEqualTo("purser budget status --month 2026-11");

        // a new service over the same database, days later: as after a restart
        clock.advance(Duration.ofDays(5));
        List<AlertService.Delivery> again = service(BUDGETS, ALL_BUDGETS).publish(crossing(75, Basis.ACTUAL));
        assertThat(again).extracting(AlertService.Delivery::outcome)
                .containsOnly(AlertService.Outcome.DUPLICATE);
        assertThat(sender.sent).hasSize(2);
    }

    @Test
    void publish_sameThresholdByForecast_isItsOwnCrossing() {
        AlertService alerts = service(BUDGETS);
        alerts.publish(crossing(90, Basis.ACTUAL));
        alerts.publish(crossing(90, Basis.FORECAST));
        alerts.publish(crossing(100, Basis.FORECAST));
        alerts.publish(crossing(90, Basis.FORECAST));
        assertThat(sender.sent).extracting(s -> s.message().title())
                .containsExactly(crossing(90, Basis.ACTUAL).title(), crossing(90, Basis.FORECAST).title(),
                        crossing(100, Basis.FORECAST).title());
    }

    @Test
    void publish_sendFails_releasesTheClaim_soTheNextRunDelivers() {
        AlertService alerts = service(BUDGETS);
        sender.failNext = true;
        assertThat(alerts.publish(crossing(50, Basis.ACTUAL))).extracting(AlertService.Delivery::outcome)
                .containsExactly(AlertService.Outcome.FAILED);
        assertThat(alerts.publish(crossing(50, Basis.ACTUAL))).extracting(AlertService.Delivery::outcome)
                .containsExactly(AlertService.Outcome.SENT);
        assertThat(alerts.publish(crossing(50, Basis.ACTUAL))).extracting(AlertService.Delivery::outcome)
                .containsExactly(AlertService.Outcome.DUPLICATE);
        assertThat(sender.sent).hasSize(1);
    }

    @Test
    void publish_anomaly_quietPeriodStopsRepeats_thenOnlyAnIncreaseIsSent() {
        AlertService alerts = service(ANOMALIES);
        assertThat(alerts.publish(anomaly("120"))).extracting(AlertService.Delivery::outcome)
                .containsExactly(AlertService.Outcome.SENT);
        clock.advance(Duration.ofHours(1));
        assertThat(alerts.publish(anomaly("500"))).extracting(AlertService.Delivery::outcome)
                .containsExactly(AlertService.Outcome.QUIET);
        clock.advance(Duration.ofHours(6));
        assertThat(alerts.publish(anomaly("90"))).extracting(AlertService.Delivery::outcome)
                .containsExactly(AlertService.Outcome.NOT_INCREASED);
        assertThat(alerts.publish(anomaly("120"))).extracting(AlertService.Delivery::outcome)
                .containsExactly(AlertService.Outcome.NOT_INCREASED);
        assertThat(alerts.publish(anomaly("150"))).extracting(AlertService.Delivery::outcome)
                .containsExactly(AlertService.Outcome.SENT);
        assertThat(sender.sent).hasSize(2);
    }

    @Test
    void publish_routeAskingForDecreases_repeatsADecreaseAfterTheQuietPeriod() {
        AlertRouteConfig both = new AlertRouteConfig("anomaly", "*", "slack", "C02", null, false, true,
                Duration.ofHours(1));
        AlertService alerts = service(both);
        alerts.publish(anomaly("120"));
        clock.advance(Duration.ofHours(2));
        assertThat(alerts.publish(anomaly("80"))).extracting(AlertService.Delivery::outcome)
                .containsExactly(AlertService.Outcome.SENT);
    }

    @Test
    void digestRoute_queuesThenFlushSendsOneMessage_andNothingTwice() {
        AlertService alerts = service(DIGEST);
        assertThat(alerts.publish(Alerts.failedPull("daily", "do-billing", null, "401 Unauthorized", "ab12cd34")))
                .extracting(AlertService.Delivery::outcome).containsExactly(AlertService.Outcome.QUEUED);
        assertThat(alerts.publish(Alerts.failedPull("ce", "aws-ce", null, "throttled", "ef56ab78")))
                .extracting(AlertService.Delivery::outcome).containsExactly(AlertService.Outcome.QUEUED);
        assertThat(sender.sent).isEmpty();

        assertThat(alerts.flushDigests()).isEqualTo(2);
        assertThat(sender.sent).hasSize(1);
        assertThat(sender.sent.get(0).message().title()).contains("2 ingestion alerts");
        assertThat(sender.sent.get(0).message().lines()).hasSize(2);
        assertThat(alerts.flushDigests()).isZero();
        assertThat(sender.sent).hasSize(1);
    }

    @Test
    void flushDigests_sendFails_keepsTheQueue() {
        AlertService alerts = service(DIGEST);
        alerts.publish(Alerts.failedPull("daily", "do-billing", null, "boom", "ab12cd34"));
        sender.failNext = true;
        assertThatThrownBy(alerts::flushDigests).isInstanceOf(PurserException.class)
                .extracting(e -> ((PurserException) e).code()).isEqualTo(ErrorCode.EXTERNAL_API_ERROR);
        assertThat(alerts.flushDigests()).isEqualTo(1);
    }

    @Test
    void planEvent_routedByTier_onceEach() {
        AlertRouteConfig prod = new AlertRouteConfig("migration", "tier:production", "slack", "C04");
        AlertRouteConfig staging = new AlertRouteConfig("migration", "tier:staging", "slack", "C05");
        AlertService alerts = service(prod, staging);
        alerts.planEvent("pl-1", "mandible-prod", "rolled-back", "production", "Phase rolled back",
                List.of("p95 latency 480 ms > 300 ms"));
        alerts.planEvent("pl-1", "mandible-prod", "rolled-back", "production", "Phase rolled back", List.of());
        assertThat(sender.sent).hasSize(1);
        assertThat(sender.sent.get(0).route().channel()).isEqualTo("C04");
        assertThat(sender.sent.get(0).message().explain()).isEqualTo("purser migration status pl-1");
    }

    @Test
    void test_unknownRoute_isNotFound_knownRouteSendsASample() {
        AlertService alerts = service(BUDGETS);
        assertThatThrownBy(() -> alerts.test("nope")).isInstanceOf(PurserException.class)
                .extracting(e -> ((PurserException) e).code()).isEqualTo(ErrorCode.NOT_FOUND);
        alerts.test(BUDGETS.name());
        assertThat(sender.sent).hasSize(1);
        assertThat(sender.sent.get(0).message().explain()).isEqualTo("purser alerts test budget-slack-c01");
    }

    record Sent(AlertRouteConfig route, AlertMessage message) {
    }

    static final class RecordingSender implements AlertSender {
        final List<Sent> sent = new CopyOnWriteArrayList<>();
        boolean failNext;

        @Override
        public void send(AlertRouteConfig route, AlertMessage message) {
            if (failNext) {
                failNext = false;
                throw new PurserException(ErrorCode.EXTERNAL_API_ERROR, "Slack answered 503");
            }
            sent.add(new Sent(route, message));
        }
    }

    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
