-- Where each phase of a plan is in its run (issue 14). The plan's own state stays in plan.state;
-- a phase without a row here has not moved yet and takes its state from the plan (awaiting approval
-- or approved). Every move is also appended to the audit trail with who made it and why; this
-- table holds only the latest, for the scheduler and `migration status` to read.
CREATE TABLE plan_phase_state (
    plan_id    bigint      NOT NULL REFERENCES plan (id),
    phase      int         NOT NULL CHECK (phase >= 1),
    revision   int         NOT NULL,
    state      text        NOT NULL CHECK (state IN ('awaiting_approval', 'approved', 'cancelled', 'scheduled',
                               'running', 'verifying', 'paused', 'done', 'rolled_back', 'failed')),
    reason     text        NOT NULL,
    updated_by text        NOT NULL,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (plan_id, phase),
    FOREIGN KEY (plan_id, revision, phase) REFERENCES plan_phase (plan_id, revision, number)
);

-- Answers read phase states (migration status), so moving one moves the data generation (V12).
CREATE TRIGGER plan_phase_state_moves_data_generation AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON plan_phase_state
    FOR EACH STATEMENT EXECUTE FUNCTION purser_note_data_change();
