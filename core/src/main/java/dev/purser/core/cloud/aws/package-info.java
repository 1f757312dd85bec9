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
 * region, no monthly price (the catalog prices them), and these kinds and attributes:
 * <table>
 * <caption>Resource kinds and attributes</caption>
 * <tr><th>kind</th><th>id / size</th><th>attributes</th></tr>
 * <tr><td>{@code ec2-instance}</td><td>instance id / instance type</td>
 *     <td>{@code state} (pending, running, stopped, ...), {@code launchTime} (ISO-8601),
 *     {@code availabilityZone}, {@code platform} ({@code linux} unless AWS says otherwise),
 *     {@code account_id} (the reservation's owner)</td></tr>
 * <tr><td>{@code ebs-volume}</td><td>volume id / volume type (gp3, io2, ...)</td>
 *     <td>{@code sizeGiB}, {@code state}, {@code attached} ({@code true}/{@code false}),
 *     {@code attachedTo} (instance ids, comma-separated, when attached), {@code createTime},
 *     {@code availabilityZone}, {@code iops} and {@code throughputMiBps} when set</td></tr>
 * <tr><td>{@code elastic-ip}</td><td>allocation id (public IP for EC2-Classic) / none</td>
 *     <td>{@code publicIp}, {@code assigned} ({@code true} when associated),
 *     {@code instanceId} / {@code networkInterfaceId} when associated, {@code domain}</td></tr>
 * <tr><td>{@code ebs-snapshot}</td><td>snapshot id / none</td>
 *     <td>{@code volumeSizeGiB}, {@code startTime}, {@code state}, {@code volumeId},
 *     {@code storageTier} and {@code fullSnapshotSizeBytes} when set, {@code account_id} (the owner); only snapshots the account owns ({@code OwnerIds=self})</td></tr>
 * <tr><td>{@code rds-instance}</td><td>DB instance identifier / instance class</td>
 *     <td>{@code engine}, {@code engineVersion}, {@code multiAz}, {@code storageGiB},
 *     {@code storageType}, {@code status}, {@code createTime}, {@code availabilityZone},
 *     {@code arn}, {@code cluster} (Aurora cluster id) when set</td></tr>
 * </table>
 */
package dev.purser.core.cloud.aws;
