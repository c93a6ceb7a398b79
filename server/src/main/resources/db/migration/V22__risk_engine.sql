-- The tenant's external risk engine (docs/risk.md "The external engine's contract", docs/adr/0046).
-- Portable to H2 in PostgreSQL mode. At most one per tenant, read by its primary key in every ceremony
-- of the tenant. The secret that signs the requests is never stored in clear: it is wrapped by the
-- tenant's key-encryption key (keys.KeyProvider), as the tenant webhook's is.
CREATE TABLE risk_engine (
    tenant_id       VARCHAR(63)   PRIMARY KEY REFERENCES tenant (id) ON DELETE CASCADE,
    url             VARCHAR(2048) NOT NULL,
    -- How long one call may take, in milliseconds, at most 2000.
    timeout_millis  INTEGER       NOT NULL,
    -- What the attempt gets when the engine does not answer in time or properly: step_up, deny or allow.
    fallback        VARCHAR(16)   NOT NULL,
    wrapped_secret  BYTEA         NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT risk_engine_timeout CHECK (timeout_millis BETWEEN 1 AND 2000),
    CONSTRAINT risk_engine_fallback CHECK (fallback IN ('step_up', 'deny', 'allow'))
);
