package dev.purser.core.cloud.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import dev.purser.core.model.Resource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.rds.RdsClient;

class AwsInventorySourceTest {

    private static final String SCENARIO = "livyflow";

    private WireMockServer wm;
    private Ec2Client ec2;
    private RdsClient rds;
    private AwsInventorySource source;

    @BeforeEach
    void start() {
        wm = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        wm.start();
        AwsSettings settings = AwsTestSupport.settings(wm, "us-east-1");
        ec2 = AwsClients.ec2(settings, AwsTestSupport.CREDENTIALS);
        rds = AwsClients.rds(settings, AwsTestSupport.CREDENTIALS);
        source = new AwsInventorySource(ec2, rds);
    }

    @AfterEach
    void stop() {
        ec2.close();
        rds.close();
        wm.stop();
    }

    @Test
    void ec2Instances_twoPages_followsNextToken() {
        wm.stubFor(action("DescribeInstances").withRequestBody(notContaining("NextToken"))
                .willReturn(xml("ec2/describe-instances-page1.xml")));
        wm.stubFor(action("DescribeInstances").withRequestBody(containing("NextToken=ec2-page-2"))
                .willReturn(xml("ec2/describe-instances-page2.xml")));

        List<Resource> instances = source.ec2Instances(SCENARIO);

        assertThat(instances).extracting(Resource::id).containsExactly("i-0abc0000000000001", "i-0idle000000000002");
        Resource api = instances.get(0);
        assertThat(api.scenario()).isEqualTo(SCENARIO);
        assertThat(api.provider()).isEqualTo("AWS");
        assertThat(api.kind()).isEqualTo("ec2-instance");
        assertThat(api.name()).isEqualTo("livyflow-api-1");
        assertThat(api.size()).isEqualTo("m5.2xlarge");
        assertThat(api.region()).isEqualTo("us-east-1");
        assertThat(api.tags()).isEqualTo(Map.of("Name", "livyflow-api-1", "env", "prod"));
        assertThat(api.attributes()).containsEntry("state", "running")
                .containsEntry("launchTime", "2026-08-14T09:30:00Z")
                .containsEntry("availabilityZone", "us-east-1a")
                .containsEntry("platform", "linux");
        Resource idle = instances.get(1);
        assertThat(idle.name()).isEqualTo("i-0idle000000000002");
        assertThat(idle.attributes()).containsEntry("state", "stopped").containsEntry("platform", "windows");
        wm.verify(2, postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=DescribeInstances"))
                .withHeader("Authorization", containing("Credential=" + AwsTestSupport.KEY_ID + "/")));
    }

    @Test
    void ebsVolumes_attachmentDecidesAttached() {
        wm.stubFor(action("DescribeVolumes").willReturn(xml("ec2/describe-volumes.xml")));

        List<Resource> volumes = source.ebsVolumes(SCENARIO);

        assertThat(volumes).hasSize(2);
        assertThat(volumes.get(0).attributes()).containsEntry("attached", "true")
                .containsEntry("attachedTo", "i-0abc0000000000001")
                .containsEntry("sizeGiB", "100")
                .containsEntry("state", "in-use")
                .containsEntry("iops", "3000");
        assertThat(volumes.get(0).size()).isEqualTo("gp3");
        Resource orphan = volumes.get(1);
        assertThat(orphan.kind()).isEqualTo("ebs-volume");
        assertThat(orphan.name()).isEqualTo("old-es-data");
        assertThat(orphan.attributes()).containsEntry("attached", "false")
                .doesNotContainKey("attachedTo")
                .containsEntry("sizeGiB", "500")
                .containsEntry("createTime", "2024-11-02T12:00:00Z");
    }

    @Test
    void elasticIps_associationDecidesAssigned() {
        wm.stubFor(action("DescribeAddresses").willReturn(xml("ec2/describe-addresses.xml")));

        List<Resource> ips = source.elasticIps(SCENARIO);

        assertThat(ips).extracting(r -> r.id() + "=" + r.attributes().get("assigned"))
                .containsExactly("eipalloc-0used0000000001=true", "eipalloc-0free0000000002=false");
        assertThat(ips.get(0).attributes()).containsEntry("instanceId", "i-0abc0000000000001")
                .containsEntry("publicIp", "203.0.113.10");
        assertThat(ips.get(1).name()).isEqualTo("203.0.113.11");
        assertThat(ips.get(1).kind()).isEqualTo("elastic-ip");
    }

    @Test
    void ebsSnapshots_asksForOwnSnapshotsOnly() {
        wm.stubFor(action("DescribeSnapshots").willReturn(xml("ec2/describe-snapshots.xml")));

        List<Resource> snapshots = source.ebsSnapshots(SCENARIO);

        assertThat(snapshots).singleElement().satisfies(s -> {
            assertThat(s.kind()).isEqualTo("ebs-snapshot");
            assertThat(s.attributes()).containsEntry("volumeSizeGiB", "500")
                    .containsEntry("startTime", "2024-11-01T03:00:00Z")
                    .containsEntry("volumeId", "vol-0orphan000000002");
        });
        wm.verify(postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Owner.1=self")));
    }

    @Test
    void rdsInstances_twoPages_followsMarker() {
        wm.stubFor(action("DescribeDBInstances").withRequestBody(notContaining("Marker"))
                .willReturn(xml("rds/describe-db-instances-page1.xml")));
        wm.stubFor(action("DescribeDBInstances").withRequestBody(containing("Marker=rds-page-2"))
                .willReturn(xml("rds/describe-db-instances-page2.xml")));

        List<Resource> dbs = source.rdsInstances(SCENARIO);

        assertThat(dbs).extracting(Resource::id).containsExactly("livyflow-aurora-1", "reports-pg");
        assertThat(dbs.get(0).size()).isEqualTo("db.r6g.large");
        assertThat(dbs.get(0).attributes()).containsEntry("engine", "aurora-postgresql")
                .containsEntry("multiAz", "false")
                .containsEntry("cluster", "livyflow-aurora");
        assertThat(dbs.get(0).tags()).isEqualTo(Map.of("env", "prod"));
        assertThat(dbs.get(1).attributes()).containsEntry("multiAz", "true")
                .containsEntry("storageGiB", "200")
                .containsEntry("storageType", "gp3")
                .containsEntry("createTime", "2024-06-10T08:00:00Z");
    }

    @Test
    void resources_listsEveryKind() {
        wm.stubFor(action("DescribeInstances").willReturn(xml("ec2/describe-instances-page2.xml")));
        wm.stubFor(action("DescribeVolumes").willReturn(xml("ec2/describe-volumes.xml")));
        wm.stubFor(action("DescribeAddresses").willReturn(xml("ec2/describe-addresses.xml")));
        wm.stubFor(action("DescribeSnapshots").willReturn(xml("ec2/describe-snapshots.xml")));
        wm.stubFor(action("DescribeDBInstances").willReturn(xml("rds/describe-db-instances-page2.xml")));

        assertThat(source.resources(SCENARIO)).extracting(Resource::kind).containsExactly(
                "ec2-instance", "ebs-volume", "ebs-volume", "elastic-ip", "elastic-ip", "ebs-snapshot", "rds-instance");
    }

    @Test
    void ec2Instances_unauthorized_namesTheIamAction() {
        wm.stubFor(action("DescribeInstances").willReturn(ec2Error(403, "UnauthorizedOperation",
                "You are not authorized to perform this operation.")));

        assertThatThrownBy(() -> source.ec2Instances(SCENARIO))
                .isInstanceOf(PurserException.class)
                .satisfies(e -> assertThat(((PurserException) e).code()).isEqualTo(ErrorCode.EXTERNAL_API_ERROR))
                .hasMessageContaining("allow the action `ec2:DescribeInstances`");
    }

    @Test
    void ebsVolumes_requestLimitExceededOnce_retries() {
        wm.stubFor(action("DescribeVolumes").atPriority(1).withHeader("amz-sdk-request", containing("attempt=1;"))
                .willReturn(ec2Error(503, "RequestLimitExceeded", "Request limit exceeded.")));
        wm.stubFor(action("DescribeVolumes").atPriority(5).willReturn(xml("ec2/describe-volumes.xml")));

        assertThat(source.ebsVolumes(SCENARIO)).hasSize(2);
        wm.verify(2, postRequestedFor(urlEqualTo("/")));
    }

    @Test
    void rdsInstances_throttledEveryTime_saysToWait() {
        wm.stubFor(action("DescribeDBInstances").willReturn(aResponse().withStatus(400).withHeader("Content-Type", "text/xml")
                .withBody("<ErrorResponse xmlns=\"http://rds.amazonaws.com/doc/2014-10-31/\"><Error><Type>Sender</Type>"
                        + "<Code>Throttling</Code><Message>Rate exceeded</Message></Error>"
                        + "<RequestId>a1b2</RequestId></ErrorResponse>")));

        assertThatThrownBy(() -> source.rdsInstances(SCENARIO))
                .hasMessageContaining("AWS is throttling rds:DescribeDBInstances (Throttling, HTTP 400) after 3 attempts");
        wm.verify(3, postRequestedFor(urlEqualTo("/")));
    }

    @Test
    void ebsSnapshots_malformedXml_isAnExternalError() {
        wm.stubFor(action("DescribeSnapshots").willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml")
                .withBody("<DescribeSnapshotsResponse><snapshotSet><item><snapshotId>snap-1")));

        assertThatThrownBy(() -> source.ebsSnapshots(SCENARIO))
                .satisfies(e -> assertThat(((PurserException) e).code()).isEqualTo(ErrorCode.EXTERNAL_API_ERROR))
                .hasMessageContaining("cannot read");
    }

    // ---------------------------------------------------------------------------------------

    private static MappingBuilder action(String action) {
        return post(urlEqualTo("/")).withRequestBody(containing("Action=" + action + "&"));
    }

    private static ResponseDefinitionBuilder xml(String resource) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/xml;charset=UTF-8")
                .withBody(AwsTestSupport.resource(resource));
    }

    private static ResponseDefinitionBuilder ec2Error(int status, String code, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "text/xml;charset=UTF-8")
                .withBody("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Errors><Error><Code>" + code
                        + "</Code><Message>" + message + "</Message></Error></Errors>"
                        + "<RequestID>5f0d8f9e-example</RequestID></Response>");
    }
}
