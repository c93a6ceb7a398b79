-- The facts each registration, sign-in, step-up and transaction approval was decided on, so that a
-- candidate policy can be evaluated against what really happened (docs/policy.md "Dry run",
-- docs/adr/0041). Portable to H2 in PostgreSQL mode. No personal data beyond the customer id: facts
-- holds authenticator facts (AAGUID, format, trust, flags, MDS statuses), levels and amounts only.
CREATE TABLE policy_decision (
    id          UUID          PRIMARY KEY,
    tenant_id   VARCHAR(63)   NOT NULL REFERENCES tenant (id) ON DELETE CASCADE,
    decided_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    -- decided_at plus the deployment's retention (biometric.policy.decisions.retention, default P90D).
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    -- register, signIn, stepUp or approveTransaction, as the policy document names them.
    action      VARCHAR(32)   NOT NULL,
    -- allowed, or the problem code of the refusal.
    outcome     VARCHAR(64)   NOT NULL,
    customer_id UUID,
    facts       TEXT          NOT NULL
);

-- The dry run reads a tenant's decisions over a time range in keyset pages of (decided_at, id).
CREATE INDEX policy_decision_range ON policy_decision (tenant_id, decided_at, id);
-- The purge (ADR 0026).
CREATE INDEX policy_decision_expiry ON policy_decision (expires_at);
