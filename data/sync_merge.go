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
// here rows it never saw. followMerges settles both when changes arrive,
// the same way on every device, so that the devices agree:
//
//   - live rows of a merged file move to its survivor (to the end of a
//     chain, D into S into T, round by round);
//   - rows a merge moved (a change of patient_id from the duplicate to
//     the survivor, made by any device) go back when that merge was undone
//     and no other merge of the same two files stands;
//   - two devices that merged two files into each other while apart make
//     a cycle in which both files would vanish from the lists: the later
//     merge (by its time, then its ID) is undone, even confirmed, on
//     every device alike.
//
// Each move is an ordinary Save of this device, audited and recorded as
// a change, so it travels too; two devices that make the same move write
// the same value, which is no conflict.
func (tx *Tx) followMerges() error {
	trusted := tx.trusted
	tx.trusted = true // moving rows between merged files is the merge's own right
	defer func() { tx.trusted = trusted }()
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
// the survivor for a merge that was since undone.
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
	done := map[[2]string]bool{}
	for _, m := range undone {
		pair := [2]string{m.DuplicateID, m.SurvivorID}
		if done[pair] {
			continue
		}
		done[pair] = true
		if _, err := tx.moveBack(m.SurvivorID, m.DuplicateID); err != nil {
			return err
		}
	}
	return nil
}

// moveBack moves to patient dup the live rows of surv that a merge moved
// from dup (a recorded change of their patient_id from dup to surv), and
// counts them. Rows made on surv since stay there.
func (tx *Tx) moveBack(surv, dup string) (int, error) {
	from, _ := json.Marshal(surv)
	to, _ := json.Marshal(dup)
	n := 0
	for _, table := range relinkTables {
		op := "finding the " + table + " a merge moved"
		rows, err := tx.tx.QueryContext(tx.ctx, `SELECT t.id FROM `+table+` t WHERE t.patient_id = ? AND t.deleted = 0
			AND EXISTS (SELECT 1 FROM changes c WHERE c.tbl = ? AND c.row_id = t.id AND c.field = 'patient_id' AND c.old = ? AND c.new = ?)
			ORDER BY t.id`, surv, table, string(to), string(from))
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
