-- The guards of 0005 and 0008 against INSERT OR REPLACE asked "is this
-- key or that key taken?" in one query joined by OR. SQLite plans such a
-- query from the statistics ANALYZE left: in a practice analyzed while
-- its audit log held a few rows (a fresh demo), every entry written after
-- scanned the whole log, and an import of 100 000 patients there ran for
-- more than ten minutes. Two lookups, each on its unique index, cost the
-- same whatever the statistics say (data/trigger_plans_test.go).
DROP TRIGGER audit_log_no_replace;
CREATE TRIGGER audit_log_no_replace BEFORE INSERT ON audit_log
WHEN EXISTS (SELECT 1 FROM audit_log WHERE id = NEW.id)
	OR EXISTS (SELECT 1 FROM audit_log WHERE device_id = NEW.device_id AND seq = NEW.seq)
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

DROP TRIGGER invoices_final_no_replace;
CREATE TRIGGER invoices_final_no_replace BEFORE INSERT ON invoices
WHEN EXISTS (SELECT 1 FROM invoices WHERE id = NEW.id AND status = 'final')
	OR EXISTS (SELECT 1 FROM invoices WHERE number = NEW.number AND status = 'final')
BEGIN SELECT RAISE(ABORT, 'a finalized invoice is immutable: issue a credit note'); END;
