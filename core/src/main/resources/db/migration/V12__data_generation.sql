-- The data generation: a number that moves whenever a transaction that changed Purser's data
-- commits, so the answer cache can key answers by it (dev.purser.core.store.DataGeneration).
--
-- It moves at commit, not at the first write: a statement trigger on every data table notes the
-- transaction in data_change, and a deferred constraint trigger on that note bumps the counter as
-- the transaction commits. A reader that sees the new number therefore sees the new data, and
-- concurrent writers hold the counter's row lock only for the instant of their commit.
CREATE TABLE data_generation (
    id          boolean PRIMARY KEY DEFAULT true CHECK (id),
    generation  bigint  NOT NULL
);
INSERT INTO data_generation (id, generation) VALUES (true, 1);

CREATE TABLE data_change (
    txid bigint PRIMARY KEY
);

CREATE FUNCTION purser_note_data_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO data_change (txid) VALUES (txid_current()) ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;

CREATE FUNCTION purser_bump_data_generation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE data_generation SET generation = generation + 1;
    DELETE FROM data_change WHERE txid = NEW.txid;
    RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER data_change_bumps_generation
    AFTER INSERT ON data_change DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION purser_bump_data_generation();

-- Every table that exists now but the chat faces' own bookkeeping (button payloads and where
-- live messages were posted: no answer reads them, and they change with every chat reply); a
-- table added by a later migration attaches the same trigger (DataGenerationTest fails for a
-- table that does not).
DO $$
DECLARE t record;
BEGIN
    FOR t IN SELECT tablename FROM pg_tables
             WHERE schemaname = current_schema()
               AND tablename NOT IN ('data_generation', 'data_change', 'flyway_schema_history',
                                     'chat_button', 'live_message')
               AND tablename NOT LIKE 'qrtz\_%'
    LOOP
        EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I '
                       'FOR EACH STATEMENT EXECUTE FUNCTION purser_note_data_change()',
                       t.tablename || '_moves_data_generation', t.tablename);
    END LOOP;
END $$;
