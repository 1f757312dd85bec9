package dev.purser.core.ingest;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Builds FOCUS CSV files for tests, with the demo generator's exact header. Each row starts from
 * a plausible DigitalOcean droplet day and overrides what the test cares about.
 */
public final class FocusFixtures {

    /** The columns the demo generator writes, in its order. */
    public static final List<String> DEMO_HEADERS = List.of(
            "BillingAccountId", "BillingAccountName", "BillingPeriodStart", "BillingPeriodEnd",
            "ChargePeriodStart", "ChargePeriodEnd", "ChargeCategory", "ChargeClass", "ChargeDescription",
            "BilledCost", "EffectiveCost", "ListCost", "ContractedCost", "BillingCurrency", "ProviderName",
            "PublisherName", "InvoiceIssuerName", "ServiceName", "ServiceCategory", "ResourceId", "ResourceName",
            "ResourceType", "RegionId", "RegionName", "AvailabilityZone", "SubAccountId", "SubAccountName", "SkuId",
            "PricingQuantity", "PricingUnit", "ConsumedQuantity", "ConsumedUnit", "CommitmentDiscountId", "Tags");

    private final List<String> headers;
    private final List<Map<String, String>> rows = new ArrayList<>();
    private String newline = "\n";
    private boolean bom;

    private FocusFixtures(List<String> headers) {
        this.headers = List.copyOf(headers);
    }

    public static FocusFixtures demo() {
        return new FocusFixtures(DEMO_HEADERS);
    }

    public static FocusFixtures withHeaders(List<String> headers) {
        return new FocusFixtures(headers);
    }

    /** A droplet-day row in October 2026 for account {@code acct-1} ("mandible"). */
    public static Map<String, String> defaults() {
        Map<String, String> r = new LinkedHashMap<>();
        r.put("BillingAccountId", "acct-1");
        r.put("BillingAccountName", "mandible");
        r.put("BillingPeriodStart", "2026-10-01T00:00:00Z");
        r.put("BillingPeriodEnd", "2026-11-01T00:00:00Z");
        r.put("ChargePeriodStart", "2026-10-05T00:00:00Z");
        r.put("ChargePeriodEnd", "2026-10-06T00:00:00Z");
        r.put("ChargeCategory", "Usage");
        r.put("ChargeClass", "");
        r.put("ChargeDescription", "Droplet api-1");
        r.put("BilledCost", "1.00");
        r.put("EffectiveCost", "1.00");
        r.put("ListCost", "1.00");
        r.put("ContractedCost", "");
        r.put("BillingCurrency", "USD");
        r.put("ProviderName", "DigitalOcean");
        r.put("PublisherName", "DigitalOcean");
        r.put("InvoiceIssuerName", "DigitalOcean");
        r.put("ServiceName", "Droplets");
        r.put("ServiceCategory", "Compute");
        r.put("ResourceId", "droplet-1");
        r.put("ResourceName", "api-1");
        r.put("ResourceType", "Droplet");
        r.put("RegionId", "nyc3");
        r.put("RegionName", "New York 3");
        r.put("AvailabilityZone", "");
        r.put("SubAccountId", "proj-1");
        r.put("SubAccountName", "mandible-api");
        r.put("SkuId", "s-2vcpu-4gb");
        r.put("PricingQuantity", "24");
        r.put("PricingUnit", "Hours");
        r.put("ConsumedQuantity", "24");
        r.put("ConsumedUnit", "Hours");
        r.put("CommitmentDiscountId", "");
        r.put("Tags", "{\"env\":\"prod\"}");
        return r;
    }

    /** Adds a row: the defaults with these column values replaced (key, value, key, value, ...). */
    public FocusFixtures row(String... overrides) {
        if (overrides.length % 2 != 0) {
            throw new IllegalArgumentException("overrides come in pairs");
        }
        Map<String, String> r = defaults();
        for (int i = 0; i < overrides.length; i += 2) {
            r.put(overrides[i], overrides[i + 1]);
        }
        rows.add(r);
        return this;
    }

    public FocusFixtures crlf() {
        newline = "\r\n";
        return this;
    }

    public FocusFixtures bom() {
        bom = true;
        return this;
    }

    public String text() {
        StringBuilder sb = new StringBuilder();
        if (bom) {
            sb.append('\uFEFF');
        }
        sb.append(String.join(",", headers.stream().map(FocusFixtures::cell).toList())).append(newline);
        for (Map<String, String> r : rows) {
            List<String> cells = new ArrayList<>();
            for (String h : headers) {
                cells.add(cell(r.getOrDefault(h, "")));
            }
            sb.append(String.join(",", cells)).append(newline);
        }
        return sb.toString();
    }

    public Path write(Path file) {
        try {
            return Files.writeString(file, text(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path writeGzip(Path file) {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(text().getBytes(StandardCharsets.UTF_8));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies a fixture from src/test/resources/focus into a directory. */
    public static Path resource(String name, Path dir) {
        try (var in = FocusFixtures.class.getResourceAsStream("/focus/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource focus/" + name);
            }
            Path target = dir.resolve(name);
            Files.copy(in, target);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String cell(String v) {
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            return "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }
}
