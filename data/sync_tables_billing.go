package data

import (
	"context"
	"database/sql"
	"encoding/base64"
	"time"
)

// The tables of users, billing and letters that sync carries, with the
// decisions the issue leaves open:
//
//   - users travel whole, password hashes included, so that a role change
//     or a deactivation made on one computer applies on the others. A
//     password changed on two computers while apart is settled like any
//     field: the later clock stamp wins, and the losing hash is kept in
//     the conflicts list (a hash, never a password). A login made on two
//     computers while apart is settled by admitUserLogin (sync_users.go):
//     the later-made account takes a number (marie-2).
//   - backup_keys travel: the practice has one backup passphrase, and a
//     backup made on the laptop must open at the desk. Two keys chosen on
//     two computers while apart both arrive; every computer then uses the
//     same one (the oldest, loadBackupKey), and backups made with the
//     other still open with its passphrase (each backup carries its own
//     wrapped key).
//   - practice_images are stored under the hash of their bytes and never
//     change: append-only.
//   - payments are append-only: a correction is another payment.
//   - invoices (and their lines) and letters stay on their computer while
//     they are drafts and travel whole once finalized or sent (see
//     localDraft): a draft is work in progress, and letting it travel
//     would let a computer edit a draft that another one has meanwhile
//     finalized, which would have to change a finalized invoice or a sent
//     letter on one side. A draft started on the laptop is finished there.
//   - calls, tax_rates, fee_items, billing_settings and letter_templates
//     travel as ordinary rows: last writer wins per field.
func init() {
	registerSyncTables(
		syncTable{name: "users", blank: func() Record { return &User{} }, load: loadUserForSync, admit: admitUserLogin},
		syncTable{name: "backup_keys", blank: func() Record { return &BackupKey{} }, load: loadBackupKeyForSync},
		syncTable{name: "practice_images", blank: func() Record { return &Image{} }, load: loadImageForSync, appendOnly: true},
		syncTable{name: "tax_rates", blank: func() Record { return &TaxRate{} }, load: loadTaxRateForSync},
		syncTable{name: "fee_items", blank: func() Record { return &FeeItem{} }, load: loadFeeItemForSync},
		syncTable{name: "billing_settings", blank: func() Record { return &BillingSettings{} }, load: loadBillingSettingsForSync},
		syncTable{name: "letter_templates", blank: func() Record { return &LetterTemplate{} }, load: loadTemplateForSync},
		syncTable{name: "calls", blank: func() Record { return &Call{} }, load: loadCallForSync},
		syncTable{name: "letters", blank: func() Record { return &Letter{} }, load: loadLetterForSync,
			frozen: letterSent, thawed: []string{"patient_id"}},
		syncTable{name: "invoices", blank: func() Record { return &Invoice{} }, load: loadInvoiceForSync,
			frozen: invoiceFinal, admit: admitInvoice},
		syncTable{name: "invoice_lines", blank: func() Record { return lineRecord{&InvoiceLine{}} }, load: loadLineForSync,
			frozen: lineOfFinalInvoice},
		syncTable{name: "payments", blank: func() Record { return &Payment{} }, load: loadPaymentForSync, appendOnly: true},
	)
}

// draftStatus names, for the tables whose drafts stay on their computer,
// the column that tells a draft and its value for one.
var draftStatus = map[string]struct{ column, draft string }{
	"invoices": {"status", InvoiceDraft},
	"letters":  {"status", LetterDraft},
}

// localDraft says whether a row of table with these values is a draft
// that stays on this computer: the write path records no change for it.
// Invoice lines change only while their invoice is a draft (the database
// refuses any other change), so they are always local when saved; the
// finalized invoice publishes them (publishLines).
func localDraft(table string, cols []string, vals []any) bool {
	if table == "invoice_lines" {
		return true
	}
	d, ok := draftStatus[table]
	if !ok {
		return false
	}
	for i, c := range cols {
		if c == d.column {
			return vals[i] == d.draft
		}
	}
	return false
}

// storedLocalDraft says whether the stored row id of table is a local
// draft: for a deletion, which does not carry the row's values.
func (tx *Tx) storedLocalDraft(table, id string) (bool, error) {
	if table == "invoice_lines" {
		return true, nil
	}
	d, ok := draftStatus[table]
	if !ok {
		return false, nil
	}
	var v string
	err := tx.tx.QueryRowContext(tx.ctx, `SELECT `+d.column+` FROM `+table+` WHERE id = ?`, id).Scan(&v)
	if err != nil && err != sql.ErrNoRows {
		return false, sqlErr("reading whether a row of "+table+" is a draft", err)
	}
	return v == d.draft, nil
}

// publish records a new row, or a row that was a local draft, as the
// row's creation (one change, CreatedField): the other computers receive
// it whole, as it is now.
func (tx *Tx) publish(r row, vals []any) error {
	return tx.recordChanges(r.table, *r.id, []fieldChange{creation(r.table, r.cols, vals)})
}

// publishLines publishes the lines of an invoice being finalized, before
// the invoice itself: the receiver inserts them while their invoice is
// not there yet, since the database refuses lines added to a finalized
// invoice.
func (tx *Tx) publishLines(inv Invoice) error {
	for i := range inv.Lines {
		r, vals, err := validRow(lineRecord{&inv.Lines[i]})
		if err != nil {
			return err
		}
		if err := tx.publish(r, vals); err != nil {
			return err
		}
	}
	return nil
}

// A frozen row (a finalized invoice and its lines, a sent letter) never
// changes: an incoming change to one is refused, but for its thawed
// fields (a sent letter follows its patient into a merge).
func invoiceFinal(ctx context.Context, q querier, id string) (bool, error) {
	var n int
	err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM invoices WHERE id = ? AND status = 'final'`, id).Scan(&n)
	return n > 0, err
}

func lineOfFinalInvoice(ctx context.Context, q querier, id string) (bool, error) {
	var n int
	err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id
		WHERE l.id = ? AND i.status = 'final'`, id).Scan(&n)
	return n > 0, err
}

func letterSent(ctx context.Context, q querier, id string) (bool, error) {
	var n int
	err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM letters WHERE id = ? AND status = 'sent'`, id).Scan(&n)
	return n > 0, err
}

// The loaders read a row whatever its tombstone, for the checks of
// incoming values.

func loadUserForSync(ctx context.Context, q querier, id string) (Record, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+userColumns+` FROM users WHERE id = ?`, id)
	if err != nil {
		return nil, err
	}
	us, err := scanUsers(rows)
	if err != nil {
		return nil, err
	} else if len(us) == 0 {
		return nil, sql.ErrNoRows
	}
	return &us[0], nil
}

func loadBackupKeyForSync(ctx context.Context, q querier, id string) (Record, error) {
	k := BackupKey{ID: id}
	var created int64
	err := q.QueryRowContext(ctx, `SELECT recipient, wrapped, created FROM backup_keys WHERE id = ?`, id).
		Scan(&k.Recipient, &k.Wrapped, &created)
	k.Created = time.Unix(created, 0).UTC()
	return &k, err
}

func loadImageForSync(ctx context.Context, q querier, id string) (Record, error) {
	im := Image{ID: id}
	var b64 string
	err := q.QueryRowContext(ctx, `SELECT media_type, width, height, data FROM practice_images WHERE id = ?`, id).
		Scan(&im.MediaType, &im.Width, &im.Height, &b64)
	if err != nil {
		return nil, err
	}
	if im.Data, err = base64.StdEncoding.DecodeString(b64); err != nil {
		return nil, Errorf(EInvalid, "A picture of the letterhead arrives damaged.")
	}
	return &im, nil
}

func loadTaxRateForSync(ctx context.Context, q querier, id string) (Record, error) {
	r := TaxRate{ID: id}
	err := q.QueryRowContext(ctx, `SELECT name, basis_points, exemption_text, active FROM tax_rates WHERE id = ?`, id).
		Scan(&r.Name, &r.BasisPoints, &r.ExemptionText, &r.Active)
	return &r, err
}

func loadFeeItemForSync(ctx context.Context, q querier, id string) (Record, error) {
	f := FeeItem{ID: id}
	err := q.QueryRowContext(ctx, `SELECT code, description, price, tax_rate_id, active FROM fee_items WHERE id = ?`, id).
		Scan(&f.Code, &f.Description, &f.Price, &f.TaxRateID, &f.Active)
	return &f, err
}

func loadBillingSettingsForSync(ctx context.Context, q querier, id string) (Record, error) {
	b := BillingSettings{ID: id}
	err := q.QueryRowContext(ctx, `SELECT bank_name, iban, bic, payment_days, payment_qr FROM billing_settings WHERE id = ?`, id).
		Scan(&b.BankName, &b.IBAN, &b.BIC, &b.PaymentDays, &b.PaymentQR)
	return &b, err
}

func loadTemplateForSync(ctx context.Context, q querier, id string) (Record, error) {
	t, err := scanTemplate(q.QueryRowContext(ctx, `SELECT `+templateColumns+` FROM letter_templates WHERE id = ?`, id))
	return &t, err
}

func loadCallForSync(ctx context.Context, q querier, id string) (Record, error) {
	c, err := scanCall(q.QueryRowContext(ctx, `SELECT `+callColumns+` FROM calls c WHERE c.id = ?`, id))
	return &c, err
}

func loadLetterForSync(ctx context.Context, q querier, id string) (Record, error) {
	lt, err := scanLetter(q.QueryRowContext(ctx, `SELECT `+letterColumns+` FROM letters l WHERE l.id = ?`, id))
	return &lt, err
}

// loadInvoiceForSync reads an invoice without its lines: each line is a
// row of its own, checked as one.
func loadInvoiceForSync(ctx context.Context, q querier, id string) (Record, error) {
	inv, err := scanInvoice(q.QueryRowContext(ctx, `SELECT `+invoiceColumns+` FROM invoices WHERE id = ?`, id))
	return &inv, err
}

func loadLineForSync(ctx context.Context, q querier, id string) (Record, error) {
	var l InvoiceLine
	err := q.QueryRowContext(ctx, `SELECT id, invoice_id, position, COALESCE(fee_item_id, ''), code, description, service_date,
		quantity, unit_price, COALESCE(tax_rate_id, ''), tax_name, tax_bp, exemption_text, net, tax
		FROM invoice_lines WHERE id = ?`, id).
		Scan(&l.ID, &l.InvoiceID, &l.Position, &l.FeeItemID, &l.Code, &l.Description, &l.ServiceDate,
			&l.Quantity, &l.UnitPrice, &l.TaxRateID, &l.TaxName, &l.TaxBP, &l.ExemptionText, &l.Net, &l.Tax)
	return lineRecord{&l}, err
}

func loadPaymentForSync(ctx context.Context, q querier, id string) (Record, error) {
	p := Payment{ID: id}
	var recorded int64
	err := q.QueryRowContext(ctx, `SELECT patient_id, COALESCE(invoice_id, ''), receipt_id, paid_on, amount, method, reference,
		reason, recorded_at FROM payments WHERE id = ?`, id).
		Scan(&p.PatientID, &p.InvoiceID, &p.ReceiptID, &p.PaidOn, &p.Amount, &p.Method, &p.Reference, &p.Reason, &recorded)
	p.RecordedAt = time.Unix(recorded, 0).UTC()
	return &p, err
}

// admitInvoice refuses an incoming invoice whose number this computer
// already gave to another invoice: two computers held the same series
// letter while apart. Nothing is merged; the file waits in quarantine
// until the letters are sorted out (the database would refuse the second
// number anyway, with a message nobody could act on).
func admitInvoice(ctx context.Context, _ *Tx, q querier, id string, vals map[string]any) error {
	number, ok := vals["number"].(string)
	if !ok || number == "" {
		return nil
	}
	var other string
	err := q.QueryRowContext(ctx, `SELECT id FROM invoices WHERE number = ? AND id <> ?`, number, id).Scan(&other)
	if err == sql.ErrNoRows {
		return nil
	} else if err != nil {
		return sqlErr("looking for an invoice number taken twice", err)
	}
	return NewError(ESeriesClash, "invoice.problem.number_taken", "Number", number)
}
