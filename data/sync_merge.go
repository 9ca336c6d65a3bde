package data

import (
	"encoding/json"
	"fmt"
	"slices"
	"sort"
)

// A merge of duplicate patient files moves the rows the merging device
// holds. Rows of the duplicate another device made while apart arrive
// later, still on the duplicate; so does a merge made elsewhere, finding
// here rows it never saw; two devices may merge, undo and confirm the
// same files while apart. followMerges settles all this when changes
// arrive, from the merge records alone, the same way on every device, so
// that the devices agree:
//
//   - a file is merged when a merge record (pending or confirmed) says
//     so, and only then: its merged_into is set from the records, which
//     travel field by field, even when two devices wrote merged_into
//     concurrently. A file merged into two others while apart keeps the
//     earlier merge (by its time, then its ID); the later is undone.
//   - two devices that merged two files into each other while apart make
//     a cycle in which both files would vanish from the lists: the later
//     merge is undone, even confirmed, on every device alike.
//   - live rows of a merged file move to its survivor (to the end of a
//     chain, D into S into T, round by round);
//   - a row a merge moved (its newest patient_id change goes from the
//     duplicate to the survivor) goes back when that merge was undone
//     after the move (the undoing device did not have that move yet) and
//     no other merge of the same two files stands. Each move gets a newer
//     clock stamp than every undo seen, so this settles: it never moves a
//     row back and forth.
//
// Each move is an ordinary Save of this device, audited and recorded as
// a change, so it travels too; two devices that make the same move write
// the same value, which is no conflict.
func (tx *Tx) followMerges() error {
	trusted := tx.trusted
	tx.trusted = true // moving rows between merged files is the merge's own right
	defer func() { tx.trusted = trusted }()
	if err := tx.settleMergedFiles(); err != nil {
		return err
	}
	if err := tx.breakMergeCycles(); err != nil {
		return err
	}
	for round := 0; round < 16; round++ {
		n, err := tx.moveToSurvivors()
		if err != nil {
			return err
		}
		if n == 0 {
			break
		}
	}
	return tx.moveBackUndone()
}

// settleMergedFiles makes every file's merged_into what the standing
// merges say, undoing all but the earliest of a file's standing merges.
func (tx *Tx) settleMergedFiles() error {
	standing, err := scanMerges(tx.ctx, tx.tx, `SELECT id, survivor_id, duplicate_id, merged_utc, merged_by, state, moved
		FROM patient_merges WHERE state <> 'undone' AND deleted = 0 ORDER BY duplicate_id, merged_utc, id`)
	if err != nil {
		return err
	}
	into := map[string]string{}
	for _, m := range standing {
		if _, taken := into[m.DuplicateID]; taken {
			if err := tx.undoMerge(m, "undid it: another computer had merged this file into another one"); err != nil {
				return err
			}
			continue
		}
		into[m.DuplicateID] = m.SurvivorID
	}
	type file struct{ id, into string }
	var wrong []file
	rows, err := tx.tx.QueryContext(tx.ctx, `SELECT id, COALESCE(merged_into, '') FROM patients WHERE merged_into IS NOT NULL
		UNION SELECT DISTINCT duplicate_id, '' FROM patient_merges p WHERE state <> 'undone' AND deleted = 0
			AND NOT EXISTS (SELECT 1 FROM patients WHERE id = p.duplicate_id AND merged_into = p.survivor_id)`)
	if err != nil {
		return sqlErr("reading the merged patient files", err)
	}
	seen := map[string]bool{}
	for rows.Next() {
		var f file
		if err := rows.Scan(&f.id, &f.into); err != nil {
			rows.Close()
			return sqlErr("reading the merged patient files", err)
		}
		if !seen[f.id] && into[f.id] != f.into {
			wrong = append(wrong, f)
		}
		seen[f.id] = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return sqlErr("reading the merged patient files", err)
	}
	for _, f := range wrong {
		pt, err := scanPatient(tx.tx.QueryRowContext(tx.ctx, `SELECT `+patientColumns+` FROM patients WHERE id = ?`, f.id))
		if err != nil {
			return sqlErr("reading a merged patient file", err)
		}
		if pt.MergedInto == into[f.id] {
			continue
		}
		pt.MergedInto = into[f.id]
		if err := tx.Save(&pt); err != nil {
			return err
		}
	}
	return nil
}

// followsMerges says whether the rows a change set wrote may need
// followMerges: rows that follow a merge, patients, or merges.
func followsMerges(rows []*rowChanges) bool {
	for _, rc := range rows {
		if rc.table == "patients" || rc.table == "patient_merges" || slices.Contains(relinkTables, rc.table) {
			return true
		}
	}
	return false
}

// moveToSurvivors moves the live rows of merged files one step, to the
// file each was merged into, and counts them.
func (tx *Tx) moveToSurvivors() (int, error) {
	n := 0
	for _, table := range relinkTables {
		type move struct{ id, from, to string }
		var moves []move
		op := "finding the " + table + " of merged patient files"
		rows, err := tx.tx.QueryContext(tx.ctx, `SELECT t.id, p.id, p.merged_into FROM patients p
			JOIN `+table+` t ON t.patient_id = p.id WHERE p.merged_into IS NOT NULL AND t.deleted = 0 ORDER BY t.id`)
		if err != nil {
			return 0, sqlErr(op, err)
		}
		for rows.Next() {
			var m move
			if err := rows.Scan(&m.id, &m.from, &m.to); err != nil {
				rows.Close()
				return 0, sqlErr(op, err)
			}
			moves = append(moves, m)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return 0, sqlErr(op, err)
		}
		for _, m := range moves {
			ok, err := tx.relink(table, m.id, m.from, m.to)
			if err != nil {
				return 0, err
			}
			if ok {
				n++
			}
		}
	}
	return n, nil
}

// moveBackUndone returns to the duplicate the rows any device moved to
// the survivor for a merge that was undone after the move.
func (tx *Tx) moveBackUndone() error {
	undone, err := scanMerges(tx.ctx, tx.tx, `SELECT m.id, m.survivor_id, m.duplicate_id, m.merged_utc, m.merged_by, m.state, m.moved
		FROM patient_merges m JOIN patients d ON d.id = m.duplicate_id
		WHERE m.state = 'undone' AND m.deleted = 0 AND d.merged_into IS NULL
		AND NOT EXISTS (SELECT 1 FROM patient_merges o WHERE o.duplicate_id = m.duplicate_id AND o.survivor_id = m.survivor_id
			AND o.state <> 'undone' AND o.deleted = 0)
		ORDER BY m.id`)
	if err != nil {
		return err
	}
	for _, m := range undone {
		var undoneAt string
		err := tx.tx.QueryRowContext(tx.ctx, `SELECT MAX(hlc) FROM changes WHERE tbl = 'patient_merges' AND row_id = ? AND field = 'state' AND new = '"undone"'`,
			m.ID).Scan(&undoneAt)
		if err != nil {
			return sqlErr("reading when a merge was undone", err)
		}
		if _, err := tx.moveBack(m.SurvivorID, m.DuplicateID, undoneAt); err != nil {
			return err
		}
	}
	return nil
}

// afterEveryStamp sorts after every clock stamp's text.
const afterEveryStamp = "9999999999999.99999."

// moveBack moves to patient dup the live rows of surv whose newest
// change of patient_id moved them from dup to surv (a merge's move)
// with a clock stamp before the undo's, and counts them. Rows made on
// surv since stay there.
func (tx *Tx) moveBack(surv, dup, undoneAt string) (int, error) {
	from, _ := json.Marshal(dup)
	to, _ := json.Marshal(surv)
	n := 0
	for _, table := range relinkTables {
		op := "finding the " + table + " a merge moved"
		rows, err := tx.tx.QueryContext(tx.ctx, `SELECT t.id FROM `+table+` t
			JOIN changes c ON c.tbl = ? AND c.row_id = t.id AND c.field = 'patient_id'
			WHERE t.patient_id = ? AND t.deleted = 0 AND c.old = ? AND c.new = ? AND c.hlc < ?
			AND c.hlc = (SELECT MAX(hlc) FROM changes l WHERE l.tbl = c.tbl AND l.row_id = c.row_id AND l.field = 'patient_id')
			ORDER BY t.id`, table, surv, string(from), string(to), undoneAt)
		if err != nil {
			return 0, sqlErr(op, err)
		}
		var ids []string
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return 0, sqlErr(op, err)
			}
			ids = append(ids, id)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return 0, sqlErr(op, err)
		}
		for _, id := range ids {
			ok, err := tx.relink(table, id, surv, dup)
			if err != nil {
				return 0, err
			}
			if ok {
				n++
			}
		}
	}
	return n, nil
}

// breakMergeCycles undoes, in each cycle of files merged into one
// another, the latest merge that closes it.
func (tx *Tx) breakMergeCycles() error {
	into := map[string]string{}
	rows, err := tx.tx.QueryContext(tx.ctx, `SELECT id, merged_into FROM patients WHERE merged_into IS NOT NULL`)
	if err != nil {
		return sqlErr("reading the merged patient files", err)
	}
	for rows.Next() {
		var id, to string
		if err := rows.Scan(&id, &to); err != nil {
			rows.Close()
			return sqlErr("reading the merged patient files", err)
		}
		into[id] = to
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return sqlErr("reading the merged patient files", err)
	}
	starts := make([]string, 0, len(into))
	for id := range into {
		starts = append(starts, id)
	}
	sort.Strings(starts)
	for _, start := range starts {
		cycle := mergeCycle(into, start)
		if cycle == nil {
			continue
		}
		var latest *Merge
		for _, dup := range cycle {
			ms, err := scanMerges(tx.ctx, tx.tx, `SELECT id, survivor_id, duplicate_id, merged_utc, merged_by, state, moved
				FROM patient_merges WHERE duplicate_id = ? AND survivor_id = ? AND state <> 'undone' AND deleted = 0`, dup, into[dup])
			if err != nil {
				return err
			}
			for i := range ms {
				m := ms[i]
				if latest == nil || m.Merged.After(latest.Merged) || (m.Merged.Equal(latest.Merged) && m.ID > latest.ID) {
					latest = &m
				}
			}
		}
		if latest == nil {
			return Errorf(EDamaged, "Patient files %v are merged into one another without a merge record.", cycle)
		}
		if err := tx.undoMerge(*latest, "undid it: another computer had merged these files the other way"); err != nil {
			return err
		}
		delete(into, latest.DuplicateID)
	}
	return nil
}

// mergeCycle returns the files of the cycle start's chain of merges runs
// into, if it runs into one.
func mergeCycle(into map[string]string, start string) []string {
	seen := map[string]int{}
	var path []string
	for at := start; ; {
		if i, ok := seen[at]; ok {
			return path[i:]
		}
		next, ok := into[at]
		if !ok {
			return nil
		}
		seen[at] = len(path)
		path = append(path, at)
		at = next
	}
}

// mergeUndoDetail is the audit's words for an undone merge.
func mergeUndoDetail(dup Patient, back, moved int, why string) string {
	return fmt.Sprintf("%s the merge of %s (%s); %d of %d moved records went back", why, dup.FullName(), dup.ChartNumber, back, moved)
}
