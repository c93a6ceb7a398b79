-- Open enrollment creates new customers only; the FIDO conformance routes and their behaviour
-- (several credentials under one username, listed in excludeCredentials) need this flag (ADR 0023).
-- Tenants that had open enrollment keep it without the conformance profile.
ALTER TABLE tenant ADD COLUMN conformance_profile BOOLEAN NOT NULL DEFAULT FALSE;
