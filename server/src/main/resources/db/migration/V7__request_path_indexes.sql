-- Every statement on a request path or in an incremental job is served by an index (NoScanIT proves
-- it). Portable to H2 in PostgreSQL mode.

-- The device's credentials, locked before a session opens for it and changed with its status.
CREATE INDEX credential_device ON credential (tenant_id, device_id);

-- An enrollment grant is looked up by the hash of its secret, before anything else is known.
CREATE INDEX enrollment_grant_secret ON enrollment_grant (tenant_id, secret_hash);
