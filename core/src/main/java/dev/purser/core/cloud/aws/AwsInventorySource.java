package dev.purser.core.cloud.aws;

import dev.purser.core.error.PurserException;
import dev.purser.core.model.Resource;
import dev.purser.core.model.ResourceFacts;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Address;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeSnapshotsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeVolumesResponse;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.Reservation;
import software.amazon.awssdk.services.ec2.model.Snapshot;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.Volume;
import software.amazon.awssdk.services.ec2.model.VolumeAttachment;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DescribeDbInstancesResponse;

/**
 * What an AWS account runs, as {@link Resource}s for waste and right-sizing analysis: EC2
 * instances, EBS volumes, Elastic IPs, the account's own EBS snapshots, and RDS instances, in the
 * clients' region. Kinds and their typed facts are listed in the package documentation.
 *
 * <p>Pagination: EC2 lists follow {@code NextToken} and RDS follows {@code Marker} until AWS
 * returns none ({@code DescribeAddresses} is not paginated). Failures become
 * {@link PurserException} with {@code EXTERNAL_API_ERROR}, after the client's own retries.
 */
public final class AwsInventorySource {

    private static final String PROVIDER = "AWS";
    private static final int MAX_PAGES = 10_000;

    private final Ec2Client ec2;
    private final RdsClient rds;

    public AwsInventorySource(Ec2Client ec2, RdsClient rds) {
        this.ec2 = Objects.requireNonNull(ec2, "ec2");
        this.rds = Objects.requireNonNull(rds, "rds");
    }

    /** Every resource of every kind; {@code scenario} is stamped on each, as {@link Resource} requires. */
    public List<Resource> resources(String scenario) {
        List<Resource> all = new ArrayList<>();
        all.addAll(ec2Instances(scenario));
        all.addAll(ebsVolumes(scenario));
        all.addAll(elasticIps(scenario));
        all.addAll(ebsSnapshots(scenario));
        all.addAll(rdsInstances(scenario));
        return all;
    }

    public List<Resource> ec2Instances(String scenario) {
        Objects.requireNonNull(scenario, "scenario");
        String region = ec2Region();
        List<Resource> out = new ArrayList<>();
        paginate("ec2:DescribeInstances", ec2Attempts(),
                token -> ec2.describeInstances(b -> b.nextToken(token)),
                (DescribeInstancesResponse page) -> {
                    for (Reservation r : page.reservations()) {
                        for (Instance i : r.instances()) {
                            String platform = i.platformAsString();
                            ResourceFacts facts = ResourceFacts.builder()
                                    .state(i.state() == null ? null : i.state().nameAsString())
                                    .createdAt(i.launchTime())
                                    .account(r.ownerId())
                                    .detail("availabilityZone", i.placement() == null ? null
                                            : i.placement().availabilityZone())
                                    .detail("platform", platform == null || platform.isEmpty() ? "linux" : platform)
                                    .build();
                            Map<String, String> tags = ec2Tags(i.tags());
                            out.add(new Resource(scenario, i.instanceId(), name(tags, i.instanceId()), PROVIDER,
                                    "ec2-instance", i.instanceTypeAsString(), region, null, tags, facts));
                        }
                    }
                    return page.nextToken();
                });
        return out;
    }

    public List<Resource> ebsVolumes(String scenario) {
        Objects.requireNonNull(scenario, "scenario");
        String region = ec2Region();
        List<Resource> out = new ArrayList<>();
        paginate("ec2:DescribeVolumes", ec2Attempts(), token -> ec2.describeVolumes(b -> b.nextToken(token)),
                (DescribeVolumesResponse page) -> {
                    for (Volume v : page.volumes()) {
                        List<String> attachedTo = new ArrayList<>();
                        for (VolumeAttachment a : v.attachments()) {
                            String state = a.stateAsString();
                            // a detaching or detached attachment no longer makes the volume useful
                            if (a.instanceId() != null && (state == null || state.equals("attached") || state.equals("attaching"))) {
                                attachedTo.add(a.instanceId());
                            }
                        }
                        ResourceFacts facts = ResourceFacts.builder()
                                .storage(new ResourceFacts.Storage(
                                        Optional.ofNullable(v.size()).map(BigDecimal::valueOf), OptionalLong.empty(),
                                        optional(v.iops()), optional(v.throughput()), Optional.empty(),
                                        Optional.empty()))
                                .state(v.stateAsString())
                                .attachment(attachedTo.isEmpty() ? ResourceFacts.Attachment.DETACHED
                                        : ResourceFacts.Attachment.to(attachedTo))
                                .createdAt(v.createTime())
                                .detail("availabilityZone", v.availabilityZone())
                                .build();
                        Map<String, String> tags = ec2Tags(v.tags());
                        out.add(new Resource(scenario, v.volumeId(), name(tags, v.volumeId()), PROVIDER,
                                "ebs-volume", v.volumeTypeAsString(), region, null, tags, facts));
                    }
                    return page.nextToken();
                });
        return out;
    }

    public List<Resource> elasticIps(String scenario) {
        Objects.requireNonNull(scenario, "scenario");
        String region = ec2Region();
        List<Resource> out = new ArrayList<>();
        // DescribeAddresses has no pagination: one call returns every address
        paginate("ec2:DescribeAddresses", ec2Attempts(), token -> ec2.describeAddresses(b -> { }),
                page -> {
                    for (Address a : page.addresses()) {
                        String id = a.allocationId() != null ? a.allocationId() : a.publicIp();
                        boolean assigned = a.associationId() != null || a.instanceId() != null
                                || a.networkInterfaceId() != null;
                        ResourceFacts facts = ResourceFacts.builder()
                                .addresses(addresses(a.publicIp()))
                                .attachment(assigned ? ResourceFacts.Attachment.to(addresses(a.instanceId() != null
                                        ? a.instanceId() : a.networkInterfaceId())) : ResourceFacts.Attachment.DETACHED)
                                .detail("domain", a.domainAsString())
                                .build();
                        Map<String, String> tags = ec2Tags(a.tags());
                        out.add(new Resource(scenario, id, name(tags, a.publicIp() == null ? id : a.publicIp()),
                                PROVIDER, "elastic-ip", null, region, null, tags, facts));
                    }
                    return null;
                });
        return out;
    }

    public List<Resource> ebsSnapshots(String scenario) {
        Objects.requireNonNull(scenario, "scenario");
        String region = ec2Region();
        List<Resource> out = new ArrayList<>();
        paginate("ec2:DescribeSnapshots", ec2Attempts(),
                token -> ec2.describeSnapshots(b -> b.ownerIds("self").nextToken(token)),
                (DescribeSnapshotsResponse page) -> {
                    for (Snapshot s : page.snapshots()) {
                        // the snapshot's full data size, when AWS reports it, is a closer bound on
                        // what it stores than the source volume's size
                        ResourceFacts facts = ResourceFacts.builder()
                                .storage(new ResourceFacts.Storage(
                                        Optional.ofNullable(s.volumeSize()).map(BigDecimal::valueOf),
                                        optional(s.fullSnapshotSizeInBytes()), OptionalLong.empty(),
                                        OptionalLong.empty(), Optional.ofNullable(s.storageTierAsString()),
                                        Optional.ofNullable(s.volumeId())))
                                .createdAt(s.startTime())
                                .state(s.stateAsString())
                                .account(s.ownerId())
                                .build();
                        Map<String, String> tags = ec2Tags(s.tags());
                        out.add(new Resource(scenario, s.snapshotId(), name(tags, s.snapshotId()), PROVIDER,
                                "ebs-snapshot", null, region, null, tags, facts));
                    }
                    return page.nextToken();
                });
        return out;
    }

    public List<Resource> rdsInstances(String scenario) {
        Objects.requireNonNull(scenario, "scenario");
        String region = rds.serviceClientConfiguration().region().id();
        List<Resource> out = new ArrayList<>();
        paginate("rds:DescribeDBInstances", rds.serviceClientConfiguration().overrideConfiguration()
                        .retryStrategy().map(RetryStrategy::maxAttempts).orElse(3),
                token -> rds.describeDBInstances(b -> b.marker(token)),
                (DescribeDbInstancesResponse page) -> {
                    for (DBInstance d : page.dbInstances()) {
                        ResourceFacts.Builder facts = ResourceFacts.builder()
                                .state(d.dbInstanceStatus())
                                .createdAt(d.instanceCreateTime())
                                .detail("storageGiB", d.allocatedStorage())
                                .detail("storageType", d.storageType())
                                .detail("availabilityZone", d.availabilityZone())
                                .detail("arn", d.dbInstanceArn());
                        if (d.engine() != null && !d.engine().isBlank()) {
                            // Aurora replicas are instances of their own; an RDS Multi-AZ instance hides one standby
                            boolean aurora = d.engine().startsWith("aurora");
                            int nodes = !aurora && Boolean.TRUE.equals(d.multiAZ()) ? 2 : 1;
                            facts.database(new ResourceFacts.DatabaseCluster(d.engine(),
                                    Optional.ofNullable(d.engineVersion()), nodes, OptionalLong.empty(),
                                    OptionalInt.empty(), Optional.empty(), Optional.empty(), List.of()));
                        }
                        if (d.dbClusterIdentifier() != null && !d.dbClusterIdentifier().isBlank()) {
                            facts.memberOf(new ResourceFacts.Membership(d.dbClusterIdentifier(), Optional.empty()));
                        }
                        Map<String, String> tags = new LinkedHashMap<>();
                        for (software.amazon.awssdk.services.rds.model.Tag t : d.tagList()) {
                            if (t.key() != null) {
                                tags.put(t.key(), t.value() == null ? "" : t.value());
                            }
                        }
                        out.add(new Resource(scenario, d.dbInstanceIdentifier(), name(tags, d.dbInstanceIdentifier()),
                                PROVIDER, "rds-instance", d.dbInstanceClass(), region, null, tags, facts.build()));
                    }
                    return page.marker();
                });
        return out;
    }

    // ---------------------------------------------------------------------------------------

    private String ec2Region() {
        return ec2.serviceClientConfiguration().region().id();
    }

    private int ec2Attempts() {
        return ec2.serviceClientConfiguration().overrideConfiguration().retryStrategy()
                .map(RetryStrategy::maxAttempts).orElse(3);
    }

    private static <R> void paginate(String action, int attempts, Function<String, R> call, Function<R, String> page) {
        Set<String> seen = new HashSet<>();
        String token = null;
        for (int pages = 0; pages < MAX_PAGES; pages++) {
            R response;
            try {
                response = call.apply(token);
            } catch (SdkException e) {
                throw AwsErrors.translate(action, attempts, e);
            }
            try {
                token = page.apply(response);
            } catch (NullPointerException | IllegalArgumentException e) {
                // a resource without its id, or a value the record rejects
                throw AwsErrors.malformed(action, e);
            }
            if (token == null || token.isEmpty()) {
                return;
            }
            if (!seen.add(token)) {
                throw AwsErrors.malformed(action, new IllegalStateException("AWS repeated the page token"));
            }
        }
        throw AwsErrors.malformed(action, new IllegalStateException("more than " + MAX_PAGES + " pages"));
    }

    private static Map<String, String> ec2Tags(List<Tag> tags) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Tag t : tags) {
            if (t.key() != null) {
                out.put(t.key(), t.value() == null ? "" : t.value());
            }
        }
        return out;
    }

    private static String name(Map<String, String> tags, String fallback) {
        String name = tags.get("Name");
        return name == null || name.isBlank() ? fallback : name;
    }

    private static OptionalLong optional(Number n) {
        return n == null ? OptionalLong.empty() : OptionalLong.of(n.longValue());
    }

    /** The non-blank ones, in order. */
    private static List<String> addresses(String... values) {
        List<String> out = new ArrayList<>();
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                out.add(v);
            }
        }
        return out;
    }
}
