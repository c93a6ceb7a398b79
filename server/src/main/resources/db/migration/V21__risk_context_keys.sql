-- The bank's signed context of an options request (docs/risk.md "The bank's context", docs/adr/0045).
-- Portable to H2 in PostgreSQL mode.

-- The public EC P-256 keys a tenant's bank signs its context with, by kid. Only the public JWK
-- ({kty, crv, x, y, kid}) is kept: a private key is refused when it is registered.
CREATE TABLE risk_context_key (
    tenant_id   VARCHAR(63)  NOT NULL,
    kid         VARCHAR(64)  NOT NULL,
    jwk         TEXT         NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT risk_context_key_pk PRIMARY KEY (tenant_id, kid)
);

-- The jti of every context accepted, so that each is used once, on any node. The id is the
-- base64url SHA-256 of the tenant and the jti (ExpiredRows purges by one key column); a row may go
-- once its context would be refused as expired anyway.
CREATE TABLE risk_context_jti (
    id          VARCHAR(43)  PRIMARY KEY,
    tenant_id   VARCHAR(63)  NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX risk_context_jti_expiry ON risk_context_jti (expires_at);
