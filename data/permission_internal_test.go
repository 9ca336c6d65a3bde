package data

import (
	"context"
	"testing"
)

// TestEveryTableHasAWriteRight fails when a table of practice data (one
// with a deleted tombstone) has no entry in tableRights: only
// administrators could write it, which a new screen would find out late.
func TestEveryTableHasAWriteRight(t *testing.T) {
	s, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	rows, err := s.r.QueryContext(context.Background(), `SELECT m.name FROM sqlite_master m
		WHERE m.type = 'table' AND EXISTS (SELECT 1 FROM pragma_table_info(m.name) c WHERE c.name = 'deleted')`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var table string
		if err := rows.Scan(&table); err != nil {
			t.Fatal(err)
		}
		n++
		if _, ok := tableRights[table]; !ok {
			t.Errorf("table %s has no right in tableRights (data/permission.go)", table)
		}
	}
	if n < 15 {
		t.Fatalf("only %d tables of practice data found", n)
	}
}
