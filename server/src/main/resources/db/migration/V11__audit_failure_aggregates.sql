-- Failed checks are written as aggregates (docs/adr/0025): one event per tenant, type, reason and
-- customer for each window, counting the failures it stands for. occurred_at is the first of them,
-- last_occurred_at the last. Both columns are NULL on a single event, and the Merkle leaf covers them
-- only when present, so the leaves of the events written before keep their hashes.
ALTER TABLE audit_event ADD COLUMN occurrences INTEGER;
ALTER TABLE audit_event ADD COLUMN last_occurred_at TIMESTAMP WITH TIME ZONE;
