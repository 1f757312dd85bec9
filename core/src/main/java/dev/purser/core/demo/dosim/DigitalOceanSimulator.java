package dev.purser.core.demo.dosim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stateful, in-process DigitalOcean API v2 for the demo and for tests, on loopback.
 *
 * <p>Served (every answer carries {@code ratelimit-limit}, {@code -remaining}, {@code -reset};
 * a request without the simulator's bearer token gets the documented 401):
 * <ul>
 * <li>{@code GET /v2/databases}, {@code GET|DELETE /v2/databases/{id}}, {@code PUT /v2/databases/{id}/resize}
 *     (202; {@code resizing} for {@link #resizePolls} reads, then {@code online} at the new layout; 422 when
 *     not online or the layout is invalid), {@code POST /v2/databases} (201; with {@code backup_restore} a fork
 *     of a cluster that has a backup, {@code creating} for {@link #createPolls} reads),
 *     {@code GET /v2/databases/{id}/backups} (the backups taken by now, oldest first, with
 *     {@code scheduled_backup_time} for a cluster backed up daily; 404 for a cluster it does not have);</li>
 * <li>{@code GET /v2/droplets/{id}}, {@code POST /v2/droplets/{id}/actions} ({@code power_off},
 *     {@code power_on}, {@code resize}: 201 {@code in-progress}; a resize of a running droplet is 422),
 *     {@code GET /v2/droplets/{id}/actions}, {@code GET /v2/actions/{id}} ({@code completed} after
 *     {@link #actionPolls} reads, when its effect lands);</li>
 * <li>{@code GET /v2/monitoring/metrics/droplet/cpu} (cumulative CPU seconds per mode, from a percent
 *     series) and a Prometheus-shaped {@code GET /api/v1/query_range} for {@code metric{cluster="name"}},
 *     where database metrics live.</li>
 * </ul>
 *
 * <p>Thread-safety: WireMock serves on several threads; every state read and change holds this object's lock.
 */
public final class DigitalOceanSimulator implements AutoCloseable {

    /** The bearer token the simulator accepts (not a secret: it opens nothing but this simulator). */
    public static final String TOKEN = "dop_v1_simulator_token_for_the_demo_only";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DB = Pattern.compile("/v2/databases/([A-Za-z0-9-]+)");
    private static final Pattern DB_RESIZE = Pattern.compile("/v2/databases/([A-Za-z0-9-]+)/resize");
    private static final Pattern DB_BACKUPS = Pattern.compile("/v2/databases/([A-Za-z0-9-]+)/backups");
    private static final Pattern DROPLET = Pattern.compile("/v2/droplets/(\\d+)");
    private static final Pattern DROPLET_ACTIONS = Pattern.compile("/v2/droplets/(\\d+)/actions");
    private static final Pattern ACTION = Pattern.compile("/v2/actions/(\\d+)");
    private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\{cluster=\"([^\"]+)\"}");
    private static final Pattern FORK = Pattern.compile("(.+)-rehearsal-[0-9a-f]+");
    private static final Pattern DB_SIZE = Pattern.compile("db-[a-z0-9-]+");
    private static final Pattern DROPLET_SIZE = Pattern.compile("[a-z0-9]+-[a-z0-9-]+");

    private final WireMockServer server;
    private final Clock clock;
    private final Map<String, SimCluster> clusters = new LinkedHashMap<>();
    private final Map<String, List<Instant>> backups = new LinkedHashMap<>();
    /** Cluster id → the first of its daily backups; one more is taken every 24 hours of the clock. */
    private final Map<String, Instant> dailyBackups = new LinkedHashMap<>();
    private final Map<Long, SimDroplet> droplets = new LinkedHashMap<>();
    private final Map<Long, SimAction> actions = new LinkedHashMap<>();
    private final Map<String, ToDoubleFunction<Instant>> series = new LinkedHashMap<>();
    private final Deque<Fault> faults = new ArrayDeque<>();
    private final List<String> log = new ArrayList<>();
    /** Action ids are unique across every simulator in the JVM, as DigitalOcean's are across its API. */
    private static final AtomicLong NEXT_ACTION_ID = new AtomicLong(1_900_000_001L);
    private long remaining = 5000;
    private int resizePolls = 2;
    private int createPolls = 2;
    private int actionPolls = 1;

    private DigitalOceanSimulator(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort()
                .disableRequestJournal().extensions(new Transformer()));
    }

    /** Starts a simulator on a free loopback port; its clock drives timestamps and metric series. */
    public static DigitalOceanSimulator start(Clock clock) {
        DigitalOceanSimulator sim = new DigitalOceanSimulator(clock);
        sim.server.start();
        sim.server.stubFor(WireMock.any(WireMock.anyUrl()).atPriority(10)
                .willReturn(WireMock.aResponse().withTransformers(Transformer.NAME)));
        return sim;
    }

    public URI baseUri() {
        return URI.create(server.baseUrl());
    }

    @Override
    public void close() {
        server.stop();
    }

    // ------------------------------------------------------------------------------ set-up

    /** Adds an {@code online} PostgreSQL cluster; returns it for chaining. */
    public synchronized String addCluster(String id, String name, String region, String size, int nodes) {
        clusters.put(id, new SimCluster(id, name, "pg", "16", region, size, nodes, "online", clock.instant(), null));
        return id;
    }

    /** Adds a daily backup of the cluster taken at {@code at}. */
    public synchronized void addBackup(String clusterId, Instant at) {
        backups.computeIfAbsent(clusterId, k -> new ArrayList<>()).add(at);
    }

    /**
     * Backs the cluster up every 24 hours from {@code first}, as DigitalOcean does: each backup is
     * listed once the clock has passed its time, and only the last seven are kept.
     */
    public synchronized void addDailyBackups(String clusterId, Instant first) {
        dailyBackups.put(clusterId, first);
    }

    /** Removes every backup of the cluster, listed and scheduled (a cluster with backups off). */
    public synchronized void clearBackups(String clusterId) {
        backups.remove(clusterId);
        dailyBackups.remove(clusterId);
    }

    /** The cluster's backups taken by now, oldest first. */
    private List<Instant> backupsOf(String clusterId) {
        Instant now = clock.instant();
        List<Instant> out = new ArrayList<>(backups.getOrDefault(clusterId, List.of()));
        Instant first = dailyBackups.get(clusterId);
        if (first != null && !first.isAfter(now)) {
            long taken = Duration.between(first, now).toHours() / 24;
            for (long k = Math.max(0, taken - 6); k <= taken; k++) {
                out.add(first.plus(Duration.ofHours(24 * k)));
            }
        }
        out.removeIf(at -> at.isAfter(now));
        out.sort(null);
        return out;
    }

    /** Adds an {@code active} droplet. */
    public synchronized long addDroplet(long id, String name, String region, String size) {
        droplets.put(id, new SimDroplet(id, name, region, size, "active"));
        return id;
    }

    /** How many reads a resizing cluster stays {@code resizing}. */
    public synchronized DigitalOceanSimulator resizePolls(int n) {
        this.resizePolls = Math.max(0, n);
        return this;
    }

    /** How many reads a new cluster or fork stays {@code creating}. */
    public synchronized DigitalOceanSimulator createPolls(int n) {
        this.createPolls = Math.max(0, n);
        return this;
    }

    /** How many reads of {@code /v2/actions/{id}} an action stays {@code in-progress}. */
    public synchronized DigitalOceanSimulator actionPolls(int n) {
        this.actionPolls = Math.max(0, n);
        return this;
    }

    /**
     * The series of {@code metric} for a cluster (by name) or a droplet (by id): a function of time
     * and, through {@link #resizedAt}, of what happened to the resource.
     */
    public synchronized void series(String resource, String metric, ToDoubleFunction<Instant> values) {
        series.put(resource + "|" + metric, values);
    }

    /**
     * A series that sits at {@code before} until the cluster's last resize completes and at
     * {@code after} from then on, with a small deterministic wobble: the breach the demo shows.
     */
    public synchronized void breachAfterResize(String clusterName, String metric, double before, double after) {
        series(clusterName, metric, at -> {
            Optional<Instant> resized = resizedAt(clusterName);
            double base = resized.isPresent() && !at.isBefore(resized.get()) ? after : before;
            return base * (1 + 0.02 * Math.sin(at.getEpochSecond() / 60.0));
        });
    }

    /** A steady series with the same small wobble. */
    public synchronized void steady(String resource, String metric, double value) {
        series(resource, metric, at -> value * (1 + 0.02 * Math.sin(at.getEpochSecond() / 60.0)));
    }

    /** Lets a cluster that is resizing or creating finish after {@code polls} more reads. */
    public synchronized void finishAfter(String clusterId, int polls) {
        SimCluster c = clusters.get(clusterId);
        if (c != null) {
            c.pollsLeft = Math.max(0, polls);
        }
    }

    /**
     * The series a rehearsal fork of {@code sourceName} shows: forks get a name the simulator cannot
     * know in advance ({@code <source>-rehearsal-<hash>}), so they are matched by that prefix.
     */
    public synchronized void forkSeries(String sourceName, String metric, ToDoubleFunction<Instant> values) {
        series.put(sourceName + "-rehearsal-*|" + metric, values);
    }

    /** Ids of the mandible story's clusters, as in the demo's bills. */
    public static final String MANDIBLE_PROD_ID = "9cc10173-e9ea-4176-9dbc-a4cee4c4ff30";
    public static final String SSO_PROD_ID = "2a5e6c38-7f1d-4b8e-a0c2-5d9e41f7b6a1";

    /**
     * Seeds the demo's mandible team: {@code mandible-prod} (db-s-2vcpu-4gb x 2) and {@code sso-prod}
     * (db-s-1vcpu-2gb x 2) online with a backup six hours old, the API and worker droplets, and the
     * series of the story: {@code query_p95_ms} steady on sso-prod (about 12 ms) and on rehearsal
     * forks (about 40 ms), and on mandible-prod about 40 ms until its resize completes, about 96 ms
     * after, which breaches a "1.5x baseline for 5 minutes" trigger during the soak.
     */
    public synchronized DigitalOceanSimulator seedMandible() {
        Instant now = clock.instant();
        addCluster(MANDIBLE_PROD_ID, "mandible-prod", "nyc3", "db-s-2vcpu-4gb", 2);
        addCluster(SSO_PROD_ID, "sso-prod", "nyc3", "db-s-1vcpu-2gb", 2);
        addDailyBackups(MANDIBLE_PROD_ID, now.minus(Duration.ofHours(6)));
        addDailyBackups(SSO_PROD_ID, now.minus(Duration.ofHours(6)));
        addDroplet(386734086L, "mandible-api-01", "nyc3", "s-2vcpu-4gb");
        addDroplet(386734087L, "mandible-api-02", "nyc3", "s-2vcpu-4gb");
        addDroplet(386734121L, "mandible-worker-01", "nyc3", "s-4vcpu-8gb");
        addDroplet(386734122L, "mandible-worker-02", "nyc3", "s-4vcpu-8gb");
        steady("sso-prod", "query_p95_ms", 12);
        breachAfterResize("mandible-prod", "query_p95_ms", 40, 96);
        forkSeries("mandible-prod", "query_p95_ms", at -> 40 * (1 + 0.02 * Math.sin(at.getEpochSecond() / 60.0)));
        forkSeries("sso-prod", "query_p95_ms", at -> 12 * (1 + 0.02 * Math.sin(at.getEpochSecond() / 60.0)));
        return this;
    }

    /** When the named cluster's most recent resize completed, if it has been resized. */
    public synchronized Optional<Instant> resizedAt(String clusterName) {
        return clusters.values().stream().filter(c -> c.name.equals(clusterName)).findFirst()
                .map(c -> c.resizedAt);
    }

    /**
     * Answers the next {@code times} requests whose method and path match with {@code status} and
     * the documented error body; a 429 carries a {@code ratelimit-reset} {@code resetIn} from now.
     */
    public synchronized void failNext(String method, String pathRegex, int status, int times, Duration resetIn) {
        faults.add(new Fault(method, Pattern.compile(pathRegex), status, times, resetIn));
    }

    /** Delays the next matching answer by {@code delay} (a request timeout on the client's side). */
    public synchronized void delayNext(String method, String pathRegex, Duration delay) {
        faults.add(new Fault(method, Pattern.compile(pathRegex), -1, 1, delay));
    }

    // ------------------------------------------------------------------------------ inspection

    /** One cluster's layout and status, as the API shows it. */
    public record ClusterView(String id, String name, String size, int nodes, String status) {
    }

    /** One droplet's size and power status. */
    public record DropletView(long id, String name, String size, String status) {
    }

    public synchronized Optional<ClusterView> cluster(String id) {
        SimCluster c = clusters.get(id);
        return c == null ? Optional.empty() : Optional.of(new ClusterView(c.id, c.name, c.size, c.nodes, c.status));
    }

    public synchronized List<ClusterView> clusters() {
        return clusters.values().stream().map(c -> new ClusterView(c.id, c.name, c.size, c.nodes, c.status)).toList();
    }

    public synchronized Optional<DropletView> droplet(long id) {
        SimDroplet d = droplets.get(id);
        return d == null ? Optional.empty() : Optional.of(new DropletView(d.id, d.name, d.size, d.status));
    }

    /** Every request served, as {@code METHOD /path}, in order. */
    public synchronized List<String> requests() {
        return List.copyOf(log);
    }

    /** How many requests matched {@code METHOD pathRegex}. */
    public synchronized long count(String method, String pathRegex) {
        Pattern p = Pattern.compile(pathRegex);
        return log.stream().filter(l -> l.startsWith(method + " ") && p.matcher(l.substring(method.length() + 1))
                .matches()).count();
    }

    // ------------------------------------------------------------------------------ state

    private static final class SimCluster {
        final String id;
        final String name;
        final String engine;
        final String version;
        final String region;
        final Instant createdAt;
        String size;
        int nodes;
        String status;
        String pendingSize;
        int pendingNodes;
        int pollsLeft;
        Instant resizedAt;

        SimCluster(String id, String name, String engine, String version, String region, String size, int nodes,
                String status, Instant createdAt, Instant resizedAt) {
            this.id = id;
            this.name = name;
            this.engine = engine;
            this.version = version;
            this.region = region;
            this.size = size;
            this.nodes = nodes;
            this.status = status;
            this.createdAt = createdAt;
            this.resizedAt = resizedAt;
        }
    }

    private static final class SimDroplet {
        final long id;
        final String name;
        final String region;
        String size;
        String status;

        SimDroplet(long id, String name, String region, String size, String status) {
            this.id = id;
            this.name = name;
            this.region = region;
            this.size = size;
            this.status = status;
        }
    }

    private static final class SimAction {
        final long id;
        final String type;
        final long dropletId;
        final Instant startedAt;
        final String size;
        String status = "in-progress";
        Instant completedAt;
        int pollsLeft;

        SimAction(long id, String type, long dropletId, Instant startedAt, String size, int pollsLeft) {
            this.id = id;
            this.type = type;
            this.dropletId = dropletId;
            this.startedAt = startedAt;
            this.size = size;
            this.pollsLeft = pollsLeft;
        }
    }

    private static final class Fault {
        final String method;
        final Pattern path;
        final int status;
        final Duration resetIn;
        int times;

        Fault(String method, Pattern path, int status, int times, Duration resetIn) {
            this.method = method;
            this.path = path;
            this.status = status;
            this.times = times;
            this.resetIn = resetIn;
        }
    }

    // ------------------------------------------------------------------------------ serving

    private record Answer(int status, String body, Map<String, String> headers, Duration delay) {
        static Answer json(int status, JsonNode body) {
            return new Answer(status, body == null ? "" : body.toString(), Map.of(), Duration.ZERO);
        }
    }

    private final class Transformer implements ResponseDefinitionTransformerV2 {
        static final String NAME = "purser-digitalocean-simulator";

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
            Answer a = answer(event.getRequest());
            List<HttpHeader> headers = new ArrayList<>();
            headers.add(new HttpHeader("content-type", "application/json; charset=utf-8"));
            synchronized (DigitalOceanSimulator.this) {
                remaining = Math.max(0, remaining - 1);
                headers.add(new HttpHeader("ratelimit-limit", "5000"));
                headers.add(new HttpHeader("ratelimit-remaining", Long.toString(remaining)));
            }
            headers.add(new HttpHeader("ratelimit-reset", Long.toString(clock.instant().plusSeconds(3600).getEpochSecond())));
            a.headers().forEach((k, v) -> headers.add(new HttpHeader(k, v)));
            com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder b = WireMock.aResponse()
                    .withStatus(a.status()).withHeaders(new HttpHeaders(dedupe(headers)));
            if (!a.body().isEmpty()) {
                b.withBody(a.body());
            }
            if (!a.delay().isZero()) {
                b.withFixedDelay((int) a.delay().toMillis());
            }
            return b.build();
        }
    }

    private static List<HttpHeader> dedupe(List<HttpHeader> headers) {
        Map<String, HttpHeader> byName = new LinkedHashMap<>();
        for (HttpHeader h : headers) {
            byName.put(h.key().toLowerCase(Locale.ROOT), h);
        }
        return List.copyOf(byName.values());
    }

    private synchronized Answer answer(Request r) {
        String method = r.getMethod().getName();
        URI uri = URI.create(r.getUrl());
        String path = uri.getRawPath();
        log.add(method + " " + path);
        Map<String, String> query = query(uri.getRawQuery());
        String auth = r.getHeader("Authorization");
        if (path.startsWith("/v2/") && !("Bearer " + TOKEN).equals(auth)) {
            return error(401, "unauthorized", "Unable to authenticate you.");
        }
        for (Fault f : faults) {
            if (f.method.equals(method) && f.path.matcher(path).matches()) {
                f.times--;
                if (f.times <= 0) {
                    faults.remove(f);
                }
                if (f.status < 0) {
                    Answer real = route(method, path, query, r.getBodyAsString());
                    return new Answer(real.status(), real.body(), real.headers(), f.resetIn);
                }
                return fault(f);
            }
        }
        return route(method, path, query, r.getBodyAsString());
    }

    private Answer fault(Fault f) {
        return switch (f.status) {
            case 401 -> error(401, "unauthorized", "Unable to authenticate you.");
            case 404 -> error(404, "not_found", "The resource you requested could not be found.");
            case 422 -> error(422, "unprocessable_entity", "The request could not be processed.");
            case 429 -> {
                Answer a = error(429, "too_many_requests", "API rate limit exceeded.");
                Map<String, String> h = new LinkedHashMap<>();
                h.put("ratelimit-remaining", "0");
                h.put("ratelimit-reset", Long.toString(clock.instant().plus(f.resetIn).getEpochSecond()));
                yield new Answer(429, a.body(), h, Duration.ZERO);
            }
            default -> error(f.status, "server_error", "Unexpected server-side error");
        };
    }

    private Answer route(String method, String path, Map<String, String> query, String body) {
        Matcher m;
        if (method.equals("GET") && path.equals("/v2/databases")) {
            ObjectNode root = JSON.createObjectNode();
            ArrayNode list = root.putArray("databases");
            clusters.values().forEach(c -> list.add(clusterJson(c)));
            return Answer.json(200, root);
        }
        if (method.equals("POST") && path.equals("/v2/databases")) {
            return createCluster(body);
        }
        if ((m = DB_RESIZE.matcher(path)).matches() && method.equals("PUT")) {
            return resize(m.group(1), body);
        }
        if ((m = DB_BACKUPS.matcher(path)).matches() && method.equals("GET")) {
            if (!clusters.containsKey(m.group(1))) {
                return notFound();
            }
            ObjectNode root = JSON.createObjectNode();
            ArrayNode list = root.putArray("backups");
            backupsOf(m.group(1)).forEach(at -> list.addObject()
                    .put("created_at", at.toString()).put("size_gigabytes", new BigDecimal("0.25")));
            Instant first = dailyBackups.get(m.group(1));
            if (first != null) {
                java.time.ZonedDateTime t = first.atZone(java.time.ZoneOffset.UTC);
                root.putObject("scheduled_backup_time").put("backup_hour", t.getHour())
                        .put("backup_minute", t.getMinute()).put("backup_interval_hours", 24);
            }
            return Answer.json(200, root);
        }
        if ((m = DB.matcher(path)).matches()) {
            SimCluster c = clusters.get(m.group(1));
            if (c == null) {
                return notFound();
            }
            if (method.equals("GET")) {
                advance(c);
                ObjectNode root = JSON.createObjectNode();
                root.set("database", clusterJson(c));
                return Answer.json(200, root);
            }
            if (method.equals("DELETE")) {
                clusters.remove(c.id);
                return Answer.json(204, null);
            }
        }
        if ((m = DROPLET_ACTIONS.matcher(path)).matches()) {
            SimDroplet d = droplets.get(Long.parseLong(m.group(1)));
            if (d == null) {
                return notFound();
            }
            if (method.equals("POST")) {
                return dropletAction(d, body);
            }
            if (method.equals("GET")) {
                ObjectNode root = JSON.createObjectNode();
                ArrayNode list = root.putArray("actions");
                List<SimAction> mine = actions.values().stream().filter(a -> a.dropletId == d.id).toList();
                for (int i = mine.size() - 1; i >= 0; i--) {
                    list.add(actionJson(mine.get(i)));
                }
                root.putObject("links");
                root.putObject("meta").put("total", mine.size());
                return Answer.json(200, root);
            }
        }
        if ((m = DROPLET.matcher(path)).matches() && method.equals("GET")) {
            SimDroplet d = droplets.get(Long.parseLong(m.group(1)));
            if (d == null) {
                return notFound();
            }
            ObjectNode root = JSON.createObjectNode();
            root.set("droplet", dropletJson(d));
            return Answer.json(200, root);
        }
        if ((m = ACTION.matcher(path)).matches() && method.equals("GET")) {
            SimAction a = actions.get(Long.parseLong(m.group(1)));
            if (a == null) {
                return notFound();
            }
            advance(a);
            ObjectNode root = JSON.createObjectNode();
            root.set("action", actionJson(a));
            return Answer.json(200, root);
        }
        if (method.equals("GET") && path.equals("/v2/monitoring/metrics/droplet/cpu")) {
            return dropletCpu(query);
        }
        if (method.equals("GET") && path.equals("/api/v1/query_range")) {
            return queryRange(query);
        }
        return notFound();
    }

    private Answer createCluster(String body) {
        JsonNode req;
        try {
            req = JSON.readTree(body);
        } catch (IOException e) {
            return error(400, "bad_request", "The request body is not JSON.");
        }
        String name = req.path("name").asText("");
        String size = req.path("size").asText("");
        int nodes = req.path("num_nodes").asInt(0);
        if (name.isBlank() || !DB_SIZE.matcher(size).matches() || nodes < 1 || nodes > 3
                || req.path("region").asText("").isBlank() || req.path("engine").asText("").isBlank()) {
            return error(422, "unprocessable_entity", "name, engine, region, size and num_nodes (1-3) are required.");
        }
        if (clusters.values().stream().anyMatch(c -> c.name.equals(name))) {
            return error(422, "unprocessable_entity", "a database cluster named " + name + " already exists.");
        }
        JsonNode restore = req.path("backup_restore");
        if (restore.isObject()) {
            String source = restore.path("database_name").asText("");
            Optional<SimCluster> src = clusters.values().stream().filter(c -> c.name.equals(source)).findFirst();
            if (src.isEmpty() || backupsOf(src.get().id).isEmpty()) {
                return error(422, "unprocessable_entity", "no backup of a database cluster named " + source + ".");
            }
        }
        SimCluster c = new SimCluster(UUID.randomUUID().toString(), name, req.path("engine").asText(),
                req.path("version").asText("16"), req.path("region").asText(), size, nodes, "creating", clock.instant(),
                null);
        c.pollsLeft = createPolls;
        clusters.put(c.id, c);
        ObjectNode root = JSON.createObjectNode();
        root.set("database", clusterJson(c));
        return Answer.json(201, root);
    }

    private Answer resize(String id, String body) {
        SimCluster c = clusters.get(id);
        if (c == null) {
            return notFound();
        }
        JsonNode req;
        try {
            req = JSON.readTree(body);
        } catch (IOException e) {
            return error(400, "bad_request", "The request body is not JSON.");
        }
        String size = req.path("size").asText("");
        int nodes = req.path("num_nodes").asInt(0);
        if (!DB_SIZE.matcher(size).matches() || nodes < 1 || nodes > 3) {
            return error(422, "unprocessable_entity", "size must be a database size slug and num_nodes 1 to 3.");
        }
        if (!"online".equals(c.status)) {
            return error(422, "unprocessable_entity", "The database cluster is " + c.status + "; try again when it is online.");
        }
        c.status = "resizing";
        c.pendingSize = size;
        c.pendingNodes = nodes;
        c.pollsLeft = resizePolls;
        if (resizePolls == 0) {
            advance(c);
        }
        return Answer.json(202, null);
    }

    /** One read of a cluster moves it on: resizing and creating last a few reads. */
    private void advance(SimCluster c) {
        if ("resizing".equals(c.status)) {
            if (c.pollsLeft-- <= 0) {
                c.size = c.pendingSize;
                c.nodes = c.pendingNodes;
                c.status = "online";
                c.resizedAt = clock.instant();
            }
        } else if ("creating".equals(c.status)) {
            if (c.pollsLeft-- <= 0) {
                c.status = "online";
            }
        }
    }

    private Answer dropletAction(SimDroplet d, String body) {
        JsonNode req;
        try {
            req = JSON.readTree(body);
        } catch (IOException e) {
            return error(400, "bad_request", "The request body is not JSON.");
        }
        String type = req.path("type").asText("");
        boolean busy = actions.values().stream().anyMatch(a -> a.dropletId == d.id && "in-progress".equals(a.status));
        if (busy) {
            return error(422, "unprocessable_entity", "Droplet already has a pending event.");
        }
        String size = null;
        switch (type) {
            case "power_off", "shutdown" -> {
                if (!"active".equals(d.status)) {
                    return error(422, "unprocessable_entity", "Droplet is already powered off.");
                }
            }
            case "power_on" -> {
                if (!"off".equals(d.status)) {
                    return error(422, "unprocessable_entity", "Droplet is already powered on.");
                }
            }
            case "resize" -> {
                size = req.path("size").asText("");
                if (!DROPLET_SIZE.matcher(size).matches()) {
                    return error(422, "unprocessable_entity", "You specified an invalid size for Droplet creation.");
                }
                if (!"off".equals(d.status)) {
                    return error(422, "unprocessable_entity", "Droplet must be powered off to resize.");
                }
            }
            default -> {
                return error(422, "unprocessable_entity", "The action type " + type + " is not supported here.");
            }
        }
        SimAction a = new SimAction(NEXT_ACTION_ID.getAndIncrement(), type, d.id, clock.instant(), size, actionPolls);
        actions.put(a.id, a);
        if (actionPolls == 0) {
            advance(a);
        }
        ObjectNode root = JSON.createObjectNode();
        root.set("action", actionJson(a));
        return Answer.json(201, root);
    }

    private void advance(SimAction a) {
        if (!"in-progress".equals(a.status) || a.pollsLeft-- > 0) {
            return;
        }
        SimDroplet d = droplets.get(a.dropletId);
        a.status = "completed";
        a.completedAt = clock.instant();
        switch (a.type) {
            case "power_off", "shutdown" -> d.status = "off";
            case "power_on" -> d.status = "active";
            case "resize" -> d.size = a.size;
            default -> {
                // no effect modelled
            }
        }
    }

    private Answer dropletCpu(Map<String, String> query) {
        long hostId;
        long start;
        long end;
        try {
            hostId = Long.parseLong(query.getOrDefault("host_id", ""));
            start = Long.parseLong(query.getOrDefault("start", ""));
            end = Long.parseLong(query.getOrDefault("end", ""));
        } catch (NumberFormatException e) {
            return error(400, "bad_request", "host_id, start and end are required.");
        }
        SimDroplet d = droplets.get(hostId);
        ToDoubleFunction<Instant> f = d == null ? null : series.get(d.id + "|cpu_percent");
        ObjectNode root = JSON.createObjectNode().put("status", "success");
        ObjectNode data = root.putObject("data").put("resultType", "matrix");
        ArrayNode result = data.putArray("result");
        if (f != null) {
            // cumulative seconds per mode, one CPU: busy time grows by percent/100 of each 60 s step
            ArrayNode idle = series(result, hostId, "idle");
            ArrayNode user = series(result, hostId, "user");
            double busy = 0;
            double free = 0;
            for (long t = start - start % 60; t <= end; t += 60) {
                double p = Math.max(0, Math.min(100, f.applyAsDouble(Instant.ofEpochSecond(t))));
                busy += 60 * p / 100;
                free += 60 * (100 - p) / 100;
                idle.addArray().add(t).add(String.format(Locale.ROOT, "%.3f", free));
                user.addArray().add(t).add(String.format(Locale.ROOT, "%.3f", busy));
            }
        }
        return Answer.json(200, root);
    }

    private static ArrayNode series(ArrayNode result, long hostId, String mode) {
        ObjectNode s = result.addObject();
        s.putObject("metric").put("host_id", Long.toString(hostId)).put("mode", mode);
        return s.putArray("values");
    }

    private Answer queryRange(Map<String, String> query) {
        Matcher m = SELECTOR.matcher(query.getOrDefault("query", "").trim());
        ObjectNode root = JSON.createObjectNode().put("status", "success");
        ObjectNode data = root.putObject("data").put("resultType", "matrix");
        ArrayNode result = data.putArray("result");
        if (!m.matches()) {
            return Answer.json(400, JSON.createObjectNode().put("status", "error").put("errorType", "bad_data")
                    .put("error", "the simulator answers metric{cluster=\"name\"} only"));
        }
        ToDoubleFunction<Instant> f = series.get(m.group(2) + "|" + m.group(1));
        Matcher fork = FORK.matcher(m.group(2));
        if (f == null && fork.matches()) {
            f = series.get(fork.group(1) + "-rehearsal-*|" + m.group(1));
        }
        if (f != null) {
            double start = Double.parseDouble(query.getOrDefault("start", "0"));
            double end = Double.parseDouble(query.getOrDefault("end", "0"));
            double step = Math.max(1, Double.parseDouble(query.getOrDefault("step", "60").replace("s", "")));
            ObjectNode s = result.addObject();
            s.putObject("metric").put("__name__", m.group(1)).put("cluster", m.group(2));
            ArrayNode values = s.putArray("values");
            for (double t = start; t <= end; t += step) {
                values.addArray().add((long) t).add(String.format(Locale.ROOT, "%.3f",
                        f.applyAsDouble(Instant.ofEpochSecond((long) t))));
            }
        }
        return Answer.json(200, root);
    }

    // ------------------------------------------------------------------------------ shapes

    private ObjectNode clusterJson(SimCluster c) {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", c.id).put("name", c.name).put("engine", c.engine).put("version", c.version);
        ObjectNode conn = n.putObject("connection");
        String host = c.name + "-do-user-0000000-0.db.ondigitalocean.com";
        conn.put("uri", "postgres://doadmin:[redacted]@" + host + ":25060/defaultdb?sslmode=require")
                .put("database", "").put("host", host).put("port", 25060).put("user", "doadmin")
                .put("password", "[redacted]").put("ssl", true);
        n.putArray("users").addObject().put("name", "doadmin").put("role", "primary").put("password", "[redacted]");
        n.putArray("db_names").add("defaultdb");
        n.put("num_nodes", c.nodes).put("region", c.region).put("status", c.status)
                .put("created_at", c.createdAt.toString());
        ObjectNode mw = n.putObject("maintenance_window");
        mw.put("day", "saturday").put("hour", "08:45:12").put("pending", false);
        mw.putArray("description");
        n.put("size", c.size);
        n.putArray("tags").add("production");
        n.put("private_network_uuid", "d455e75d-4858-4eec-8c95-da2f0a5f93a7");
        n.put("storage_size_mib", 61440);
        return n;
    }

    private ObjectNode dropletJson(SimDroplet d) {
        ObjectNode n = JSON.createObjectNode();
        int vcpus = d.size.contains("4vcpu") ? 4 : d.size.contains("2vcpu") ? 2 : 1;
        int memory = d.size.endsWith("8gb") ? 8192 : d.size.endsWith("4gb") ? 4096 : d.size.endsWith("2gb") ? 2048 : 1024;
        n.put("id", d.id).put("name", d.name).put("memory", memory).put("vcpus", vcpus).put("disk", 80)
                .put("locked", false).put("status", d.status).putNull("kernel")
                .put("created_at", "2024-07-21T18:37:44Z");
        n.putArray("features").add("private_networking");
        n.putArray("backup_ids");
        n.putArray("snapshot_ids");
        n.putArray("volume_ids");
        ObjectNode size = n.putObject("size");
        size.put("slug", d.size).put("memory", memory).put("vcpus", vcpus).put("disk", 80).put("transfer", 4.0)
                .put("price_monthly", new BigDecimal(6 * memory / 1024)).put("price_hourly", new BigDecimal("0.00893"));
        size.putArray("regions").add(d.region);
        size.put("available", true).put("description", "Basic");
        n.put("size_slug", d.size);
        ObjectNode networks = n.putObject("networks");
        networks.putArray("v4").addObject().put("ip_address", "10.128.0." + (d.id % 250)).put("netmask", "255.255.0.0")
                .put("gateway", "nil").put("type", "private");
        networks.putArray("v6");
        ObjectNode region = n.putObject("region");
        region.put("name", d.region).put("slug", d.region);
        region.putArray("features").add("private_networking");
        region.put("available", true);
        region.putArray("sizes").add(d.size);
        n.putArray("tags").add("mandible");
        return n;
    }

    private ObjectNode actionJson(SimAction a) {
        ObjectNode n = JSON.createObjectNode();
        SimDroplet d = droplets.get(a.dropletId);
        n.put("id", a.id).put("status", a.status).put("type", a.type).put("started_at", a.startedAt.toString());
        if (a.completedAt == null) {
            n.putNull("completed_at");
        } else {
            n.put("completed_at", a.completedAt.toString());
        }
        n.put("resource_id", a.dropletId).put("resource_type", "droplet");
        ObjectNode region = n.putObject("region");
        region.put("name", d.region).put("slug", d.region);
        region.putArray("features").add("private_networking");
        region.put("available", true);
        region.putArray("sizes");
        n.put("region_slug", d.region);
        return n;
    }

    private static Answer error(int status, String id, String message) {
        return Answer.json(status, JSON.createObjectNode().put("id", id).put("message", message)
                .put("request_id", UUID.nameUUIDFromBytes((id + message).getBytes(StandardCharsets.UTF_8)).toString()));
    }

    private static Answer notFound() {
        return error(404, "not_found", "The resource you requested could not be found.");
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return q;
        }
        for (String part : raw.split("&")) {
            int eq = part.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? part : part.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
            q.put(k, v);
        }
        return q;
    }

}
