-- Price catalogs read live from a provider's API. The newest one per provider is used instead of
-- the bundled snapshot; the document has the bundled catalogs' JSON shape (PriceCatalogs.read).
CREATE TABLE price_catalog (
    provider      text        NOT NULL,
    name          text        NOT NULL,
    snapshot_date date        NOT NULL,
    fetched_at    timestamptz NOT NULL,
    document      jsonb       NOT NULL,
    PRIMARY KEY (provider, name)
);

-- A provider's own recommendations for an account (Cost Explorer rightsizing, reservation and
-- Savings Plan purchases), shown beside Purser's. Replaced per account and source as a whole.
CREATE TABLE provider_advice (
    account     text        NOT NULL,
    source      text        NOT NULL,
    kind        text        NOT NULL,
    resource_id text,
    fetched_at  timestamptz NOT NULL,
    document    jsonb       NOT NULL
);

CREATE INDEX provider_advice_account ON provider_advice (account, source);
CREATE INDEX provider_advice_resource ON provider_advice (resource_id);
