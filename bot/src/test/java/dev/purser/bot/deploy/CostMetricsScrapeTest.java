package dev.purser.bot.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.purser.bot.metrics.PurserMetrics;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The cost figures {@code /metrics} serves over the demo's data equal what the commands answer
 * for the same data: {@code cost} for the day and the month-end forecast, {@code budget} for the
 * share used, {@code savings} for the monthly saving.
 */
class CostMetricsScrapeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A gauge is a double: equal to the command's exact decimal to well under a cent. */
    private static final double CENT_FRACTION = 1e-6;

    private static DemoServer demo;
    private static Scrape scrape;

    @BeforeAll
    static void scrapeOnce() {
        demo = DemoServer.get();
        scrape = Scrape.parse(demo.scrape());
    }

    private static JsonNode json(String... args) {
        DemoServer.Result r = demo.run(args);
        assertThat(r.code()).as(String.join(" ", args) + ": " + r.err()).isZero();
        try {
            return JSON.readTree(r.out());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static BigDecimal figure(JsonNode reply, String key) {
        for (JsonNode f : reply.get("figures")) {
            if (f.get("key").asText().equals(key)) {
                JsonNode v = f.get("value");
                return new BigDecimal((v.has("amount") ? v.get("amount") : v).asText());
            }
        }
        throw new AssertionError("no figure " + key + " in " + reply);
    }

    private static LocalDate day() {
        List<Scrape.Sample> day = scrape.of("daily_cost_day_timestamp_seconds");
        assertThat(day).hasSize(1);
        return LocalDate.ofEpochDay((long) day.get(0).value() / 86_400);
    }

    @Test
    void dailyCost_isYesterday_andEqualsCostByServiceForEachProvider() {
        assertThat(day()).isEqualTo(LocalDate.of(2026, 11, 22));
        Set<String> providers = new HashSet<>();
        scrape.of("daily_cost_dollars").forEach(s -> providers.add(s.labels().get("provider")));
        assertThat(providers).isNotEmpty();
        for (String provider : providers) {
            JsonNode reply = json("cost", day() + ".." + day(), "--by", "service", "--provider", provider, "--top", "20",
                    "--format", "json");
            Map<String, Double> scraped = new HashMap<>();
            scrape.of("daily_cost_dollars", Map.of("provider", provider))
                    .forEach(s -> scraped.put(s.labels().get("service"), s.value()));
            Map<String, BigDecimal> answered = new HashMap<>();
            for (JsonNode row : reply.get("tables").get(0).get("rows")) {
                answered.put(row.get("key").asText(), new BigDecimal(row.get("amount").get("amount").asText()));
            }
            assertThat(scraped.keySet()).as(provider).isEqualTo(answered.keySet());
            answered.forEach((service, amount) -> assertThat(scraped.get(service)).as(provider + " " + service)
                    .isCloseTo(amount.doubleValue(), within(CENT_FRACTION)));
            assertThat(scraped.values().stream().mapToDouble(Double::doubleValue).sum())
                    .isCloseTo(figure(reply, "total").doubleValue(), within(1e-4));
        }
    }

    @Test
    void forecast_equalsCostMonthToDateForecast_perProvider() {
        List<Scrape.Sample> forecasts = scrape.of("monthly_cost_forecast_dollars");
        assertThat(forecasts).isNotEmpty();
        for (Scrape.Sample s : forecasts) {
            String provider = s.labels().get("provider");
            JsonNode reply = json("cost", "mtd", "--provider", provider, "--format", "json");
            assertThat(s.value()).as(provider).isCloseTo(figure(reply, "forecast").doubleValue(), within(CENT_FRACTION));
        }
    }

    @Test
    void budgetUsage_equalsBudgetCommand() {
        JsonNode reply = json("budget", "--format", "json");
        JsonNode rows = reply.get("tables").get(0).get("rows");
        assertThat(rows.size()).isPositive();
        assertThat(scrape.of("cost_budget_usage_percent")).hasSize(rows.size());
        for (JsonNode row : rows) {
            String name = row.get("name").asText();
            double used = row.get("used").asDouble() * 100;
            double forecastUsed = row.get("forecast_used").asDouble() * 100;
            assertThat(scrape.of("cost_budget_usage_percent", Map.of("budget", name))).singleElement()
                    .extracting(Scrape.Sample::value).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.DOUBLE)
                    .isCloseTo(used, within(1e-9));
            assertThat(scrape.of("cost_budget_forecast_usage_percent", Map.of("budget", name)).get(0).value())
                    .isCloseTo(forecastUsed, within(1e-9));
        }
    }

    @Test
    void savingsPotential_addsUpToSavingsCommandTotal() {
        JsonNode reply = json("savings", "--format", "json");
        List<Scrape.Sample> kinds = scrape.of("savings_potential_dollars");
        assertThat(kinds).extracting(s -> s.labels().get("kind"))
                .containsExactlyInAnyOrder("waste", "rightsizing", "commitment");
        assertThat(kinds.stream().mapToDouble(Scrape.Sample::value).sum())
                .isCloseTo(figure(reply, "total").doubleValue(), within(1e-4));
        assertThat(figure(reply, "total")).isPositive();
    }

    @Test
    void apiCallsRemaining_isTheLastRecordedLimit() {
        assertThat(scrape.of("api_calls_remaining", Map.of("provider", "DigitalOcean", "limit_type", "requests_per_hour")))
                .singleElement().extracting(Scrape.Sample::value).isEqualTo(4987.0);
    }

    @Test
    void importRows_countTheDemoRows() {
        double rows = scrape.of("purser_import_rows_total").stream().mapToDouble(Scrape.Sample::value).sum();
        assertThat(rows).isPositive();
        assertThat(scrape.of("purser_last_import_timestamp_seconds")).isNotEmpty();
    }

    @Test
    void anomalies_exportEveryKind() {
        assertThat(scrape.of("cost_anomalies")).extracting(s -> s.labels().get("kind"))
                .containsExactlyInAnyOrder("spike", "level_shift");
        assertThat(scrape.of("cost_anomaly_impact_dollars")).hasSize(2);
    }

    @Test
    void commandDuration_hasCommandFaceAndOutcome() {
        assertThat(scrape.of("purser_command_duration_seconds_count",
                Map.of("command", "help", "face", "cli", "outcome", "ok"))).singleElement()
                .extracting(Scrape.Sample::value).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.DOUBLE)
                .isGreaterThanOrEqualTo(1.0);
    }

    @Test
    void labels_bounded_noResourceIds_andAtMostTwentyServicesAndOtherPerProvider() {
        Map<String, Integer> services = new HashMap<>();
        for (Scrape.Sample s : scrape.samples()) {
            assertThat(s.labels().keySet()).doesNotContain("resource", "resource_id", "id");
            s.labels().values().forEach(v -> assertThat(v).hasSizeLessThan(100).doesNotStartWith("i-")
                    .doesNotStartWith("arn:").doesNotStartWith("/subscriptions/"));
            if (s.name().equals("daily_cost_dollars")) {
                services.merge(s.labels().get("provider"), 1, Integer::sum);
            }
        }
        assertThat(services.values()).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(21));
    }

    @Test
    void jobRunsAndPlans_areFedByTheirOwners() throws IOException {
        PurserMetrics metrics = new PurserMetrics();
        metrics.jobRun("do-billing", "ok");
        metrics.jobRun("do-billing", "failed");
        metrics.jobRun("do-billing", "failed");
        metrics.plansByState(() -> Map.of("proposed", 2, "approved", 1));
        Scrape s = Scrape.parse(text(metrics));
        assertThat(s.of("purser_job_runs_total", Map.of("job", "do-billing", "outcome", "failed")))
                .singleElement().extracting(Scrape.Sample::value).isEqualTo(2.0);
        assertThat(s.of("purser_plans", Map.of("state", "proposed"))).singleElement()
                .extracting(Scrape.Sample::value).isEqualTo(2.0);
    }

    @Test
    void jobRun_labelThatIsNotAWord_refused() {
        PurserMetrics metrics = new PurserMetrics();
        assertThatThrownBy(() -> metrics.jobRun("do billing for droplet 1234 at 2026-11-23T12:00", "ok"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("job must be a short word");
        assertThatThrownBy(() -> metrics.jobRun("do-billing", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outcome");
    }

    @Test
    void watch_twice_refused() {
        assertThatThrownBy(() -> demo.runtime.metrics().watch(demo.runtime.engine()))
                .isInstanceOf(IllegalStateException.class);
    }

    private static String text(PurserMetrics metrics) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, metrics.registry().scrape());
        return out.toString(StandardCharsets.UTF_8);
    }
}
