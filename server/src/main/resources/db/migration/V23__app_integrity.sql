-- App integrity (docs/adr/0048): the tenant's apps, the challenges the bank's app attests over, and what
-- a device's attestation proved. Portable to H2 in PostgreSQL mode. Every statement is served by a
-- primary key; a device's rows go with it (the customer's erasure deletes
-- its devices), and every statement names the tenant besides.

-- The tenant's apps: an iOS app (App Attest app id <teamId>.<bundleId>) or an Android package, at most 20
-- a tenant, replaced as a whole by the admin API.
CREATE TABLE tenant_app (
    tenant_id              VARCHAR(63)  NOT NULL REFERENCES tenant (id) ON DELETE CASCADE,
    -- The App Attest app id or the Android package name.
    app_id                 VARCHAR(255) NOT NULL,
    platform               VARCHAR(16)  NOT NULL,
    -- iOS: whether App Attest's development environment is accepted.
    development_accepted   BOOLEAN      NOT NULL,
    -- Android: the signing certificates' SHA-256 digests, hex, comma-separated; and the least security level.
    signing_digests        VARCHAR(1400),
    minimum_security_level VARCHAR(16),
    PRIMARY KEY (tenant_id, app_id),
    CONSTRAINT tenant_app_platform CHECK (platform IN ('ios', 'android'))
);

-- One pending challenge a device, bound to its customer; issuing another replaces it, taking it deletes it.
CREATE TABLE app_attestation_challenge (
    device_id   UUID        PRIMARY KEY REFERENCES device (id) ON DELETE CASCADE,
    tenant_id   VARCHAR(63) NOT NULL,
    customer_id UUID        NOT NULL,
    challenge   VARCHAR(64) NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- What the device's last verified attestation proved, its App Attest key and counter, and its last failure.
CREATE TABLE device_app_integrity (
    device_id                UUID         PRIMARY KEY REFERENCES device (id) ON DELETE CASCADE,
    tenant_id                VARCHAR(63)  NOT NULL,
    customer_id              UUID         NOT NULL,
    platform                 VARCHAR(16),
    security_level           VARCHAR(16),
    boot_state               VARCHAR(16),
    device_locked            BOOLEAN,
    app_id                   VARCHAR(255),
    app_version              BIGINT,
    os_patch_level           INTEGER,
    verified_at              TIMESTAMP WITH TIME ZONE,
    -- App Attest only: the key the assertions are verified with, and the last counter seen.
    key_id                   BYTEA,
    attested_credential_data BYTEA,
    development              BOOLEAN,
    assertion_counter        BIGINT,
    -- The code of the last refused attestation or assertion, and when; cleared by a verified attestation.
    failure_code             VARCHAR(48),
    failed_at                TIMESTAMP WITH TIME ZONE
);
