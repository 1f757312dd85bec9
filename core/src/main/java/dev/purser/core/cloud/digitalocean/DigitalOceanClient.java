package dev.purser.core.cloud.digitalocean;

import static dev.purser.core.cloud.digitalocean.DoJson.array;
import static dev.purser.core.cloud.digitalocean.DoJson.bool;
import static dev.purser.core.cloud.digitalocean.DoJson.decimal;
import static dev.purser.core.cloud.digitalocean.DoJson.instant;
import static dev.purser.core.cloud.digitalocean.DoJson.intValue;
import static dev.purser.core.cloud.digitalocean.DoJson.longValue;
import static dev.purser.core.cloud.digitalocean.DoJson.longs;
import static dev.purser.core.cloud.digitalocean.DoJson.money;
import static dev.purser.core.cloud.digitalocean.DoJson.object;
import static dev.purser.core.cloud.digitalocean.DoJson.optDecimal;
import static dev.purser.core.cloud.digitalocean.DoJson.optInstant;
import static dev.purser.core.cloud.digitalocean.DoJson.optMoney;
import static dev.purser.core.cloud.digitalocean.DoJson.optText;
import static dev.purser.core.cloud.digitalocean.DoJson.strings;
import static dev.purser.core.cloud.digitalocean.DoJson.text;
import static dev.purser.core.cloud.digitalocean.DoJson.yearMonth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.purser.core.cloud.http.ApiHttpClient;
import dev.purser.core.cloud.http.ApiResponse;
import dev.purser.core.cloud.http.HttpSettings;
import dev.purser.core.cloud.http.RateLimitRecorder;
import dev.purser.core.cloud.http.RequestTarget;
import dev.purser.core.cloud.http.Sleeper;
import dev.purser.core.config.DigitalOceanConfig;
import dev.purser.core.config.Secret;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import dev.purser.core.model.Money;
import dev.purser.core.model.UsageSeries;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a DigitalOcean team's billing, inventory and droplet metrics through the API v2, and makes
 * the few changes a migration plan needs: resize a database cluster, fork and delete one, and start
 * droplet actions (power off, resize, power on).
 *
 * <p>Pagination: list calls ask for 200 items a page (DigitalOcean's maximum) and follow
 * {@code links.pages.next} until it is absent, then check the count against {@code meta.total};
 * a list that changed while it was paged fails rather than return a silently incomplete answer.
 * Only the path and query of a {@code next} link are used, on the configured base URI, so the
 * token is never sent to a host the caller did not choose.
 *
 * <p>Retries, rate limits and errors: see {@link ApiHttpClient}; the wording of each failure is
 * DigitalOcean-specific (a 401 says to set {@value #TOKEN_ENV}, a 403 names the scope needed).
 *
 * <p>The token comes from the environment ({@link #create}) and is never logged nor put
 * in an exception message. Thread-safe.
 */
public final class DigitalOceanClient {

    /** The environment variable that holds the API token unless the configuration names another. */
    public static final String TOKEN_ENV = DigitalOceanConfig.DEFAULT_TOKEN_ENV;
    /** DigitalOcean's API endpoint. */
    public static final URI DEFAULT_BASE_URI = DigitalOceanConfig.DEFAULT_BASE_URL;

    private static final int PER_PAGE = 200;
    private static final int MAX_PAGES = 10_000;
    private static final Pattern SLUG = Pattern.compile("[A-Za-z0-9_-]{1,100}");
    private static final ObjectMapper WRITER = new ObjectMapper();
    private static final Pattern UUID_LIKE = Pattern.compile("[A-Za-z0-9-]{1,64}");
    private static final Pattern FILE_NAME = Pattern.compile("filename=\"([^\"]*)\"|filename=([^;\\s]+)");

    private static final RequestTarget BILLING_HISTORY = billing("billing history");
    private static final RequestTarget INVOICES = billing("invoices");

    private final String base;
    private final ApiHttpClient http;

    /** A client that really sleeps between retries. */
    public DigitalOceanClient(URI baseUri, String token, HttpSettings settings, RateLimitRecorder recorder, Clock clock) {
        this(baseUri, token, settings, recorder, clock, Sleeper.system());
    }

    /**
     * @param baseUri  {@link #DEFAULT_BASE_URI}, or a test server
     * @param token    the API token, read by the caller from {@value #TOKEN_ENV}
     * @param sleeper  how to wait between attempts (tests record instead)
     */
    public DigitalOceanClient(URI baseUri, String token, HttpSettings settings, RateLimitRecorder recorder, Clock clock,
            Sleeper sleeper) {
        Objects.requireNonNull(baseUri, "baseUri");
        if (token == null || token.isBlank()) {
            throw missingToken(TOKEN_ENV);
        }
        String b = baseUri.toString();
        this.base = b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
        this.http = new ApiHttpClient(new DoProfile(), token.trim(), settings, recorder, clock, sleeper,
                new SplittableRandom());
    }

    /**
     * A client for the configured API base URL (DigitalOcean's, or a proxy the configuration has
     * already checked is https or loopback http) with the token the configuration names.
     *
     * @param token the token, read by the composition root from the variable {@code token_env} names
     * @throws PurserException {@link ErrorCode#BAD_ARGUMENT} naming the variable when the token is unset
     */
    public static DigitalOceanClient create(DigitalOceanConfig config, Secret token, HttpSettings settings,
            RateLimitRecorder recorder, Clock clock) {
        Objects.requireNonNull(config, "config");
        if (!token.isPresent()) {
            throw missingToken(token.variable());
        }
        return new DigitalOceanClient(config.baseUrl(), token.reveal(), settings, recorder, clock);
    }

    /** {@code GET /v2/customers/my/billing_history}, all pages. */
    public List<BillingHistoryEntry> billingHistory() {
        return list("/v2/customers/my/billing_history", "billing_history", BILLING_HISTORY, true,
                (n, p) -> new BillingHistoryEntry(text(n, "description", p), money(n, "amount", p),
                        optText(n, "invoice_id", p), optText(n, "invoice_uuid", p), instant(n, "date", p),
                        text(n, "type", p)));
    }

    /** {@code GET /v2/customers/my/invoices}, all pages, with the month-to-date preview. */
    public InvoiceListing invoices() {
        InvoiceRef[] preview = new InvoiceRef[1];
        List<InvoiceRef> invoices = list("/v2/customers/my/invoices", "invoices", INVOICES, true,
                DigitalOceanClient::invoiceRef, root -> {
                    JsonNode p = root.get("invoice_preview");
                    if (preview[0] == null && p != null && p.isObject()) {
                        preview[0] = invoiceRef(p, "invoice_preview.");
                    }
                });
        return new InvoiceListing(invoices, preview[0]);
    }

    /** {@code GET /v2/customers/my/invoices/{uuid}}: the invoice's items, all pages. */
    public List<InvoiceItem> invoice(String invoiceUuid) {
        String uuid = checkId(invoiceUuid, "invoice UUID");
        return list("/v2/customers/my/invoices/" + uuid, "invoice_items", billing("invoice " + uuid), true,
                (n, p) -> new InvoiceItem(text(n, "product", p), optText(n, "resource_uuid", p),
                        optText(n, "resource_id", p), optText(n, "group_description", p),
                        optText(n, "description", p), money(n, "amount", p), optDecimal(n, "duration", p),
                        optText(n, "duration_unit", p), optInstant(n, "start_time", p),
                        optInstant(n, "end_time", p), optText(n, "project_name", p)));
    }

    /** {@code GET /v2/customers/my/invoices/{uuid}/csv}. */
    public InvoiceCsv invoiceCsv(String invoiceUuid) {
        String uuid = checkId(invoiceUuid, "invoice UUID");
        ApiResponse r = http.get(URI.create(base + "/v2/customers/my/invoices/" + uuid + "/csv"),
                Map.of("Accept", "text/csv"), billing("the CSV of invoice " + uuid));
        String fileName = r.header("content-disposition").map(DigitalOceanClient::fileName).orElse(null);
        return new InvoiceCsv(uuid, fileName, r.body());
    }

    /** {@code GET /v2/customers/my/invoices/{uuid}/summary}. */
    public InvoiceSummary invoiceSummary(String invoiceUuid) {
        String uuid = checkId(invoiceUuid, "invoice UUID");
        RequestTarget target = billing("the summary of invoice " + uuid);
        return one("/v2/customers/my/invoices/" + uuid + "/summary", target, n -> {
            List<InvoiceSummary.Item> items = new ArrayList<>();
            Money productCharges = null;
            JsonNode pc = n.get("product_charges");
            if (pc != null && pc.isObject()) {
                productCharges = optMoney(pc, "amount", "product_charges.");
                JsonNode list = pc.get("items");
                if (list != null && !list.isNull()) {
                    List<JsonNode> nodes = array(pc, "items", "product_charges.");
                    for (int i = 0; i < nodes.size(); i++) {
                        String p = "product_charges.items[" + i + "].";
                        JsonNode it = nodes.get(i);
                        items.add(new InvoiceSummary.Item(text(it, "name", p), money(it, "amount", p),
                                optText(it, "count", p)));
                    }
                }
            }
            return new InvoiceSummary(text(n, "invoice_uuid", ""), text(n, "invoice_id", ""),
                    yearMonth(n, "billing_period", ""), money(n, "amount", ""), optText(n, "user_name", ""),
                    optText(n, "user_company", ""), optText(n, "user_email", ""), productCharges, items,
                    partAmount(n, "overages"), partAmount(n, "taxes"), partAmount(n, "credits_and_adjustments"));
        });
    }

    /** {@code GET /v2/droplets}, all pages. */
    public List<Droplet> droplets() {
        return list("/v2/droplets", "droplets", new RequestTarget("droplets", "droplet:read", "droplets"), true,
                DigitalOceanClient::droplet);
    }

    private static Droplet droplet(JsonNode n, String p) {
        JsonNode size = object(n, "size", p);
        JsonNode region = object(n, "region", p);
        return new Droplet(longValue(n, "id", p), text(n, "name", p), intValue(n, "memory", p),
                intValue(n, "vcpus", p), intValue(n, "disk", p), text(n, "status", p),
                instant(n, "created_at", p), text(n, "size_slug", p),
                money(size, "price_monthly", p + "size."), decimal(size, "price_hourly", p + "size."),
                text(region, "slug", p + "region."), strings(n, "tags", p), strings(n, "volume_ids", p),
                ipv4(n, "public"), ipv4(n, "private"));
    }

    /** The first {@code networks.v4} address of that type ({@code public}, {@code private}), or null. */
    private static String ipv4(JsonNode droplet, String type) {
        for (JsonNode v4 : droplet.path("networks").path("v4")) {
            if (type.equals(v4.path("type").asText()) && v4.path("ip_address").isTextual()) {
                return v4.path("ip_address").asText();
            }
        }
        return null;
    }

    /** {@code GET /v2/databases}: every managed database cluster (not paginated by DigitalOcean). */
    public List<DatabaseCluster> databaseClusters() {
        return list("/v2/databases", "databases", database("database clusters"), false,
                DigitalOceanClient::databaseCluster);
    }

    private static DatabaseCluster databaseCluster(JsonNode n, String p) {
        return new DatabaseCluster(text(n, "id", p), text(n, "name", p), text(n, "engine", p),
                optText(n, "version", p), text(n, "size", p), intValue(n, "num_nodes", p),
                text(n, "region", p), optText(n, "status", p), optInstant(n, "created_at", p),
                strings(n, "tags", p), n.hasNonNull("storage_size_mib") ? longValue(n, "storage_size_mib", p) : null);
    }

    // ------------------------------------------------------------------ one resource, and changes

    /** {@code GET /v2/databases/{uuid}}: one cluster, with its current {@code status}. */
    public DatabaseCluster databaseCluster(String clusterId) {
        String id = checkId(clusterId, "database cluster id");
        return one("/v2/databases/" + id, database("database cluster " + id),
                root -> databaseCluster(object(root, "database", ""), "database."));
    }

    /**
     * {@code PUT /v2/databases/{uuid}/resize} with {@code size} and {@code num_nodes}; DigitalOcean
     * answers 202 and the cluster's status turns {@code resizing}, then {@code online} again.
     * Sent once: see {@link ApiHttpClient#change} for what a failure means.
     */
    public void resizeDatabaseCluster(String clusterId, String size, int numNodes) {
        String id = checkId(clusterId, "database cluster id");
        ObjectNode body = WRITER.createObjectNode().put("size", checkSlug(size, "size")).put("num_nodes",
                checkNodes(numNodes));
        http.change("PUT", URI.create(base + "/v2/databases/" + id + "/resize"), json(body),
                databaseChange("database cluster " + id));
    }

    /**
     * {@code POST /v2/databases} with {@code backup_restore}: a new cluster (a fork) from the named
     * cluster's backup taken at {@code backupCreatedAt}; its status starts {@code creating}.
     */
    public DatabaseCluster forkDatabaseCluster(DatabaseCluster source, String forkName, Instant backupCreatedAt) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(backupCreatedAt, "backupCreatedAt");
        ObjectNode body = WRITER.createObjectNode().put("name", checkSlug(forkName, "fork name"));
        body.putObject("backup_restore").put("database_name", source.name())
                .put("backup_created_at", backupCreatedAt.toString());
        body.put("engine", source.engine());
        if (source.version() != null) {
            body.put("version", source.version());
        }
        body.put("region", source.region()).put("size", source.size()).put("num_nodes", source.numNodes());
        RequestTarget target = databaseChange("database cluster " + forkName + " (a fork of " + source.name() + ")");
        ApiResponse r = http.change("POST", URI.create(base + "/v2/databases"), json(body), target);
        return read(r, target, root -> databaseCluster(object(root, "database", ""), "database."));
    }

    /** {@code DELETE /v2/databases/{uuid}}: destroys the cluster (204). */
    public void deleteDatabaseCluster(String clusterId) {
        String id = checkId(clusterId, "database cluster id");
        http.change("DELETE", URI.create(base + "/v2/databases/" + id), null,
                new RequestTarget("database cluster " + id, "database:delete", "databases"));
    }

    /** {@code GET /v2/droplets/{id}}: one droplet, with its {@code status} and {@code size_slug}. */
    public Droplet droplet(long dropletId) {
        return one("/v2/droplets/" + dropletId, new RequestTarget("droplet " + dropletId, "droplet:read", "droplets"),
                root -> droplet(object(root, "droplet", ""), "droplet."));
    }

    /**
     * {@code POST /v2/droplets/{id}/actions} with {@code type} ({@code power_off}, {@code resize},
     * {@code power_on}) and, for a resize, {@code size} and {@code disk}; answered 201 with the action.
     */
    public DropletAction startDropletAction(long dropletId, String type, String size, boolean disk) {
        ObjectNode body = WRITER.createObjectNode().put("type", checkSlug(type, "action type"));
        if (size != null) {
            body.put("size", checkSlug(size, "size")).put("disk", disk);
        }
        RequestTarget target = new RequestTarget("droplet " + dropletId + " (" + type + ")", "droplet:update", "droplets");
        ApiResponse r = http.change("POST", URI.create(base + "/v2/droplets/" + dropletId + "/actions"), json(body),
                target);
        return read(r, target, root -> action(object(root, "action", ""), "action."));
    }

    /** {@code GET /v2/actions/{id}}: the action's status, {@code in-progress}, {@code completed} or {@code errored}. */
    public DropletAction action(long actionId) {
        return one("/v2/actions/" + actionId, new RequestTarget("action " + actionId, "actions:read", "actions"),
                root -> action(object(root, "action", ""), "action."));
    }

    /** {@code GET /v2/droplets/{id}/actions}, all pages, newest first as DigitalOcean lists them. */
    public List<DropletAction> dropletActions(long dropletId) {
        return list("/v2/droplets/" + dropletId + "/actions", "actions",
                new RequestTarget("actions of droplet " + dropletId, "droplet:read", "droplets"), true,
                DigitalOceanClient::action);
    }

    private static DropletAction action(JsonNode n, String p) {
        JsonNode region = n.get("region");
        String regionSlug = n.hasNonNull("region_slug") ? text(n, "region_slug", p)
                : region != null && region.isObject() ? optText(region, "slug", p + "region.") : null;
        return new DropletAction(longValue(n, "id", p), text(n, "status", p), text(n, "type", p),
                optInstant(n, "started_at", p), optInstant(n, "completed_at", p),
                n.hasNonNull("resource_id") ? longValue(n, "resource_id", p) : null,
                optText(n, "resource_type", p), regionSlug);
    }

    private <T> T read(ApiResponse r, RequestTarget target, Function<JsonNode, T> mapper) {
        try {
            return mapper.apply(DoJson.parse(r.body()));
        } catch (DoJson.Malformed e) {
            throw http.malformed(target, e.getMessage(), e.getCause());
        } catch (IllegalArgumentException e) {
            throw http.malformed(target, e.getMessage(), e);
        }
    }

    private static String json(ObjectNode body) {
        try {
            return WRITER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a request body", e);
        }
    }

    private static String checkSlug(String slug, String what) {
        if (slug == null || !SLUG.matcher(slug).matches()) {
            throw PurserException.badArgument(what + " '" + slug + "' is not valid: expected letters, digits, dashes"
                    + " and underscores");
        }
        return slug;
    }

    private static int checkNodes(int nodes) {
        if (nodes < 1 || nodes > 3) {
            throw PurserException.badArgument("num_nodes " + nodes + " is not valid: DigitalOcean allows 1 to 3");
        }
        return nodes;
    }

    private static RequestTarget databaseChange(String what) {
        return new RequestTarget(what, "database:update", "databases");
    }

    /** {@code GET /v2/databases/options}. */
    public DatabaseOptions databaseOptions() {
        return one("/v2/databases/options", database("database options"), root -> {
            JsonNode options = object(root, "options", "");
            Map<String, DatabaseOptions.Engine> engines = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : options.properties()) {
                String p = "options." + e.getKey() + ".";
                JsonNode eng = e.getValue();
                List<DatabaseOptions.Layout> layouts = new ArrayList<>();
                List<JsonNode> ls = eng.hasNonNull("layouts") ? array(eng, "layouts", p) : List.of();
                for (int i = 0; i < ls.size(); i++) {
                    String lp = p + "layouts[" + i + "].";
                    layouts.add(new DatabaseOptions.Layout(intValue(ls.get(i), "num_nodes", lp),
                            strings(ls.get(i), "sizes", lp)));
                }
                engines.put(e.getKey(), new DatabaseOptions.Engine(e.getKey(), strings(eng, "regions", p),
                        strings(eng, "versions", p), layouts, optText(eng, "default_version", p)));
            }
            return new DatabaseOptions(engines);
        });
    }

    /** {@code GET /v2/databases/{uuid}/backups}. */
    public List<DatabaseBackup> databaseBackups(String clusterId) {
        String id = checkId(clusterId, "database cluster id");
        return list("/v2/databases/" + id + "/backups", "backups", database("backups of database cluster " + id),
                false, (n, p) -> new DatabaseBackup(instant(n, "created_at", p), decimal(n, "size_gigabytes", p)));
    }

    /** {@code GET /v2/volumes}, all pages. */
    public List<Volume> volumes() {
        return list("/v2/volumes", "volumes", new RequestTarget("volumes", "block_storage:read", "block storage"),
                true, (n, p) -> new Volume(text(n, "id", p), text(n, "name", p),
                        text(object(n, "region", p), "slug", p + "region."), decimal(n, "size_gigabytes", p),
                        optInstant(n, "created_at", p), longs(n, "droplet_ids", p), strings(n, "tags", p)));
    }

    /** {@code GET /v2/snapshots}, droplet and volume snapshots, all pages. */
    public List<Snapshot> snapshots() {
        return list("/v2/snapshots", "snapshots", new RequestTarget("snapshots", "snapshot:read", "snapshots"),
                true, (n, p) -> new Snapshot(text(n, "id", p), text(n, "name", p), instant(n, "created_at", p),
                        strings(n, "regions", p), decimal(n, "size_gigabytes", p), intValue(n, "min_disk_size", p),
                        optText(n, "resource_id", p), text(n, "resource_type", p), strings(n, "tags", p)));
    }

    /** {@code GET /v2/reserved_ips}, all pages; {@code droplet: null} means unassigned. */
    public List<ReservedIp> reservedIps() {
        return list("/v2/reserved_ips", "reserved_ips",
                new RequestTarget("reserved IPs", "reserved_ip:read", "reserved IPs"), true, (n, p) -> {
                    JsonNode droplet = n.get("droplet");
                    boolean assigned = droplet != null && droplet.isObject();
                    return new ReservedIp(text(n, "ip", p), text(object(n, "region", p), "slug", p + "region."),
                            assigned ? longValue(droplet, "id", p + "droplet.") : null,
                            assigned ? optText(droplet, "name", p + "droplet.") : null,
                            bool(n, "locked", p, false), optText(n, "project_id", p));
                });
    }

    /** {@code GET /v2/sizes}, all pages: droplet sizes and their prices. */
    public List<Size> sizes() {
        return list("/v2/sizes", "sizes", new RequestTarget("droplet sizes", "sizes:read", "sizes"), true,
                (n, p) -> new Size(text(n, "slug", p), intValue(n, "memory", p), intValue(n, "vcpus", p),
                        intValue(n, "disk", p), decimal(n, "transfer", p), money(n, "price_monthly", p),
                        decimal(n, "price_hourly", p), strings(n, "regions", p), bool(n, "available", p, true),
                        optText(n, "description", p)));
    }

    /**
     * {@code GET /v2/monitoring/metrics/droplet/<metric>} over {@code [start, end]}: one series per
     * label set (for CPU, one per mode). Samples whose value is NaN or infinite are gaps, and left out.
     */
    public List<MetricSeries> dropletMetrics(DropletMetric metric, long dropletId, Instant start, Instant end) {
        Objects.requireNonNull(metric, "metric");
        if (!end.isAfter(start)) {
            throw PurserException.badArgument("metrics window end " + end + " is not after start " + start);
        }
        String query = "?host_id=" + dropletId + "&start=" + start.getEpochSecond() + "&end=" + end.getEpochSecond();
        RequestTarget target = new RequestTarget(metric.path() + " metrics of droplet " + dropletId,
                "monitoring:read", "monitoring");
        return one("/v2/monitoring/metrics/droplet/" + metric.path() + query, target, root -> {
            String status = text(root, "status", "");
            if (!"success".equals(status)) {
                throw new DoJson.Malformed("status is '" + status + "', expected 'success'", null);
            }
            JsonNode data = object(root, "data", "");
            String type = text(data, "resultType", "data.");
            if (!"matrix".equals(type)) {
                throw new DoJson.Malformed("data.resultType is '" + type + "', expected 'matrix'", null);
            }
            List<MetricSeries> out = new ArrayList<>();
            List<JsonNode> results = array(data, "result", "data.");
            for (int i = 0; i < results.size(); i++) {
                String p = "data.result[" + i + "].";
                JsonNode r = results.get(i);
                Map<String, String> labels = new LinkedHashMap<>();
                object(r, "metric", p).properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
                List<UsageSeries.Sample> samples = new ArrayList<>();
                List<JsonNode> values = array(r, "values", p);
                for (int j = 0; j < values.size(); j++) {
                    JsonNode v = values.get(j);
                    String vp = p + "values[" + j + "]";
                    if (!v.isArray() || v.size() != 2) {
                        throw new DoJson.Malformed(vp + " is not a [time, value] pair", null);
                    }
                    Instant at = epoch(v.get(0), vp);
                    double value = sampleValue(v.get(1), vp);
                    if (Double.isFinite(value)) {
                        samples.add(new UsageSeries.Sample(at, value));
                    }
                }
                out.add(new MetricSeries(labels, samples));
            }
            return out;
        });
    }

    // ---------------------------------------------------------------------------------------

    private static RequestTarget billing(String what) {
        return new RequestTarget(what, "billing:read", "billing");
    }

    private static RequestTarget database(String what) {
        return new RequestTarget(what, "database:read", "databases");
    }

    private static InvoiceRef invoiceRef(JsonNode n, String p) {
        return new InvoiceRef(text(n, "invoice_uuid", p), text(n, "invoice_id", p), money(n, "amount", p),
                yearMonth(n, "invoice_period", p), optInstant(n, "updated_at", p));
    }

    private static Money partAmount(JsonNode root, String name) {
        JsonNode part = root.get(name);
        if (part == null || !part.isObject()) {
            return null;
        }
        return optMoney(part, "amount", name + ".");
    }

    private <T> List<T> list(String path, String key, RequestTarget target, boolean paged,
            BiFunction<JsonNode, String, T> mapper) {
        return list(path, key, target, paged, mapper, root -> { });
    }

    private <T> List<T> list(String path, String key, RequestTarget target, boolean paged,
            BiFunction<JsonNode, String, T> mapper, Consumer<JsonNode> eachPage) {
        String first = base + path + (paged ? "?per_page=" + PER_PAGE : "");
        URI uri = URI.create(first);
        List<T> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Long total = null;
        for (int page = 1; ; page++) {
            ApiResponse response = http.get(uri, Map.of("Accept", "application/json"), target);
            try {
                JsonNode root = DoJson.parse(response.body());
                eachPage.accept(root);
                List<JsonNode> items = array(root, key, "");
                int offset = out.size();
                for (int i = 0; i < items.size(); i++) {
                    out.add(mapper.apply(items.get(i), key + "[" + (offset + i) + "]."));
                }
                JsonNode t = root.path("meta").path("total");
                if (t.isIntegralNumber()) {
                    total = t.longValue();
                }
                String next = root.path("links").path("pages").path("next").asText("");
                if (next.isBlank()) {
                    break;
                }
                if (!seen.add(next) || page >= MAX_PAGES) {
                    throw new DoJson.Malformed("links.pages.next repeats " + next + " after page " + page, null);
                }
                uri = onBase(next);
            } catch (DoJson.Malformed e) {
                throw http.malformed(target, e.getMessage(), e.getCause());
            } catch (IllegalArgumentException e) {
                throw http.malformed(target, e.getMessage(), e);
            }
        }
        if (total != null && total != out.size()) {
            throw http.malformed(target, "meta.total is " + total + " but the pages held " + out.size()
                    + " (the list changed while it was read)", null);
        }
        return List.copyOf(out);
    }

    private <T> T one(String pathAndQuery, RequestTarget target, Function<JsonNode, T> mapper) {
        ApiResponse response = http.get(URI.create(base + pathAndQuery), Map.of("Accept", "application/json"), target);
        try {
            return mapper.apply(DoJson.parse(response.body()));
        } catch (DoJson.Malformed e) {
            throw http.malformed(target, e.getMessage(), e.getCause());
        } catch (IllegalArgumentException e) {
            throw http.malformed(target, e.getMessage(), e);
        }
    }

    /** The next link's path and query on our own base URI: the token goes nowhere else. */
    private URI onBase(String next) {
        URI n;
        try {
            n = URI.create(next);
        } catch (IllegalArgumentException e) {
            throw new DoJson.Malformed("links.pages.next is not a URI: " + next, e);
        }
        String path = n.getRawPath();
        if (path == null || !path.startsWith("/v2/")) {
            throw new DoJson.Malformed("links.pages.next does not point into /v2/: " + next, null);
        }
        return URI.create(base + path + (n.getRawQuery() == null ? "" : "?" + n.getRawQuery()));
    }

    private static Instant epoch(JsonNode t, String path) {
        try {
            BigDecimal seconds = t.isNumber() ? t.decimalValue() : new BigDecimal(t.asText().trim());
            long millis = seconds.movePointRight(3).setScale(0, RoundingMode.HALF_EVEN).longValueExact();
            return Instant.ofEpochMilli(millis);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new DoJson.Malformed(path + "[0] is '" + t.asText() + "', expected epoch seconds", e);
        }
    }

    private static double sampleValue(JsonNode v, String path) {
        String s = v.asText().trim();
        switch (s) {
            case "NaN", "+Inf", "-Inf" -> {
                return Double.NaN;
            }
            default -> {
                try {
                    return Double.parseDouble(s);
                } catch (NumberFormatException e) {
                    throw new DoJson.Malformed(path + "[1] is '" + s + "', expected a number", e);
                }
            }
        }
    }

    private static String checkId(String id, String what) {
        if (id == null || !UUID_LIKE.matcher(id).matches()) {
            throw PurserException.badArgument(what + " '" + id + "' is not valid: expected letters, digits and dashes");
        }
        return id;
    }

    private static String fileName(String contentDisposition) {
        Matcher m = FILE_NAME.matcher(contentDisposition);
        if (!m.find()) {
            return null;
        }
        return m.group(1) != null ? m.group(1) : m.group(2);
    }

    private static PurserException missingToken(String variable) {
        return new PurserException(ErrorCode.BAD_ARGUMENT, variable + " is not set: create a read-only token in"
                + " the DigitalOcean control panel (API > Tokens) and export it as " + variable);
    }

    @Override
    public String toString() {
        return "DigitalOceanClient[" + base + "]";
    }
}
