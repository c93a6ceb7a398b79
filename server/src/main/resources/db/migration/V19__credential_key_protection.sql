-- What the authenticator's FIDO MDS3 metadata statement says of the model's keys, recorded at registration
-- (docs/mds.md, ADR 0042). Only with a statement in force for the model and trusted attestation; else
-- UNKNOWN and no attachment hint. Portable to H2 in PostgreSQL mode.

-- HARDWARE: keyProtection names hardware, tee or secure_element; SOFTWARE: it names none of them (software
-- only); UNKNOWN: no statement, or the attestation did not prove the model. The credentials of before this
-- migration were registered without it: UNKNOWN.
ALTER TABLE credential ADD COLUMN key_protection VARCHAR(16) DEFAULT 'UNKNOWN' NOT NULL;
ALTER TABLE credential ADD CONSTRAINT credential_key_protection
    CHECK (key_protection IN ('HARDWARE', 'SOFTWARE', 'UNKNOWN'));

-- The statement's attachmentHint values, lower case as MDS spells them, sorted, comma-separated; empty when
-- unknown.
ALTER TABLE credential ADD COLUMN attachment_hint VARCHAR(200) DEFAULT '' NOT NULL;
