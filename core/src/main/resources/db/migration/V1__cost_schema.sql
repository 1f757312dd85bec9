-- Cost store: FOCUS line items, the imports that wrote them, what each import covers, and a
-- daily rollup that breakdowns read instead of scanning line items.
-- Money is numeric without a scale: amounts land exactly as the source wrote them.

CREATE TABLE cost_import (
    id               bigserial   PRIMARY KEY,
    source           text        NOT NULL,
    file_name        text        NOT NULL,
    sha256           text,
    row_count        bigint      NOT NULL DEFAULT 0,
    -- currency code -> exact BilledCost sum as a string, so no JSON number rounding touches it
    totals           jsonb       NOT NULL DEFAULT '{}',
    first_charge_day date,
    last_charge_day  date,
    billing_accounts text[]      NOT NULL DEFAULT '{}',
    billing_periods  date[]      NOT NULL DEFAULT '{}',
    skipped_rows     int         NOT NULL DEFAULT 0,
    replaced_rows    bigint      NOT NULL DEFAULT 0,
    tolerated        jsonb       NOT NULL DEFAULT '[]',
    imported_at      timestamptz NOT NULL
);

-- No foreign key to cost_import here or in cost_daily: a per-row RI check would roughly halve
-- COPY throughput, and only the importer writes these tables, in the import's own transaction.
CREATE TABLE cost_line_item (
    import_id              bigint      NOT NULL,
    source                 text        NOT NULL,
    billing_account_id     text        NOT NULL,
    billing_account_name   text,
    billing_period_start   timestamptz NOT NULL,
    billing_period_end     timestamptz NOT NULL,
    charge_period_start    timestamptz NOT NULL,
    charge_period_end      timestamptz NOT NULL,
    charge_category        text        NOT NULL,
    charge_class           text,
    charge_description     text,
    billed_cost            numeric     NOT NULL,
    effective_cost         numeric     NOT NULL,
    list_cost              numeric,
    contracted_cost        numeric,
    billing_currency       char(3)     NOT NULL,
    provider_name          text,
    publisher_name         text,
    invoice_issuer_name    text,
    service_name           text,
    service_category       text,
    resource_id            text,
    resource_name          text,
    resource_type          text,
    region_id              text,
    region_name            text,
    availability_zone      text,
    sub_account_id         text,
    sub_account_name       text,
    sku_id                 text,
    pricing_quantity       numeric,
    pricing_unit           text,
    consumed_quantity      numeric,
    consumed_unit          text,
    commitment_discount_id text,
    tags                   jsonb       NOT NULL DEFAULT '{}',
    extras                 jsonb       NOT NULL DEFAULT '{}'
);

-- The only index on line items: each index slows COPY by a fifth or more. Replacing an import
-- finds the old rows through this one too, bounded by that import's first and last charge day.
CREATE INDEX cost_line_item_charge_start ON cost_line_item (charge_period_start);

-- The identity of an import: a later import of the same source, account and billing month
-- replaces the rows this one wrote for them.
CREATE TABLE cost_import_coverage (
    source               text   NOT NULL,
    billing_account_id   text   NOT NULL,
    billing_period_start date   NOT NULL,
    import_id            bigint NOT NULL REFERENCES cost_import (id),
    PRIMARY KEY (source, billing_account_id, billing_period_start)
);

-- One row per UTC day of ChargePeriodStart and combination of the rolled-up dimensions,
-- written by the importer in the import's own transaction.
CREATE TABLE cost_daily (
    day                  date    NOT NULL,
    source               text    NOT NULL,
    billing_period_start date    NOT NULL,
    billing_currency     char(3) NOT NULL,
    billing_account_id   text    NOT NULL,
    billing_account_name text,
    provider_name        text,
    service_name         text,
    service_category     text,
    sub_account_id       text,
    sub_account_name     text,
    region_id            text,
    charge_category      text    NOT NULL,
    env                  text,
    billed               numeric NOT NULL,
    effective            numeric NOT NULL,
    list                 numeric NOT NULL,
    -- rows whose ListCost was empty (counted as zero in list)
    list_missing         bigint  NOT NULL,
    row_count            bigint  NOT NULL,
    import_id            bigint  NOT NULL
);

CREATE INDEX cost_daily_day ON cost_daily (day);
CREATE INDEX cost_daily_import ON cost_daily (import_id);
