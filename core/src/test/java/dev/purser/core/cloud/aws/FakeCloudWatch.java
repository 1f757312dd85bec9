package dev.purser.core.cloud.aws;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * CloudWatch's {@code GetMetricData} as WireMock serves it to the SDK: reads the query-protocol
 * form the SDK posts (query ids, metric names, dimension values, period, start and end) and
 * answers the documented XML, with points computed by a function per metric and dimension value,
 * and at most {@code pointsPerPage} points per page (the rest behind {@code NextToken}, each
 * unfinished result marked {@code PartialData}), as CloudWatch pages a large answer.
 *
 * <p>Stub it with {@code aResponse().withTransformers(FakeCloudWatch.NAME)}.
 */
final class FakeCloudWatch implements ResponseDefinitionTransformerV2 {

    static final String NAME = "fake-cloudwatch";

    private final Map<String, Function<Instant, Double>> series = new ConcurrentHashMap<>();
    private volatile int pointsPerPage;

    FakeCloudWatch(int pointsPerPage) {
        this.pointsPerPage = pointsPerPage;
    }

    /** Serve at most this many points per page from now on. */
    void pageSize(int points) {
        this.pointsPerPage = points;
    }

    /** Points of {@code metricName} for the resource {@code dimensionValue}; a null value is a missing point. */
    FakeCloudWatch put(String metricName, String dimensionValue, Function<Instant, Double> values) {
        series.put(metricName + "|" + dimensionValue, values);
        return this;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        Map<String, String> form = form(event.getRequest().getBodyAsString());
        Instant start = Instant.parse(form.get("StartTime"));
        Instant end = Instant.parse(form.get("EndTime"));
        int offset = form.containsKey("NextToken") ? Integer.parseInt(form.get("NextToken").substring("page-at-".length())) : 0;

        record Point(String id, Instant at, double value) {
        }
        List<String> ids = new ArrayList<>();
        List<Point> all = new ArrayList<>();
        for (int n = 1; form.containsKey("MetricDataQueries.member." + n + ".Id"); n++) {
            String p = "MetricDataQueries.member." + n + ".";
            String id = form.get(p + "Id");
            ids.add(id);
            String metric = form.get(p + "MetricStat.Metric.MetricName");
            String dimension = form.get(p + "MetricStat.Metric.Dimensions.member.1.Value");
            long period = Long.parseLong(form.get(p + "MetricStat.Period"));
            Function<Instant, Double> f = series.get(metric + "|" + dimension);
            if (f == null) {
                continue;
            }
            for (Instant at = start; at.isBefore(end); at = at.plusSeconds(period)) {
                Double v = f.apply(at);
                if (v != null) {
                    all.add(new Point(id, at, v));
                }
            }
        }
        int to = Math.min(all.size(), offset + pointsPerPage);
        Map<String, List<Point>> page = new LinkedHashMap<>();
        for (String id : ids) {
            page.put(id, new ArrayList<>());
        }
        for (Point p : all.subList(offset, to)) {
            page.get(p.id()).add(p);
        }
        boolean more = to < all.size();
        String unfinished = more ? all.get(to).id() : null;
        StringBuilder xml = new StringBuilder("<GetMetricDataResponse xmlns=\"http://monitoring.amazonaws.com/doc/2010-08-01/\">\n"
                + "  <GetMetricDataResult>\n    <MetricDataResults>\n");
        for (Map.Entry<String, List<Point>> e : page.entrySet()) {
            boolean partial = more && (e.getKey().equals(unfinished) || all.subList(to, all.size()).stream()
                    .anyMatch(p -> p.id().equals(e.getKey())));
            if (offset > 0 && e.getValue().isEmpty() && !partial) {
                continue; // a finished result is not repeated on later pages
            }
            xml.append("      <member>\n        <Timestamps>\n");
            for (Point p : e.getValue()) {
                xml.append("          <member>").append(p.at()).append("</member>\n");
            }
            xml.append("        </Timestamps>\n        <StatusCode>").append(partial ? "PartialData" : "Complete")
                    .append("</StatusCode>\n        <Values>\n");
            for (Point p : e.getValue()) {
                xml.append("          <member>").append(p.value()).append("</member>\n");
            }
            xml.append("        </Values>\n        <Id>").append(e.getKey()).append("</Id>\n        <Label>")
                    .append(e.getKey()).append("</Label>\n      </member>\n");
        }
        xml.append("    </MetricDataResults>\n");
        if (more) {
            xml.append("    <NextToken>page-at-").append(to).append("</NextToken>\n");
        }
        xml.append("    <Messages/>\n  </GetMetricDataResult>\n  <ResponseMetadata>\n"
                + "    <RequestId>a7b2c3d4-0000-4000-8000-00000000cafe</RequestId>\n  </ResponseMetadata>\n"
                + "</GetMetricDataResponse>\n");
        return ResponseDefinitionBuilder.like(event.getResponseDefinition()).but().withStatus(200)
                .withHeader("Content-Type", "text/xml").withBody(xml.toString()).build();
    }

    static Map<String, String> form(String body) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }
}
