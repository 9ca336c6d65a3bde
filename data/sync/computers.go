package sync

import (
	"context"
	"sort"
	"time"

	"frontdesk/data"
)

// Computer is one computer of the practice as Settings → Sync lists it.
type Computer struct {
	ID     string
	Series string
	Name   string
	// LastSeen is when it last synced, from its record in the folder;
	// zero when its record has not arrived or could not be read.
	LastSeen time.Time
	Retired  bool
	This     bool // the computer this data folder is
}

// Computers lists the practice's computers: those st has recorded and
// those whose records are in the folder, by series letter. When the
// folder cannot be read (a USB stick not plugged in) the computers st
// knows are returned with the folder's error.
func Computers(ctx context.Context, st *data.Store, f Folder) ([]Computer, error) {
	known, err := st.Devices(ctx)
	if err != nil {
		return nil, err
	}
	me := st.Device()
	byID := map[string]*Computer{}
	add := func(id, series, name string) *Computer {
		c := byID[id]
		if c == nil {
			c = &Computer{ID: id, This: id == me.ID}
			byID[id] = c
		}
		c.Series, c.Name = series, name
		return c
	}
	for _, d := range known {
		add(d.ID, d.Series, d.Name)
	}
	add(me.ID, me.Series, me.Name)
	records, _, ferr := f.readRecords()
	if ferr == nil {
		retired := retiredSet(records)
		for id, r := range records {
			add(id, r.Series, r.Name).LastSeen = r.At
		}
		for id := range retired {
			if c := byID[id]; c != nil {
				c.Retired = true
			}
		}
	}
	out := make([]Computer, 0, len(byID))
	for _, c := range byID {
		out = append(out, *c)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Series != out[j].Series {
			return out[i].Series < out[j].Series
		}
		return out[i].ID < out[j].ID
	})
	return out, ferr
}
