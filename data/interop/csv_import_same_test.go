package interop

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"testing"

	"frontdesk/data"
)

// sameFile is a file of more than two batches, so that the import runs
// full and partial statements of each kind: patients with and without a
// date of birth or a sex, deceased ones, multi-line addresses.
func sameFile() string {
	var b strings.Builder
	b.WriteString("Nom;Prénom;Date de naissance;Sexe;Téléphone;Adresse;Code postal;Ville;Décès\r\n")
	for i := range 2*importBatch + 37 {
		f, g, born, sex, phone, street, post, city := benchPatient(i)
		if i%11 == 0 {
			born = ""
		}
		died := ""
		if i%29 == 0 {
			died = "29/02/2024"
		}
		fmt.Fprintf(&b, "%s;%s;%s;%s;%s;\"%s\n%s\";%s;%s;%s\r\n", f, g, born, sex, phone, street, "Bâtiment B", post, city, died)
	}
	return b.String()
}

// TestImportWritesWhatCreatingOneByOneWrites imports a file into one
// practice and, into another, creates the same checked patients one by
// one with CreatePatient after the same import audit entry, as the desk's
// form would. The patients, their change records for sync and the audit
// entries must be the same field by field (IDs, clock stamps and hashes,
// which differ by nature, are compared by what they refer to and by
// their order), and both practices must pass the integrity check: the
// fast path cannot drift from the write path.
func TestImportWritesWhatCreatingOneByOneWrites(t *testing.T) {
	ctx := context.Background()
	file := sameFile()
	bulk, single := newStore(t), newStore(t)
	for _, s := range []*data.Store{bulk, single} {
		// A chart number and an audit head already taken.
		if err := s.Update(ctx, func(tx *data.Tx) error {
			return tx.CreatePatient(&data.Patient{FamilyName: "Avant", GivenName: "Anne"})
		}); err != nil {
			t.Fatal(err)
		}
	}
	pl := checked(t, bulk, file)
	if pl.ToImport != 2*importBatch+37 {
		t.Fatalf("%d to import: %+v", pl.ToImport, pl.Lines[:min(3, len(pl.Lines))])
	}
	if err := pl.Import(ctx, bulk, nil); err != nil {
		t.Fatal(err)
	}
	one := checked(t, single, file)
	err := single.Update(ctx, func(tx *data.Tx) error {
		if err := tx.Audit("import", "patients", "", fmt.Sprintf("%s: %d imported, %d skipped, %d refused",
			one.File, len(one.patients), one.Skipped, one.Refused)); err != nil {
			return err
		}
		for _, p := range one.patients {
			if err := tx.CreatePatient(&p); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}

	for _, q := range []struct{ what, query string }{
		{"patients", `SELECT * FROM patients ORDER BY chart_number`},
		{"change records", `SELECT * FROM changes WHERE tbl = 'patients' ORDER BY rowid`},
		{"audit entries", `SELECT * FROM audit_log WHERE entity = 'patients' ORDER BY seq`},
		{"search index", `SELECT * FROM patient_search ORDER BY kind, token, patient_id`},
		{"search pairs", `SELECT * FROM patient_pairs ORDER BY pfx, b, a, patient_id`},
		{"counters", `SELECT * FROM counters WHERE name = 'chart'`},
	} {
		a, b := normalised(t, single, q.query), normalised(t, bulk, q.query)
		if len(a) != len(b) {
			t.Errorf("%s: %d one by one, %d imported", q.what, len(a), len(b))
			continue
		}
		for i := range a {
			if a[i] != b[i] {
				t.Errorf("%s, row %d:\none by one %s\nimported   %s", q.what, i, a[i], b[i])
				break
			}
		}
	}
	// One creation each (the patient made before the import included).
	if n := len(normalised(t, bulk, `SELECT * FROM changes WHERE tbl = 'patients' AND field = '*' AND old IS NULL`)); n != pl.ToImport+1 {
		t.Errorf("%d creations of patients, want %d", n, pl.ToImport+1)
	}
	if n := len(normalised(t, bulk, `SELECT * FROM changes WHERE tbl = 'patients'`)); n != pl.ToImport+1 {
		t.Errorf("%d change records of patients, want one a patient (%d)", n, pl.ToImport+1)
	}
	for _, s := range []*data.Store{bulk, single} {
		dir := s.Dir()
		s.Close()
		if rep, err := data.Check(ctx, dir); err != nil || !rep.OK() {
			t.Errorf("integrity after the import: %v %+v", err, rep.Problems)
		}
	}
}

// normalised returns the rows of q as text, with what differs between
// two practices by nature replaced by what it stands for: a patient's ID
// by its chart number, the device's ID by "device", any other ID or hash
// by its rank of appearance, a clock stamp by its rank among the clock
// stamps read (after checking it names the device), the time of an audit
// entry by its rank among the times read.
func normalised(t *testing.T, s *data.Store, q string) []string {
	t.Helper()
	db := s.ReadDB()
	charts := map[string]string{}
	rows, err := db.Query(`SELECT id, chart_number FROM patients`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id, chart string
		if err := rows.Scan(&id, &chart); err != nil {
			t.Fatal(err)
		}
		charts[id] = chart
	}
	rows.Close()
	device := s.Device().ID
	rank := map[string]map[string]int{}
	ranked := func(kind, v string) string {
		if rank[kind] == nil {
			rank[kind] = map[string]int{}
		}
		r, ok := rank[kind][v]
		if !ok {
			r = len(rank[kind])
			rank[kind][v] = r
		}
		return fmt.Sprintf("%s#%d", kind, r)
	}
	rows, err = db.Query(q)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var out []string
	var lastHLC string
	for rows.Next() {
		vals := make([]sql.NullString, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		var line []string
		for i, v := range vals {
			s := v.String
			switch col := cols[i]; {
			case !v.Valid:
				s = "NULL"
			case charts[s] != "":
				s = "patient " + charts[s]
			case s == device:
				s = "device"
			case col == "hlc":
				h, err := data.ParseHLC(s)
				if err != nil || h.Device != device || s <= lastHLC {
					t.Fatalf("clock stamp %q after %q: %v", s, lastHLC, err)
				}
				lastHLC, s = s, ranked(col, s)
			case col == "op_id" || col == "id" || col == "hash" || col == "prev_hash" || col == "at":
				s = ranked(col, s)
			}
			line = append(line, cols[i]+"="+s)
		}
		out = append(out, strings.Join(line, " "))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}
