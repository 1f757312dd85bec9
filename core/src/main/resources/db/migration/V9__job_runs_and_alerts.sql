-- Scheduled jobs' runs, and what alerts were sent where.

-- One row per run of a job. A scheduled run's key is its scheduled fire time, so the same fire
-- (a recovery after a crash, a second node) claims the same row instead of running again; a
-- manual run (`jobs run`) gets a key of its own.
CREATE TABLE job_run (
    id            BIGSERIAL PRIMARY KEY,
    job           TEXT        NOT NULL,
    run_key       TEXT        NOT NULL,
    cause         TEXT        NOT NULL,            -- schedule, recovery, manual:<principal>
    instance      TEXT        NOT NULL,            -- the scheduler instance (or process) that ran it
    scheduled_for TIMESTAMPTZ NULL,
    started_at    TIMESTAMPTZ NOT NULL,
    finished_at   TIMESTAMPTZ NULL,
    outcome       TEXT        NOT NULL CHECK (outcome IN ('running', 'succeeded', 'failed')),
    row_count     BIGINT      NULL,
    summary       TEXT        NULL,
    error_ref     TEXT        NULL,                -- the reference id users see and the log carries
    error         TEXT        NULL,
    attempts      INTEGER     NOT NULL DEFAULT 1,
    UNIQUE (job, run_key)
);
CREATE INDEX job_run_by_job ON job_run (job, started_at DESC);
CREATE INDEX job_run_by_start ON job_run (started_at DESC);

-- One row per alert subject and route: what was last sent there and when. A budget crossing's
-- subject is budget:<name>:<yyyy-mm>:<threshold>:<basis> and is sent once, ever; other subjects
-- (an anomaly, a failing pull) repeat only after the route's quiet period and, unless the route
-- asks for decreases, only when their amount grew.
CREATE TABLE alert_delivery (
    alert_key     TEXT        NOT NULL,
    route         TEXT        NOT NULL,
    kind          TEXT        NOT NULL,
    once_only     BOOLEAN     NOT NULL,
    amount        NUMERIC     NULL,
    currency      CHAR(3)     NULL,
    first_sent_at TIMESTAMPTZ NOT NULL,
    last_sent_at  TIMESTAMPTZ NOT NULL,
    times_sent    INTEGER     NOT NULL,
    PRIMARY KEY (alert_key, route)
);

-- Alerts for routes that send a daily digest, waiting for the alert-digest job.
CREATE TABLE alert_digest_item (
    id        BIGSERIAL PRIMARY KEY,
    route     TEXT        NOT NULL,
    alert_key TEXT        NOT NULL,
    kind      TEXT        NOT NULL,
    title     TEXT        NOT NULL,
    body      TEXT        NOT NULL,
    explain   TEXT        NOT NULL,
    queued_at TIMESTAMPTZ NOT NULL,
    sent_at   TIMESTAMPTZ NULL
);
CREATE INDEX alert_digest_waiting ON alert_digest_item (route, id) WHERE sent_at IS NULL;
