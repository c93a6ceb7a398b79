-- The last good FIDO MDS3 metadata BLOB (docs/mds.md, docs/adr/0038). Portable to H2 in PostgreSQL
-- mode. Deployment-wide, not per tenant: the FIDO Metadata Service describes authenticator models,
-- which are the same for every bank; each tenant's policy decides what it makes of them.
-- One row (id = 1). A node keeps the BLOB it verified here, so that a restart or a second node has
-- it while the source is unreachable; it verifies the stored JWS again before using it. The update
-- is conditional on a higher serial number, so two nodes can never go back to an older BLOB.
CREATE TABLE mds_blob (
    id            SMALLINT      PRIMARY KEY CHECK (id = 1),
    -- The BLOB's serial number, its payload's "no".
    no            INTEGER       NOT NULL,
    next_update   DATE          NOT NULL,
    -- The BLOB as received: the compact JWS.
    jws           TEXT          NOT NULL,
    loaded_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
