-- Billing: the fee schedule with its tax rates, invoices and credit notes
-- (draft, then finalized with a gap-free number of this device's series),
-- payments, and what the reports read fast. Amounts are whole minor units
-- of the practice currency; tax rates are basis points (2000 = 20 %).

-- A tax rate of the fee schedule. An exempt rate (0 bp) carries the legal
-- wording the invoice must print ("VAT exempt, article 261-4-1° CGI").
CREATE TABLE tax_rates (
	id             TEXT PRIMARY KEY,
	name           TEXT NOT NULL,
	basis_points   INTEGER NOT NULL CHECK (basis_points BETWEEN 0 AND 10000),
	exemption_text TEXT NOT NULL DEFAULT '',
	active         INTEGER NOT NULL DEFAULT 1,
	deleted        INTEGER NOT NULL DEFAULT 0
);

-- What the practice charges: a code, words for the invoice, a price
-- without tax, and its tax rate.
CREATE TABLE fee_items (
	id          TEXT PRIMARY KEY,
	code        TEXT NOT NULL,
	description TEXT NOT NULL,
	price       INTEGER NOT NULL,
	tax_rate_id TEXT NOT NULL REFERENCES tax_rates(id),
	active      INTEGER NOT NULL DEFAULT 1,
	deleted     INTEGER NOT NULL DEFAULT 0
);

-- An appointment type bills its fee item.
ALTER TABLE appointment_types ADD COLUMN fee_item_id TEXT REFERENCES fee_items(id);

-- How the practice is paid: bank details printed on invoices (and in
-- their payment QR code), and the days an invoice gives to pay. One row.
CREATE TABLE billing_settings (
	id           TEXT PRIMARY KEY,
	bank_name    TEXT NOT NULL DEFAULT '',
	iban         TEXT NOT NULL DEFAULT '',
	bic          TEXT NOT NULL DEFAULT '',
	payment_days INTEGER NOT NULL DEFAULT 30,
	payment_qr   INTEGER NOT NULL DEFAULT 1,
	deleted      INTEGER NOT NULL DEFAULT 0
);

-- An invoice or a credit note. A draft has no number and may change or be
-- deleted; finalizing gives it the next number of this device's series for
-- the year of its issue date (A-2026-00001) and freezes it: the triggers
-- below refuse any change to a finalized row, even by hand in SQL. The
-- seller's details are copied in at finalization, so a reprint years later
-- shows what the original showed.
CREATE TABLE invoices (
	id              TEXT PRIMARY KEY,
	kind            TEXT NOT NULL CHECK (kind IN ('invoice', 'credit_note')),
	status          TEXT NOT NULL CHECK (status IN ('draft', 'final')),
	number          TEXT UNIQUE,            -- NULL while a draft
	patient_id      TEXT NOT NULL REFERENCES patients(id),
	appointment_id  TEXT REFERENCES appointments(id),
	credits_id      TEXT REFERENCES invoices(id), -- a credit note: the invoice it corrects
	payer_kind      TEXT NOT NULL CHECK (payer_kind IN ('patient', 'third_party')),
	payer_name      TEXT NOT NULL,
	payer_address   TEXT NOT NULL DEFAULT '',
	payer_reference TEXT NOT NULL DEFAULT '', -- the insurer's number for the patient, a purchase order
	issue_date      TEXT,                    -- YYYY-MM-DD, given at finalization
	service_date    TEXT,
	due_date        TEXT,
	currency        TEXT NOT NULL,
	net             INTEGER NOT NULL DEFAULT 0, -- sums of the rounded lines
	tax             INTEGER NOT NULL DEFAULT 0,
	total           INTEGER NOT NULL DEFAULT 0,
	notes           TEXT NOT NULL DEFAULT '',
	seller          TEXT NOT NULL DEFAULT '', -- JSON of the practice's details at finalization
	finalized_at    INTEGER NOT NULL DEFAULT 0, -- Unix seconds
	deleted         INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX invoices_patient ON invoices(patient_id, issue_date);
CREATE INDEX invoices_issue ON invoices(status, issue_date);
CREATE INDEX invoices_appointment ON invoices(appointment_id) WHERE appointment_id IS NOT NULL;
CREATE INDEX invoices_credits ON invoices(credits_id) WHERE credits_id IS NOT NULL;

-- A snapshot (the demo, a joining device) inserts a finalized invoice's
-- lines before the invoice itself (the trigger below refuses lines added
-- to a finalized invoice): the key to the invoice is checked at commit.
CREATE TABLE invoice_lines (
	id             TEXT PRIMARY KEY,
	invoice_id     TEXT NOT NULL REFERENCES invoices(id) DEFERRABLE INITIALLY DEFERRED,
	position       INTEGER NOT NULL,
	fee_item_id    TEXT REFERENCES fee_items(id),
	code           TEXT NOT NULL DEFAULT '',
	description    TEXT NOT NULL,
	service_date   TEXT,
	quantity       INTEGER NOT NULL,
	unit_price     INTEGER NOT NULL,          -- without tax
	tax_rate_id    TEXT REFERENCES tax_rates(id),
	tax_name       TEXT NOT NULL DEFAULT '',
	tax_bp         INTEGER NOT NULL DEFAULT 0,
	exemption_text TEXT NOT NULL DEFAULT '',
	net            INTEGER NOT NULL,          -- quantity × unit price
	tax            INTEGER NOT NULL,          -- rounded half up, per line
	deleted        INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX invoice_lines_invoice ON invoice_lines(invoice_id, position);

-- A finalized invoice or credit note never changes and is never deleted.
CREATE TRIGGER invoices_final_no_update BEFORE UPDATE ON invoices
WHEN OLD.status = 'final'
BEGIN SELECT RAISE(ABORT, 'a finalized invoice is immutable: issue a credit note'); END;
CREATE TRIGGER invoices_final_no_delete BEFORE DELETE ON invoices
WHEN OLD.status = 'final'
BEGIN SELECT RAISE(ABORT, 'a finalized invoice is immutable: issue a credit note'); END;
-- INSERT OR REPLACE deletes the row it replaces without firing DELETE
-- triggers: a new row whose key or number is a finalized invoice's is
-- refused before it can take its place.
CREATE TRIGGER invoices_final_no_replace BEFORE INSERT ON invoices
WHEN EXISTS (SELECT 1 FROM invoices WHERE (id = NEW.id OR number = NEW.number) AND status = 'final')
BEGIN SELECT RAISE(ABORT, 'a finalized invoice is immutable: issue a credit note'); END;
CREATE TRIGGER invoice_lines_final_no_replace BEFORE INSERT ON invoice_lines
WHEN EXISTS (SELECT 1 FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id WHERE l.id = NEW.id AND i.status = 'final')
BEGIN SELECT RAISE(ABORT, 'a finalized invoice is immutable: issue a credit note'); END;
CREATE TRIGGER invoice_lines_final_no_insert BEFORE INSERT ON invoice_lines
WHEN (SELECT status FROM invoices WHERE id = NEW.invoice_id) = 'final'
BEGIN SELECT RAISE(ABORT, 'a finalized invoice is immutable: issue a credit note'); END;
CREATE TRIGGER invoice_lines_final_no_update BEFORE UPDATE ON invoice_lines
WHEN (SELECT status FROM invoices WHERE id = OLD.invoice_id) = 'final'
BEGIN SELECT RAISE(ABORT, 'a finalized invoice is immutable: issue a credit note'); END;
CREATE TRIGGER invoice_lines_final_no_delete BEFORE DELETE ON invoice_lines
WHEN (SELECT status FROM invoices WHERE id = OLD.invoice_id) = 'final'
BEGIN SELECT RAISE(ABORT, 'a finalized invoice is immutable: issue a credit note'); END;

-- Money received or given back. Append-only: a mistake is undone by a
-- payment of the opposite sign with a reason. invoice_id NULL is the
-- patient's credit (an over-payment, a credited invoice that was paid);
-- method 'credit' moves money between the credit and an invoice, and is
-- not money taken.
CREATE TABLE payments (
	id          TEXT PRIMARY KEY,
	patient_id  TEXT NOT NULL REFERENCES patients(id),
	invoice_id  TEXT REFERENCES invoices(id),
	receipt_id  TEXT NOT NULL,   -- the rows of one payment taken share it
	paid_on     TEXT NOT NULL,   -- YYYY-MM-DD on the practice clock
	amount      INTEGER NOT NULL CHECK (amount <> 0),
	method      TEXT NOT NULL CHECK (method IN ('cash', 'card', 'transfer', 'cheque', 'insurer', 'credit')),
	reference   TEXT NOT NULL DEFAULT '',
	reason      TEXT NOT NULL DEFAULT '',
	recorded_at INTEGER NOT NULL,
	deleted     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX payments_patient ON payments(patient_id, paid_on);
CREATE INDEX payments_invoice ON payments(invoice_id) WHERE invoice_id IS NOT NULL;
CREATE INDEX payments_paid_on ON payments(paid_on, method);
CREATE INDEX payments_receipt ON payments(receipt_id);
CREATE TRIGGER payments_no_update BEFORE UPDATE ON payments
BEGIN SELECT RAISE(ABORT, 'payments are append-only: record a refund or a correction'); END;
CREATE TRIGGER payments_no_delete BEFORE DELETE ON payments
BEGIN SELECT RAISE(ABORT, 'payments are append-only: record a refund or a correction'); END;
CREATE TRIGGER payments_no_replace BEFORE INSERT ON payments
WHEN EXISTS (SELECT 1 FROM payments WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'payments are append-only: record a refund or a correction'); END;

-- What is still due on each finalized invoice that is not settled: the
-- aging report and the lists of unpaid invoices read it instead of summing
-- every payment ever taken. Local and derived (never synced, like the
-- search index): triggers keep it from the invoices and payments, so any
-- path that writes them (the write path, a snapshot, sync) keeps it right.
-- A row goes away when nothing is due.
CREATE TABLE invoice_due (
	invoice_id TEXT PRIMARY KEY,
	patient_id TEXT NOT NULL,
	issue_date TEXT NOT NULL,
	due_date   TEXT NOT NULL,
	due        INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX invoice_due_issue ON invoice_due(issue_date);
CREATE INDEX invoice_due_patient ON invoice_due(patient_id);

CREATE TRIGGER invoice_due_insert AFTER INSERT ON invoices
WHEN NEW.status = 'final' AND NEW.kind = 'invoice' AND NEW.total <> 0
BEGIN
	INSERT INTO invoice_due (invoice_id, patient_id, issue_date, due_date, due)
	VALUES (NEW.id, NEW.patient_id, NEW.issue_date, COALESCE(NEW.due_date, NEW.issue_date), NEW.total);
END;
CREATE TRIGGER invoice_due_finalize AFTER UPDATE OF status ON invoices
WHEN OLD.status = 'draft' AND NEW.status = 'final' AND NEW.kind = 'invoice' AND NEW.total <> 0
BEGIN
	INSERT INTO invoice_due (invoice_id, patient_id, issue_date, due_date, due)
	VALUES (NEW.id, NEW.patient_id, NEW.issue_date, COALESCE(NEW.due_date, NEW.issue_date), NEW.total);
END;
-- A credit note lowers what is due on the invoice it corrects (its total
-- is negative).
CREATE TRIGGER invoice_due_credit_insert AFTER INSERT ON invoices
WHEN NEW.status = 'final' AND NEW.kind = 'credit_note' AND NEW.credits_id IS NOT NULL
BEGIN
	INSERT INTO invoice_due (invoice_id, patient_id, issue_date, due_date, due)
		SELECT id, patient_id, issue_date, COALESCE(due_date, issue_date), NEW.total FROM invoices WHERE id = NEW.credits_id
		ON CONFLICT (invoice_id) DO UPDATE SET due = due + excluded.due;
	DELETE FROM invoice_due WHERE invoice_id = NEW.credits_id AND due = 0;
END;
CREATE TRIGGER invoice_due_credit_finalize AFTER UPDATE OF status ON invoices
WHEN OLD.status = 'draft' AND NEW.status = 'final' AND NEW.kind = 'credit_note' AND NEW.credits_id IS NOT NULL
BEGIN
	INSERT INTO invoice_due (invoice_id, patient_id, issue_date, due_date, due)
		SELECT id, patient_id, issue_date, COALESCE(due_date, issue_date), NEW.total FROM invoices WHERE id = NEW.credits_id
		ON CONFLICT (invoice_id) DO UPDATE SET due = due + excluded.due;
	DELETE FROM invoice_due WHERE invoice_id = NEW.credits_id AND due = 0;
END;
CREATE TRIGGER invoice_due_payment AFTER INSERT ON payments
WHEN NEW.invoice_id IS NOT NULL
BEGIN
	INSERT INTO invoice_due (invoice_id, patient_id, issue_date, due_date, due)
		SELECT id, patient_id, issue_date, COALESCE(due_date, issue_date), -NEW.amount FROM invoices WHERE id = NEW.invoice_id
		ON CONFLICT (invoice_id) DO UPDATE SET due = due + excluded.due;
	DELETE FROM invoice_due WHERE invoice_id = NEW.invoice_id AND due = 0;
END;
