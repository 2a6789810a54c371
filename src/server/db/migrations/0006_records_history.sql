-- Hand-written: corrections never overwrite. A record entry changes only by amendment: its version goes
-- up by one and the previous version is already in record_revisions (the app copies it there first).
-- Revisions are append-only, and entries are never deleted. The one exception is a privacy erasure,
-- which sets healthsync.erasure = 'on' for its own transaction to scrub identifying text.
-- Moving an entry with its encounter (only occurred_at changes) is not an amendment of the entry.
CREATE FUNCTION record_entry_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION '% entries are never deleted: amend them', TG_TABLE_NAME USING ERRCODE = '42501';
  END IF;
  IF current_setting('healthsync.erasure', true) = 'on' THEN
    RETURN NEW;
  END IF;
  IF (to_jsonb(NEW) - 'occurred_at') = (to_jsonb(OLD) - 'occurred_at') THEN
    RETURN NEW;
  END IF;
  IF NEW.version <> OLD.version + 1 OR NOT EXISTS (
    SELECT 1 FROM record_revisions r WHERE r.entry_id = OLD.id AND r.version = OLD.version
  ) THEN
    RAISE EXCEPTION '% % changes only by amendment (version % kept in record_revisions first)',
      TG_TABLE_NAME, OLD.id, OLD.version USING ERRCODE = '42501';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER encounters_amend_only BEFORE UPDATE OR DELETE ON encounters
  FOR EACH ROW EXECUTE FUNCTION record_entry_guard();
--> statement-breakpoint
CREATE TRIGGER diagnoses_amend_only BEFORE UPDATE OR DELETE ON diagnoses
  FOR EACH ROW EXECUTE FUNCTION record_entry_guard();
--> statement-breakpoint
CREATE TRIGGER prescriptions_amend_only BEFORE UPDATE OR DELETE ON prescriptions
  FOR EACH ROW EXECUTE FUNCTION record_entry_guard();
--> statement-breakpoint
CREATE TRIGGER lab_results_amend_only BEFORE UPDATE OR DELETE ON lab_results
  FOR EACH ROW EXECUTE FUNCTION record_entry_guard();
--> statement-breakpoint
CREATE TRIGGER clinical_notes_amend_only BEFORE UPDATE OR DELETE ON clinical_notes
  FOR EACH ROW EXECUTE FUNCTION record_entry_guard();
--> statement-breakpoint
CREATE TRIGGER billing_lines_amend_only BEFORE UPDATE OR DELETE ON billing_lines
  FOR EACH ROW EXECUTE FUNCTION record_entry_guard();
--> statement-breakpoint
CREATE FUNCTION record_revisions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND current_setting('healthsync.erasure', true) = 'on' THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'record_revisions is append-only (% refused)', TG_OP USING ERRCODE = '42501';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER record_revisions_no_update_delete BEFORE UPDATE OR DELETE ON record_revisions
  FOR EACH ROW EXECUTE FUNCTION record_revisions_append_only();
--> statement-breakpoint
CREATE TRIGGER record_revisions_no_truncate BEFORE TRUNCATE ON record_revisions
  FOR EACH STATEMENT EXECUTE FUNCTION record_revisions_append_only();
--> statement-breakpoint
CREATE FUNCTION record_entries_no_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% entries are never deleted (TRUNCATE refused)', TG_TABLE_NAME USING ERRCODE = '42501';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER encounters_no_truncate BEFORE TRUNCATE ON encounters
  FOR EACH STATEMENT EXECUTE FUNCTION record_entries_no_truncate();
--> statement-breakpoint
CREATE TRIGGER diagnoses_no_truncate BEFORE TRUNCATE ON diagnoses
  FOR EACH STATEMENT EXECUTE FUNCTION record_entries_no_truncate();
--> statement-breakpoint
CREATE TRIGGER prescriptions_no_truncate BEFORE TRUNCATE ON prescriptions
  FOR EACH STATEMENT EXECUTE FUNCTION record_entries_no_truncate();
--> statement-breakpoint
CREATE TRIGGER lab_results_no_truncate BEFORE TRUNCATE ON lab_results
  FOR EACH STATEMENT EXECUTE FUNCTION record_entries_no_truncate();
--> statement-breakpoint
CREATE TRIGGER clinical_notes_no_truncate BEFORE TRUNCATE ON clinical_notes
  FOR EACH STATEMENT EXECUTE FUNCTION record_entries_no_truncate();
--> statement-breakpoint
CREATE TRIGGER billing_lines_no_truncate BEFORE TRUNCATE ON billing_lines
  FOR EACH STATEMENT EXECUTE FUNCTION record_entries_no_truncate();
