package data_test

// Benchmarks of billing beside their floors, in the same run: the aging
// and revenue reports on the stress practice beside their SQL run raw
// (goal: at most 1.5 times the floor), and finalizing 1,000 invoices,
// one transaction each as the desk does, beside 1,000 bare UPDATEs
// committed the same way on the same kind of file.

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"testing"

	"frontdesk/data"
)

// stressToday is the last day of the stress practice's invoices.
func stressToday(b *testing.B, raw *sql.DB) data.Date {
	var last string
	if err := raw.QueryRow(`SELECT MAX(issue_date) FROM invoices`).Scan(&last); err != nil || last == "" {
		b.Skip("the stress practice has no invoices: it predates billing")
	}
	d, err := data.ParseISODate(last)
	if err != nil {
		b.Fatal(err)
	}
	return d
}

func BenchmarkAgingReport(b *testing.B) {
	s, raw := stressStore(b)
	ctx := context.Background()
	today := stressToday(b, raw)
	b.Run("frontdesk", func(b *testing.B) {
		for b.Loop() {
			a, err := s.AgingReport(ctx, today)
			if err != nil || len(a.Rows) == 0 {
				b.Fatalf("aging: %d rows, %v", len(a.Rows), err)
			}
		}
	})
	b.Run("floor", func(b *testing.B) {
		for b.Loop() {
			rows, err := raw.Query(data.AgingQuery, today.String())
			if err != nil {
				b.Fatal(err)
			}
			n := 0
			for rows.Next() {
				var id, number, name, chart, payer, issue, due string
				var amount int64
				if err := rows.Scan(&id, &number, &name, &chart, &payer, &issue, &due, &amount); err != nil {
					b.Fatal(err)
				}
				n++
			}
			rows.Close()
			if n == 0 {
				b.Fatal("no unpaid invoice")
			}
		}
	})
}

func BenchmarkRevenueReport(b *testing.B) {
	s, raw := stressStore(b)
	ctx := context.Background()
	today := stressToday(b, raw)
	// A month of every year of the practice, in turn.
	var months []data.Date
	for y := today.Year - 9; y <= today.Year; y++ {
		months = append(months, data.Date{Year: y, Month: today.Month, Day: 1})
	}
	b.Run("frontdesk", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			m := months[i%len(months)]
			rv, err := s.RevenueOf(ctx, m)
			if err != nil || len(rv.Items) == 0 {
				b.Fatalf("revenue of %s: %d items, %v", m, len(rv.Items), err)
			}
		}
	})
	// The floor runs the same three queries raw: by fee item, by rate,
	// and the twelve months' totals.
	b.Run("floor", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			m := months[i%len(months)]
			next := data.Date{Year: m.Year + int(m.Month)/12, Month: m.Month%12 + 1, Day: 1}
			start := data.Date{Year: m.Year - 1, Month: m.Month%12 + 1, Day: 1} // eleven months before m
			if m.Month == 12 {
				start.Year = m.Year
			}
			for _, q := range []struct {
				sql  string
				args []any
				cols int
			}{
				{data.RevenueQuery, []any{m.String(), next.String()}, 5},
				{`SELECT l.tax_name, l.tax_bp, SUM(l.net), SUM(l.tax)
					FROM invoices i JOIN invoice_lines l ON l.invoice_id = i.id
					WHERE i.status = 'final' AND i.issue_date >= ? AND i.issue_date < ? AND i.deleted = 0 AND l.deleted = 0
					GROUP BY l.tax_bp, l.tax_name ORDER BY l.tax_bp, l.tax_name`, []any{m.String(), next.String()}, 4},
				{`SELECT substr(issue_date, 1, 7), SUM(total) FROM invoices
					WHERE status = 'final' AND issue_date >= ? AND issue_date < ? AND deleted = 0
					GROUP BY substr(issue_date, 1, 7)`, []any{start.String(), next.String()}, 2},
			} {
				rows, err := raw.Query(q.sql, q.args...)
				if err != nil {
					b.Fatal(err)
				}
				cells := make([]any, q.cols)
				for j := range cells {
					cells[j] = new(any)
				}
				n := 0
				for rows.Next() {
					if err := rows.Scan(cells...); err != nil {
						b.Fatal(err)
					}
					n++
				}
				rows.Close()
				if n == 0 {
					b.Fatalf("no rows for %s", m)
				}
			}
		}
	})
}

// BenchmarkFinalize1000 finalizes 1,000 drafts per operation, each in its
// own transaction (number, due date, the practice's details, the audit
// row and the change records), beside 1,000 bare UPDATEs of a status
// and a number, each committed, on a file with the same durability.
func BenchmarkFinalize1000(b *testing.B) {
	ctx := context.Background()
	bk := openBooks(b)
	day := data.Date{Year: 2026, Month: 11, Day: 25}
	drafts := func() []string {
		ids := make([]string, 1000)
		err := bk.s.Update(ctx, func(tx *data.Tx) error {
			for i := range ids {
				inv := data.NewDraft(bk.patient, bk.pr, day)
				inv.Lines = []data.InvoiceLine{data.LineFromFee(bk.consult, bk.exempt, 1, day)}
				if err := tx.SaveDraft(&inv); err != nil {
					return err
				}
				ids[i] = inv.ID
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
		return ids
	}
	b.Run("frontdesk", func(b *testing.B) {
		for b.Loop() {
			b.StopTimer()
			ids := drafts()
			b.StartTimer()
			for _, id := range ids {
				if err := bk.s.Update(ctx, func(tx *data.Tx) error { _, err := tx.FinalizeInvoice(id, day); return err }); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	floorDir := b.TempDir()
	fs, err := data.Open(floorDir)
	if err != nil {
		b.Fatal(err)
	}
	fs.Close()
	raw, err := sql.Open("sqlite3", "file:"+filepath.Join(floorDir, data.DBFile)+
		"?_journal_mode=WAL&_synchronous=FULL&_busy_timeout=5000&_txlock=immediate&_foreign_keys=off")
	if err != nil {
		b.Fatal(err)
	}
	defer raw.Close()
	raw.SetMaxOpenConns(1)
	if _, err := raw.Exec(`CREATE TABLE bills (id TEXT PRIMARY KEY, status TEXT NOT NULL, number TEXT UNIQUE)`); err != nil {
		b.Fatal(err)
	}
	n := 0
	b.Run("floor", func(b *testing.B) {
		for b.Loop() {
			b.StopTimer()
			ids := make([]string, 1000)
			for i := range ids {
				ids[i] = data.NewID()
				if _, err := raw.Exec(`INSERT INTO bills (id, status) VALUES (?, 'draft')`, ids[i]); err != nil {
					b.Fatal(err)
				}
			}
			b.StartTimer()
			for _, id := range ids {
				n++
				tx, err := raw.Begin()
				if err != nil {
					b.Fatal(err)
				}
				if _, err := tx.Exec(`UPDATE bills SET status = 'final', number = ? WHERE id = ?`, fmt.Sprintf("A-2026-%07d", n), id); err != nil {
					b.Fatal(err)
				}
				if err := tx.Commit(); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
}
