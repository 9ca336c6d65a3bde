package data

import (
	"encoding/json"
	"slices"
	"strings"
)

// CreatedField is the field of the one change that records a row's
// creation. Its new value is a JSON object of the row's travelling fields
// (every column of its record but the derived ones, which every device
// computes from the others), each written as the per-field change of that
// field would write it; its old value is NULL. Later edits stay one change
// per field, since the highest clock stamp wins per field; a deletion
// stays the change of its tombstone.
//
// Creations were recorded one change per field before: a patient made
// about twenty rows of the change log, each with its own op ID and index
// entries, which was most of an import's time and of a busy day's change
// file. Change logs and change files written then keep those per-field
// creations, and applying reads both forms for good.
const CreatedField = "*"

// creation is the one change that records the creation of a row of table
// with these columns and values.
func creation(table string, cols []string, vals []any) fieldChange {
	return fieldChange{field: CreatedField, new: createdJSON(table, cols, vals), created: true}
}

// createdJSON is the value of a creation: {"column": value, …} in the
// record's column order, the derived columns left out.
func createdJSON(table string, cols []string, vals []any) json.RawMessage {
	derived := syncTables[table].derived
	var b strings.Builder
	b.WriteByte('{')
	for i, col := range cols {
		if slices.Contains(derived, col) {
			continue
		}
		if b.Len() > 1 {
			b.WriteByte(',')
		}
		b.WriteByte('"')
		b.WriteString(col) // a column name: nothing to escape
		b.WriteString(`":`)
		v, _ := json.Marshal(vals[i])
		b.Write(v)
	}
	b.WriteByte('}')
	return json.RawMessage(b.String())
}
