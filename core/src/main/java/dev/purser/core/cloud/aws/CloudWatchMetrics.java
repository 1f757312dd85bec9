package dev.purser.core.cloud.aws;

import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import dev.purser.core.model.UsageSeries;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.ListMetricsResponse;
import software.amazon.awssdk.services.cloudwatch.model.MessageData;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;
import software.amazon.awssdk.services.cloudwatch.model.StatusCode;

/**
 * Reads metric samples from CloudWatch with {@code GetMetricData}: many metrics per request
 * (up to {@value #MAX_QUERIES_PER_REQUEST}, CloudWatch's limit), each answer followed through
 * {@code NextToken} until CloudWatch returns none, and a metric's points from every page merged in
 * time order. A metric CloudWatch reports as {@code Forbidden} or {@code InternalError} fails the
 * whole read, since a silently short series would look like low use.
 *
 * <p>Period: CloudWatch keeps 5-minute points for 63 days and hourly points for 455 days, so
 * {@link #periodFor(Duration)} picks 300 s for windows up to 63 days and 3600 s up to 455 days.
 * Start and end are aligned down to the period, as CloudWatch does for old data anyway.
 */
public final class CloudWatchMetrics {

    /** CloudWatch's limit of queries in one GetMetricData request. */
    public static final int MAX_QUERIES_PER_REQUEST = 500;
    /** How far back 5-minute points are kept. */
    public static final Duration FIVE_MINUTE_RETENTION = Duration.ofDays(63);
    /** How far back hourly points are kept. */
    public static final Duration HOURLY_RETENTION = Duration.ofDays(455);

    private static final int MAX_PAGES = 100_000;

    private final CloudWatchClient cloudWatch;
    private long requests;

    public CloudWatchMetrics(CloudWatchClient cloudWatch) {
        this.cloudWatch = Objects.requireNonNull(cloudWatch, "cloudWatch");
    }

    /**
     * One metric to read.
     *
     * @param namespace  e.g. {@code AWS/EC2}
     * @param metricName e.g. {@code CPUUtilization}
     * @param dimensions the metric's full dimension set (CloudWatch matches it exactly), in order
     * @param stat       {@code Average}, {@code Maximum}, {@code Minimum}, ...
     */
    public record Query(String namespace, String metricName, Map<String, String> dimensions, String stat) {
        public Query {
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(metricName, "metricName");
            Objects.requireNonNull(stat, "stat");
            dimensions = Collections.unmodifiableMap(new LinkedHashMap<>(dimensions));
        }

        public static Query of(String namespace, String metricName, String dimension, String value, String stat) {
            return new Query(namespace, metricName, Map.of(dimension, value), stat);
        }
    }

    /** GetMetricData and ListMetrics requests made so far (each page is one). */
    public synchronized long requests() {
        return requests;
    }

    /**
     * The period for a window: 300 s up to {@link #FIVE_MINUTE_RETENTION}, else 3600 s.
     *
     * @throws PurserException BAD_ARGUMENT for a window longer than CloudWatch keeps hourly points
     */
    public static Duration periodFor(Duration window) {
        if (window.compareTo(FIVE_MINUTE_RETENTION) <= 0) {
            return Duration.ofMinutes(5);
        }
        if (window.compareTo(HOURLY_RETENTION) <= 0) {
            return Duration.ofHours(1);
        }
        throw PurserException.badArgument("CloudWatch keeps metrics for " + HOURLY_RETENTION.toDays()
                + " days; ask for a window of at most that, not " + window.toDays() + " days");
    }

    /**
     * Samples of each query from {@code from} to {@code to} at {@code period}, in time order;
     * a query CloudWatch has no points for maps to an empty list.
     *
     * @throws PurserException EXTERNAL_API_ERROR when CloudWatch fails or withholds a metric
     */
    public Map<Query, List<UsageSeries.Sample>> read(List<Query> queries, Instant from, Instant to, Duration period) {
        Objects.requireNonNull(queries, "queries");
        long seconds = period.getSeconds();
        if (seconds < 60 || seconds % 60 != 0) {
            throw new IllegalArgumentException("period must be a positive multiple of 60 s: " + period);
        }
        Instant start = Instant.ofEpochSecond(Math.floorDiv(from.getEpochSecond(), seconds) * seconds);
        Instant end = Instant.ofEpochSecond(Math.floorDiv(to.getEpochSecond(), seconds) * seconds);
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("window is shorter than one period: " + from + ".." + to);
        }
        List<Query> distinct = new ArrayList<>(new LinkedHashSet<>(queries));
        Map<Query, List<UsageSeries.Sample>> out = new LinkedHashMap<>();
        for (int i = 0; i < distinct.size(); i += MAX_QUERIES_PER_REQUEST) {
            out.putAll(batch(distinct.subList(i, Math.min(distinct.size(), i + MAX_QUERIES_PER_REQUEST)), start, end,
                    (int) seconds));
        }
        return out;
    }

    /**
     * Every metric of a name in a namespace, with its full dimension set, that had data in the last
     * two weeks (ListMetrics' reach), paginated. Used to find the CloudWatch agent's memory metric
     * whatever dimensions the agent was configured to append.
     */
    public List<Query> list(String namespace, String metricName, String stat) {
        List<Query> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String token = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            String next = token;
            ListMetricsResponse response;
            try {
                count();
                response = cloudWatch.listMetrics(b -> b.namespace(namespace).metricName(metricName).nextToken(next));
            } catch (SdkException e) {
                throw AwsErrors.translate("cloudwatch:ListMetrics", attempts(), e);
            }
            for (Metric m : response.metrics()) {
                Map<String, String> dims = new LinkedHashMap<>();
                for (Dimension d : m.dimensions()) {
                    if (d.name() != null && d.value() != null) {
                        dims.put(d.name(), d.value());
                    }
                }
                out.add(new Query(namespace, m.metricName() == null ? metricName : m.metricName(), dims, stat));
            }
            token = response.nextToken();
            if (token == null || token.isEmpty()) {
                return out;
            }
            if (!seen.add(token)) {
                throw AwsErrors.malformed("cloudwatch:ListMetrics", new IllegalStateException("AWS repeated the page token"));
            }
        }
        throw AwsErrors.malformed("cloudwatch:ListMetrics", new IllegalStateException("more than " + MAX_PAGES + " pages"));
    }

    private Map<Query, List<UsageSeries.Sample>> batch(List<Query> queries, Instant start, Instant end, int period) {
        String action = "cloudwatch:GetMetricData";
        Map<String, Query> byId = new HashMap<>();
        List<MetricDataQuery> request = new ArrayList<>();
        for (int i = 0; i < queries.size(); i++) {
            Query q = queries.get(i);
            String id = "m" + i; // ids must start with a lower-case letter
            byId.put(id, q);
            List<Dimension> dims = new ArrayList<>();
            q.dimensions().forEach((k, v) -> dims.add(Dimension.builder().name(k).value(v).build()));
            request.add(MetricDataQuery.builder().id(id).returnData(true)
                    .metricStat(s -> s.metric(m -> m.namespace(q.namespace()).metricName(q.metricName()).dimensions(dims))
                            .period(period).stat(q.stat()))
                    .build());
        }
        Map<String, TreeMap<Instant, Double>> points = new HashMap<>();
        for (String id : byId.keySet()) {
            points.put(id, new TreeMap<>());
        }
        Set<String> seen = new HashSet<>();
        String token = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            String next = token;
            GetMetricDataResponse response;
            try {
                count();
                response = cloudWatch.getMetricData(b -> b.metricDataQueries(request).startTime(start).endTime(end)
                        .scanBy(ScanBy.TIMESTAMP_ASCENDING).nextToken(next));
            } catch (SdkException e) {
                throw AwsErrors.translate(action, attempts(), e);
            }
            for (MetricDataResult r : response.metricDataResults()) {
                Query q = byId.get(r.id());
                if (q == null) {
                    throw AwsErrors.malformed(action, new IllegalStateException("result for unknown query id " + r.id()));
                }
                StatusCode status = r.statusCode();
                if (status == StatusCode.FORBIDDEN || status == StatusCode.INTERNAL_ERROR) {
                    throw new PurserException(ErrorCode.EXTERNAL_API_ERROR, "CloudWatch answered " + r.statusCodeAsString()
                            + " for " + q.namespace() + " " + q.metricName() + " " + q.dimensions().values()
                            + messages(r.messages()) + "; "
                            + (status == StatusCode.FORBIDDEN ? "allow `cloudwatch:GetMetricData` for that metric"
                                    : "try again later"));
                }
                if (r.timestamps().size() != r.values().size()) {
                    throw AwsErrors.malformed(action, new IllegalStateException("query " + r.id() + " has "
                            + r.timestamps().size() + " timestamps but " + r.values().size() + " values"));
                }
                TreeMap<Instant, Double> into = points.get(r.id());
                for (int i = 0; i < r.timestamps().size(); i++) {
                    Double v = r.values().get(i);
                    Instant at = r.timestamps().get(i);
                    if (at != null && v != null && Double.isFinite(v)) {
                        into.put(at, v);
                    }
                }
            }
            token = response.nextToken();
            if (token == null || token.isEmpty()) {
                break;
            }
            if (!seen.add(token)) {
                throw AwsErrors.malformed(action, new IllegalStateException("AWS repeated the page token"));
            }
            if (page == MAX_PAGES - 1) {
                throw AwsErrors.malformed(action, new IllegalStateException("more than " + MAX_PAGES + " pages"));
            }
        }
        Map<Query, List<UsageSeries.Sample>> out = new LinkedHashMap<>();
        for (int i = 0; i < queries.size(); i++) {
            List<UsageSeries.Sample> samples = new ArrayList<>();
            points.get("m" + i).forEach((at, v) -> samples.add(new UsageSeries.Sample(at, v)));
            out.put(queries.get(i), List.copyOf(samples));
        }
        return out;
    }

    private static String messages(List<MessageData> messages) {
        Set<String> texts = new TreeSet<>();
        for (MessageData m : messages) {
            if (m.value() != null) {
                texts.add(m.value());
            }
        }
        return texts.isEmpty() ? "" : " (" + String.join("; ", texts) + ")";
    }

    private synchronized void count() {
        requests++;
    }

    private int attempts() {
        return cloudWatch.serviceClientConfiguration().overrideConfiguration().retryStrategy()
                .map(RetryStrategy::maxAttempts).orElse(3);
    }
}
