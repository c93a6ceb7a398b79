-- The adaptive risk engine (docs/risk.md, ADR 0043). Portable to H2 in PostgreSQL mode. No IP address,
-- token or key material: places are a source, a country, coordinates and a network name or prefix.

-- One bounded record per customer of their earlier successes, read by primary key in every ceremony and
-- updated in the transaction of a success. history is JSON: the last place, the networks, countries and
-- credential ids seen (at most 20 of each, newest first) and 24 counts of successes by UTC hour.
CREATE TABLE risk_history (
    tenant_id   VARCHAR(63)   NOT NULL REFERENCES tenant (id) ON DELETE CASCADE,
    customer_id UUID          NOT NULL REFERENCES customer (id) ON DELETE CASCADE,
    successes   BIGINT        NOT NULL,
    last_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    history     VARCHAR(8000) NOT NULL,
    PRIMARY KEY (tenant_id, customer_id)
);
-- The customer's erasure deletes their row through the foreign key.
CREATE INDEX risk_history_customer ON risk_history (customer_id);
