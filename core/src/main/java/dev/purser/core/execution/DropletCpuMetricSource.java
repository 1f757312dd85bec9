package dev.purser.core.execution;

import dev.purser.core.cloud.digitalocean.DigitalOceanClient;
import dev.purser.core.cloud.digitalocean.DropletMetric;
import dev.purser.core.cloud.digitalocean.MetricSeries;
import dev.purser.core.error.PurserException;
import dev.purser.core.model.UsageSeries;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * {@code cpu_percent} of a droplet from DigitalOcean monitoring: the endpoint gives cumulative CPU
 * seconds per mode, so the percentage between two samples is the busy share (every mode but
 * {@code idle}) of the seconds that passed. The resource is the droplet's numeric id.
 */
public final class DropletCpuMetricSource implements MetricSource {

    public static final String METRIC = "cpu_percent";

    private final DigitalOceanClient client;

    public DropletCpuMetricSource(DigitalOceanClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    @Override
    public String describe() {
        return "DigitalOcean monitoring";
    }

    @Override
    public List<UsageSeries.Sample> samples(String resource, String metric, Instant from, Instant to) {
        if (!METRIC.equals(metric)) {
            throw PurserException.badArgument("DigitalOcean monitoring gives " + METRIC + " of droplets here, not "
                    + metric);
        }
        long id;
        try {
            id = Long.parseLong(resource);
        } catch (NumberFormatException e) {
            throw PurserException.badArgument("droplet id '" + resource + "' is not a number");
        }
        if (!to.isAfter(from)) {
            return List.of();
        }
        TreeMap<Instant, double[]> totals = new TreeMap<>();
        for (MetricSeries s : client.dropletMetrics(DropletMetric.CPU, id, from, to)) {
            boolean idle = "idle".equals(s.labels().get("mode"));
            for (UsageSeries.Sample x : s.samples()) {
                double[] t = totals.computeIfAbsent(x.at(), k -> new double[2]);
                t[idle ? 0 : 1] += x.value();
            }
        }
        List<UsageSeries.Sample> out = new ArrayList<>();
        Map.Entry<Instant, double[]> prev = null;
        for (Map.Entry<Instant, double[]> e : totals.entrySet()) {
            if (prev != null) {
                double idle = e.getValue()[0] - prev.getValue()[0];
                double busy = e.getValue()[1] - prev.getValue()[1];
                if (idle >= 0 && busy >= 0 && idle + busy > 0) {
                    out.add(new UsageSeries.Sample(e.getKey(), 100 * busy / (idle + busy)));
                }
            }
            prev = e;
        }
        return out;
    }
}
