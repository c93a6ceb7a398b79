-- PostgreSQL only: evidence is append-only. An UPDATE may change only the legal hold and the purge
-- time that follows from it; a DELETE is the retention purge, never of evidence under legal hold.

CREATE FUNCTION evidence_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.transaction_id = OLD.transaction_id AND NEW.tenant_id = OLD.tenant_id
            AND NEW.evidence_id = OLD.evidence_id AND NEW.jws = OLD.jws AND NEW.kid = OLD.kid
            AND NEW.audit_event_id = OLD.audit_event_id AND NEW.approved_at = OLD.approved_at
            AND NEW.retain_until = OLD.retain_until THEN
        RETURN NEW;
    END IF;
    IF TG_OP = 'DELETE' AND NOT OLD.legal_hold THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'evidence is append-only: % on % is refused', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER evidence_append_only BEFORE UPDATE OR DELETE ON evidence
    FOR EACH ROW EXECUTE FUNCTION evidence_refuse_change();
CREATE TRIGGER evidence_no_truncate BEFORE TRUNCATE ON evidence
    FOR EACH STATEMENT EXECUTE FUNCTION evidence_refuse_change();
