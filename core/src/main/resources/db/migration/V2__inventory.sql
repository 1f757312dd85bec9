-- Inventory and usage: what each scenario or account runs, and monitoring samples of it, which
-- right-sizing, waste and database advice read. A scenario's rows are replaced as a whole.

CREATE TABLE resource (
    scenario      text    NOT NULL,
    id            text    NOT NULL,
    name          text    NOT NULL,
    provider      text    NOT NULL,
    kind          text    NOT NULL,
    size          text,
    region        text,
    -- list price per month; null when the resource has no price of its own (a container)
    monthly_price numeric,
    currency      char(3),
    tags          jsonb   NOT NULL DEFAULT '{}',
    attributes    jsonb   NOT NULL DEFAULT '{}',
    PRIMARY KEY (scenario, id),
    CHECK ((monthly_price IS NULL) = (currency IS NULL))
);

CREATE INDEX resource_kind ON resource (kind);

-- One sample of one metric of one resource. Resource ids are the providers' ids, unique across
-- scenarios, so a series is (resource_id, metric); scenario is kept to replace a scenario's
-- samples without a join. unit and step repeat per row so the table loads with a plain COPY.
CREATE TABLE usage_sample (
    scenario     text             NOT NULL,
    resource_id  text             NOT NULL,
    metric       text             NOT NULL,
    unit         text             NOT NULL,
    step_seconds integer          NOT NULL CHECK (step_seconds > 0),
    at           timestamptz      NOT NULL,
    value        double precision NOT NULL
);

-- One sample per series and instant. Right-sizing reads one series over a window and takes
-- percentiles of value: with value included, that is an index-only range scan.
CREATE UNIQUE INDEX usage_sample_series ON usage_sample (resource_id, metric, at) INCLUDE (value);
CREATE INDEX usage_sample_scenario ON usage_sample (scenario);
