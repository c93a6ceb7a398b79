-- Sender-constrained tokens (DPoP, RFC 9449): a session bound to a key, and the proofs seen.
ALTER TABLE auth_session ADD COLUMN dpop_jkt VARCHAR(64);

CREATE TABLE dpop_proof (
    jkt         VARCHAR(64)  NOT NULL,
    jti         VARCHAR(128) NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT dpop_proof_pk PRIMARY KEY (jkt, jti)
);
CREATE INDEX dpop_proof_expiry ON dpop_proof (expires_at);
