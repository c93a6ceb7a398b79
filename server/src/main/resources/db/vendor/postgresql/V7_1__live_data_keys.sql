-- PostgreSQL only: the live data keys by purpose and month, for retention. Partial, so that the
-- nightly job never reads the keys it destroyed in earlier years. H2 has a plain index instead.
CREATE INDEX audit_data_key_live ON audit_data_key (tenant_id, purpose, period) WHERE wrapped_key IS NOT NULL;
