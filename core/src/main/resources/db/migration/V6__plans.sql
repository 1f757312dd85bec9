-- Plans, their revisions and phases, sign-offs, and resource locks (issue 12).
--
-- A plan row holds the current revision and state; every revision is kept whole in plan_revision
-- (its content as JSON and the canonical text its SHA-256 hash is taken over), so what an approver
-- signed can be shown and re-hashed later. plan_phase repeats each revision's phases as columns for
-- the scheduler to query windows by. Sign-offs are bound to a revision and its hash.

CREATE TABLE plan (
    id             bigserial   PRIMARY KEY,
    revision       int         NOT NULL CHECK (revision >= 1),
    state          text        NOT NULL CHECK (state IN ('awaiting_approval', 'approved', 'rejected', 'cancelled',
                                   'scheduled', 'running', 'verifying', 'paused', 'done', 'rolled_back', 'failed')),
    requester      text        NOT NULL,
    requester_name text        NOT NULL,
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL
);

CREATE TABLE plan_revision (
    plan_id    bigint      NOT NULL REFERENCES plan (id),
    revision   int         NOT NULL CHECK (revision >= 1),
    hash       char(64)    NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
    canonical  text        NOT NULL,
    content    jsonb       NOT NULL,
    revised_by text        NOT NULL,
    revised_at timestamptz NOT NULL,
    PRIMARY KEY (plan_id, revision)
);

CREATE TABLE plan_phase (
    plan_id      bigint      NOT NULL,
    revision     int         NOT NULL,
    number       int         NOT NULL CHECK (number >= 1),
    name         text        NOT NULL,
    rehearsal    boolean     NOT NULL,
    tier         text        NOT NULL,
    window_start timestamptz NOT NULL,
    window_end   timestamptz NOT NULL CHECK (window_end > window_start),
    soak_seconds bigint      NOT NULL CHECK (soak_seconds >= 0),
    resource_ids text[]      NOT NULL,
    PRIMARY KEY (plan_id, revision, number),
    FOREIGN KEY (plan_id, revision) REFERENCES plan_revision (plan_id, revision)
);

-- One row per counted approval or rejection. Refused clicks are not rows here: they go to the
-- audit trail. phase 0 is an approval of the whole plan (per-plan policies).
CREATE TABLE plan_signoff (
    id           bigserial   PRIMARY KEY,
    plan_id      bigint      NOT NULL,
    revision     int         NOT NULL,
    hash         char(64)    NOT NULL,
    phase        int         NOT NULL CHECK (phase >= 0),
    decision     text        NOT NULL CHECK (decision IN ('approve', 'reject')),
    platform     text        NOT NULL,
    user_id      text        NOT NULL,
    display_name text        NOT NULL,
    principal    text        NOT NULL,
    comment      text        NOT NULL,
    signed_at    timestamptz NOT NULL,
    valid_until  timestamptz NOT NULL,
    message_link text,
    FOREIGN KEY (plan_id, revision) REFERENCES plan_revision (plan_id, revision)
);
CREATE INDEX plan_signoff_plan ON plan_signoff (plan_id, revision);

-- A resource is held by at most one plan at a time: the partial unique index refuses a second
-- live lock even when two plans are approved at the same moment on different Purser instances.
CREATE TABLE resource_lock (
    id             bigserial   PRIMARY KEY,
    resource_id    text        NOT NULL,
    name           text        NOT NULL,
    plan_id        bigint      NOT NULL REFERENCES plan (id),
    since          timestamptz NOT NULL,
    released_at    timestamptz,
    released_by    text,
    release_reason text,
    CHECK ((released_at IS NULL) = (released_by IS NULL))
);
CREATE UNIQUE INDEX resource_lock_live ON resource_lock (resource_id) WHERE released_at IS NULL;
