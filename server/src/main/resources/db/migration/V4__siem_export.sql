-- Export of the sealed audit log to SIEM sinks (docs/siem.md). Portable to H2 in PostgreSQL mode.

-- One row per configured sink and tenant: how far the sink has acknowledged the tenant's log. The
-- cursor only moves forward, and only after the receiver answered 2xx for every leaf up to it.
CREATE TABLE siem_cursor (
    sink             VARCHAR(40)  NOT NULL,
    tenant_id        VARCHAR(63)  NOT NULL,
    -- The last leaf index the sink acknowledged; -1 before the first delivery.
    last_leaf_index  BIGINT       NOT NULL,
    delivered_at     TIMESTAMP WITH TIME ZONE,
    -- The last attempt, its HTTP status (0: no answer) and the failures since the last success,
    -- from which the next attempt's backoff is computed.
    attempted_at     TIMESTAMP WITH TIME ZONE,
    last_status      INTEGER,
    failures         INTEGER      NOT NULL,
    -- The exporter instance delivering this sink and tenant, so that two nodes do not both send it.
    leased_by        UUID,
    leased_until     TIMESTAMP WITH TIME ZONE,
    CONSTRAINT siem_cursor_pk PRIMARY KEY (sink, tenant_id)
);
