-- One leaf per COPY stream: an import's rows of one billing month go into one leaf per stream
-- (cost_line_item_pYYYYMM_iN_sK), each created, filled and indexed inside its own stream's
-- transaction. PostgreSQL writes no WAL for rows copied into a table created in the same
-- transaction when wal_level is minimal (as the embedded server runs), and several streams no
-- longer share one leaf, so every stream gets that saving and builds its leaf's index itself, in
-- parallel, instead of the import's transaction building one index after all rows are in.
--
-- At commit the import's month partition cost_line_item_pYYYYMM_iN becomes a table partitioned
-- by LIST (load_stream) with the stream leaves attached; replacing an import still drops or
-- deletes from cost_line_item_pYYYYMM_iN, whatever it holds. Imports from before this migration
-- keep their single leaf of that name.

ALTER TABLE cost_line_item ADD COLUMN load_stream smallint NOT NULL DEFAULT 0;

-- A new, unattached leaf for one stream of one import's rows of one billing month. Its CHECK
-- constraint states the partition bounds of every level, so attaching needs no validating scan.
CREATE FUNCTION purser_cost_stream_table(p_import bigint, p_month date, p_stream int) RETURNS text
    LANGUAGE plpgsql AS $$
DECLARE
    leaf text := 'cost_line_item_p' || to_char(p_month, 'YYYYMM') || '_i' || p_import || '_s' || p_stream;
BEGIN
    IF p_month IS NULL OR p_month <> date_trunc('month', p_month)::date THEN
        RAISE EXCEPTION 'not the first day of a month: %', p_month;
    END IF;
    IF p_stream IS NULL OR p_stream < 0 OR p_stream > 32767 THEN
        RAISE EXCEPTION 'not a stream number: %', p_stream;
    END IF;
    EXECUTE format('CREATE TABLE %I (LIKE cost_line_item INCLUDING DEFAULTS,'
                   ' CONSTRAINT %I CHECK (import_id = %s AND load_stream = %s'
                   ' AND billing_period_start >= %L::timestamptz AND billing_period_start < %L::timestamptz))',
                   leaf, leaf || '_bounds', p_import, p_stream,
                   to_char(p_month, 'YYYY-MM-DD') || ' 00:00:00+00',
                   to_char(p_month + interval '1 month', 'YYYY-MM-DD') || ' 00:00:00+00');
    RETURN leaf;
END $$;

-- Attaches one import's stream leaves of one month: a partitioned table per (month, import)
-- holds them, then joins the month (created when missing). Each leaf keeps the index its stream
-- built (ATTACH adopts an equal index instead of building one) and gets the data-generation
-- trigger, as every partition does (V14).
CREATE OR REPLACE FUNCTION purser_cost_attach_load(p_import bigint, p_month date) RETURNS text
    LANGUAGE plpgsql AS $$
DECLARE
    part text := purser_cost_month(p_month);
    load text := 'cost_line_item_p' || to_char(p_month, 'YYYYMM') || '_i' || p_import;
    r record;
BEGIN
    EXECUTE format('CREATE TABLE %I (LIKE cost_line_item INCLUDING DEFAULTS) PARTITION BY LIST (load_stream)', load);
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I'
                   ' FOR EACH STATEMENT EXECUTE FUNCTION purser_note_data_change()',
                   load || '_moves_data_generation', load);
    FOR r IN SELECT c.relname, substring(c.relname FROM '_s([0-9]+)$')::int AS stream
             FROM pg_class c
             WHERE c.relnamespace = current_schema()::regnamespace
               AND c.relkind = 'r' AND NOT c.relispartition
               AND c.relname ~ ('^' || load || '_s[0-9]+$')
             ORDER BY 2
    LOOP
        EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I'
                       ' FOR EACH STATEMENT EXECUTE FUNCTION purser_note_data_change()',
                       r.relname || '_moves_data_generation', r.relname);
        EXECUTE format('ALTER TABLE %I ATTACH PARTITION %I FOR VALUES IN (%s)', load, r.relname, r.stream);
    END LOOP;
    EXECUTE format('ALTER TABLE %I ATTACH PARTITION %I FOR VALUES IN (%s)', part, load, p_import);
    RETURN load;
END $$;

-- As in V14, now also for stream leaves: drops the unattached leaves of imports no longer running.
CREATE OR REPLACE FUNCTION purser_cost_sweep_loads() RETURNS int LANGUAGE plpgsql AS $$
DECLARE
    r record;
    dropped int := 0;
BEGIN
    FOR r IN SELECT c.relname, substring(c.relname FROM '_i([0-9]+)(_s[0-9]+)?$')::bigint AS import_id
             FROM pg_class c
             WHERE c.relnamespace = current_schema()::regnamespace
               AND c.relkind IN ('r', 'p') AND NOT c.relispartition
               AND c.relname ~ '^cost_line_item_p[0-9]{6}_i[0-9]+(_s[0-9]+)?$'
    LOOP
        IF pg_try_advisory_xact_lock(hashtextextended('purser.cost_load.' || r.import_id, 0)) THEN
            EXECUTE format('DROP TABLE %I', r.relname);
            dropped := dropped + 1;
        END IF;
    END LOOP;
    RETURN dropped;
END $$;
