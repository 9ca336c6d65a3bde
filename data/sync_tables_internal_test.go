package data

import (
	"context"
	"slices"
	"sort"
	"testing"
)

// syncNotYet are the tables of practice data sync does not carry yet:
// the session that finishes sync (issue 15) registers each in syncTables
// or, with a reason, in syncLocalTables, and empties this list. A new
// table fails TestEverySyncedTableIsDecided until someone decides.
var syncNotYet = []string{
	// Every table is decided: sync carries it or keeps it local.
}

// Every table of practice data (the ones with a tombstone) is either
// carried by sync, deliberately local, or on the list of tables not
// carried yet.
func TestEverySyncedTableIsDecided(t *testing.T) {
	s := openInternal(t)
	rows, err := s.r.QueryContext(context.Background(), `SELECT m.name FROM sqlite_master m
		WHERE m.type = 'table' AND EXISTS (SELECT 1 FROM pragma_table_info(m.name) WHERE name = 'deleted') ORDER BY m.name`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var undecided []string
	for rows.Next() {
		var name string
		rows.Scan(&name)
		if _, ok := syncTables[name]; !ok && !syncLocalTables[name] && !slices.Contains(syncNotYet, name) {
			undecided = append(undecided, name)
		}
	}
	sort.Strings(undecided)
	if len(undecided) > 0 {
		t.Errorf("tables neither carried by sync, local, nor listed as not yet carried: %v", undecided)
	}
	for name := range syncTables {
		if slices.Contains(syncNotYet, name) {
			t.Errorf("%s is carried and listed as not yet carried", name)
		}
	}
}

// A derived column is one the record writes (so the write path records
// it) and one a change file may not set; every other column of the
// record may be set.
func TestDerivedColumnsAreTheRecordsAndDoNotTravel(t *testing.T) {
	for name, tbl := range syncTables {
		if tbl.name != name {
			t.Errorf("table %s is registered as %q", name, tbl.name)
		}
		r := tbl.blank().row()
		if r.table != name {
			t.Errorf("table %s: its record writes %s", name, r.table)
		}
		for _, d := range tbl.derived {
			if !slices.Contains(r.cols, d) {
				t.Errorf("%s.%s is listed as derived but the record does not write it", name, d)
			}
			if tbl.syncColumns()[d] || travels(name, d) {
				t.Errorf("%s.%s is derived but travels", name, d)
			}
		}
		for _, c := range r.cols {
			if !slices.Contains(tbl.derived, c) && !tbl.syncColumns()[c] {
				t.Errorf("%s.%s cannot be set by a change file", name, c)
			}
		}
	}
	if travels("devices", "name") {
		t.Error("device rows travel as field changes")
	}
}
