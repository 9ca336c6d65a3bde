package data

import (
	"context"
	"database/sql"
	"slices"
	"time"
)

// syncTable is what sync knows of a table whose rows travel between the
// practice's devices as field changes.
type syncTable struct {
	name string
	// blank returns an empty record of the table, for its columns.
	blank func() Record
	// load reads a stored row as its record, tombstoned rows included,
	// so that incoming values pass the same Validate as typed ones.
	load func(ctx context.Context, q querier, id string) (Record, error)
	// derived columns are computed from the others by the write path (the
	// search words, the phone digits, an appointment's instants). They do
	// not travel: every device computes them from what it received.
	derived []string
	// appendOnly rows are written once and never change, so two devices
	// can never edit them concurrently: they never conflict.
	appendOnly bool
	// frozen, when set, says whether a stored row is final (a finalized
	// invoice, a sent letter): an incoming change to one is refused, but
	// for its thawed fields.
	frozen func(ctx context.Context, q querier, id string) (bool, error)
	thawed []string
	// admit, when set, may refuse an incoming row's winning values
	// before they are written (an invoice number taken twice), or settle
	// a clash with a row of this computer (a login made twice) through
	// tx: q reads within the set's transaction.
	admit func(ctx context.Context, tx *Tx, q querier, id string, vals map[string]any) error
}

// syncTables are the tables sync carries. A table missing here is
// refused when a change file brings it (it may be a newer version's);
// syncLocalTables lists the tables that deliberately never travel as
// field changes.
var syncTables = map[string]syncTable{
	"patients": {
		name:  "patients",
		blank: func() Record { return &Patient{} },
		load: func(ctx context.Context, q querier, id string) (Record, error) {
			p, err := scanPatient(q.QueryRowContext(ctx, `SELECT `+patientColumns+` FROM patients WHERE id = ?`, id))
			return &p, err
		},
		derived: []string{"name_key", "phone_digits", "family_key", "search_tokens"},
	},
	"appointments": {
		name:  "appointments",
		blank: func() Record { return &Appointment{} },
		load: func(ctx context.Context, q querier, id string) (Record, error) {
			vs, err := scanAppointmentViews(ctx, q, appointmentViewSelect+` WHERE a.id = ?`, id)
			if err != nil {
				return nil, err
			} else if len(vs) == 0 {
				return nil, sql.ErrNoRows
			}
			return &vs[0].Appointment, nil
		},
		derived: []string{"start_utc", "end_utc"},
	},
	"practitioners": {
		name:  "practitioners",
		blank: func() Record { return &Practitioner{} },
		load: func(ctx context.Context, q querier, id string) (Record, error) {
			var p Practitioner
			err := q.QueryRowContext(ctx, `SELECT id, display_name, title, speciality, colour, active FROM practitioners WHERE id = ?`, id).
				Scan(&p.ID, &p.DisplayName, &p.Title, &p.Speciality, &p.Colour, &p.Active)
			return &p, err
		},
	},
	"clinical_notes": {
		name:  "clinical_notes",
		blank: func() Record { return &Note{} },
		load: func(ctx context.Context, q querier, id string) (Record, error) {
			var n Note
			var at int64
			err := q.QueryRowContext(ctx, `SELECT id, patient_id, author, written_utc, text, COALESCE(amends, '') FROM clinical_notes WHERE id = ?`, id).
				Scan(&n.ID, &n.PatientID, &n.Author, &at, &n.Text, &n.Amends)
			n.Written = time.Unix(at, 0).UTC()
			return &n, err
		},
		appendOnly: true,
	},
}

// syncLocalTables never travel as field changes: a device's own row
// (its key and series letter) is exchanged when it joins the practice.
var syncLocalTables = map[string]bool{"devices": true}

// travels reports whether a change of table.field goes into change files.
func travels(table, field string) bool {
	if syncLocalTables[table] {
		return false
	}
	t, ok := syncTables[table]
	return !ok || !slices.Contains(t.derived, field)
}

// registerSyncTables adds tables to syncTables, with their columns: the
// tables of each part of the practice's data are registered from a file
// of their own (sync_tables_clinical.go, sync_tables_billing.go), in an
// init function, which runs after syncColumnsOf is made.
func registerSyncTables(ts ...syncTable) {
	for _, t := range ts {
		if _, dup := syncTables[t.name]; dup {
			panic("sync table registered twice: " + t.name)
		}
		syncTables[t.name] = t
		syncColumnsOf[t.name] = columnsOf(t)
	}
}

// syncColumns are the columns of a table a change file may set: the
// record's columns but the derived ones, and the tombstone. Worked out
// once, when the table is registered: applying asks for every change.
func (t syncTable) syncColumns() map[string]bool { return syncColumnsOf[t.name] }

var syncColumnsOf = func() map[string]map[string]bool {
	out := map[string]map[string]bool{}
	for name, t := range syncTables {
		out[name] = columnsOf(t)
	}
	return out
}()

func columnsOf(t syncTable) map[string]bool {
	cols := map[string]bool{"deleted": true}
	for _, c := range t.blank().row().cols {
		if !slices.Contains(t.derived, c) {
			cols[c] = true
		}
	}
	return cols
}
