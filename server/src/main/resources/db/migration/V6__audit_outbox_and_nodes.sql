-- The sealer's queue and the Merkle tree's stored interior nodes (docs/adr/0016). Portable to H2 in
-- PostgreSQL mode; append-only enforcement of audit_node for PostgreSQL is in db/vendor/postgresql.

-- One row per committed event that no leaf seals yet, inserted in the transaction of its event; the
-- sealer deletes it in the transaction that inserts the event's leaf. A row becomes visible when its
-- event commits, so the sealer seals in the order events become visible and never skips a late one.
CREATE TABLE audit_unsealed (
    tenant_id  VARCHAR(63)  NOT NULL,
    event_id   BIGINT       NOT NULL,
    CONSTRAINT audit_unsealed_pk PRIMARY KEY (tenant_id, event_id)
);

-- Events that were written before the queue existed and are not sealed yet.
INSERT INTO audit_unsealed (tenant_id, event_id)
SELECT e.tenant_id, e.id FROM audit_event e
 WHERE NOT EXISTS (SELECT 1 FROM audit_leaf l WHERE l.event_id = e.id);

-- The root of every perfect subtree of a tenant's tree above the leaves: node (level, node_index)
-- covers leaves node_index * 2^level to (node_index + 1) * 2^level - 1; level 0 is audit_leaf. The
-- sealer inserts a node in the batch that completes it, so proofs read O(log n) stored hashes.
-- The nodes of leaves sealed before this migration are written by V6_2 (a Java migration).
CREATE TABLE audit_node (
    tenant_id   VARCHAR(63)  NOT NULL,
    level       INTEGER      NOT NULL,
    node_index  BIGINT       NOT NULL,
    hash        BYTEA        NOT NULL,
    CONSTRAINT audit_node_pk PRIMARY KEY (tenant_id, level, node_index)
);

-- Keyset pages of one tenant's events by id (the export, forensics without a narrower filter).
CREATE INDEX audit_event_tenant_id ON audit_event (tenant_id, id);
