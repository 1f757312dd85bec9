-- Monthly budgets and the threshold crossings already reported for them.

CREATE TABLE budget (
    name        text        PRIMARY KEY,
    amount      numeric     NOT NULL CHECK (amount > 0),
    currency    char(3)     NOT NULL,
    scope_kind  text        NOT NULL CHECK (scope_kind IN ('total', 'service', 'tag')),
    scope_key   text,
    scope_value text,
    account     text,
    thresholds  int[]       NOT NULL,
    updated_by  text        NOT NULL,
    updated_at  timestamptz NOT NULL
);

-- One row per crossing reported: the primary key is what makes each budget, month, threshold
-- and basis reported once, even with several Purser instances checking at the same moment.
CREATE TABLE budget_alert (
    budget            text        NOT NULL REFERENCES budget (name) ON DELETE CASCADE,
    month             date        NOT NULL,
    threshold_percent int         NOT NULL,
    basis             text        NOT NULL CHECK (basis IN ('actual', 'forecast')),
    spend             numeric     NOT NULL,
    budget_amount     numeric     NOT NULL,
    currency          char(3)     NOT NULL,
    as_of             date        NOT NULL,
    recorded_at       timestamptz NOT NULL,
    PRIMARY KEY (budget, month, threshold_percent, basis)
);
