-- Every table whose rows expire is purged in batches by its expiry column (ADR 0026); these indexes
-- serve the purges, so that a purge reads only what has expired. Portable to H2 in PostgreSQL mode.
-- (ceremony_challenge and dpop_proof have theirs since V1 and V5; refresh_token is deleted by
-- refresh_token_session.)
CREATE INDEX enrollment_grant_expiry ON enrollment_grant (expires_at);
CREATE INDEX cross_channel_request_expiry ON cross_channel_request (expires_at);
CREATE INDEX auth_session_absolute_expiry ON auth_session (absolute_expires_at);
