package data_test

import (
	"context"
	"regexp"
	"strings"
	"testing"
)

// TestTriggersLookUpByIndexWhateverTheStatistics analyzes a practice
// while its tables hold a few rows, as a fresh demo does, then asks SQLite
// how it would run every statement of every trigger: none may read a whole
// table. A trigger's plan is made from the statistics of the day, and a
// scan that costs nothing over four rows costs a scan of the audit log
// for each entry once it holds a million (migration 0015).
func TestTriggersLookUpByIndexWhateverTheStatistics(t *testing.T) {
	s := openStore(t)
	ctx := context.Background()
	newPatient(t, s, "Martin", "Jeanne")
	newPatient(t, s, "Petit", "Oleg")
	if err := s.Analyze(ctx); err != nil {
		t.Fatal(err)
	}
	db := s.ReadDB()
	rows, err := db.QueryContext(ctx, `SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name`)
	if err != nil {
		t.Fatal(err)
	}
	triggers := map[string]string{}
	for rows.Next() {
		var name, q string
		if err := rows.Scan(&name, &q); err != nil {
			t.Fatal(err)
		}
		triggers[name] = q
	}
	rows.Close()
	if len(triggers) < 10 {
		t.Fatalf("only %d triggers read", len(triggers))
	}
	// NEW.x and OLD.x become parameters; RAISE is only valid in a trigger
	// and reads nothing.
	row := regexp.MustCompile(`\b(NEW|OLD)\.\w+`)
	// "SCAN t", "SCAN t EXISTS", "SCAN t USING COVERING INDEX i" read
	// every row; a table-valued function (json_each) and a constant row
	// are not tables.
	scan := regexp.MustCompile(`^SCAN (\w+)`)
	checked := 0
	for name, q := range triggers {
		var stmts []string
		head, body, ok := strings.Cut(q, "\nBEGIN")
		if !ok {
			head, body, ok = strings.Cut(q, " BEGIN")
		}
		if !ok {
			t.Fatalf("%s: no BEGIN in %s", name, q)
		}
		if _, when, ok := strings.Cut(head, "WHEN "); ok {
			stmts = append(stmts, "SELECT 1 WHERE "+when)
		}
		for _, st := range strings.Split(strings.TrimSuffix(strings.TrimSpace(body), "END"), ";") {
			st = strings.TrimSpace(st)
			if st == "" || strings.HasPrefix(st, "SELECT RAISE") {
				continue
			}
			stmts = append(stmts, st)
		}
		for _, st := range stmts {
			st = row.ReplaceAllString(st, "?")
			plan, err := db.QueryContext(ctx, "EXPLAIN QUERY PLAN "+st, make([]any, strings.Count(st, "?"))...)
			if err != nil {
				t.Fatalf("%s: %v\n%s", name, err, st)
			}
			for plan.Next() {
				var id, parent, unused int
				var detail string
				if err := plan.Scan(&id, &parent, &unused, &detail); err != nil {
					t.Fatal(err)
				}
				if m := scan.FindStringSubmatch(detail); m != nil && m[1] != "CONSTANT" && !strings.Contains(detail, "VIRTUAL TABLE") {
					t.Errorf("the trigger %s reads the whole table %s:\n%s", name, m[1], st)
				}
			}
			plan.Close()
			checked++
		}
	}
	t.Logf("%d statements of %d triggers", checked, len(triggers))
}
