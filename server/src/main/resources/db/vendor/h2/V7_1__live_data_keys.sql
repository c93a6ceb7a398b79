-- H2 (the quick start) has no partial indexes; PostgreSQL's index of live data keys is partial.
CREATE INDEX audit_data_key_live ON audit_data_key (tenant_id, purpose, period);
