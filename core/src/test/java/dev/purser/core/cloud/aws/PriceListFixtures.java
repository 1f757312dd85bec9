package dev.purser.core.cloud.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Price List API answers shaped like AWS's: {@code GetProducts} over JSON 1.1, each
 * {@code PriceList} entry a JSON document in a string, built the way the recorded
 * {@code aws/pricing/ec2-m5.large.json} entry is (product attributes, OnDemand and Reserved terms).
 */
final class PriceListFixtures {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PriceListFixtures() {
    }

    /** A GetProducts request for one family of one service. */
    static MappingBuilder getProducts(String serviceCode, String familyPrefix) {
        return post(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("AWSPriceListService.GetProducts"))
                .withRequestBody(matchingJsonPath("$.ServiceCode", equalTo(serviceCode)))
                .withRequestBody(matchingJsonPath("$.Filters[?(@.Field == 'instanceType' && @.Type == 'CONTAINS' && @.Value == '"
                        + familyPrefix + "')]"));
    }

    static ResponseDefinitionBuilder page(List<String> products, String nextToken) {
        ObjectNode root = JSON.createObjectNode();
        root.put("FormatVersion", "aws_v1");
        ArrayNode list = root.putArray("PriceList");
        products.forEach(list::add);
        if (nextToken != null) {
            root.put("NextToken", nextToken);
        }
        return aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
                .withBody(root.toString());
    }

    static ResponseDefinitionBuilder error(int status, String type, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/x-amz-json-1.1")
                .withHeader("x-amzn-RequestId", "3d0a9f2e-0000-4000-8000-000000000001")
                .withBody("{\"__type\":\"" + type + "\",\"Message\":\"" + message + "\"}");
    }

    static String ec2(String type, int vcpu, String memory, String hourly) {
        ObjectNode attributes = JSON.createObjectNode();
        attributes.put("memory", memory);
        attributes.put("vcpu", Integer.toString(vcpu));
        attributes.put("capacitystatus", "Used");
        attributes.put("operatingSystem", "Linux");
        attributes.put("regionCode", "us-east-1");
        attributes.put("instanceType", type);
        attributes.put("tenancy", "Shared");
        attributes.put("usagetype", "BoxUsage:" + type);
        attributes.put("servicecode", "AmazonEC2");
        attributes.put("licenseModel", "No License required");
        attributes.put("preInstalledSw", "NA");
        attributes.put("location", "US East (N. Virginia)");
        attributes.put("marketoption", "OnDemand");
        attributes.put("operation", "RunInstances");
        return product("AmazonEC2", "Compute Instance", attributes, hourly,
                "$" + hourly + " per On Demand Linux " + type + " Instance Hour");
    }

    static String rds(String type, String engine, int vcpu, String memory, String hourly) {
        ObjectNode attributes = JSON.createObjectNode();
        attributes.put("memory", memory);
        attributes.put("vcpu", Integer.toString(vcpu));
        attributes.put("regionCode", "us-east-1");
        attributes.put("instanceType", type);
        attributes.put("databaseEngine", engine);
        attributes.put("deploymentOption", "Single-AZ");
        attributes.put("usagetype", "InstanceUsage:" + type);
        attributes.put("servicecode", "AmazonRDS");
        attributes.put("licenseModel", "No license required");
        attributes.put("location", "US East (N. Virginia)");
        attributes.put("operation", "CreateDBInstance:0014");
        return product("AmazonRDS", "Database Instance", attributes, hourly,
                "$" + hourly + " per RDS " + type + " instance hour (or partial hour) running " + engine);
    }

    private static String product(String serviceCode, String family, ObjectNode attributes, String hourly,
            String description) {
        String sku = Integer.toHexString((serviceCode + attributes.path("instanceType").asText()).hashCode())
                .toUpperCase(java.util.Locale.ROOT);
        ObjectNode root = JSON.createObjectNode();
        ObjectNode product = root.putObject("product");
        product.put("productFamily", family);
        product.set("attributes", attributes);
        product.put("sku", sku);
        root.put("serviceCode", serviceCode);
        ObjectNode term = root.putObject("terms").putObject("OnDemand").putObject(sku + ".JRTCKXETXF");
        ObjectNode dimension = term.putObject("priceDimensions").putObject(sku + ".JRTCKXETXF.6YS6EN2CT7");
        dimension.put("unit", "Hrs");
        dimension.put("endRange", "Inf");
        dimension.put("description", description);
        dimension.putArray("appliesTo");
        dimension.put("rateCode", sku + ".JRTCKXETXF.6YS6EN2CT7");
        dimension.put("beginRange", "0");
        // AWS writes ten decimals: "0.1920000000"
        dimension.putObject("pricePerUnit").put("USD", new java.math.BigDecimal(hourly).setScale(10).toPlainString());
        term.put("sku", sku);
        term.put("effectiveDate", "2025-11-01T00:00:00Z");
        term.put("offerTermCode", "JRTCKXETXF");
        term.putObject("termAttributes");
        root.put("version", "20251114001227");
        root.put("publicationDate", "2025-11-14T00:12:27Z");
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The catalog every pull test uses: EC2 m5 and t3, RDS PostgreSQL db.m6g, us-east-1 list prices. */
    static List<String> m5() {
        return List.of(AwsTestSupport.resource("pricing/ec2-m5.large.json"),
                ec2("m5.xlarge", 4, "16 GiB", "0.192"),
                ec2("m5.2xlarge", 8, "32 GiB", "0.384"),
                ec2("m5.4xlarge", 16, "64 GiB", "0.768"));
    }

    static List<String> t3() {
        return List.of(ec2("t3.micro", 2, "1 GiB", "0.0104"),
                ec2("t3.small", 2, "2 GiB", "0.0208"),
                ec2("t3.medium", 2, "4 GiB", "0.0416"),
                ec2("t3.large", 2, "8 GiB", "0.0832"),
                ec2("t3.xlarge", 4, "16 GiB", "0.1664"));
    }

    static List<String> dbM6gPostgres() {
        return List.of(rds("db.m6g.large", "PostgreSQL", 2, "8 GiB", "0.152"),
                rds("db.m6g.xlarge", "PostgreSQL", 4, "16 GiB", "0.304"),
                rds("db.m6g.2xlarge", "PostgreSQL", 8, "32 GiB", "0.608"));
    }
}
