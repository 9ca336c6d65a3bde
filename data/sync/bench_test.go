package sync

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/mattn/go-sqlite3"

	"frontdesk/data"
)

// benchChanges is the size of the change set the apply benchmark applies.
const benchChanges = 100_000

// BenchmarkApply applies one change set that creates new patients with
// 100,000 field values in all (each patient's creation is one change
// carrying its 23 travelling fields; a creation was 23 changes before)
// and their audit entries to a fresh device, beside its floor: raw
// INSERTs of the same finished rows into the same schema, in one
// transaction, with the same pragmas. Run with -benchtime=3x: every
// iteration needs a fresh database, made outside the timer.
func BenchmarkApply(b *testing.B) {
	p := newTestPractice(b)
	sender := p.newDevice()
	set, rows := benchSet(b, sender)
	b.Logf("%d changes, %d rows", len(set.Changes), len(rows))

	b.Run("sync", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			b.StopTimer()
			recv := p.newDevice()
			b.StartTimer()
			res, err := recv.st.ApplyChangeSet(context.Background(), set)
			if err != nil || res.Applied != len(set.Changes) {
				b.Fatalf("%+v, %v", res, err)
			}
		}
	})
	b.Run("raw_insert", func(b *testing.B) { benchRaw(b, rows, nil) })
	// What applying must write at the least: the rows and the change log.
	b.Run("raw_insert_with_changes", func(b *testing.B) { benchRaw(b, rows, set.Changes) })
}

func benchRaw(b *testing.B, rows [][]any, changes []data.Change) {
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		dir := b.TempDir()
		st, err := data.Open(dir)
		if err != nil {
			b.Fatal(err)
		}
		st.Close()
		db, err := sql.Open("sqlite3", "file:"+filepath.Join(dir, data.DBFile)+"?_journal_mode=WAL&_synchronous=FULL&_txlock=immediate&_foreign_keys=on")
		if err != nil {
			b.Fatal(err)
		}
		db.SetMaxOpenConns(1)
		b.StartTimer()
		rawInsert(b, db, rows, changes)
		b.StopTimer()
		db.Close()
		b.StartTimer()
	}
}

// benchPatients new patients carry about benchChanges field values (23
// travelling fields each); the benchmark logs the count of changes.
const benchPatients = benchChanges / 23

// benchSet creates the patients on the sender and returns their sealed
// set and their finished rows, every column.
func benchSet(b *testing.B, d *testDevice) (data.ChangeSet, [][]any) {
	ctx := context.Background()
	d.update(func(tx *data.Tx) error {
		for i := 1; i <= benchPatients; i++ {
			pt := data.Patient{ChartNumber: fmt.Sprintf("A-%06d", i), FamilyName: fmt.Sprintf("Fam%d", i), GivenName: "Given",
				Phone: fmt.Sprintf("06%08d", i), Email: "x@example.org", Address: "1 rue de la Paix", Notes: "Nothing known."}
			if err := tx.Save(&pt); err != nil {
				return err
			}
		}
		return nil
	})
	if _, _, err := d.st.SealChanges(ctx); err != nil {
		b.Fatal(err)
	}
	set, err := d.st.SealedSet(ctx, 1)
	if err != nil {
		b.Fatal(err)
	}
	res, err := d.st.ReadDB().Query(`SELECT * FROM patients ORDER BY rowid`)
	if err != nil {
		b.Fatal(err)
	}
	defer res.Close()
	cols, _ := res.Columns()
	var rows [][]any
	for res.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := res.Scan(ptrs...); err != nil {
			b.Fatal(err)
		}
		rows = append(rows, append([]any{strings.Join(cols, ", ")}, vals...))
	}
	return set, rows
}

func rawInsert(b *testing.B, db *sql.DB, rows [][]any, changes []data.Change) {
	tx, err := db.Begin()
	if err != nil {
		b.Fatal(err)
	}
	cols := rows[0][0].(string)
	st, err := tx.Prepare(`INSERT INTO patients (` + cols + `) VALUES (?` + strings.Repeat(", ?", len(rows[0])-2) + `)`)
	if err != nil {
		b.Fatal(err)
	}
	for _, r := range rows {
		if _, err := st.Exec(r[1:]...); err != nil {
			b.Fatal(err)
		}
	}
	// The change log in statements of 100 rows, as the write path and
	// applying write it.
	for len(changes) > 0 {
		n := min(100, len(changes))
		args := make([]any, 0, 8*n)
		for _, c := range changes[:n] {
			args = append(args, c.OpID, c.HLC, c.Device, c.Table, c.RowID, c.Field, c.Old, c.New)
		}
		q := "INSERT INTO changes (op_id, hlc, device_id, tbl, row_id, field, old, new) VALUES " +
			strings.TrimSuffix(strings.Repeat("(?, ?, ?, ?, ?, ?, ?, ?), ", n), ", ")
		if _, err := tx.Exec(q, args...); err != nil {
			b.Fatal(err)
		}
		changes = changes[n:]
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkExportBusyDay writes the change file of a busy day: 300
// appointments booked, their 300 notes and their 300 invoices, finalized.
// The goal is under a second.
func BenchmarkExportBusyDay(b *testing.B) {
	p := newTestPractice(b)
	d := p.newDevice()
	pr := d.newPractitioner("Dr Keep")
	l := setUpLedger(d)
	var patients []string
	d.update(func(tx *data.Tx) error {
		for i := 0; i < 300; i++ {
			pt := data.Patient{ChartNumber: fmt.Sprintf("A-%06d", i+2), FamilyName: fmt.Sprintf("Fam%d", i), GivenName: "Given"} // A-000001 is the ledger's
			if err := tx.Save(&pt); err != nil {
				return err
			}
			patients = append(patients, pt.ID)
		}
		return nil
	})
	d.export()
	day, _ := data.ParseISODate("2026-12-07")
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		d.update(func(tx *data.Tx) error {
			for k, id := range patients {
				start := data.WallTime(7*60 + k%40*15)
				a := data.Appointment{PractitionerID: pr.ID, PatientID: id, Day: day.AddDays(i + k/40), Start: start, End: start + 15, TimeZone: "Europe/Paris"}
				if err := tx.Save(&a); err != nil {
					return err
				}
				if err := tx.AddNote(&data.Note{PatientID: id, Text: "Seen today; blood pressure checked, all well."}); err != nil {
					return err
				}
				inv := data.Invoice{Kind: data.KindInvoice, PatientID: id, AppointmentID: a.ID, PayerKind: data.PayerPatient,
					PayerName: "Given Fam", ServiceDate: a.Day, Currency: "EUR", Lines: []data.InvoiceLine{data.LineFromFee(l.fee, l.rate, 1, a.Day)}}
				if err := tx.SaveDraft(&inv); err != nil {
					return err
				}
				if _, err := tx.FinalizeInvoice(inv.ID, day.AddDays(10*(i+1))); err != nil { // issued once the days are seen
					return err
				}
			}
			return nil
		})
		b.StartTimer()
		if n := d.export(); n != 1 {
			b.Fatalf("wrote %d files", n)
		}
	}
	b.StopTimer()
	files := p.changeFiles(d.id())
	if fi, err := os.Stat(files[len(files)-1]); err == nil {
		set, _ := d.st.SealedSet(context.Background(), int64(len(files)))
		b.ReportMetric(float64(fi.Size()), "file-bytes")
		b.ReportMetric(float64(len(set.Changes)), "changes")
	}
}
