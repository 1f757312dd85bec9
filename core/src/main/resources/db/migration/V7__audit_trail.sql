-- The audit trail: append-only, each entry hash-chained to the one before (see JdbcAuditTrail
-- for the canonical form that is hashed). The database refuses UPDATE, DELETE and TRUNCATE of
-- entries, so only someone who disables the triggers (a table owner, on purpose) can change one,
-- and `audit verify` then names the first entry that no longer matches.

CREATE TABLE audit_entry (
    sequence      bigint      PRIMARY KEY CHECK (sequence >= 1),
    recorded_at   timestamptz NOT NULL,
    kind          text        NOT NULL,
    subject       text        NOT NULL,
    actor         text        NOT NULL,
    details       jsonb       NOT NULL,
    previous_hash char(64)    NOT NULL,
    hash          char(64)    NOT NULL
);

CREATE INDEX audit_entry_subject ON audit_entry (subject, sequence);
CREATE INDEX audit_entry_recorded_at ON audit_entry (recorded_at);

-- One row: the last entry's sequence and hash. Appenders lock it (SELECT ... FOR UPDATE), which
-- serializes appends across threads and processes, and verify compares the chain's end with it,
-- so deleting the newest entries is found too.
CREATE TABLE audit_chain_head (
    id       boolean  PRIMARY KEY DEFAULT true CHECK (id),
    sequence bigint   NOT NULL,
    hash     char(64) NOT NULL
);
INSERT INTO audit_chain_head (id, sequence, hash) VALUES (true, 0, repeat('0', 64));

CREATE FUNCTION audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_LEVEL = 'ROW' AND TG_TABLE_NAME = 'audit_entry' THEN
        RAISE EXCEPTION 'audit entries are append-only: % of entry % refused', TG_OP, OLD.sequence
            USING ERRCODE = 'insufficient_privilege',
                  HINT = 'the audit trail can only be appended to; nothing may change or remove an entry';
    END IF;
    RAISE EXCEPTION 'audit entries are append-only: % on % refused', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege',
              HINT = 'the audit trail can only be appended to; nothing may change or remove an entry';
END;
$$;

CREATE TRIGGER audit_entry_no_update_or_delete
    BEFORE UPDATE OR DELETE ON audit_entry
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();

CREATE TRIGGER audit_entry_no_truncate
    BEFORE TRUNCATE ON audit_entry
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();

CREATE TRIGGER audit_chain_head_no_delete
    BEFORE DELETE ON audit_chain_head
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();

CREATE TRIGGER audit_chain_head_no_truncate
    BEFORE TRUNCATE ON audit_chain_head
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();

-- The head only moves forward, one entry at a time, onto an entry that exists with that hash.
CREATE FUNCTION audit_head_forward_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.sequence <> OLD.sequence + 1
            OR NOT EXISTS (SELECT 1 FROM audit_entry e WHERE e.sequence = NEW.sequence AND e.hash = NEW.hash) THEN
        RAISE EXCEPTION 'the audit chain head only moves forward to the entry just appended (from % to % refused)',
            OLD.sequence, NEW.sequence
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER audit_chain_head_forward_only
    BEFORE UPDATE ON audit_chain_head
    FOR EACH ROW EXECUTE FUNCTION audit_head_forward_only();
