-- The adaptive risk engine (docs/risk.md, ADR 0043). Portable to H2 in PostgreSQL mode. No IP address,
-- token or key material: places are a source, a country, coordinates and a network name or prefix.

-- One bounded record per customer of their earlier successes, read by primary key in every ceremony and
-- updated in the transaction of a success. history is JSON: the last place, the networks, countries and
-- credential ids seen (at most 20 of each, newest first) and 24 counts of successes by UTC hour.
CREATE TABLE risk_history (
    tenant_id   VARCHAR(63)   NOT NULL REFERENCES tenant (id) ON DELETE CASCADE,
    customer_id UUID          NOT NULL REFERENCES customer (id) ON DELETE CASCADE,
    successes   BIGINT        NOT NULL,
    last_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    history     VARCHAR(8000) NOT NULL,
    PRIMARY KEY (tenant_id, customer_id)
);
-- The customer's erasure deletes their row through the foreign key.
CREATE INDEX risk_history_customer ON risk_history (customer_id);

-- Every assessment (docs/risk.md "Decisions"): the outcome, the score, the level a step-up must reach and
-- the contributions as JSON (signal, reason, points, floor, explanation, detail). Kept for the deployment's
-- retention (biometric.risk.decisions.retention, default P90D), then purged by expires_at in batches.
CREATE TABLE risk_decision (
    id          UUID          PRIMARY KEY,
    tenant_id   VARCHAR(63)   NOT NULL REFERENCES tenant (id) ON DELETE CASCADE,
    decided_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    -- register, signIn, stepUp, crossChannelApproval or approveTransaction.
    action      VARCHAR(32)   NOT NULL,
    customer_id UUID,
    -- allow, step_up or deny.
    outcome     VARCHAR(16)   NOT NULL,
    score       INTEGER       NOT NULL,
    acr         VARCHAR(32),
    facts       VARCHAR(8000) NOT NULL,
    CONSTRAINT risk_decision_outcome CHECK (outcome IN ('allow', 'step_up', 'deny'))
);
-- The analyst's pages, newest first, with or without a customer or an outcome.
CREATE INDEX risk_decision_page ON risk_decision (tenant_id, decided_at, id);
CREATE INDEX risk_decision_customer ON risk_decision (tenant_id, customer_id, decided_at, id);
CREATE INDEX risk_decision_by_outcome ON risk_decision (tenant_id, outcome, decided_at, id);
CREATE INDEX risk_decision_expiry ON risk_decision (expires_at);

-- A decision's contributions one per row, for the analyst's filter by signal reason; they go with it.
CREATE TABLE risk_decision_signal (
    decision_id UUID          NOT NULL REFERENCES risk_decision (id) ON DELETE CASCADE,
    tenant_id   VARCHAR(63)   NOT NULL,
    reason      VARCHAR(48)   NOT NULL,
    decided_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (decision_id, reason)
);
CREATE INDEX risk_decision_signal_filter ON risk_decision_signal (tenant_id, reason, decided_at, decision_id);

-- Counts per hour bucket, per outcome (kind 'decision') and per signal reason (kind 'signal'), added to by
-- each node's periodic flush of its in-memory counters; never counted by scanning risk_decision.
CREATE TABLE risk_summary (
    tenant_id    VARCHAR(63)  NOT NULL REFERENCES tenant (id) ON DELETE CASCADE,
    bucket_start TIMESTAMP WITH TIME ZONE NOT NULL,
    kind         VARCHAR(16)  NOT NULL,
    name         VARCHAR(48)  NOT NULL,
    count        BIGINT       NOT NULL,
    PRIMARY KEY (tenant_id, bucket_start, kind, name),
    CONSTRAINT risk_summary_kind CHECK (kind IN ('decision', 'signal'))
);

-- A cross-channel approval the risk engine asked to step up opens the browser's session at the tenant's
-- weakest level, as a restricted sign-in does; the approval carries it to the claim.
ALTER TABLE cross_channel_request ADD COLUMN restricted BOOLEAN DEFAULT FALSE NOT NULL;

-- Where the locator placed the requesting browser's address when it asked (JSON: source, country, network,
-- coordinates; no IP address), for the risk engine's cross-channel signal at the phone's approval.
ALTER TABLE cross_channel_request ADD COLUMN requester_place VARCHAR(400);
