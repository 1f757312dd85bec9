-- The executors' idempotency journal: one row per call a plan's executor makes (or would make) to
-- a provider, written BEFORE the call so that a restart, or a second Purser instance, finds it and
-- reads the provider's own state instead of sending the change again.
--
-- state: recorded  the intent is written; the call may or may not have reached the provider
--                  (attempts > 0 means it may have: read the provider's state before sending)
--        accepted  the provider took it (2xx, or its state showed it); poll until it settles
--        settled   done: the provider reports the target state
--        failed    refused for good (404, 422, an errored action); never re-sent under this key
-- claimed_by/claimed_until: a short lease held while one instance sends the call.
CREATE TABLE executor_call (
    idempotency_key    text        PRIMARY KEY CHECK (length(idempotency_key) BETWEEN 1 AND 200),
    executor           text        NOT NULL,
    operation          text        NOT NULL,
    target_kind        text        NOT NULL,
    target_id          text        NOT NULL,
    request            text        NOT NULL,
    state              text        NOT NULL CHECK (state IN ('recorded', 'accepted', 'settled', 'failed')),
    provider_action_id text,
    message            text,
    attempts           integer     NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    claimed_by         text,
    claimed_until      timestamptz,
    recorded_at        timestamptz NOT NULL,
    called_at          timestamptz,
    accepted_at        timestamptz,
    finished_at        timestamptz,
    updated_at         timestamptz NOT NULL
);

CREATE INDEX executor_call_target ON executor_call (target_kind, target_id, recorded_at);
