package dev.purser.core.cloud.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.purser.core.analysis.catalog.CatalogOrigin;
import dev.purser.core.analysis.catalog.CatalogSize;
import dev.purser.core.analysis.catalog.PriceCatalog;
import dev.purser.core.analysis.catalog.SizeClass;
import dev.purser.core.model.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.pricing.PricingClient;
import software.amazon.awssdk.services.pricing.model.Filter;
import software.amazon.awssdk.services.pricing.model.FilterType;
import software.amazon.awssdk.services.pricing.model.GetProductsResponse;

/**
 * Live on-demand list prices from the AWS Price List API ({@code pricing:GetProducts}), as a
 * {@link PriceCatalog} of origin {@link CatalogOrigin#LIVE} in the bundled AWS catalog's shape:
 * EC2 instance types as machine sizes, RDS instance classes as database node sizes per engine.
 *
 * <p>Keeping the pull small: the Price List holds hundreds of thousands of products, so only the
 * families asked for are read, one query per family ({@code instanceType} CONTAINS
 * {@code "m5."}), each answer checked for the exact family. EC2 is Linux, shared tenancy, no
 * pre-installed software, capacity status Used (the plain on-demand instance hour); RDS is
 * Single-AZ per instance (a Multi-AZ deployment is priced as two nodes). The region is matched by
 * the products' {@code regionCode} attribute, which carries the region id itself, so no table of
 * region display names has to be kept up to date.
 *
 * <p>Prices: the OnDemand term's hourly {@code pricePerUnit.USD}, exact; monthly = hourly ×
 * {@value #HOURS_PER_MONTH} hours, the figure the bundled AWS catalog and AWS's own calculator use.
 * A product without an hourly USD price, or priced at zero, is left out and counted in the notes.
 * When two products price one size (Aurora's standard and I/O-Optimized storage, say), the cheaper
 * is kept, so a saving is never claimed against an inflated current price.
 *
 * <p>{@link #storagePrices} reads, from the same API, the per-GB-month prices of EBS volume types
 * and snapshot storage and the hourly price of a public IPv4 address, which are no instance size
 * and so stand beside the catalog rather than in it.
 *
 * <p>Failures become {@link dev.purser.core.error.PurserException} with {@code EXTERNAL_API_ERROR}
 * after the client's retries, as everywhere in this package.
 */
public final class AwsPriceListSource {

    /** Hours in a month, as the bundled catalog (and AWS's pricing calculator) counts them. */
    public static final int HOURS_PER_MONTH = 730;

    private static final String ACTION = "pricing:GetProducts";
    private static final int MAX_PAGES = 1_000;
    private static final Currency USD = Currency.getInstance("USD");
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    /** RDS engine ids (DescribeDBInstances) to the Price List's {@code databaseEngine} values. */
    private static final Map<String, String> RDS_ENGINES = Map.of(
            "postgres", "PostgreSQL",
            "mysql", "MySQL",
            "mariadb", "MariaDB",
            "aurora-postgresql", "Aurora PostgreSQL",
            "aurora-mysql", "Aurora MySQL",
            "aurora", "Aurora MySQL");

    private final PricingClient pricing;
    private long requests;

    public AwsPriceListSource(PricingClient pricing) {
        this.pricing = Objects.requireNonNull(pricing, "pricing");
    }

    /**
     * The catalog and what the user should know about it.
     *
     * @param notes sizes or engines that could not be priced, in sentences
     */
    public record Listing(PriceCatalog catalog, List<String> notes) {
        public Listing {
            Objects.requireNonNull(catalog, "catalog");
            notes = List.copyOf(notes);
        }
    }

    /** GetProducts requests made so far (each page is one). */
    public synchronized long requests() {
        return requests;
    }

    /**
     * Prices the families of the given EC2 instance types and RDS instance classes in a region.
     *
     * @param region          region id, e.g. {@code us-east-1}
     * @param machineTypes    EC2 instance types whose whole family to price, e.g. {@code m5.2xlarge}
     * @param databaseClasses RDS engine id (as DescribeDBInstances names it, e.g. {@code postgres})
     *                        to the DB instance classes whose families to price
     * @param snapshotDate    the date the prices are read, stamped on the catalog
     * @throws dev.purser.core.error.PurserException EXTERNAL_API_ERROR when the API fails or answers
     *         something that is not a price list
     */
    public Listing catalog(String region, Set<String> machineTypes, Map<String, Set<String>> databaseClasses,
            LocalDate snapshotDate) {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(machineTypes, "machineTypes");
        Objects.requireNonNull(databaseClasses, "databaseClasses");
        Objects.requireNonNull(snapshotDate, "snapshotDate");
        List<String> notes = new ArrayList<>();
        Map<String, CatalogSize> machines = new TreeMap<>();
        Map<String, CatalogSize> nodes = new TreeMap<>();
        Set<String> machineFamilies = families(machineTypes);
        Counts counts = new Counts();
        for (String family : machineFamilies) {
            List<Filter> filters = List.of(
                    term("regionCode", region),
                    term("tenancy", "Shared"),
                    term("operatingSystem", "Linux"),
                    term("preInstalledSw", "NA"),
                    term("capacitystatus", "Used"),
                    Filter.builder().type(FilterType.CONTAINS).field("instanceType").value(family + ".").build());
            for (JsonNode product : products("AmazonEC2", filters)) {
                CatalogSize size = size(product, family, SizeClass.MACHINE, "", "EC2 " + family, counts);
                if (size != null) {
                    machines.merge(size.slug(), size, counts::cheaper);
                }
            }
        }
        Set<String> dbFamilies = new TreeSet<>();
        for (Map.Entry<String, Set<String>> e : new TreeMap<>(databaseClasses).entrySet()) {
            String engine = e.getKey();
            String priceListEngine = RDS_ENGINES.get(engine.toLowerCase(Locale.ROOT));
            if (priceListEngine == null) {
                notes.add("RDS engine " + engine + " is not priced live (only PostgreSQL, MySQL, MariaDB and"
                        + " Aurora are; licence-included engines have several prices per size)");
                continue;
            }
            for (String family : families(e.getValue())) {
                dbFamilies.add(engine + " " + family);
                List<Filter> filters = List.of(
                        term("regionCode", region),
                        term("databaseEngine", priceListEngine),
                        term("deploymentOption", "Single-AZ"),
                        Filter.builder().type(FilterType.CONTAINS).field("instanceType").value(family + ".").build());
                for (JsonNode product : products("AmazonRDS", filters)) {
                    CatalogSize size = size(product, family, SizeClass.DATABASE_NODE, engine, "RDS " + engine + " "
                            + family, counts);
                    if (size != null) {
                        nodes.merge(engine + "/" + size.slug(), size, counts::cheaper);
                    }
                }
            }
        }
        if (counts.unpriced > 0) {
            notes.add(counts.unpriced + " product(s) had no hourly on-demand USD price (or a zero one) and were"
                    + " left out");
        }
        if (counts.duplicates > 0) {
            notes.add(counts.duplicates + " size(s) were priced by more than one product; the cheaper was kept");
        }
        Set<String> emptyFamilies = new TreeSet<>();
        for (String family : machineFamilies) {
            if (machines.values().stream().noneMatch(s -> s.family().equals(family))) {
                emptyFamilies.add(family);
            }
        }
        if (!emptyFamilies.isEmpty()) {
            notes.add("the Price List has no Linux on-demand price in " + region + " for EC2 famil"
                    + (emptyFamilies.size() == 1 ? "y " : "ies ") + String.join(", ", emptyFamilies));
        }
        List<CatalogSize> sizes = new ArrayList<>(machines.values());
        sizes.addAll(nodes.values());
        String scope = (machineFamilies.isEmpty() ? "" : "EC2 " + String.join(", ", machineFamilies))
                + (machineFamilies.isEmpty() || dbFamilies.isEmpty() ? "" : "; ")
                + (dbFamilies.isEmpty() ? "" : "RDS " + String.join(", ", dbFamilies));
        String note = "Live AWS on-demand prices in " + region + " from the AWS Price List API (EC2 Linux, shared"
                + " tenancy; RDS per instance, Single-AZ; a Multi-AZ deployment with one standby costs two"
                + " instances), only the families in the inventory" + (scope.isEmpty() ? "" : " (" + scope + ")")
                + ". Monthly = hourly x " + HOURS_PER_MONTH + ".";
        PriceCatalog catalog = new PriceCatalog("aws-" + region, "AWS", snapshotDate, CatalogOrigin.LIVE, note,
                sizes, List.of());
        return new Listing(catalog, notes);
    }

    /**
     * Storage and address list prices in one region: what an EBS volume, an EBS snapshot and a
     * public IPv4 address cost, from the same Price List as the instance sizes.
     *
     * @param volumeGbMonth      EBS volume type ({@code volumeApiName}, e.g. {@code gp3}) to its
     *                           USD price per GB-month of provisioned storage; types the Price
     *                           List does not price are absent
     * @param snapshotGbMonth    standard-tier snapshot storage per GB-month
     * @param archiveGbMonth     archive-tier snapshot storage per GB-month
     * @param idleAddressHourly  a public IPv4 address assigned to nothing, per hour
     * @param inUseAddressHourly a public IPv4 address in use, per hour
     * @param notes              what could not be priced, in sentences
     */
    public record StoragePrices(String region, LocalDate date, Map<String, Money> volumeGbMonth,
            Optional<Money> snapshotGbMonth, Optional<Money> archiveGbMonth, Optional<Money> idleAddressHourly,
            Optional<Money> inUseAddressHourly, List<String> notes) {
        public StoragePrices {
            Objects.requireNonNull(region, "region");
            Objects.requireNonNull(date, "date");
            volumeGbMonth = Collections.unmodifiableMap(new TreeMap<>(volumeGbMonth));
            Objects.requireNonNull(snapshotGbMonth, "snapshotGbMonth");
            Objects.requireNonNull(archiveGbMonth, "archiveGbMonth");
            Objects.requireNonNull(idleAddressHourly, "idleAddressHourly");
            Objects.requireNonNull(inUseAddressHourly, "inUseAddressHourly");
            notes = List.copyOf(notes);
        }

        /** Where the prices came from, as a resource's {@code price_source} names it. */
        public String source() {
            return "AWS Price List " + date;
        }

        /** The prices read, in one line: {@code "EBS gp3 0.08 USD per GB-month; ..."}. */
        public String summary() {
            List<String> parts = new ArrayList<>();
            if (!volumeGbMonth.isEmpty()) {
                List<String> types = new ArrayList<>();
                volumeGbMonth.forEach((type, price) -> types.add(type + " " + price.amount().toPlainString()));
                parts.add("EBS " + String.join(", ", types) + " USD per GB-month");
            }
            snapshotGbMonth.ifPresent(p -> parts.add("snapshots " + p.amount().toPlainString() + " USD per GB-month"
                    + archiveGbMonth.map(a -> " (archive " + a.amount().toPlainString() + ")").orElse("")));
            if (idleAddressHourly.isPresent() || inUseAddressHourly.isPresent()) {
                parts.add("public IPv4 " + idleAddressHourly.map(p -> p.amount().toPlainString() + " idle").orElse("")
                        + (idleAddressHourly.isPresent() && inUseAddressHourly.isPresent() ? ", " : "")
                        + inUseAddressHourly.map(p -> p.amount().toPlainString() + " in use").orElse("")
                        + " USD per hour");
            }
            return source() + " in " + region + ": " + (parts.isEmpty() ? "nothing priced" : String.join("; ", parts));
        }
    }

    /**
     * Prices EBS volume types, EBS snapshot storage and public IPv4 addresses in a region.
     *
     * <p>Where each price is: volumes are {@code AmazonEC2} products of family {@code Storage}
     * with the type in {@code volumeApiName}, priced per {@code GB-Mo} (one query per type in use).
     * Snapshots are family {@code Storage Snapshot}, whose answer also holds archive, Outposts and
     * other usage types, so the product is picked by its usage type: {@code EBS:SnapshotUsage}
     * (standard) or {@code EBS:SnapshotArchiveStorage}, with at most a region prefix such as
     * {@code EUW2-}. Public IPv4 addresses have been billed under Amazon VPC since February 2024:
     * {@code AmazonVPC} products of group {@code VPCPublicIPv4Address}, usage types ending
     * {@code PublicIPv4:IdleAddress} and {@code PublicIPv4:InUseAddress}, priced per hour. Products
     * outside an AWS Region proper (Outposts, Local Zones) are skipped.
     *
     * @param volumeTypes EBS volume types in use, e.g. {@code gp3}; may be empty
     * @param snapshots   whether to price snapshot storage
     * @param addresses   whether to price public IPv4 addresses
     * @throws dev.purser.core.error.PurserException EXTERNAL_API_ERROR when the API fails or answers
     *         something that is not a price list
     */
    public StoragePrices storagePrices(String region, Set<String> volumeTypes, boolean snapshots, boolean addresses,
            LocalDate date) {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(volumeTypes, "volumeTypes");
        Objects.requireNonNull(date, "date");
        List<String> notes = new ArrayList<>();
        Map<String, Money> volumes = new TreeMap<>();
        for (String type : new TreeSet<>(volumeTypes)) {
            List<Filter> filters = List.of(term("regionCode", region), term("productFamily", "Storage"),
                    term("volumeApiName", type));
            BigDecimal cheapest = null;
            for (JsonNode product : products("AmazonEC2", filters)) {
                JsonNode attributes = product.path("product").path("attributes");
                if (!attributes.path("volumeApiName").asText("").equals(type) || !inRegion(attributes)) {
                    continue;
                }
                BigDecimal rate = rate(product, "gb-mo");
                if (rate != null && (cheapest == null || rate.compareTo(cheapest) < 0)) {
                    cheapest = rate;
                }
            }
            if (cheapest == null) {
                notes.add("the Price List has no GB-month price in " + region + " for EBS volume type " + type
                        + ": those volumes stay unpriced");
            } else {
                volumes.put(type, new Money(cheapest, USD));
            }
        }
        Optional<Money> standard = Optional.empty();
        Optional<Money> archive = Optional.empty();
        if (snapshots) {
            List<Filter> filters = List.of(term("regionCode", region), term("productFamily", "Storage Snapshot"));
            for (JsonNode product : products("AmazonEC2", filters)) {
                JsonNode attributes = product.path("product").path("attributes");
                String usage = attributes.path("usagetype").asText("");
                if (!inRegion(attributes)) {
                    continue;
                }
                if (isUsage(usage, "EBS:SnapshotUsage")) {
                    standard = cheaper(standard, rate(product, "gb-mo"));
                } else if (isUsage(usage, "EBS:SnapshotArchiveStorage")) {
                    archive = cheaper(archive, rate(product, "gb-mo"));
                }
            }
            if (standard.isEmpty()) {
                notes.add("the Price List has no EBS snapshot storage price (EBS:SnapshotUsage) in " + region
                        + ": snapshots stay unpriced");
            }
        }
        Optional<Money> idle = Optional.empty();
        Optional<Money> inUse = Optional.empty();
        if (addresses) {
            List<Filter> filters = List.of(term("regionCode", region), term("group", "VPCPublicIPv4Address"));
            for (JsonNode product : products("AmazonVPC", filters)) {
                JsonNode attributes = product.path("product").path("attributes");
                String usage = attributes.path("usagetype").asText("");
                if (!inRegion(attributes)) {
                    continue;
                }
                if (usage.endsWith("PublicIPv4:IdleAddress")) {
                    idle = cheaper(idle, rate(product, "hrs"));
                } else if (usage.endsWith("PublicIPv4:InUseAddress")) {
                    inUse = cheaper(inUse, rate(product, "hrs"));
                }
            }
            if (idle.isEmpty() || inUse.isEmpty()) {
                notes.add("the Price List has no hourly public IPv4 price for " + (idle.isEmpty() && inUse.isEmpty()
                        ? "idle or in-use" : idle.isEmpty() ? "idle" : "in-use") + " addresses in " + region
                        + ": those Elastic IPs stay unpriced");
            }
        }
        return new StoragePrices(region, date, volumes, standard, archive, idle, inUse, notes);
    }

    /** Monthly cost of an hourly price at {@value #HOURS_PER_MONTH} hours, exact. */
    public static Money monthly(Money hourly) {
        return new Money(plain(hourly.amount().multiply(BigDecimal.valueOf(HOURS_PER_MONTH))), hourly.currency());
    }

    /** A Region proper: Outposts and Local Zone products carry another location type. */
    private static boolean inRegion(JsonNode attributes) {
        String type = attributes.path("locationType").asText("");
        return type.isEmpty() || type.equals("AWS Region");
    }

    /** {@code EBS:SnapshotUsage} or a region-prefixed {@code EUW2-EBS:SnapshotUsage}, nothing longer. */
    static boolean isUsage(String usagetype, String wanted) {
        return usagetype.equals(wanted) || usagetype.endsWith("-" + wanted);
    }

    private static Optional<Money> cheaper(Optional<Money> kept, BigDecimal rate) {
        if (rate == null) {
            return kept;
        }
        if (kept.isPresent() && kept.get().amount().compareTo(rate) <= 0) {
            return kept;
        }
        return Optional.of(new Money(rate, USD));
    }

    /**
     * The OnDemand USD rate per {@code unit} (lower case, e.g. {@code gb-mo}); null when there is
     * no positive one. Of tiered dimensions the open-ended one ({@code endRange} Inf) is the rate
     * that holds all month, so it is preferred over a first, free tier.
     */
    private static BigDecimal rate(JsonNode product, String unit) {
        BigDecimal found = null;
        for (JsonNode term : product.path("terms").path("OnDemand")) {
            for (JsonNode dimension : term.path("priceDimensions")) {
                if (!dimension.path("unit").asText("").toLowerCase(Locale.ROOT).equals(unit)) {
                    continue;
                }
                JsonNode usd = dimension.path("pricePerUnit").path("USD");
                if (usd.isMissingNode() || usd.isNull() || usd.asText().isBlank()) {
                    continue;
                }
                BigDecimal price;
                try {
                    price = plain(new BigDecimal(usd.asText().trim()));
                } catch (NumberFormatException e) {
                    throw AwsErrors.malformed(ACTION, e);
                }
                if (price.signum() <= 0) {
                    continue;
                }
                boolean openEnded = dimension.path("endRange").asText("Inf").equalsIgnoreCase("Inf");
                if (found == null || openEnded) {
                    found = price;
                }
            }
        }
        return found;
    }

    /** The families of instance types or classes: {@code m5.large} → {@code m5}, {@code db.r6g.large} → {@code db.r6g}. */
    static Set<String> families(Set<String> types) {
        Set<String> out = new TreeSet<>();
        for (String t : types) {
            if (t != null && t.contains(".")) {
                out.add(CatalogSize.familyOf(t));
            }
        }
        return out;
    }

    private static Filter term(String field, String value) {
        return Filter.builder().type(FilterType.TERM_MATCH).field(field).value(value).build();
    }

    private List<JsonNode> products(String serviceCode, List<Filter> filters) {
        List<JsonNode> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String token = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            String next = token;
            GetProductsResponse response;
            try {
                synchronized (this) {
                    requests++;
                }
                response = pricing.getProducts(b -> b.serviceCode(serviceCode).formatVersion("aws_v1")
                        .filters(filters).maxResults(100).nextToken(next));
            } catch (SdkException e) {
                throw AwsErrors.translate(ACTION, attempts(), e);
            }
            for (String item : response.priceList()) {
                try {
                    out.add(JSON.readTree(item));
                } catch (JsonProcessingException e) {
                    throw AwsErrors.malformed(ACTION, e);
                }
            }
            token = response.nextToken();
            if (token == null || token.isEmpty()) {
                return out;
            }
            if (!seen.add(token)) {
                throw AwsErrors.malformed(ACTION, new IllegalStateException("AWS repeated the page token"));
            }
        }
        throw AwsErrors.malformed(ACTION, new IllegalStateException("more than " + MAX_PAGES + " pages"));
    }

    private int attempts() {
        return pricing.serviceClientConfiguration().overrideConfiguration().retryStrategy()
                .map(RetryStrategy::maxAttempts).orElse(3);
    }

    /** Mutable tallies of one catalog read. */
    private static final class Counts {
        int unpriced;
        int duplicates;

        CatalogSize cheaper(CatalogSize a, CatalogSize b) {
            duplicates++;
            return b.monthlyPrice().amount().compareTo(a.monthlyPrice().amount()) < 0 ? b : a;
        }
    }

    /**
     * One price-list product as a size, or null when it is of another family or has no usable
     * price (counted). Attributes {@code instanceType}, {@code vcpu}, {@code memory} ("8 GiB").
     */
    private static CatalogSize size(JsonNode product, String family, SizeClass sizeClass, String engine,
            String description, Counts counts) {
        JsonNode attributes = product.path("product").path("attributes");
        String type = attributes.path("instanceType").asText("");
        if (type.isEmpty() || !type.contains(".") || !CatalogSize.familyOf(type).equals(family)) {
            return null;
        }
        if (attributes.path("usagetype").asText("").contains("IOOptimized")) {
            return null; // Aurora I/O-Optimized is a storage choice the inventory does not record
        }
        BigDecimal hourly = hourlyUsd(product);
        if (hourly == null || hourly.signum() <= 0) {
            counts.unpriced++;
            return null;
        }
        int vcpus;
        long memoryMib;
        try {
            vcpus = Integer.parseInt(attributes.path("vcpu").asText("").trim());
            memoryMib = memoryMib(attributes.path("memory").asText(""));
        } catch (NumberFormatException e) {
            throw AwsErrors.malformed(ACTION, new IllegalArgumentException("product " + type
                    + " has an unreadable vcpu or memory attribute", e));
        }
        BigDecimal monthly = plain(hourly.multiply(BigDecimal.valueOf(HOURS_PER_MONTH)));
        return new CatalogSize(type, sizeClass, engine, null, description, vcpus, memoryMib, 0,
                new Money(monthly, USD), new Money(hourly, USD), true);
    }

    /** The OnDemand term's per-hour USD price; null when there is none. */
    private static BigDecimal hourlyUsd(JsonNode product) {
        for (JsonNode term : product.path("terms").path("OnDemand")) {
            for (JsonNode dimension : term.path("priceDimensions")) {
                String unit = dimension.path("unit").asText("").toLowerCase(Locale.ROOT);
                if (!unit.startsWith("hr") && !unit.startsWith("hour")) {
                    continue;
                }
                JsonNode usd = dimension.path("pricePerUnit").path("USD");
                if (usd.isMissingNode() || usd.isNull() || usd.asText().isBlank()) {
                    continue;
                }
                try {
                    return plain(new BigDecimal(usd.asText().trim()));
                } catch (NumberFormatException e) {
                    throw AwsErrors.malformed(ACTION, e);
                }
            }
        }
        return null;
    }

    /** {@code "8 GiB"}, {@code "0.5 GiB"}, {@code "1,952 GiB"} → MiB. */
    static long memoryMib(String text) {
        String t = text.trim().replace(",", "");
        String number = t.replaceAll("(?i)\\s*(gib|gb)$", "");
        if (number.equals(t) && !t.matches("[0-9.]+")) {
            throw new NumberFormatException("memory is not in GiB: " + text);
        }
        return new BigDecimal(number.trim()).multiply(BigDecimal.valueOf(1024)).setScale(0, RoundingMode.HALF_UP)
                .longValueExact();
    }

    private static BigDecimal plain(BigDecimal v) {
        BigDecimal s = v.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }

}
