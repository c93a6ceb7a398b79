-- Portable to H2 in PostgreSQL mode. Every table carries tenant_id, and every query filters on it.

CREATE TABLE tenant (
    id               VARCHAR(63)  PRIMARY KEY,
    rp_id            VARCHAR(253) NOT NULL,
    rp_name          VARCHAR(200) NOT NULL,
    allowed_origins  TEXT         NOT NULL,
    open_enrollment  BOOLEAN      NOT NULL,
    policy           TEXT         NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE customer (
    id            UUID         PRIMARY KEY,
    tenant_id     VARCHAR(63)  NOT NULL REFERENCES tenant (id),
    user_handle   BYTEA        NOT NULL,
    username      VARCHAR(64)  NOT NULL,
    display_name  VARCHAR(64)  NOT NULL,
    external_id   VARCHAR(128),
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT customer_user_handle_unique UNIQUE (tenant_id, user_handle),
    CONSTRAINT customer_username_unique UNIQUE (tenant_id, username),
    CONSTRAINT customer_external_id_unique UNIQUE (tenant_id, external_id)
);

CREATE TABLE device (
    id            UUID         PRIMARY KEY,
    tenant_id     VARCHAR(63)  NOT NULL REFERENCES tenant (id),
    customer_id   UUID         NOT NULL REFERENCES customer (id),
    name          VARCHAR(128) NOT NULL,
    platform      VARCHAR(32)  NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    last_used_at  TIMESTAMP WITH TIME ZONE
);
CREATE INDEX device_customer ON device (tenant_id, customer_id);

CREATE TABLE credential (
    tenant_id           VARCHAR(63)  NOT NULL REFERENCES tenant (id),
    credential_id       BYTEA        NOT NULL,
    customer_id         UUID         NOT NULL REFERENCES customer (id),
    device_id           UUID         NOT NULL REFERENCES device (id),
    public_key_cose     BYTEA        NOT NULL,
    algorithm           INTEGER      NOT NULL,
    sign_count          BIGINT       NOT NULL,
    aaguid              UUID         NOT NULL,
    transports          VARCHAR(200) NOT NULL,
    uv_initialized      BOOLEAN      NOT NULL,
    backup_eligible     BOOLEAN      NOT NULL,
    backup_state        BOOLEAN      NOT NULL,
    attestation_format  VARCHAR(32)  NOT NULL,
    attestation_trust   VARCHAR(16)  NOT NULL,
    status              VARCHAR(16)  NOT NULL,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT credential_pk PRIMARY KEY (tenant_id, credential_id)
);
CREATE INDEX credential_customer ON credential (tenant_id, customer_id);

-- Shared challenge store for several nodes (biometric.challenges.store=jdbc).
CREATE TABLE ceremony_challenge (
    handle       VARCHAR(64)  PRIMARY KEY,
    tenant_id    VARCHAR(63)  NOT NULL REFERENCES tenant (id),
    ceremony     VARCHAR(16)  NOT NULL,
    challenge    VARCHAR(128) NOT NULL,
    payload      TEXT         NOT NULL,
    expires_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT ceremony_challenge_unique UNIQUE (tenant_id, ceremony, challenge)
);
CREATE INDEX ceremony_challenge_expiry ON ceremony_challenge (expires_at);
