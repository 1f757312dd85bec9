package dev.purser.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import dev.purser.core.model.ChargeCategory;
import dev.purser.core.model.CostLineItem;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;

class DoInvoiceCsvReaderTest {

    private static final String HEADER = "product,group_description,description,hours,start,end,USD,project_name,category\n";
    private static final DoInvoiceCsvReader.Invoice JULY =
            new DoInvoiceCsvReader.Invoice("6173678", "Mandible Inc", "418071234", YearMonth.of(2020, 7));

    private static List<CostLineItem> read(String csv) {
        return DoInvoiceCsvReader.readAll(new StringReader(csv), "july.csv", JULY);
    }

    private static PurserException malformed(String csv) {
        try {
            read(csv);
        } catch (PurserException e) {
            assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_FILE);
            return e;
        }
        throw new AssertionError("expected MALFORMED_FILE");
    }

    @Test
    void readAll_documentedExample_mapsToFocus() throws IOException {
        List<CostLineItem> items;
        try (InputStream in = getClass().getResourceAsStream("/digitalocean/invoice_documented.csv")) {
            items = DoInvoiceCsvReader.readAll(new InputStreamReader(in, StandardCharsets.UTF_8), "documented.csv", JULY);
        }

        assertThat(items).hasSize(2);
        CostLineItem ip = items.get(0);
        assertThat(ip.providerName()).isEqualTo("DigitalOcean");
        assertThat(ip.billingAccountId()).isEqualTo("6173678");
        assertThat(ip.billingAccountName()).isEqualTo("Mandible Inc");
        assertThat(ip.serviceName()).isEqualTo("Floating IPs");
        assertThat(ip.serviceCategory()).isEqualTo("Networking");
        assertThat(ip.chargeCategory()).isEqualTo(ChargeCategory.USAGE);
        assertThat(ip.chargeDescription()).isEqualTo("Unused Floating IP - 1.1.1.1");
        assertThat(ip.resourceName()).isEqualTo("Unused Floating IP - 1.1.1.1");
        assertThat(ip.billedCost()).isEqualTo(new BigDecimal("3.11"));
        assertThat(ip.effectiveCost()).isEqualTo(new BigDecimal("3.11"));
        assertThat(ip.billingCurrency()).isEqualTo(Currency.getInstance("USD"));
        assertThat(ip.consumedQuantity()).isEqualByComparingTo("100");
        assertThat(ip.consumedUnit()).isEqualTo("Hours");
        assertThat(ip.chargePeriodStart()).isEqualTo(Instant.parse("2020-07-01T00:00:00Z"));
        assertThat(ip.chargePeriodEnd()).isEqualTo(Instant.parse("2020-07-22T18:14:39Z"));
        assertThat(ip.billingPeriodStart()).isEqualTo(Instant.parse("2020-07-01T00:00:00Z"));
        assertThat(ip.billingPeriodEnd()).isEqualTo(Instant.parse("2020-08-01T00:00:00Z"));
        assertThat(ip.extras()).containsEntry("category", "iaas").containsEntry("invoice_id", "418071234");
        assertThat(ip.tags()).isEmpty();

        CostLineItem tax = items.get(1);
        assertThat(tax.chargeCategory()).isEqualTo(ChargeCategory.TAX);
        assertThat(tax.serviceCategory()).isEqualTo("Other");
        assertThat(tax.billedCost()).isEqualTo(new BigDecimal("0.16"));
        assertThat(tax.listCost()).isNull();
        assertThat(tax.resourceName()).isNull();
        assertThat(tax.chargePeriodEnd()).as("inclusive 23:59:59 becomes the exclusive next midnight")
                .isEqualTo(Instant.parse("2020-08-01T00:00:00Z"));
    }

    @Test
    void read_credit_isNegativeCreditRow() {
        List<CostLineItem> items = read(HEADER
                + "Credits,,Promo credit,,2020-07-01 00:00:00 +0000,2020-07-31 23:59:59 +0000,-$25.00,,iaas\n"
                + "Droplets,,refund,,2020-07-01 00:00:00 +0000,2020-07-31 23:59:59 +0000,($1.50),,iaas\n");

        assertThat(items).extracting(CostLineItem::chargeCategory).containsExactly(ChargeCategory.CREDIT, ChargeCategory.CREDIT);
        assertThat(items.get(0).billedCost()).isEqualTo(new BigDecimal("-25.00"));
        assertThat(items.get(1).billedCost()).isEqualTo(new BigDecimal("-1.50"));
        assertThat(items.get(0).effectiveCost()).isEqualTo(new BigDecimal("-25.00"));
    }

    @Test
    void read_quotedCommasQuotesAndThousands_keepsTheValue() {
        List<CostLineItem> items = read(HEADER
                + "Managed Databases,mandible-prod,\"mandible-prod (db-s-2vcpu-4gb, 2 nodes) \"\"pg\"\"\",744,"
                + "2020-07-01 00:00:00 +0000,2020-07-31 23:59:59 +0000,\"$1,234.56\",mandible,paas\n");

        CostLineItem db = items.get(0);
        assertThat(db.chargeDescription()).isEqualTo("mandible-prod (db-s-2vcpu-4gb, 2 nodes) \"pg\"");
        assertThat(db.billedCost()).isEqualTo(new BigDecimal("1234.56"));
        assertThat(db.resourceName()).isEqualTo("mandible-prod");
        assertThat(db.serviceCategory()).isEqualTo("Databases");
        assertThat(db.tags()).containsEntry("project", "mandible");
        assertThat(db.extras()).containsEntry("group_description", "mandible-prod");
    }

    @Test
    void read_crlfAndByteOrderMark_readsEveryRow() {
        String csv = "\uFEFF" + HEADER.replace("\n", "\r\n")
                + "Droplets,,api,744,2020-07-01 00:00:00 +0000,2020-07-31 23:59:59 +0000,$24.00,,iaas\r\n"
                + "Volumes,,\"data\r\nvolume\",744,2020-07-01 00:00:00 +0000,2020-07-31 23:59:59 +0000,$10.00,,iaas\r\n"
                + "Spaces Subscription,,spaces,744,2020-07-01 00:00:00 +0000,2020-07-31 23:59:59 +0000,$5.00,,iaas\r\n";
        List<CostLineItem> items = new ArrayList<>();

        long rows = DoInvoiceCsvReader.read(new StringReader(csv), "july.csv", JULY, items::add);

        assertThat(rows).isEqualTo(3);
        assertThat(items).extracting(CostLineItem::serviceCategory).containsExactly("Compute", "Storage", "Storage");
        assertThat(items.get(1).chargeDescription()).isEqualTo("data\r\nvolume");
    }

    @Test
    void read_malformedAmount_namesFileLineAndColumn() {
        PurserException e = malformed(HEADER
                + "Droplets,,api,744,2020-07-01 00:00:00 +0000,2020-07-31 23:59:59 +0000,$24.00,,iaas\n"
                + "Droplets,,\"worker,\nsecond line\",744,2020-07-01 00:00:00 +0000,2020-07-31 23:59:59 +0000,$24.00,,iaas\n"
                + "Droplets,,db,744,2020-07-01 00:00:00 +0000,2020-07-31 23:59:59 +0000,$2x.00,,iaas\n");

        assertThat(e.getMessage()).startsWith("july.csv:5: USD: '$2x.00'");
    }

    @Test
    void read_malformedStart_namesColumn() {
        PurserException e = malformed(HEADER
                + "Droplets,,api,744,July 1st,2020-07-31 23:59:59 +0000,$24.00,,iaas\n");

        assertThat(e.getMessage()).startsWith("july.csv:2: start: 'July 1st'");
    }

    @Test
    void read_wrongFieldCount_saysToQuoteCommas() {
        PurserException e = malformed(HEADER
                + "Droplets,,api, nyc3,744,2020-07-01 00:00:00 +0000,2020-07-31 23:59:59 +0000,$24.00,,iaas\n");

        assertThat(e.getMessage()).startsWith("july.csv:2: row: has 10 fields but the header has 9");
    }

    @Test
    void read_unclosedQuote_namesTheLineItStarts() {
        PurserException e = malformed(HEADER + "Droplets,,\"api,744\n");

        assertThat(e.getMessage()).startsWith("july.csv:2: field 3:");
    }

    @Test
    void read_textAfterClosingQuote_namesTheField() {
        PurserException e = malformed(HEADER + "Droplets,,\"api\"x,744,,,$1.00,,iaas\n");

        assertThat(e.getMessage()).isEqualTo("july.csv:2: field 3: text after a closing quote;"
                + " a quote inside a quoted value is written \"\"");
    }

    @Test
    void read_emptyFile_saysWhatHeaderIsExpected() {
        PurserException e = malformed("");

        assertThat(e.getMessage()).startsWith("july.csv:1: header: the file is empty");
    }

    @Test
    void next_lenient_skipsAndListsBadRowsButNotBlankOnes() {
        String csv = HEADER
                + "Droplets,,api,744,2020-07-01 00:00:00 +0000,2020-07-31 23:59:59 +0000,$24.00,,iaas\n"
                + "   \n"
                + "Droplets,,db,-3,2020-07-01 00:00:00 +0000,2020-07-31 23:59:59 +0000,$2.00,,iaas\n"
                + "Droplets,,worker,744,2020-07-01 00:00:00 +0000,2020-07-31 23:59:59 +0000,$5.00,,iaas\n";

        try (DoInvoiceCsvReader reader = DoInvoiceCsvReader.open(new StringReader(csv), "july.csv", JULY, true)) {
            List<String> read = new ArrayList<>();
            while (reader.next()) {
                read.add(reader.row().chargeDescription());
            }

            assertThat(read).containsExactly("api", "worker");
            assertThat(reader.skippedRows()).isEqualTo(1);
            assertThat(reader.skipped()).containsExactly("july.csv:4: hours: '-3' is negative");
        }
    }

    @Test
    void read_notAnInvoiceFile_saysWhatIsMissing() {
        PurserException e = malformed("BilledCost,ChargePeriodStart\n1.00,2020-07-01\n");

        assertThat(e.getMessage()).startsWith("july.csv:1: header: missing column 'product'");
    }

    @Test
    void read_noCurrencyColumn_isRejected() {
        PurserException e = malformed("product,description,start,end,amount\nDroplets,api,2020-07-01,2020-07-31,1.00\n");

        assertThat(e.getMessage()).contains("header", "currency");
    }

    @Test
    void read_emptyStartAndEnd_useTheBillingPeriod() {
        List<CostLineItem> items = read(HEADER + "Taxes,,VAT,,,,$1.00,,iaas\n");

        assertThat(items.get(0).chargePeriodStart()).isEqualTo(Instant.parse("2020-07-01T00:00:00Z"));
        assertThat(items.get(0).chargePeriodEnd()).isEqualTo(Instant.parse("2020-08-01T00:00:00Z"));
        assertThat(items.get(0).consumedQuantity()).isNull();
    }

    @Test
    void read_endBeforeStart_isRejected() {
        PurserException e = malformed(HEADER
                + "Droplets,,api,1,2020-07-02 00:00:00 +0000,2020-07-01 00:00:00 +0000,$1.00,,iaas\n");

        assertThat(e.getMessage()).startsWith("july.csv:2: end:");
    }

    @Test
    void serviceCategory_products_mapToFocusCategories() {
        assertThat(DoInvoiceCsvReader.serviceCategory("Kubernetes Clusters", ChargeCategory.USAGE)).isEqualTo("Compute");
        assertThat(DoInvoiceCsvReader.serviceCategory("Load Balancers", ChargeCategory.USAGE)).isEqualTo("Networking");
        assertThat(DoInvoiceCsvReader.serviceCategory("Reserved IPs", ChargeCategory.USAGE)).isEqualTo("Networking");
        assertThat(DoInvoiceCsvReader.serviceCategory("Droplet Backups", ChargeCategory.USAGE)).isEqualTo("Storage");
        assertThat(DoInvoiceCsvReader.serviceCategory("Container Registry", ChargeCategory.USAGE)).isEqualTo("Storage");
        assertThat(DoInvoiceCsvReader.serviceCategory("Database Clusters", ChargeCategory.USAGE)).isEqualTo("Databases");
        assertThat(DoInvoiceCsvReader.serviceCategory("Something New", ChargeCategory.USAGE)).isEqualTo("Other");
    }

    @Test
    void invoice_blankAccount_isRejected() {
        assertThatThrownBy(() -> new DoInvoiceCsvReader.Invoice(" ", null, "1", YearMonth.of(2020, 7)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("billingAccountId");
    }
}
