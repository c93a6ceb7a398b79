-- The tenant event webhook and its outbox (docs/webhooks.md, docs/adr/0035). Portable to H2 in
-- PostgreSQL mode.

-- At most one webhook per tenant. A new id each time one is configured after none was, so that the
-- outbox rows of a removed webhook are never sent to its successor. The secret is never stored in
-- clear: it is wrapped by the tenant's key-encryption key (keys.KeyProvider).
CREATE TABLE tenant_webhook (
    tenant_id         VARCHAR(63)   PRIMARY KEY,
    id                UUID          NOT NULL,
    url               VARCHAR(2048) NOT NULL,
    -- The BankNotificationType wire names delivered, comma-separated; empty for all.
    types             TEXT          NOT NULL,
    wrapped_secret    BYTEA         NOT NULL,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    -- The last delivery attempt: when, and its HTTP status (0: no answer).
    last_attempt_at   TIMESTAMP WITH TIME ZONE,
    last_status       INTEGER
);

-- One row per notification, inserted in the transaction of the action it tells about; its id is the
-- event id the receiver dedupes by. A row is due while next_attempt_at is set: claiming it pushes
-- next_attempt_at a lease ahead (leased_by names the node), a failure sets it a backoff ahead, and a
-- delivery or a dead letter clears it. purge_after is when the row may go (shared.ExpiredRows).
CREATE TABLE webhook_outbox (
    id                UUID          PRIMARY KEY,
    tenant_id         VARCHAR(63)   NOT NULL,
    webhook_id        UUID          NOT NULL,
    type              VARCHAR(64)   NOT NULL,
    body              TEXT          NOT NULL,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    next_attempt_at   TIMESTAMP WITH TIME ZONE,
    attempts          INTEGER       NOT NULL,
    leased_by         UUID,
    last_attempt_at   TIMESTAMP WITH TIME ZONE,
    last_status       INTEGER,
    delivered_at      TIMESTAMP WITH TIME ZONE,
    -- Set when the row was given up: 'max_age' (undelivered for biometric.webhooks.max-age) or
    -- 'backlog_full' (written when the webhook's backlog was at biometric.webhooks.max-backlog).
    dead_at           TIMESTAMP WITH TIME ZONE,
    dead_reason       VARCHAR(32),
    purge_after       TIMESTAMP WITH TIME ZONE NOT NULL
);

-- "Due now" claims, the backlog count and its cap, per tenant and webhook.
CREATE INDEX webhook_outbox_due ON webhook_outbox (tenant_id, webhook_id, next_attempt_at);
-- The dead letters' count per tenant and webhook.
CREATE INDEX webhook_outbox_dead ON webhook_outbox (tenant_id, webhook_id, dead_at);
-- The purge (ADR 0026).
CREATE INDEX webhook_outbox_purge_after ON webhook_outbox (purge_after);
