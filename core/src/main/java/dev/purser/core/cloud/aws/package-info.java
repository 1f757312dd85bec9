/**
 * AWS through the AWS SDK for Java v2 (synchronous clients on the SDK's Apache HTTP client):
 * {@link dev.purser.core.cloud.aws.CostExplorerSource} for daily costs, anomalies and purchase
 * advice, {@link dev.purser.core.cloud.aws.AwsInventorySource} for EC2 and RDS resources,
 * {@link dev.purser.core.cloud.aws.CloudWatchMetrics} for their usage,
 * {@link dev.purser.core.cloud.aws.AwsPriceListSource} for live on-demand prices (instance sizes,
 * EBS storage and snapshots, public IPv4 addresses), and
 * {@link dev.purser.core.cloud.aws.AwsInventoryPull} ({@code import aws-inventory}), which lands
 * all three in the store for right-sizing and waste.
 * {@link dev.purser.core.cloud.aws.AwsClients} builds the clients (timeouts, bounded standard
 * retries, credentials from the environment); every SDK failure leaves this package as a
 * {@link dev.purser.core.error.PurserException} with {@code EXTERNAL_API_ERROR}.
 *
 * <h2>Inventory resources</h2>
 * {@link dev.purser.core.model.Resource}s from {@code AwsInventorySource} have provider
 * {@code AWS}, {@code name} from the {@code Name} tag (else the id), {@code region} the client's
 * region, no monthly price (the catalog prices them), and these kinds and typed facts
 * ({@link dev.purser.core.model.ResourceFacts}):
 * <table>
 * <caption>Resource kinds and facts</caption>
 * <tr><th>kind</th><th>id / size</th><th>facts</th></tr>
 * <tr><td>{@code ec2-instance}</td><td>instance id / instance type</td>
 *     <td>state (pending, running, stopped, ...), creation (launch) time, account (the
 *     reservation's owner); details {@code availabilityZone}, {@code platform} ({@code linux}
 *     unless AWS says otherwise)</td></tr>
 * <tr><td>{@code ebs-volume}</td><td>volume id / volume type (gp3, io2, ...)</td>
 *     <td>storage (size, IOPS and throughput when set), state, attachment (the instances of its
 *     attached or attaching attachments), creation time</td></tr>
 * <tr><td>{@code elastic-ip}</td><td>allocation id (public IP for EC2-Classic) / none</td>
 *     <td>addresses (the public IP), attachment (attached when associated, to the instance or
 *     network interface)</td></tr>
 * <tr><td>{@code ebs-snapshot}</td><td>snapshot id / none</td>
 *     <td>storage (source volume's size, full size and tier when set, source volume), creation
 *     (start) time, state, account (the owner); only snapshots the account owns
 *     ({@code OwnerIds=self})</td></tr>
 * <tr><td>{@code rds-instance}</td><td>DB instance identifier / instance class</td>
 *     <td>database (engine, version, nodes: 2 for a Multi-AZ non-Aurora instance, else 1),
 *     membership of its Aurora cluster when set, state, creation time; details
 *     {@code storageGiB}, {@code storageType}, {@code availabilityZone}, {@code arn}</td></tr>
 * </table>
 */
package dev.purser.core.cloud.aws;
