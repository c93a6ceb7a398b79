-- A tenant's rate limits (ADR 0024), as JSON text like its other settings; NULL takes the defaults.
ALTER TABLE tenant ADD COLUMN rate_limits TEXT;
