package ui

import (
	"sort"
	"strings"

	"frontdesk/data"
	"frontdesk/data/i18n"
)

// This file holds the pure part of the calendar: what each column shows
// and where each appointment goes. No widgets, so it is tested alone.

// block is a period of a column's day, in wall minutes.
type block struct{ start, end data.WallTime }

// gridColumn is one column of the time grid: a practitioner's day (day
// view) or one day of a practitioner's week (week view).
type gridColumn struct {
	PractitionerID string
	Day            data.Date
	Title          string
	Subtitle       string
	Work           []block // working hours; the rest of the day is shaded
	Off            string  // non-empty: the whole day is blocked out, with this label
	OffID          string
	Appts          []data.AppointmentView
	// Short is the title of the column when it is narrow: the family
	// name, or the weekday and day of the month.
	Short string
}

// narrow reports whether the column needs little room: nobody to see
// that day (a day off, or no working hours) and nothing booked.
func (c gridColumn) narrow() bool {
	return len(c.Appts) == 0 && (c.Off != "" || len(c.Work) == 0)
}

// shortName is the last word of a practitioner's name: "Weber" of
// "Dr Anna Weber", for a narrow column's title.
func shortName(display string) string {
	f := strings.Fields(display)
	if len(f) == 0 {
		return display
	}
	return f[len(f)-1]
}

// colSpan is where a column lies across the grid, gutter included.
type colSpan struct{ x, w float32 }

// Widths of the columns: a narrow one takes narrowColW; the others
// share what is left, at least gridMinColW each.
const narrowColW = 100

// columnSpans lays the columns out across width: narrow columns at
// narrowColW, the others sharing the rest equally, so that a
// practitioner off all day does not take the room of a busy one.
func columnSpans(cols []gridColumn, width float32) []colSpan {
	out := make([]colSpan, len(cols))
	nNarrow := 0
	for _, c := range cols {
		if c.narrow() {
			nNarrow++
		}
	}
	nWide := len(cols) - nNarrow
	wide := float32(0)
	if nWide > 0 {
		wide = max(gridMinColW, (width-gridGutter-float32(nNarrow)*narrowColW)/float32(nWide))
	}
	narrow := float32(narrowColW)
	if nWide == 0 && len(cols) > 0 { // nothing but days off: they share the width
		narrow = max(narrowColW, (width-gridGutter)/float32(len(cols)))
	}
	x := float32(gridGutter)
	for i, c := range cols {
		w := wide
		if c.narrow() {
			w = narrow
		}
		out[i] = colSpan{x, w}
		x += w
	}
	return out
}

// workBlocks turns a practitioner's weekly hours into the blocks of one day.
func workBlocks(hours []data.WorkingHours, d data.Date) []block {
	var out []block
	for _, h := range hours {
		if h.Weekday == int(d.Weekday()) {
			out = append(out, block{h.Start, h.End})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].start < out[j].start })
	return out
}

// blocksText writes blocks as "08:00–12:00, 14:00–18:00".
func blocksText(bs []block) string {
	parts := make([]string, len(bs))
	for i, b := range bs {
		parts[i] = timeRange(b.start, b.end)
	}
	return strings.Join(parts, ", ")
}

// offLabel is how a day off reads in its column: "Leave: Brittany".
func offLabel(w words, o data.DayOff) string {
	kind := i18n.Title(w.T(o.KindKey()))
	if o.Reason != "" {
		return w.T("day_off.with_reason", "Kind", kind, "Reason", o.Reason)
	}
	return kind
}

// laneOf places an appointment side by side with those it overlaps.
type laneOf struct {
	lane, lanes int
	double      bool // it overlaps another appointment that holds its time
	// aside: a cancelled appointment beside live ones, drawn in the narrow
	// lane at the column's right edge; squeezed: a live one that leaves
	// that lane free. Live bookings keep (nearly) the whole width.
	aside, squeezed bool
}

// asideLaneW is the width of the lane of cancelled appointments.
const asideLaneW = 26

// laneSpan is where an appointment goes across a column of width cw:
// its offset from the column's left edge and its width.
func laneSpan(pl laneOf, cw float32) (x, w float32) {
	strip := min(asideLaneW, cw/4)
	lanes := float32(max(1, pl.lanes))
	if pl.aside {
		lw := strip / lanes
		return cw - 2 - strip + float32(pl.lane)*lw, lw - 1
	}
	avail := cw - 4
	if pl.squeezed {
		avail -= strip + 1
	}
	lw := avail / lanes
	return 2 + float32(pl.lane)*lw, lw - 2
}

// placeLanes gives each appointment of a column (sorted by start) a lane,
// so that overlapping appointments are drawn side by side and none hides
// another. Appointments that overlap directly or through a chain form a
// cluster; each takes the first lane free at its start, and the whole
// cluster shares the width by its number of lanes. Touching appointments
// (10:00–10:30, 10:30–11:00) do not overlap. A cancelled appointment
// that overlaps a live one (or one already set aside) does not take a
// share of the width: it goes into the narrow lane aside.
func placeLanes(appts []data.AppointmentView) []laneOf {
	out := make([]laneOf, len(appts))
	overlap := func(a, b data.AppointmentView) bool { return a.Start < b.End && b.Start < a.End }
	aside := make([]bool, len(appts))
	for changed := true; changed; {
		changed = false
		for i, a := range appts {
			if aside[i] || a.Status != data.StatusCancelled {
				continue
			}
			for j, b := range appts {
				if i != j && overlap(a, b) && (b.Status != data.StatusCancelled || aside[j]) {
					aside[i], changed = true, true
					break
				}
			}
		}
	}
	var main, side []int
	for i := range appts {
		if aside[i] {
			side = append(side, i)
		} else {
			main = append(main, i)
		}
	}
	assignLanes(appts, main, out)
	assignLanes(appts, side, out)
	for _, i := range side {
		out[i].aside = true
		for _, j := range main {
			if overlap(appts[i], appts[j]) {
				out[j].squeezed = true
			}
		}
	}
	// A double booking is an overlap of two appointments that both hold
	// their time; a cancelled one drawn beside its replacement is not.
	for i, a := range appts {
		if !holdsTime(a.Status) {
			continue
		}
		for j, b := range appts {
			if i != j && holdsTime(b.Status) && overlap(a, b) {
				out[i].double = true
				break
			}
		}
	}
	return out
}

// assignLanes places the appointments idx of appts into lanes by
// clusters (see placeLanes), writing lane and lanes into out.
func assignLanes(appts []data.AppointmentView, idx []int, out []laneOf) {
	sort.SliceStable(idx, func(a, b int) bool {
		x, y := appts[idx[a]], appts[idx[b]]
		return x.Start < y.Start || x.Start == y.Start && x.End > y.End
	})
	var cluster []int
	var laneEnds []data.WallTime
	clusterEnd := data.WallTime(-1)
	flush := func() {
		for _, i := range cluster {
			out[i].lanes = len(laneEnds)
		}
		cluster, laneEnds = cluster[:0], laneEnds[:0]
	}
	for _, i := range idx {
		a := appts[i]
		if a.Start >= clusterEnd {
			flush()
		}
		lane := -1
		for l, end := range laneEnds {
			if end <= a.Start {
				lane = l
				break
			}
		}
		if lane < 0 {
			lane = len(laneEnds)
			laneEnds = append(laneEnds, 0)
		}
		laneEnds[lane] = a.End
		out[i].lane = lane
		cluster = append(cluster, i)
		clusterEnd = max(clusterEnd, a.End)
	}
	flush()
}

func holdsTime(status string) bool {
	return status != data.StatusCancelled && status != data.StatusNoShow
}

// visibleAppts drops cancelled appointments unless they are shown.
func visibleAppts(appts []data.AppointmentView, showCancelled bool) []data.AppointmentView {
	if showCancelled {
		return appts
	}
	out := make([]data.AppointmentView, 0, len(appts))
	for _, a := range appts {
		if a.Status != data.StatusCancelled {
			out = append(out, a)
		}
	}
	return out
}

// gridRange is the part of the day the grid shows: whole hours from the
// earliest working hour or appointment to the latest, 07:00–19:00 at least.
func gridRange(cols []gridColumn) (data.WallTime, data.WallTime) {
	from, to := data.WallTime(7*60), data.WallTime(19*60)
	for _, c := range cols {
		for _, b := range c.Work {
			from, to = min(from, b.start), max(to, b.end)
		}
		for _, a := range c.Appts {
			from, to = min(from, a.Start), max(to, a.End)
		}
	}
	return from / 60 * 60, min((to+59)/60*60, 24*60)
}

// slotAt rounds a wall time down onto the quarter hour a tap means.
func slotAt(w data.WallTime) data.WallTime {
	return w / 15 * 15
}
