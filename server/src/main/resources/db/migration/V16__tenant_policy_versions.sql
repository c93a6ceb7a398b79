-- A tenant's policy as versioned documents (docs/policy.md, docs/adr/0039). Portable to H2 in
-- PostgreSQL mode. A version is immutable: it is inserted once and never updated nor deleted while its
-- tenant exists. The current version is the highest; a rollback is a new version with an old content.
CREATE TABLE tenant_policy_version (
    tenant_id   VARCHAR(63)   NOT NULL REFERENCES tenant (id) ON DELETE CASCADE,
    version     INTEGER       NOT NULL CHECK (version >= 1),
    -- The document in its RFC 8785 (JCS) canonical form, UTF-8 text, and the SHA-256 of those bytes.
    document    TEXT          NOT NULL,
    sha256      VARCHAR(43)   NOT NULL,
    author      VARCHAR(200)  NOT NULL,
    reason      VARCHAR(1000) NOT NULL,
    -- For a rollback, the version whose content it restored.
    restored_from INTEGER,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (tenant_id, version)
);

-- The tenant row's copy of its current version number: set in the same transaction as the version is
-- inserted. NULL for a tenant stored before V16, until its version 1 is written from its old policy
-- columns on first read (under a lock on the tenant row, so two nodes write it once).
ALTER TABLE tenant ADD COLUMN policy_version INTEGER;
