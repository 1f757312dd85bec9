package dev.purser.core.analysis.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.purser.core.model.Money;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class PriceCatalogWriteTest {

    private static PriceCatalog roundTrip(PriceCatalog c) {
        String json = PriceCatalogs.write(c);
        return PriceCatalogs.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), c.origin(), "test");
    }

    private static void assertSame(PriceCatalog back, PriceCatalog original) {
        assertThat(back.name()).isEqualTo(original.name());
        assertThat(back.provider()).isEqualTo(original.provider());
        assertThat(back.snapshotDate()).isEqualTo(original.snapshotDate());
        assertThat(back.note()).isEqualTo(original.note());
        assertThat(back.databaseLayouts()).containsExactlyInAnyOrderElementsOf(original.databaseLayouts());
        assertThat(back.sizes()).hasSameSizeAs(original.sizes());
        for (int i = 0; i < original.sizes().size(); i++) {
            CatalogSize a = original.sizes().get(i);
            CatalogSize b = back.sizes().get(i);
            assertThat(b.slug()).isEqualTo(a.slug());
            assertThat(b.sizeClass()).isEqualTo(a.sizeClass());
            assertThat(b.engine()).isEqualTo(a.engine());
            assertThat(b.family()).isEqualTo(a.family());
            assertThat(b.vcpus()).isEqualTo(a.vcpus());
            assertThat(b.memoryMib()).isEqualTo(a.memoryMib());
            assertThat(b.diskGib()).isEqualTo(a.diskGib());
            assertThat(b.available()).isEqualTo(a.available());
            assertThat(b.description()).isEqualTo(a.description());
            assertThat(b.monthlyPrice() == null).isEqualTo(a.monthlyPrice() == null);
            if (a.monthlyPrice() != null) {
                assertThat(b.monthlyPrice().amount()).isEqualByComparingTo(a.monthlyPrice().amount());
                assertThat(b.monthlyPrice().currency()).isEqualTo(a.monthlyPrice().currency());
            }
            assertThat(b.hourlyPrice() == null).isEqualTo(a.hourlyPrice() == null);
            if (a.hourlyPrice() != null) {
                assertThat(b.hourlyPrice().amount()).isEqualByComparingTo(a.hourlyPrice().amount());
            }
        }
    }

    @Test
    void write_bundledCatalogs_readBackTheSame() {
        for (PriceCatalog c : PriceCatalogs.bundled()) {
            assertSame(roundTrip(c), c);
        }
    }

    @Test
    void write_exactDigits_noDoubleRounding() {
        CatalogSize odd = new CatalogSize("s-1vcpu-1gb", SizeClass.MACHINE, null, null, "Basic", 1, 1024, 25,
                Money.of("6.000000000000000001", "EUR"), Money.of("0.00892857142857142857", "EUR"), false);
        CatalogSize node = new CatalogSize("db-s-1vcpu-1gb", SizeClass.DATABASE_NODE, "pg", null, "", 1, 1024, 10,
                null, null, true);
        PriceCatalog c = new PriceCatalog("x-live", "DigitalOcean", LocalDate.of(2026, 11, 23), CatalogOrigin.LIVE,
                "note", List.of(odd, node), List.of(new DatabaseLayout("pg", 1, java.util.Set.of("db-s-1vcpu-1gb"))));
        String json = PriceCatalogs.write(c);
        assertThat(json).contains("6.000000000000000001", "0.00892857142857142857", "\"EUR\"");
        PriceCatalog back = roundTrip(c);
        assertSame(back, c);
        assertThat(back.machine("s-1vcpu-1gb").orElseThrow().monthlyPrice())
                .isEqualTo(Money.of("6.000000000000000001", "EUR"));
        assertThat(back.databasePrice("pg", "db-s-1vcpu-1gb", 1)).isInstanceOf(PriceLookup.NotFound.class);
    }

    @Test
    void preferLive_replacesPerProvider_newestWins() {
        PriceCatalog bundledDo = PriceCatalogs.bundledDigitalOcean();
        PriceCatalog bundledAws = PriceCatalogs.bundledAws();
        PriceCatalog older = new PriceCatalog("do-live", "digitalocean", LocalDate.of(2026, 11, 20), CatalogOrigin.LIVE,
                "", List.of(), List.of());
        PriceCatalog newer = new PriceCatalog("do-live2", "DigitalOcean", LocalDate.of(2026, 11, 22), CatalogOrigin.LIVE,
                "", List.of(), List.of());
        PriceCatalog other = new PriceCatalog("gcp-live", "GCP", LocalDate.of(2026, 11, 22), CatalogOrigin.LIVE,
                "", List.of(), List.of());
        assertThat(PriceCatalogs.preferLive(List.of(bundledDo, bundledAws), List.of(older, newer, other)))
                .containsExactly(newer, bundledAws, other);
        assertThat(PriceCatalogs.preferLive(List.of(bundledDo, bundledAws), List.of()))
                .containsExactly(bundledDo, bundledAws);
    }
}
