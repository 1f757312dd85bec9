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
import com.github.tomakehurst.wiremock.WireMockServer;
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

    /** A GetProducts request for the EBS storage price of one volume type. */
    static MappingBuilder getVolumeStorage(String volumeType) {
        return post(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("AWSPriceListService.GetProducts"))
                .withRequestBody(matchingJsonPath("$.ServiceCode", equalTo("AmazonEC2")))
                .withRequestBody(matchingJsonPath("$.Filters[?(@.Field == 'productFamily' && @.Value == 'Storage')]"))
                .withRequestBody(matchingJsonPath("$.Filters[?(@.Field == 'volumeApiName' && @.Type == 'TERM_MATCH'"
                        + " && @.Value == '" + volumeType + "')]"));
    }

    /** A GetProducts request for EBS snapshot storage prices. */
    static MappingBuilder getSnapshotStorage() {
        return post(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("AWSPriceListService.GetProducts"))
                .withRequestBody(matchingJsonPath("$.ServiceCode", equalTo("AmazonEC2")))
                .withRequestBody(matchingJsonPath("$.Filters[?(@.Field == 'productFamily'"
                        + " && @.Value == 'Storage Snapshot')]"));
    }

    /** A GetProducts request for public IPv4 address prices (Amazon VPC since February 2024). */
    static MappingBuilder getPublicIpv4() {
        return post(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("AWSPriceListService.GetProducts"))
                .withRequestBody(matchingJsonPath("$.ServiceCode", equalTo("AmazonVPC")))
                .withRequestBody(matchingJsonPath("$.Filters[?(@.Field == 'group' && @.Value == 'VPCPublicIPv4Address')]"));
    }

    /** An EBS volume type's storage product, as {@code aws/pricing/ebs-gp3.json} is. */
    static String ebsVolume(String volumeType, String volumeTypeName, String usagetype, String perGbMonth) {
        ObjectNode attributes = JSON.createObjectNode();
        attributes.put("volumeType", volumeTypeName);
        attributes.put("usagetype", usagetype);
        attributes.put("locationType", "AWS Region");
        attributes.put("storageMedia", volumeType.startsWith("st") || volumeType.startsWith("sc")
                ? "HDD-backed" : "SSD-backed");
        attributes.put("regionCode", "us-east-1");
        attributes.put("servicecode", "AmazonEC2");
        attributes.put("volumeApiName", volumeType);
        attributes.put("location", "US East (N. Virginia)");
        attributes.put("servicename", "Amazon Elastic Compute Cloud");
        attributes.put("operation", "");
        return product("AmazonEC2", "Storage", attributes, perGbMonth, "GB-Mo", "$" + perGbMonth
                + " per GB-month of " + volumeTypeName + " (" + volumeType + ") provisioned storage - US East"
                + " (Northern Virginia)");
    }

    /** One of the products of family Storage Snapshot: standard, archive, Outposts and others. */
    static String snapshotStorage(String usagetype, String locationType, String perGbMonth) {
        ObjectNode attributes = JSON.createObjectNode();
        attributes.put("storageMedia", "Amazon S3");
        attributes.put("usagetype", usagetype);
        attributes.put("locationType", locationType);
        attributes.put("regionCode", "us-east-1");
        attributes.put("servicecode", "AmazonEC2");
        attributes.put("location", locationType.equals("AWS Region") ? "US East (N. Virginia)" : "US East (N. Virginia) Outposts");
        attributes.put("servicename", "Amazon Elastic Compute Cloud");
        attributes.put("operation", "");
        return product("AmazonEC2", "Storage Snapshot", attributes, perGbMonth, "GB-Mo", "$" + perGbMonth
                + " per GB-Month of snapshot data stored - US East (Northern Virginia)");
    }

    /** A public IPv4 address product of Amazon VPC: no product family, group VPCPublicIPv4Address. */
    static String publicIpv4(String usagetype, String hourly) {
        boolean idle = usagetype.endsWith("IdleAddress");
        ObjectNode attributes = JSON.createObjectNode();
        attributes.put("usagetype", usagetype);
        attributes.put("locationType", "AWS Region");
        attributes.put("group", "VPCPublicIPv4Address");
        attributes.put("groupDescription", idle ? "Hourly charge for Idle Public IPv4 Addresses"
                : "Hourly charge for In-use Public IPv4 Addresses");
        attributes.put("regionCode", "us-east-1");
        attributes.put("servicecode", "AmazonVPC");
        attributes.put("location", "US East (N. Virginia)");
        attributes.put("servicename", "Amazon Virtual Private Cloud");
        attributes.put("operation", "");
        return product("AmazonVPC", null, attributes, hourly, "Hrs", "$" + hourly + " per " + (idle ? "Idle" : "In-use")
                + " public IPv4 address per hour");
    }

    /** The storage prices the pull tests use: us-east-1 list prices. */
    static void stubStorage(WireMockServer wm) {
        wm.stubFor(getVolumeStorage("gp3").willReturn(page(List.of(AwsTestSupport.resource("pricing/ebs-gp3.json")),
                null)));
        wm.stubFor(getVolumeStorage("gp2").willReturn(page(List.of(
                ebsVolume("gp2", "General Purpose", "EBS:VolumeUsage.gp2", "0.10")), null)));
        wm.stubFor(getVolumeStorage("io1").willReturn(page(List.of(
                ebsVolume("io1", "Provisioned IOPS", "EBS:VolumeUsage.piops", "0.125")), null)));
        wm.stubFor(getSnapshotStorage().willReturn(page(snapshots(), null)));
        wm.stubFor(getPublicIpv4().willReturn(page(List.of(publicIpv4("USE1-PublicIPv4:InUseAddress", "0.005"),
                publicIpv4("USE1-PublicIPv4:IdleAddress", "0.005")), null)));
    }

    /** Family Storage Snapshot in us-east-1: the standard rate among its look-alikes. */
    static List<String> snapshots() {
        return List.of(snapshotStorage("EBS:SnapshotArchiveStorage", "AWS Region", "0.0125"),
                snapshotStorage("EBS:SnapshotUsage.outposts", "AWS Outposts", "0.07"),
                snapshotStorage("EBS:SnapshotUsageUnderBilling", "AWS Region", "0.05"),
                snapshotStorage("EBS:SnapshotUsage", "AWS Region", "0.05"));
    }

    private static String product(String serviceCode, String family, ObjectNode attributes, String hourly,
            String description) {
        return product(serviceCode, family, attributes, hourly, "Hrs", description);
    }

    private static String product(String serviceCode, String family, ObjectNode attributes, String hourly,
            String unit, String description) {
        String sku = Integer.toHexString((serviceCode + attributes.path("instanceType").asText()
                        + attributes.path("usagetype").asText()).hashCode())
                .toUpperCase(java.util.Locale.ROOT);
        ObjectNode root = JSON.createObjectNode();
        ObjectNode product = root.putObject("product");
        if (family != null) {
            product.put("productFamily", family);
        }
        product.set("attributes", attributes);
        product.put("sku", sku);
        root.put("serviceCode", serviceCode);
        ObjectNode term = root.putObject("terms").putObject("OnDemand").putObject(sku + ".JRTCKXETXF");
        ObjectNode dimension = term.putObject("priceDimensions").putObject(sku + ".JRTCKXETXF.6YS6EN2CT7");
        dimension.put("unit", unit);
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
