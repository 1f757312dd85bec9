package dev.purser.core.analysis.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class PriceCatalogsTest {

    private final PriceCatalog digitalOcean = PriceCatalogs.bundledDigitalOcean();
    private final PriceCatalog aws = PriceCatalogs.bundledAws();

    @Test
    void bundledDigitalOcean_isADatedSnapshot() {
        assertThat(digitalOcean.provider()).isEqualTo("DigitalOcean");
        assertThat(digitalOcean.snapshotDate()).isEqualTo(LocalDate.of(2026, 11, 1));
        assertThat(digitalOcean.source()).isEqualTo("bundled snapshot 2026-11-01");
    }

    @Test
    void price_droplet_exactMonthlyAndHourly() {
        PriceLookup.Found found = (PriceLookup.Found) digitalOcean.price("s-2vcpu-4gb", 1);
        assertThat(found.monthly().amount()).isEqualByComparingTo("24");
        assertThat(found.hourly().amount()).isEqualByComparingTo("0.03571");
        assertThat(found.size().vcpus()).isEqualTo(2);
        assertThat(found.size().memoryBytes()).isEqualTo(4L * 1024 * 1024 * 1024);
    }

    @Test
    void databasePrice_perNodeTimesNodes() {
        PriceLookup lookup = digitalOcean.databasePrice("pg", "db-s-2vcpu-4gb", 2);
        assertThat(lookup.monthlyPrice()).hasValueSatisfying(m -> assertThat(m.amount()).isEqualByComparingTo("120"));
    }

    @Test
    void databasePrice_sizeListedWithoutPrice_isPriceNotFound() {
        assertThat(digitalOcean.layoutAllows("pg", "so1_5-2vcpu-16gb", 1)).isTrue();
        PriceLookup lookup = digitalOcean.databasePrice("pg", "so1_5-2vcpu-16gb", 1);
        assertThat(lookup).isInstanceOf(PriceLookup.NotFound.class);
        assertThat(((PriceLookup.NotFound) lookup).reason()).startsWith("price not found");
    }

    @Test
    void price_unknownSlug_isDataNotException() {
        PriceLookup lookup = digitalOcean.price("s-99vcpu-1tb", 1);
        assertThat(lookup.monthlyPrice()).isEmpty();
        assertThat(((PriceLookup.NotFound) lookup).reason()).contains("price not found", "bundled snapshot 2026-11-01");
    }

    @Test
    void layouts_fromDatabaseOptions() {
        assertThat(digitalOcean.nodeCounts("pg")).containsExactly(1, 2, 3);
        assertThat(digitalOcean.layoutAllows("pg", "db-s-1vcpu-1gb", 2)).isFalse();
        assertThat(digitalOcean.databaseNodes("pg", 1)).first().extracting(CatalogSize::slug)
                .isEqualTo("db-s-1vcpu-1gb");
    }

    @Test
    void aws_monthlyIsHourlyTimes730() {
        PriceLookup.Found m5 = (PriceLookup.Found) aws.price("m5.large", 1);
        assertThat(m5.monthly().amount()).isEqualByComparingTo(new BigDecimal("0.096").multiply(BigDecimal.valueOf(730)));
        PriceLookup.Found aurora = (PriceLookup.Found) aws.databasePrice("aurora-postgresql", "db.r5.large", 1);
        PriceLookup.Found rds = (PriceLookup.Found) aws.databasePrice("postgres", "db.r5.large", 1);
        assertThat(aurora.monthly()).isNotEqualTo(rds.monthly());
    }

    @Test
    void familyOf_slugs() {
        assertThat(CatalogSize.familyOf("s-2vcpu-4gb")).isEqualTo("s");
        assertThat(CatalogSize.familyOf("s-2vcpu-4gb-amd")).isEqualTo("s-amd");
        assertThat(CatalogSize.familyOf("db-s-2vcpu-4gb")).isEqualTo("db-s");
        assertThat(CatalogSize.familyOf("m5.xlarge")).isEqualTo("m5");
        assertThat(CatalogSize.familyOf("db.r5.large")).isEqualTo("db.r5");
    }

    @Test
    void read_missingField_malformedFile() {
        var in = new ByteArrayInputStream("{\"name\":\"x\"}".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> PriceCatalogs.read(in, CatalogOrigin.LIVE, "test.json"))
                .isInstanceOfSatisfying(PurserException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_FILE));
    }
}
