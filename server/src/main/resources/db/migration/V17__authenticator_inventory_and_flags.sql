-- The authenticator inventory and the retroactive flagging of credentials (docs/mds.md, ADR 0040).
-- Portable to H2 in PostgreSQL mode.

-- Per tenant and model: how many credentials are registered and not revoked, and how many of them are
-- synced (BE=1; the others are device-bound). Kept in the transaction of every change to a credential,
-- never counted by scanning: an insert adds one, a revocation or an erasure takes one away.
CREATE TABLE authenticator_inventory (
    tenant_id    VARCHAR(63) NOT NULL REFERENCES tenant (id),
    aaguid       UUID        NOT NULL,
    credentials  BIGINT      NOT NULL,
    synced       BIGINT      NOT NULL,
    CONSTRAINT authenticator_inventory_pk PRIMARY KEY (tenant_id, aaguid),
    CONSTRAINT authenticator_inventory_counts CHECK (credentials >= 0 AND synced >= 0 AND synced <= credentials)
);

-- The credentials of before this migration: the one count by scanning, once.
INSERT INTO authenticator_inventory (tenant_id, aaguid, credentials, synced)
SELECT tenant_id, aaguid, COUNT(*), SUM(CASE WHEN backup_eligible THEN 1 ELSE 0 END)
  FROM credential WHERE status <> 'REVOKED' GROUP BY tenant_id, aaguid;

-- A credential of a model FIDO metadata newly reports with a status of the tenant's statusDeny. The
-- flag stays until an administrator resumes the device; what it does is the tenant's
-- flaggedAuthenticators policy, at the credential's next sign-in.
ALTER TABLE credential ADD COLUMN flagged BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE credential ADD COLUMN flagged_status VARCHAR(64);
ALTER TABLE credential ADD COLUMN flagged_at TIMESTAMP WITH TIME ZONE;
-- The flagging batches walk a model's credentials in keyset order; the flagged list walks the flagged.
CREATE INDEX credential_aaguid ON credential (tenant_id, aaguid, credential_id);
CREATE INDEX credential_flagged ON credential (tenant_id, flagged, credential_id);

-- One flagging job per tenant, model and BLOB that newly denied it: written in the transaction that
-- stores the BLOB, worked off the request path in batches, each batch committing its progress, so a
-- crash mid-way continues after the last credential flagged.
CREATE TABLE authenticator_flagging (
    tenant_id       VARCHAR(63) NOT NULL REFERENCES tenant (id),
    aaguid          UUID        NOT NULL,
    blob_no         INTEGER     NOT NULL,
    status          VARCHAR(64) NOT NULL,
    -- The last credential id a batch went through; empty before the first.
    after_credential BYTEA      NOT NULL,
    flagged         BIGINT      NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    done_at         TIMESTAMP WITH TIME ZONE,
    CONSTRAINT authenticator_flagging_pk PRIMARY KEY (tenant_id, aaguid, blob_no)
);
CREATE INDEX authenticator_flagging_pending ON authenticator_flagging (done_at, created_at);
