package dev.purser.commands.rightsizing;

import static dev.purser.commands.rightsizing.KubernetesShop.CLOCK;
import static dev.purser.commands.rightsizing.KubernetesShop.MIB;
import static dev.purser.commands.rightsizing.KubernetesShop.SCENARIO;
import static dev.purser.commands.rightsizing.KubernetesShop.VIEWER;
import static dev.purser.commands.rightsizing.KubernetesShop.container;
import static dev.purser.commands.rightsizing.KubernetesShop.series;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.purser.commands.CommandDispatcher;
import dev.purser.commands.CommandRegistry;
import dev.purser.commands.PathPolicy;
import dev.purser.commands.charts.ChartRasterizer;
import dev.purser.commands.render.Formats;
import dev.purser.commands.reply.Chart;
import dev.purser.commands.reply.Reply;
import dev.purser.commands.reply.Table;
import dev.purser.core.analysis.catalog.PriceCatalogs;
import dev.purser.core.analysis.recommendations.RightsizingService;
import dev.purser.core.analysis.rightsizing.RightsizingEngine;
import dev.purser.core.analysis.rightsizing.RightsizingRules;
import dev.purser.core.model.UsageSeries;
import dev.purser.core.store.InventoryRepository;
import dev.purser.core.store.PurserDatabase;
import dev.purser.core.testing.TestDatabase;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code rightsize <workload> --kind k8s --chart}: per container, CPU and memory usage per pod
 * against the current and proposed limit and request, stored the way {@code import prometheus}
 * lands Kubernetes containers.
 */
class RightsizeKubernetesChartTest {

    /** The dashed current-limit and proposed-limit colours the rasteriser gives {@link Chart.Emphasis}. */
    static final int CURRENT = 0x718096;
    static final int PROPOSED = 0xdd6b20;
    static final int CURRENT_REQUEST = 0xa0aec0;

    private static PurserDatabase db;
    private static CommandDispatcher dispatcher;

    @BeforeAll
    static void load() throws Exception {
        db = TestDatabase.fresh();
        InventoryRepository inventory = new InventoryRepository(db.dataSource());
        List<UsageSeries> usage = new ArrayList<>();
        // app: a daily cycle between 0.1 and 0.3 cores, memory 300-330 MiB, against limits of 2 cores and 2 GiB
        usage.add(series("k8s/shop/api/app", "cpu_cores", "cores", i -> 0.2 + 0.1 * Math.sin(i * 2 * Math.PI / 288)));
        usage.add(series("k8s/shop/api/app", "memory_bytes", "bytes", i -> 300 * MIB + (i % 31) * MIB));
        // sidecar: no limits at all, small steady usage
        usage.add(series("k8s/shop/api/sidecar", "cpu_cores", "cores", i -> 0.02 + (i % 3) * 0.001));
        usage.add(series("k8s/shop/api/sidecar", "memory_bytes", "bytes", i -> 40 * MIB + (i % 7) * MIB));
        inventory.replaceScenario(SCENARIO, List.of(
                container("api", "Deployment", "app", "3", "hpa", true),
                container("api", "Deployment", "sidecar", "3", "hpa", false),
                container("worker", "Deployment", "worker", "2", "none", true)), usage);
        RightsizingEngine engine = new RightsizingEngine(PriceCatalogs.bundled(), RightsizingRules.defaults(), CLOCK);
        RightsizingService service = new RightsizingService(inventory, engine, null, CLOCK);
        dispatcher = new CommandDispatcher(CommandRegistry.of(RightsizeCommand.create(service,
                PathPolicy.of(Files.createTempDirectory("rightsize-k8s-chart")))));
    }

    @AfterAll
    static void close() {
        db.close();
    }



    private static Reply run(String line) {
        Reply reply = dispatcher.run(VIEWER, "slack", line);
        assertThat(reply.isError()).as(String.valueOf(reply.error())).isFalse();
        return reply;
    }

    private static Chart chart(Reply reply, String key) {
        return reply.charts().stream().filter(c -> c.key().equals(key)).findFirst()
                .orElseThrow(() -> new AssertionError("no chart " + key + " in " + reply.charts().stream()
                        .map(Chart::key).toList()));
    }

    private static String cell(Table t, int row, String column) {
        int i = t.columns().stream().map(c -> c.key()).toList().indexOf(column);
        return Formats.value(t.rows().get(row).get(i));
    }

    /** Cores of a Kubernetes CPU quantity, as written in the containers table ({@code 350m} or {@code 2}). */
    private static double cores(String quantity) {
        return quantity.endsWith("m") ? Double.parseDouble(quantity.substring(0, quantity.length() - 1)) / 1000
                : Double.parseDouble(quantity);
    }

    /** The image row where a horizontal line of this exact colour is longest (the legend swatch is short). */
    private static int row(BufferedImage image, int rgb) {
        int best = -1;
        int bestCount = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            int count = 0;
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xffffff) == rgb) {
                    count++;
                }
            }
            if (count > bestCount) {
                bestCount = count;
                best = y;
            }
        }
        assertThat(bestCount).as("a line of colour %06x", rgb).isGreaterThan(50);
        return best;
    }

    @Test
    void rightsize_k8sWorkloadChart_cpuAndMemoryPerContainerAgainstLimitsAndRequests() throws IOException {
        Reply reply = run("rightsize api --kind k8s --chart");

        assertThat(reply.charts()).extracting(Chart::key).containsExactly("usage_cpu_shop_api_app",
                "usage_memory_shop_api_app", "usage_cpu_shop_api_sidecar", "usage_memory_shop_api_sidecar");
        Table containers = reply.tables().stream().filter(t -> t.key().equals("k8s_containers_shop_api"))
                .findFirst().orElseThrow();
        String proposedLimit = cell(containers, 0, "proposed_cpu_limit");
        String proposedRequest = cell(containers, 0, "proposed_cpu_request");
        Chart cpu = chart(reply, "usage_cpu_shop_api_app");
        // the series are named in the alt text, each with the quantity a manifest would carry
        assertThat(cpu.altText()).isEqualTo("shop/api/app CPU usage per replica (cores) against current limit 2,"
                + " current request 1, proposed limit " + proposedLimit + ", proposed request " + proposedRequest
                + " (autoscaled by an HPA: usage and requests are per replica)");
        assertThat(chart(reply, "usage_memory_shop_api_app").altText()).startsWith(
                "shop/api/app memory usage per replica (GiB) against current limit 2Gi, current request 1Gi,"
                        + " proposed limit " + cell(containers, 0, "proposed_memory_limit") + ", proposed request "
                        + cell(containers, 0, "proposed_memory_request"));
        // no limits today: only the proposed ones are drawn, in MiB since everything is under a GiB
        assertThat(chart(reply, "usage_memory_shop_api_sidecar").altText()).startsWith(
                "shop/api/sidecar memory usage per replica (MiB) against proposed limit "
                        + cell(containers, 1, "proposed_memory_limit") + ", proposed request");

        byte[] png = ChartRasterizer.png(cpu);
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        // written for a person to look at: mvn -Dk8s.chart.out=/tmp/k8s-cpu.png
        String out = System.getProperty("k8s.chart.out");
        if (out != null) {
            Files.write(Path.of(out), png);
            Files.write(Path.of(out.replace(".png", "-memory.png")), ChartRasterizer.png(chart(reply, "usage_memory_shop_api_app")));
        }
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image.getWidth()).isEqualTo(ChartRasterizer.LINES_WIDTH);
        assertThat(image.getHeight()).isEqualTo(ChartRasterizer.LINES_HEIGHT);
        // the y axis is linear: the current limit (2 cores) and request (1 core) fix it, and the proposed
        // limit's line must sit where its quantity falls on it
        int two = row(image, CURRENT);
        int one = row(image, CURRENT_REQUEST);
        double perCore = one - two;
        assertThat(perCore).isPositive();
        double expected = one + (1 - cores(proposedLimit)) * perCore;
        assertThat((double) row(image, PROPOSED)).isCloseTo(expected, within(2.0));

    }

    @Test
    void rightsize_k8sContainerChart_onlyThatContainer() {
        Reply reply = run("rightsize k8s/shop/api/sidecar --kind k8s --chart");

        assertThat(reply.charts()).extracting(Chart::key).containsExactly("usage_cpu_shop_api_sidecar",
                "usage_memory_shop_api_sidecar");
    }

    @Test
    void rightsize_k8sWithoutChart_followUpChartsOneContainerByPath() {
        Reply reply = run("rightsize --kind k8s --account cluster");

        assertThat(reply.charts()).isEmpty();
        String line = reply.followUps().stream().map(f -> f.commandLine()).filter(c -> c.contains("--chart"))
                .findFirst().orElseThrow();
        assertThat(line).matches("(purser )?rightsize shop/api/(app|sidecar) --kind k8s --chart");
        Reply charted = run(line.replaceFirst("^purser ", ""));
        assertThat(charted.charts()).hasSize(2);
    }

    @Test
    void rightsize_k8sWorkloadWithoutUsage_saysSoInsteadOfCharting() {
        Reply reply = run("rightsize worker --kind k8s --chart");

        assertThat(reply.charts()).isEmpty();
        assertThat(reply.notes()).contains("no usage data to chart for shop/worker/worker");
    }

    @Test
    void of_proposedLimitLine_sitsAtTheQuantityAndUsageIsThinned() {
        UsageSeries s = series("k8s/shop/api/app", "cpu_cores", "cores", i -> 0.2);
        Chart chart = UsageCapacityChart.of("k", "t", "alt", "usage per pod (cores)", s, 1.0, "cores", List.of(
                new Chart.ReferenceLine("current limit 2", 2.0, Chart.Emphasis.CURRENT),
                new Chart.ReferenceLine("proposed limit 350m", 0.35, Chart.Emphasis.PROPOSED)));

        assertThat(chart.series()).extracting(Chart.Series::name).containsExactly("usage per pod (cores)");
        assertThat(chart.referenceLines()).extracting(Chart.ReferenceLine::name)
                .containsExactly("current limit 2", "proposed limit 350m");
        assertThat(chart.referenceLines().get(1).value()).isEqualTo(0.35);
        // long series are thinned to hourly maxima, the chart stays small
        assertThat(chart.series().get(0).points()).hasSizeLessThanOrEqualTo(UsageCapacityChart.MAX_POINTS);
    }
}
