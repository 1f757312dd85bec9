-- Which phase moves of a plan were told in which thread of its chat messages (issue 14): one row
-- per audit entry of a move (phase.<state>) and copy of the plan's message (live_message), so a
-- move is told once per thread whichever instance announces it and after any restart. The row is
-- claimed before the message is sent (ON CONFLICT DO NOTHING: one claimer wins); a delivery that
-- fails deletes its row so the next change of the plan tries again; reply_id is what the platform
-- answered (Slack's ts, Discord's message id). No foreign key to audit_entry: the trail's own guards
-- (TRUNCATE and DELETE refused by its triggers) must answer for it, not a constraint of this table.
CREATE TABLE plan_thread_note (
    audit_sequence bigint      NOT NULL,
    platform       text        NOT NULL CHECK (platform IN ('slack', 'discord')),
    channel        text        NOT NULL,
    message_id     text        NOT NULL,
    subject        text        NOT NULL CHECK (length(subject) BETWEEN 1 AND 200),
    claimed_at     timestamptz NOT NULL,
    reply_id       text        NULL,
    sent_at        timestamptz NULL,
    PRIMARY KEY (audit_sequence, platform, channel, message_id)
);
CREATE INDEX plan_thread_note_subject ON plan_thread_note (subject, audit_sequence);

-- Purser's data: a write moves the data generation (V12).
CREATE TRIGGER plan_thread_note_moves_data_generation AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON plan_thread_note
    FOR EACH STATEMENT EXECUTE FUNCTION purser_note_data_change();
