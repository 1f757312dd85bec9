package dev.purser.core.config;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * AWS: Cost Explorer, EC2, RDS, CloudWatch and the Price List. There is no credential here on
 * purpose: the SDK's standard chain (the {@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY}
 * variables, a profile, an instance role) supplies them.
 *
 * @param region    the region {@code import aws-inventory} reads (default us-east-1; Cost Explorer is always us-east-1)
 * @param accountId the account pulls are filed under when AWS's answer does not say, or null
 * @param endpoints per-service endpoint overrides (a VPC endpoint, a proxy, a test server); keys are {@link #SERVICES}
 */
public record AwsConfig(String region, String accountId, Map<String, URI> endpoints) {

    public static final String DEFAULT_REGION = "us-east-1";
    /** The services an endpoint may be overridden for. */
    public static final List<String> SERVICES = List.of("cost_explorer", "ec2", "rds", "cloudwatch", "pricing");

    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d");
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");

    public AwsConfig {
        region = Check.orDefault(region, DEFAULT_REGION);
        if (!REGION.matcher(region).matches()) {
            throw new SettingException("region", "'" + region + "' is not an AWS region such as us-east-1");
        }
        accountId = Check.blankToNull(accountId);
        if (accountId != null && !ACCOUNT.matcher(accountId).matches()) {
            throw new SettingException("account_id", "must be a 12-digit AWS account id");
        }
        Map<String, URI> checked = new TreeMap<>();
        for (Map.Entry<String, URI> e : Check.map(endpoints).entrySet()) {
            if (!SERVICES.contains(e.getKey())) {
                throw new SettingException("endpoints." + e.getKey(), "unknown service (expected one of: "
                        + String.join(", ", SERVICES) + ")");
            }
            checked.put(e.getKey(), Check.httpUrl("endpoints." + e.getKey(), e.getValue(), null));
        }
        endpoints = Map.copyOf(checked);
    }

    public static AwsConfig defaults() {
        return new AwsConfig(null, null, Map.of());
    }

    /** The endpoint override for one of {@link #SERVICES}, or null for AWS's public endpoint. */
    public URI endpoint(String service) {
        return endpoints.get(service);
    }

    public AwsConfig withRegion(String newRegion) {
        return new AwsConfig(newRegion, accountId, endpoints);
    }

    public AwsConfig withAccountId(String newAccountId) {
        return new AwsConfig(region, newAccountId, endpoints);
    }
}
