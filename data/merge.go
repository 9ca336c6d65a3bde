package data

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"frontdesk/data/i18n"
)

// Merge states.
const (
	MergePending   = "pending"   // done, and can still be undone
	MergeConfirmed = "confirmed" // final
	MergeUndone    = "undone"
)

// mergeStates name the states in messages ("This merge is confirmed").
var mergeStates = map[string]i18n.Key{
	MergePending:   "merge.state.pending",
	MergeConfirmed: "merge.state.confirmed",
	MergeUndone:    "merge.state.undone",
}

// Merge records that a duplicate patient file was merged into a
// survivor. The duplicate stays, marked as merged; what may change
// (appointments and their series, waitlist entries, recalls, allergies,
// medications, problems, vital signs, attachments) was re-linked to the survivor and is listed in Moved, so
// that the merge can be undone exactly while it is pending; what may not
// change (clinical notes) stays on the duplicate and is shown under the
// survivor through the merge link.
type Merge struct {
	ID          string
	SurvivorID  string
	DuplicateID string
	Merged      time.Time // UTC
	MergedBy    string
	State       string
	Moved       []string // "table:id"
}

// Validate checks the fields.
func (m *Merge) Validate() error {
	var p Problems
	if m.SurvivorID == "" || m.DuplicateID == "" || m.SurvivorID == m.DuplicateID {
		p.Report("", "merge.problem.patients")
	}
	if !oneOf(m.State, []string{MergePending, MergeConfirmed, MergeUndone}) {
		p.Report("", "merge.problem.state", "Text", clip(m.State))
	}
	return p.Err()
}

func (m *Merge) row() row {
	moved, _ := json.Marshal(append([]string{}, m.Moved...))
	return row{"patient_merges", &m.ID,
		[]string{"survivor_id", "duplicate_id", "merged_utc", "merged_by", "state", "moved"},
		[]any{m.SurvivorID, m.DuplicateID, m.Merged.Unix(), m.MergedBy, m.State, string(moved)}}
}

// relinkTables are the tables whose rows follow a merge, in the order
// they are moved.
var relinkTables = []string{"appointments", "appointment_series", "waitlist", "recalls",
	"allergies", "medications", "problems", "vital_signs", "attachments", "letters", "calls"}

// movedCounts count the moved rows of each table in messages.
var movedCounts = map[string]i18n.Key{
	"appointments":       "merge.moved.appointments",
	"appointment_series": "merge.moved.series",
	"waitlist":           "merge.moved.waitlist",
	"recalls":            "merge.moved.recalls",
	"allergies":          "merge.moved.allergies",
	"medications":        "merge.moved.medications",
	"problems":           "merge.moved.problems",
	"vital_signs":        "merge.moved.vitals",
	"attachments":        "merge.moved.attachments",
	"letters":            "merge.moved.letters",
	"calls":              "merge.moved.calls",
}

// MergePatients merges the duplicate into the survivor, in the
// transaction: the rows that may change are re-linked one by one through
// Save (each an audited update with its change records), the duplicate
// is marked as merged, and the merge is recorded and audited on both
// patients. It stays undoable until ConfirmMerge.
func (tx *Tx) MergePatients(survivorID, duplicateID string) (Merge, error) {
	if survivorID == duplicateID {
		return Merge{}, NewError(EInvalid, "merge.error.self")
	}
	surv, err := loadPatient(tx.ctx, tx.tx, survivorID)
	if err != nil {
		return Merge{}, err
	}
	dup, err := loadPatient(tx.ctx, tx.tx, duplicateID)
	if err != nil {
		return Merge{}, err
	}
	if surv.MergedInto != "" {
		return Merge{}, NewError(EConflict, "merge.error.survivor_merged", "Name", surv.FullName(), "Chart", surv.ChartNumber)
	}
	if dup.MergedInto != "" {
		return Merge{}, NewError(EConflict, "merge.error.already_merged", "Name", dup.FullName(), "Chart", dup.ChartNumber)
	}
	m := Merge{SurvivorID: survivorID, DuplicateID: duplicateID, Merged: tx.now.Truncate(time.Second),
		MergedBy: tx.s.User(), State: MergePending}
	// Merging needs the right to change patients; the rows it moves
	// (clinical ones too) only change hands, so it moves them itself.
	if err := tx.mayWrite("patient_merges"); err != nil {
		return Merge{}, err
	}
	tx.trusted = true
	defer func() { tx.trusted = false }()
	for _, table := range relinkTables {
		ids, err := tx.idsOf(table, duplicateID)
		if err != nil {
			return Merge{}, err
		}
		for _, id := range ids {
			ok, err := tx.relink(table, id, duplicateID, survivorID)
			if err != nil {
				return Merge{}, err
			}
			if ok {
				m.Moved = append(m.Moved, table+":"+id)
			}
		}
	}
	dup.MergedInto = survivorID
	if err := tx.Save(&dup); err != nil {
		return Merge{}, err
	}
	if err := tx.Save(&m); err != nil {
		return Merge{}, err
	}
	moved := movedSummary(m.Moved)
	if err := tx.Audit("merge", "patients", survivorID, fmt.Sprintf("merged %s (%s) into this file; moved: %s", dup.FullName(), dup.ChartNumber, moved)); err != nil {
		return Merge{}, err
	}
	if err := tx.Audit("merge", "patients", duplicateID, fmt.Sprintf("merged into %s (%s); moved: %s", surv.FullName(), surv.ChartNumber, moved)); err != nil {
		return Merge{}, err
	}
	return m, nil
}

// movedSummary writes "3 appointments, 1 allergy" or "nothing", in
// English, for the audit log.
func movedSummary(moved []string) string {
	parts := movedMessages(moved)
	words := make([]string, len(parts))
	for i, m := range parts {
		words[i] = m.Error()
	}
	return strings.Join(words, ", ")
}

// movedMessages count what a merge moved, table by table: "3
// appointments", "1 allergy"; "nothing" when it moved nothing.
func movedMessages(moved []string) []i18n.Message {
	count := map[string]int{}
	for _, m := range moved {
		t, _, _ := strings.Cut(m, ":")
		count[t]++
	}
	var parts []i18n.Message
	for _, t := range relinkTables {
		if n := count[t]; n > 0 {
			parts = append(parts, i18n.MsgN(movedCounts[t], n))
		}
	}
	if len(parts) == 0 {
		return []i18n.Message{i18n.Msg("merge.moved.nothing")}
	}
	return parts
}

// MovedSummary says what a merge moved, as a list of counts a localizer
// writes joined by commas ("3 appointments, 1 allergy").
func (m Merge) MovedSummary() []i18n.Message { return movedMessages(m.Moved) }

// idsOf lists the live rows of a table that belong to a patient. The
// rows are read to the end before anything is written (one connection).
func (tx *Tx) idsOf(table, patientID string) ([]string, error) {
	op := "listing the " + table + " to move in a merge"
	rows, err := tx.tx.QueryContext(tx.ctx, "SELECT id FROM "+table+" WHERE patient_id = ? AND deleted = 0 ORDER BY id", patientID)
	if err != nil {
		return nil, sqlErr(op, err)
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, sqlErr(op, err)
		}
		ids = append(ids, id)
	}
	return ids, sqlErr(op, rows.Err())
}

// relink moves one row from patient from to patient to through Save. It
// reports false, without error, when the row is gone or no longer
// belongs to from (undo after it was moved again).
func (tx *Tx) relink(table, id, from, to string) (bool, error) {
	var rec Record
	var owner *string
	switch table {
	case "appointments":
		a, err := loadAppointmentForUpdate(tx.ctx, tx.tx, id)
		if err != nil {
			return false, ignoreNotFound(err)
		}
		rec, owner = &a, &a.PatientID
	case "appointment_series":
		sr, err := tx.Series(id)
		if err != nil {
			return false, ignoreNotFound(err)
		}
		rec, owner = &sr, &sr.PatientID
	case "waitlist":
		e, err := tx.WaitlistEntry(id)
		if err != nil {
			return false, ignoreNotFound(err)
		}
		rec, owner = &e, &e.PatientID
	case "recalls":
		r, err := loadRecallForUpdate(tx.ctx, tx.tx, id)
		if err != nil {
			return false, ignoreNotFound(err)
		}
		rec, owner = &r, &r.PatientID
	case "allergies":
		a, err := loadAllergy(tx.ctx, tx.tx, id)
		if err != nil {
			return false, ignoreNotFound(err)
		}
		rec, owner = &a, &a.PatientID
	case "medications":
		m, err := loadMedication(tx.ctx, tx.tx, id)
		if err != nil {
			return false, ignoreNotFound(err)
		}
		rec, owner = &m, &m.PatientID
	case "problems":
		pb, err := loadProblem(tx.ctx, tx.tx, id)
		if err != nil {
			return false, ignoreNotFound(err)
		}
		rec, owner = &pb, &pb.PatientID
	case "vital_signs":
		v, err := loadVital(tx.ctx, tx.tx, id)
		if err != nil {
			return false, ignoreNotFound(err)
		}
		rec, owner = &v, &v.PatientID
	case "attachments":
		a, err := loadAttachment(tx.ctx, tx.tx, id)
		if err != nil {
			return false, ignoreNotFound(err)
		}
		rec, owner = &a, &a.PatientID
	case "letters": // a sent letter too: it went to the same person
		lt, err := scanLetter(tx.tx.QueryRowContext(tx.ctx, `SELECT `+letterColumns+` FROM letters l WHERE l.id = ? AND l.deleted = 0`, id))
		if err != nil {
			return false, ignoreNoRows(err)
		}
		rec, owner = &lt, &lt.PatientID
	case "calls":
		c, err := loadCall(tx.ctx, tx.tx, id)
		if err != nil {
			return false, ignoreNotFound(err)
		}
		rec, owner = &c, &c.PatientID
	default:
		return false, fmt.Errorf("merge: unknown table %s", table)
	}
	if *owner != from {
		return false, nil
	}
	*owner = to
	if err := tx.Save(rec); err != nil {
		return false, err
	}
	return true, nil
}

func ignoreNoRows(err error) error {
	if isNoRows(err) {
		return nil
	}
	return sqlErr("reading a letter to move", err)
}

func ignoreNotFound(err error) error {
	if ErrorCode(err) == ENotFound {
		return nil
	}
	return err
}

func loadMerge(ctx context.Context, q querier, id string) (Merge, error) {
	list, err := scanMerges(ctx, q, `SELECT id, survivor_id, duplicate_id, merged_utc, merged_by, state, moved
		FROM patient_merges WHERE id = ? AND deleted = 0`, id)
	if err != nil {
		return Merge{}, err
	}
	if len(list) == 0 {
		return Merge{}, NewError(ENotFound, "merge.error.gone")
	}
	return list[0], nil
}

func scanMerges(ctx context.Context, q querier, query string, args ...any) ([]Merge, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, sqlErr("reading merges", err)
	}
	defer rows.Close()
	var out []Merge
	for rows.Next() {
		var m Merge
		var at int64
		var moved string
		if err := rows.Scan(&m.ID, &m.SurvivorID, &m.DuplicateID, &at, &m.MergedBy, &m.State, &moved); err != nil {
			return nil, sqlErr("reading merges", err)
		}
		m.Merged = time.Unix(at, 0).UTC()
		if err := json.Unmarshal([]byte(moved), &m.Moved); err != nil {
			return nil, NewError(EDamaged, "merge.error.damaged")
		}
		out = append(out, m)
	}
	return out, sqlErr("reading merges", rows.Err())
}

// UndoMerge takes back a pending merge: the moved rows that still belong
// to the survivor go back to the duplicate, which is a file of its own
// again; so do the rows other computers moved for this merge when it
// reached them (sync_merge.go). Rows added to the survivor since the
// merge stay there.
func (tx *Tx) UndoMerge(mergeID string) error {
	m, err := loadMerge(tx.ctx, tx.tx, mergeID)
	if err != nil {
		return err
	}
	if m.State != MergePending {
		return NewError(EConflict, "merge.error.cannot_undo", "State", mergeStates[m.State])
	}
	if _, err := loadPatient(tx.ctx, tx.tx, m.DuplicateID); err != nil {
		return err
	}
	if err := tx.mayWrite("patient_merges"); err != nil {
		return err
	}
	return tx.undoMerge(m, "undid")
}

// undoMerge undoes m whatever its state, and whether or not its
// duplicate was deleted since; why starts the audit's detail.
func (tx *Tx) undoMerge(m Merge, why string) error {
	dup, err := scanPatient(tx.tx.QueryRowContext(tx.ctx, `SELECT `+patientColumns+` FROM patients WHERE id = ?`, m.DuplicateID))
	if err != nil {
		return sqlErr("reading the duplicate file of a merge to undo", err)
	}
	trusted := tx.trusted
	tx.trusted = true
	defer func() { tx.trusted = trusted }()
	back := 0
	for _, mv := range m.Moved {
		table, id, _ := strings.Cut(mv, ":")
		ok, err := tx.relink(table, id, m.SurvivorID, m.DuplicateID)
		if err != nil {
			return err
		}
		if ok {
			back++
		}
	}
	dup.MergedInto = ""
	if err := tx.Save(&dup); err != nil {
		return err
	}
	m.State = MergeUndone
	if err := tx.Save(&m); err != nil {
		return err
	}
	// Every move this device has was made before this undo.
	more, err := tx.moveBack(m.SurvivorID, m.DuplicateID, afterEveryStamp)
	if err != nil {
		return err
	}
	detail := mergeUndoDetail(dup, back+more, len(m.Moved)+more, why)
	if err := tx.Audit("unmerge", "patients", m.SurvivorID, detail); err != nil {
		return err
	}
	return tx.Audit("unmerge", "patients", m.DuplicateID, detail)
}

// ConfirmMerge makes a pending merge final.
func (tx *Tx) ConfirmMerge(mergeID string) error {
	m, err := loadMerge(tx.ctx, tx.tx, mergeID)
	if err != nil {
		return err
	}
	if m.State != MergePending {
		return NewError(EConflict, "merge.error.already", "State", mergeStates[m.State])
	}
	m.State = MergeConfirmed
	if err := tx.Save(&m); err != nil {
		return err
	}
	return tx.Audit("merge-confirm", "patients", m.SurvivorID, "confirmed the merge of "+m.DuplicateID)
}

// MergeView is a merge with the names of both files.
type MergeView struct {
	Merge
	Survivor, Duplicate PatientHit
}

// MergesOf lists the merges a patient took part in (as survivor or as
// duplicate) that were not undone, newest first.
func (s *Store) MergesOf(ctx context.Context, patientID string) ([]MergeView, error) {
	return mergesOf(ctx, cached{s}, patientID)
}

func mergesOf(ctx context.Context, q querier, patientID string) ([]MergeView, error) {
	list, err := scanMerges(ctx, q, `SELECT id, survivor_id, duplicate_id, merged_utc, merged_by, state, moved
		FROM patient_merges WHERE (survivor_id = ?1 OR duplicate_id = ?1) AND state <> 'undone' AND deleted = 0
		ORDER BY merged_utc DESC, id DESC`, patientID)
	if err != nil {
		return nil, err
	}
	out := make([]MergeView, 0, len(list))
	for _, m := range list {
		v := MergeView{Merge: m}
		for _, p := range []struct {
			id  string
			dst *PatientHit
		}{{m.SurvivorID, &v.Survivor}, {m.DuplicateID, &v.Duplicate}} {
			hits, err := scanHits(ctx, q, `SELECT `+hitColumns+` FROM patients p WHERE p.id = ?`, Now().Unix(), p.id)
			if err != nil {
				return nil, err
			}
			if len(hits) == 1 {
				*p.dst = hits[0]
			}
		}
		out = append(out, v)
	}
	return out, nil
}
