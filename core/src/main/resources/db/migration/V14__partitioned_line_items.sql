-- Line items partitioned by billing month, and a monthly rollup beside the daily one.
--
-- cost_line_item is partitioned by RANGE (billing_period_start), one partition per UTC billing
-- month (cost_line_item_pYYYYMM), and each month by LIST (import_id): one leaf per import and
-- month (cost_line_item_pYYYYMM_iN). An import loads its rows into leaves of its own that are not
-- yet attached (several COPY streams may fill them), then attaches them in its transaction; a
-- re-import of the same billing month drops the earlier import's leaf instead of scanning for
-- its rows. dev.purser.core.store.CostLoad and LineItemStreams use the functions below.
--
-- Statement triggers: a statement on the partitioned parent fires only the parent's statement
-- triggers, and a statement on a partition (COPY into a leaf, TRUNCATE of a leaf) only the
-- partition's own, which PostgreSQL does not clone from the parent; so the parent, every month
-- partition and every leaf gets the data-generation trigger of V12 (DataGenerationTest checks).

ALTER TABLE cost_line_item RENAME TO cost_line_item_v13;
ALTER INDEX cost_line_item_charge_start RENAME TO cost_line_item_v13_charge_start;
DROP TRIGGER cost_line_item_moves_data_generation ON cost_line_item_v13;

CREATE TABLE cost_line_item (LIKE cost_line_item_v13 INCLUDING DEFAULTS)
    PARTITION BY RANGE (billing_period_start);

-- Partitioned index: each leaf gets its own, built once after its rows are loaded.
CREATE INDEX cost_line_item_charge_start ON cost_line_item (charge_period_start);

CREATE TRIGGER cost_line_item_moves_data_generation
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON cost_line_item
    FOR EACH STATEMENT EXECUTE FUNCTION purser_note_data_change();

-- The month partition of p_month (a first of month), created and attached when missing; returns
-- its name. Callers serialise on the advisory lock 'purser.cost_partitions' (CostLoad takes it
-- in the import's transaction), so two imports never create the same month at once.
CREATE FUNCTION purser_cost_month(p_month date) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    part text := 'cost_line_item_p' || to_char(p_month, 'YYYYMM');
BEGIN
    IF p_month IS NULL OR p_month <> date_trunc('month', p_month)::date THEN
        RAISE EXCEPTION 'not the first day of a month: %', p_month;
    END IF;
    IF to_regclass(quote_ident(part)) IS NULL THEN
        EXECUTE format('CREATE TABLE %I (LIKE cost_line_item INCLUDING DEFAULTS) PARTITION BY LIST (import_id)', part);
        EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I'
                       ' FOR EACH STATEMENT EXECUTE FUNCTION purser_note_data_change()',
                       part || '_moves_data_generation', part);
        -- ATTACH takes only SHARE UPDATE EXCLUSIVE on cost_line_item: readers are not blocked
        EXECUTE format('ALTER TABLE cost_line_item ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)', part,
                       to_char(p_month, 'YYYY-MM-DD') || ' 00:00:00+00',
                       to_char(p_month + interval '1 month', 'YYYY-MM-DD') || ' 00:00:00+00');
    END IF;
    RETURN part;
END $$;

-- A new, unattached leaf for one import's rows of one billing month; returns its name. Its CHECK
-- constraint states the leaf's partition bounds, so attaching it later needs no validating scan.
-- It is created without index and trigger (both come at attach, after the rows are in).
CREATE FUNCTION purser_cost_load_table(p_import bigint, p_month date) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    leaf text := 'cost_line_item_p' || to_char(p_month, 'YYYYMM') || '_i' || p_import;
BEGIN
    IF p_month IS NULL OR p_month <> date_trunc('month', p_month)::date THEN
        RAISE EXCEPTION 'not the first day of a month: %', p_month;
    END IF;
    EXECUTE format('CREATE TABLE %I (LIKE cost_line_item INCLUDING DEFAULTS,'
                   ' CONSTRAINT %I CHECK (import_id = %s AND billing_period_start >= %L::timestamptz'
                   ' AND billing_period_start < %L::timestamptz))',
                   leaf, leaf || '_bounds', p_import,
                   to_char(p_month, 'YYYY-MM-DD') || ' 00:00:00+00',
                   to_char(p_month + interval '1 month', 'YYYY-MM-DD') || ' 00:00:00+00');
    RETURN leaf;
END $$;

-- Attaches a loaded leaf to its month (created when missing): the trigger, then the index
-- (built by ATTACH from the loaded rows), then the partition bound.
CREATE FUNCTION purser_cost_attach_load(p_import bigint, p_month date) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    part text := purser_cost_month(p_month);
    leaf text := 'cost_line_item_p' || to_char(p_month, 'YYYYMM') || '_i' || p_import;
BEGIN
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I'
                   ' FOR EACH STATEMENT EXECUTE FUNCTION purser_note_data_change()',
                   leaf || '_moves_data_generation', leaf);
    EXECUTE format('ALTER TABLE %I ATTACH PARTITION %I FOR VALUES IN (%s)', part, leaf, p_import);
    RETURN leaf;
END $$;

-- Drops unattached leaves whose import is no longer running: a process killed mid-import leaves
-- its committed but never attached leaves behind, invisible to every query. A running import
-- holds the transaction-level advisory lock of its id (see CostLoad), so its leaves are kept.
CREATE FUNCTION purser_cost_sweep_loads() RETURNS int LANGUAGE plpgsql AS $$
DECLARE
    r record;
    dropped int := 0;
BEGIN
    FOR r IN SELECT c.relname, substring(c.relname FROM '_i([0-9]+)$')::bigint AS import_id
             FROM pg_class c
             WHERE c.relnamespace = current_schema()::regnamespace
               AND c.relkind = 'r' AND NOT c.relispartition
               AND c.relname ~ '^cost_line_item_p[0-9]{6}_i[0-9]+$'
    LOOP
        IF pg_try_advisory_xact_lock(hashtextextended('purser.cost_load.' || r.import_id, 0)) THEN
            EXECUTE format('DROP TABLE %I', r.relname);
            dropped := dropped + 1;
        END IF;
    END LOOP;
    RETURN dropped;
END $$;

-- Move the existing rows: one leaf per (billing month, import), as an import would have made.
DO $$
DECLARE
    r record;
    leaf text;
BEGIN
    FOR r IN SELECT DISTINCT date_trunc('month', billing_period_start AT TIME ZONE 'UTC')::date AS month, import_id
             FROM cost_line_item_v13 ORDER BY 1, 2
    LOOP
        leaf := purser_cost_load_table(r.import_id, r.month);
        EXECUTE format('INSERT INTO %I SELECT * FROM cost_line_item_v13 WHERE import_id = %s'
                       ' AND billing_period_start >= %L::timestamptz AND billing_period_start < %L::timestamptz',
                       leaf, r.import_id,
                       to_char(r.month, 'YYYY-MM-DD') || ' 00:00:00+00',
                       to_char(r.month + interval '1 month', 'YYYY-MM-DD') || ' 00:00:00+00');
        PERFORM purser_cost_attach_load(r.import_id, r.month);
    END LOOP;
END $$;

DROP TABLE cost_line_item_v13;

-- The monthly rollup: cost_daily summed per calendar month of its day, with the same dimensions,
-- import and billing month. A breakdown reads whole months here and only the days of partial
-- months from cost_daily. Written by the importer in the import's transaction, from the same
-- sums as cost_daily, so the two always agree to the cent.
CREATE TABLE cost_monthly (
    month                date    NOT NULL,
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
    list_missing         bigint  NOT NULL,
    row_count            bigint  NOT NULL,
    import_id            bigint  NOT NULL
);

INSERT INTO cost_monthly
SELECT date_trunc('month', day)::date, source, billing_period_start, billing_currency, billing_account_id,
       billing_account_name, provider_name, service_name, service_category, sub_account_id, sub_account_name,
       region_id, charge_category, env, sum(billed), sum(effective), sum(list), sum(list_missing),
       sum(row_count), import_id
FROM cost_daily
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 20;

CREATE INDEX cost_monthly_month ON cost_monthly (month);
CREATE INDEX cost_monthly_import ON cost_monthly (import_id);

CREATE TRIGGER cost_monthly_moves_data_generation
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON cost_monthly
    FOR EACH STATEMENT EXECUTE FUNCTION purser_note_data_change();
