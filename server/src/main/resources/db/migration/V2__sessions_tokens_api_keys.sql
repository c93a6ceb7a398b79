-- Sessions, tokens, signing keys, tenant API keys, enrollment grants and cross-channel sign-in.
-- Portable to H2 in PostgreSQL mode. Every table carries tenant_id, and every query filters on it.
-- Secrets (API keys, refresh tokens, grants, cross-channel poll secrets) are stored only as SHA-256.

ALTER TABLE tenant ADD COLUMN session_policy TEXT;

CREATE TABLE api_key (
    id            VARCHAR(32)  PRIMARY KEY,
    tenant_id     VARCHAR(63)  NOT NULL REFERENCES tenant (id),
    name          VARCHAR(100) NOT NULL,
    scopes        VARCHAR(200) NOT NULL,
    secret_hash   BYTEA        NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    last_used_at  TIMESTAMP WITH TIME ZONE,
    revoked_at    TIMESTAMP WITH TIME ZONE
);
CREATE INDEX api_key_tenant ON api_key (tenant_id);

-- Public halves of the signing keys; the private halves live behind the key provider.
CREATE TABLE signing_key (
    kid              VARCHAR(64)  PRIMARY KEY,
    tenant_id        VARCHAR(63)  NOT NULL REFERENCES tenant (id),
    purpose          VARCHAR(16)  NOT NULL,
    public_jwk       TEXT         NOT NULL,
    status           VARCHAR(16)  NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    retired_at       TIMESTAMP WITH TIME ZONE,
    published_until  TIMESTAMP WITH TIME ZONE
);
CREATE INDEX signing_key_tenant ON signing_key (tenant_id, purpose, status);

-- One row per tenant and purpose, locked while a key is created or rotated. No foreign key, so that
-- the lock never meets the share locks that requests hold on the tenant row.
CREATE TABLE signing_key_lock (
    tenant_id  VARCHAR(63)  NOT NULL,
    purpose    VARCHAR(16)  NOT NULL,
    CONSTRAINT signing_key_lock_pk PRIMARY KEY (tenant_id, purpose)
);

-- customer_id has no foreign key: a deleted customer's sessions stay, revoked, for the record.
CREATE TABLE auth_session (
    id                   UUID         PRIMARY KEY,
    tenant_id            VARCHAR(63)  NOT NULL REFERENCES tenant (id),
    customer_id          UUID         NOT NULL,
    user_handle          VARCHAR(64)  NOT NULL,
    device_id            UUID,
    channel              VARCHAR(16)  NOT NULL,
    acr                  VARCHAR(32)  NOT NULL,
    amr                  VARCHAR(64)  NOT NULL,
    auth_time            TIMESTAMP WITH TIME ZONE NOT NULL,
    created_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    idle_expires_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    absolute_expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    user_agent           VARCHAR(256),
    revoked_at           TIMESTAMP WITH TIME ZONE,
    revoked_reason       VARCHAR(32)
);
CREATE INDEX auth_session_customer ON auth_session (tenant_id, customer_id);
CREATE INDEX auth_session_device ON auth_session (tenant_id, device_id);

-- One family per session. ROTATED tokens are kept to detect reuse.
CREATE TABLE refresh_token (
    token_hash   BYTEA        PRIMARY KEY,
    tenant_id    VARCHAR(63)  NOT NULL REFERENCES tenant (id),
    session_id   UUID         NOT NULL REFERENCES auth_session (id),
    status       VARCHAR(16)  NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    rotated_at   TIMESTAMP WITH TIME ZONE
);
CREATE INDEX refresh_token_session ON refresh_token (session_id);

CREATE TABLE enrollment_grant (
    id           UUID         PRIMARY KEY,
    tenant_id    VARCHAR(63)  NOT NULL REFERENCES tenant (id),
    customer_id  UUID         NOT NULL REFERENCES customer (id) ON DELETE CASCADE,
    secret_hash  BYTEA        NOT NULL,
    issued_by    VARCHAR(64)  NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at      TIMESTAMP WITH TIME ZONE
);
CREATE INDEX enrollment_grant_customer ON enrollment_grant (tenant_id, customer_id);

CREATE TABLE cross_channel_request (
    id                   UUID         PRIMARY KEY,
    tenant_id            VARCHAR(63)  NOT NULL REFERENCES tenant (id),
    secret_hash          BYTEA        NOT NULL,
    user_code            VARCHAR(16)  NOT NULL,
    status               VARCHAR(16)  NOT NULL,
    approved_by_session  UUID,
    customer_id          UUID,
    user_handle          VARCHAR(64),
    device_id            UUID,
    user_verified        BOOLEAN,
    backup_eligible      BOOLEAN,
    trusted_attestation  BOOLEAN,
    created_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    approved_at          TIMESTAMP WITH TIME ZONE,
    consumed_at          TIMESTAMP WITH TIME ZONE
);
