-- Transaction signing (PSD2 dynamic linking, ADR 0034). Portable to H2 in PostgreSQL mode; the
-- evidence table's append-only triggers are in db/vendor/postgresql (V13_1).

-- A tenant's signing policy (device-bound threshold, SPC merchant origins, evidence retention) as JSON
-- text like its other settings; NULL takes the defaults.
ALTER TABLE tenant ADD COLUMN signing_policy TEXT;

-- A transaction the bank registered for its customer to approve. `canonical` holds the RFC 8785 bytes
-- that were hashed, verbatim: what is displayed and signed never changes. No foreign key to the
-- customer: a customer's erasure keeps what they approved (ADR 0034).
CREATE TABLE transactions (
    tenant_id      VARCHAR(63)  NOT NULL,
    id             UUID         NOT NULL,
    customer_id    UUID         NOT NULL,
    type           VARCHAR(16)  NOT NULL,
    currency       VARCHAR(3)   NOT NULL,
    amount_minor   BIGINT       NOT NULL,
    canonical      BYTEA        NOT NULL,
    hash           VARCHAR(43)  NOT NULL,
    status         VARCHAR(16)  NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    decided_at     TIMESTAMP WITH TIME ZONE,
    credential_id  VARCHAR(1400),
    device_id      UUID,
    method         VARCHAR(8),
    -- When a transaction that was never approved may go; NULL once approved (its evidence decides).
    purge_after    TIMESTAMP WITH TIME ZONE,
    CONSTRAINT transactions_pk PRIMARY KEY (tenant_id, id),
    CONSTRAINT transactions_id_unique UNIQUE (id)
);
-- The expiry job: pending transactions by expiry.
CREATE INDEX transactions_status_expiry ON transactions (status, expires_at);
CREATE INDEX transactions_purge ON transactions (purge_after);

-- The platform-signed evidence of an approval. Append-only (V13_1): only `legal_hold` and
-- `purge_after` change, and a row under legal hold is never deleted. `purge_after` is NULL while the
-- evidence is under legal hold. No foreign key to the customer either.
CREATE TABLE evidence (
    transaction_id  UUID         NOT NULL,
    tenant_id       VARCHAR(63)  NOT NULL,
    evidence_id     UUID         NOT NULL,
    jws             TEXT         NOT NULL,
    kid             VARCHAR(64)  NOT NULL,
    audit_event_id  BIGINT       NOT NULL,
    approved_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    retain_until    TIMESTAMP WITH TIME ZONE NOT NULL,
    legal_hold      BOOLEAN      NOT NULL,
    purge_after     TIMESTAMP WITH TIME ZONE,
    CONSTRAINT evidence_pk PRIMARY KEY (transaction_id),
    CONSTRAINT evidence_evidence_id_unique UNIQUE (evidence_id)
);
CREATE INDEX evidence_tenant_transaction ON evidence (tenant_id, transaction_id);
CREATE INDEX evidence_tenant_kid ON evidence (tenant_id, kid);
CREATE INDEX evidence_purge ON evidence (purge_after);
