package dev.purser.commands.testing;

import dev.purser.commands.Principal;
import dev.purser.commands.reply.Chart;
import dev.purser.commands.reply.Column;
import dev.purser.commands.reply.Details;
import dev.purser.commands.reply.FollowUp;
import dev.purser.commands.reply.Quantity;
import dev.purser.commands.reply.Reply;
import dev.purser.commands.reply.Table;
import dev.purser.commands.reply.UsageFigures;
import dev.purser.commands.reply.Value;
import dev.purser.commands.reply.ValueType;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.model.Dimension;
import dev.purser.core.model.Money;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Replies every renderer is tested (and golden-filed) against: real command output over fakes
 * at a fixed moment, plus one hand-built reply that uses every part and value type.
 */
public final class SampleReplies {

    private SampleReplies() {
    }

    /** By name, in a fixed order. */
    public static Map<String, Reply> all() {
        Map<String, Reply> samples = new LinkedHashMap<>();
        Path imports;
        try {
            imports = Files.createTempDirectory("purser-samples");
            Files.writeString(imports.resolve("october.csv"), "x");
            Files.writeString(imports.resolve("november.csv"), "x");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Fixtures fx = new Fixtures(imports);
        mandible(fx.costs);
        Principal viewer = Fixtures.viewer();
        samples.put("cost", fx.dispatcher.run(viewer, "cli", "cost last-month --top 3"));
        samples.put("cost-by-region-filtered", fx.dispatcher.run(viewer, "cli",
                "cost 2026-10 --by region --where service=Droplets"));
        samples.put("cost-empty", fx.dispatcher.run(viewer, "cli", "cost 2025-01"));
        samples.put("movers", fx.dispatcher.run(viewer, "cli", "movers last-month"));
        samples.put("help", fx.dispatcher.run(viewer, "cli", "help"));
        samples.put("help-cost", fx.dispatcher.run(viewer, "cli", "help cost"));

        Fixtures euro = new Fixtures(imports);
        euro.costs.charge("2026-10-03", "Droplets", "100.10", "USD")
                .charge("2026-09-03", "Droplets", "90.00", "USD")
                .charge("2026-10-04", "Object Storage", "20.005", "EUR")
                .charge("2026-10-05", "Compute", "20.005", "EUR");
        samples.put("cost-multi-currency", euro.dispatcher.run(viewer, "cli", "cost last-month"));

        fx.importer.answer("october.csv", RecordingImporter.result("october.csv", 1204, "3986.214", "USD",
                "2026-10-01", "2026-10-31", 1198, List.of("october.csv:17: BilledCost: 'abc' is not a number")));
        fx.importer.answer("november.csv", RecordingImporter.result("november.csv", 512, "1804.5", "USD",
                "2026-11-01", "2026-11-14", 0, List.of()));
        samples.put("import", fx.dispatcher.run(Fixtures.requester(), "cli",
                "import focus october.csv november.csv --lenient"));

        samples.put("error", Reply.error("cost", ErrorCode.BAD_ARGUMENT,
                "--by: unknown dimension 'colour'; expected one of: service, region", "abcd1234"));
        samples.put("kitchen-sink", kitchenSink());
        samples.put("plan-sample", dev.purser.commands.plan.PlanSamples.show());
        return samples;
    }

    /** Three months of the mandible DigitalOcean bill, with amounts that need reconciling when rounded. */
    public static void mandible(FakeCostQueries costs) {
        Dimension region = new Dimension(Dimension.Kind.REGION, null);
        String[][] rows = {
            {"2026-09-05", "Droplets", "nyc3", "401.115"},
            {"2026-09-05", "Managed Databases", "nyc3", "300.00"},
            {"2026-09-05", "Spaces", "ams3", "5.00"},
            {"2026-10-05", "Droplets", "nyc3", "420.005"},
            {"2026-10-06", "Droplets", "ams3", "12.005"},
            {"2026-10-05", "Managed Databases", "nyc3", "300.005"},
            {"2026-10-07", "Spaces", "ams3", "5.005"},
            {"2026-10-07", "CDN", "ams3", "1.005"},
            {"2026-10-08", "Snapshots", "nyc3", "0.005"},
            {"2026-11-02", "Droplets", "nyc3", "210.00"},
        };
        for (String[] r : rows) {
            costs.charge(r[0], Map.of(Dimension.SERVICE, r[1], region, r[2]), r[3], "USD");
        }
        costs.gap("no cost data before 2026-09-01");
    }

    /**
     * Every part of a reply and every value type, including empty cells, code blocks (one with a
     * backtick run and no final line break) and a chart.
     */
    public static Reply kitchenSink() {
        Table table = new Table("mixed", "Every value type", List.of(
                new Column("name", "name", ValueType.TEXT),
                new Column("amount", "amount", ValueType.MONEY),
                new Column("count", "count", ValueType.NUMBER),
                new Column("ratio", "ratio", ValueType.PERCENT),
                new Column("day", "day", ValueType.DATE)),
                List.of(
                        List.of(Value.text("alpha | beta"), Value.money(Money.of("1234.567891", "USD")),
                                Value.number(new BigDecimal("12345.5"), "GiB"), Value.percent(new BigDecimal("0.25")),
                                Value.date(LocalDate.of(2026, 2, 28))),
                        List.of(Value.text("gamma"), Value.money(Money.of("-0.004", "USD")),
                                Value.number(-3, null), Value.empty(ValueType.PERCENT), Value.empty(ValueType.DATE))),
                List.of(Value.text("Total"), Value.money(Money.of("1234.563891", "USD")), Value.empty(ValueType.NUMBER),
                        Value.empty(ValueType.PERCENT), Value.empty(ValueType.DATE)));
        Value oneCore = Value.quantity(Quantity.cores(BigDecimal.ONE));
        Value halfGib = Value.quantity(Quantity.bytes(512L * 1024 * 1024));
        Table typed = new Table("typed", "Structured values", List.of(
                new Column("service", "service", ValueType.TEXT),
                new Column("cpu_request", "cpu request", ValueType.QUANTITY),
                new Column("cpus_limit", "cpus limit", ValueType.CHANGE),
                new Column("size", "size", ValueType.CHANGE),
                new Column("reservations", "reservations", ValueType.DETAILS),
                new Column("usage", "usage", ValueType.USAGE),
                new Column("thresholds", "thresholds", ValueType.LIST)),
                List.of(
                        List.of(Value.text("web"),
                                Value.quantity(new Quantity(new BigDecimal("0.25"), Quantity.Unit.CORES,
                                        Optional.of("250m"))),
                                Value.change(oneCore, Value.quantity(Quantity.cores(new BigDecimal("0.45")))),
                                Value.change(Value.details(new Details(Optional.of("s-2vcpu-4gb"), List.of(
                                        new Details.Field("vcpus", Value.number(2, null))))),
                                        Value.details(new Details(Optional.of("s-1vcpu-2gb"), List.of(
                                                new Details.Field("vcpus", Value.number(1, null)))))),
                                Value.details(new Details(Optional.empty(), List.of(
                                        new Details.Field("cpus", oneCore), new Details.Field("memory_bytes", halfGib)))),
                                Value.usage(new UsageFigures(Optional.of(new BigDecimal("0.2912")),
                                        Optional.of(new BigDecimal("0.3049")), OptionalLong.of(373293056L))),
                                Value.list(List.of(Value.number(50, "%"), Value.number(75, "%")))),
                        List.of(Value.text("worker"), Value.empty(ValueType.QUANTITY),
                                Value.change(Value.empty(ValueType.QUANTITY), oneCore),
                                Value.empty(ValueType.CHANGE),
                                Value.details(new Details(Optional.empty(), List.of(
                                        new Details.Field("cpus", Value.empty(ValueType.QUANTITY)),
                                        new Details.Field("memory_bytes", Value.empty(ValueType.QUANTITY))))),
                                Value.usage(new UsageFigures(Optional.empty(), Optional.empty(), OptionalLong.empty())),
                                Value.list(List.of()))),
                List.of());
        return Reply.builder("sample", "Kitchen sink")
                .summary("Every part of a reply, for the renderer contract.")
                .figure("total", "Total", Value.money(Money.of("1234.563891", "USD")))
                .figure("total_eur", "Total (EUR)", Value.money(Money.of("99.995", "EUR")))
                .figure("memory", "Memory", Value.number(new BigDecimal("2048"), "MiB"))
                .figure("share", "Share", Value.percent(new BigDecimal("-0.0561")))
                .figure("since", "Since", Value.date(LocalDate.of(2024, 2, 29)))
                .figure("owner", "Owner", Value.text("platform team"))
                .table(table)
                .table(typed)
                .code("patch", "Patched compose file", "yaml", "services:\n  web:\n    deploy:\n      resources:\n"
                        + "        limits:\n          memory: 512m\n")
                .code("diff", "Compose diff", "diff", "--- a/docker-compose.yml\n+++ b/docker-compose.yml\n"
                        + "@@ -1,3 +1,3 @@\n services:\n-  memory: 4g\n+  memory: 512m\n # run it with ```` in a shell")
                .chart(new Chart("trend", "Daily cost", "Daily cost rising from $10 to $14 over October",
                        Chart.Kind.STACKED_DAILY_BARS, new Chart.Axis("USD per day", "USD"), List.of(new Chart.Series(
                                "web $24.00", List.of(new Chart.Point(Instant.parse("2026-10-01T00:00:00Z"), 10),
                                        new Chart.Point(Instant.parse("2026-10-02T00:00:00Z"), 14)), false)),
                        List.of()))
                .note("3 resources have no usage data")
                .note("catalog snapshot from 2026-11-01")
                .followUp(FollowUp.to("By region", "cost").positional("last-month").option("by", "region"))
                .build();
    }
}
