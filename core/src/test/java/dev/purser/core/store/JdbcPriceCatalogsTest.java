package dev.purser.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.purser.core.analysis.catalog.CatalogOrigin;
import dev.purser.core.analysis.catalog.CatalogSize;
import dev.purser.core.analysis.catalog.PriceCatalog;
import dev.purser.core.analysis.catalog.PriceCatalogs;
import dev.purser.core.analysis.catalog.SizeClass;
import dev.purser.core.model.Money;
import dev.purser.core.testing.TestDatabase;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class JdbcPriceCatalogsTest {

    private static PurserDatabase db;

    @BeforeAll
    static void open() {
        db = TestDatabase.fresh();
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private static PriceCatalog live(String provider, String name, LocalDate date, String price) {
        return new PriceCatalog(name, provider, date, CatalogOrigin.LIVE, "read from the API",
                List.of(new CatalogSize("s-1vcpu-1gb", SizeClass.MACHINE, null, null, "Basic", 1, 1024, 25,
                        Money.of(price, "USD"), Money.of("0.00893", "USD"), true)), List.of());
    }

    @Test
    void save_thenLatest_readsLiveWithExactPrices() {
        JdbcPriceCatalogs store = new JdbcPriceCatalogs(db.dataSource());
        store.save(live("Vultr", "vultr-live", LocalDate.of(2026, 11, 20), "6.07"), Instant.parse("2026-11-20T10:00:00Z"));
        PriceCatalog back = store.latest().stream().filter(c -> c.provider().equals("Vultr")).findFirst().orElseThrow();
        assertThat(back.origin()).isEqualTo(CatalogOrigin.LIVE);
        assertThat(back.source()).isEqualTo("live 2026-11-20");
        assertThat(back.machine("s-1vcpu-1gb").orElseThrow().monthlyPrice().amount()).isEqualByComparingTo("6.07");
    }

    @Test
    void save_sameProviderAndName_replaces() {
        JdbcPriceCatalogs store = new JdbcPriceCatalogs(db.dataSource());
        store.save(live("Linode", "linode-live", LocalDate.of(2026, 11, 20), "5"), Instant.parse("2026-11-20T10:00:00Z"));
        store.save(live("Linode", "linode-live", LocalDate.of(2026, 11, 21), "7.5"), Instant.parse("2026-11-21T10:00:00Z"));
        List<PriceCatalog> linode = store.latest().stream().filter(c -> c.provider().equals("Linode")).toList();
        assertThat(linode).hasSize(1);
        assertThat(linode.get(0).snapshotDate()).isEqualTo(LocalDate.of(2026, 11, 21));
        assertThat(linode.get(0).machine("s-1vcpu-1gb").orElseThrow().monthlyPrice().amount())
                .isEqualByComparingTo("7.5");
    }

    @Test
    void latest_bundledShapeStored_preferLivePicksIt() {
        JdbcPriceCatalogs store = new JdbcPriceCatalogs(db.dataSource());
        PriceCatalog bundled = PriceCatalogs.bundledDigitalOcean();
        PriceCatalog asLive = new PriceCatalog("digitalocean-live", bundled.provider(), LocalDate.of(2026, 11, 23),
                CatalogOrigin.LIVE, bundled.note(), bundled.sizes(), bundled.databaseLayouts());
        store.save(asLive, Instant.parse("2026-11-23T08:00:00Z"));
        List<PriceCatalog> chosen = PriceCatalogs.preferLive(PriceCatalogs.bundled(), store.latest());
        PriceCatalog d = chosen.get(0);
        assertThat(d.name()).isEqualTo("digitalocean-live");
        assertThat(d.source()).isEqualTo("live 2026-11-23");
        assertThat(d.sizes()).hasSameSizeAs(bundled.sizes());
        assertThat(d.databasePrice("pg", "db-s-2vcpu-4gb", 2).monthlyPrice().orElseThrow()
                .isSameAmount(bundled.databasePrice("pg", "db-s-2vcpu-4gb", 2).monthlyPrice().orElseThrow())).isTrue();
        assertThat(chosen.get(1).origin()).isEqualTo(CatalogOrigin.BUNDLED_SNAPSHOT);
        assertThat(chosen.get(1).provider()).isEqualTo("AWS");
    }
}
