package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"frontdesk/data"
)

func av(id string, start, end data.WallTime, status string) data.AppointmentView {
	return data.AppointmentView{Appointment: data.Appointment{ID: id, Start: start, End: end, Status: status}}
}

func TestPlaceLanes(t *testing.T) {
	appts := []data.AppointmentView{
		av("a", 600, 630, data.StatusBooked),    // 10:00–10:30
		av("b", 630, 660, data.StatusBooked),    // touches a: same lane, no overlap
		av("c", 615, 645, data.StatusBooked),    // overlaps a and b
		av("d", 700, 720, data.StatusBooked),    // alone
		av("e", 700, 720, data.StatusCancelled), // aside d, not a double booking
	}
	got := placeLanes(appts)
	want := []laneOf{{lane: 0, lanes: 2, double: true}, {lane: 0, lanes: 2, double: true}, {lane: 1, lanes: 2, double: true},
		{lane: 0, lanes: 1, squeezed: true}, {lane: 0, lanes: 1, aside: true}}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("%s: %+v, want %+v", appts[i].ID, got[i], want[i])
		}
	}
	// Three at once take three lanes; nothing is hidden.
	three := []data.AppointmentView{av("x", 540, 600, "booked"), av("y", 550, 560, "booked"), av("z", 555, 570, "booked")}
	lanes := map[int]bool{}
	for _, l := range placeLanes(three) {
		lanes[l.lane] = true
		if l.lanes != 3 {
			t.Errorf("three overlapping: %+v", l)
		}
	}
	if len(lanes) != 3 {
		t.Errorf("three overlapping share lanes: %v", lanes)
	}
	// Touching only: one lane each cluster, no double.
	touch := placeLanes([]data.AppointmentView{av("p", 600, 630, "booked"), av("q", 630, 660, "booked")})
	if touch[0] != (laneOf{lane: 0, lanes: 1}) || touch[1] != (laneOf{lane: 0, lanes: 1}) {
		t.Errorf("touching: %+v", touch)
	}
}

func TestBuildDayColumns(t *testing.T) {
	day := data.Date{Year: 2026, Month: 11, Day: 25} // a Wednesday
	refs := bookingRefs{
		Practitioners: []data.Practitioner{
			{ID: "a", DisplayName: "Dr A", Active: true},
			{ID: "b", DisplayName: "Dr B", Active: false},
			{ID: "c", DisplayName: "Dr C", Active: false},
			{ID: "d", DisplayName: "Dr D", Active: true},
		},
		Hours: map[string][]data.WorkingHours{"a": {{Weekday: 3, Start: 840, End: 1080}, {Weekday: 3, Start: 480, End: 720}}},
	}
	offs := []data.DayOff{{ID: "o", PractitionerID: "d", First: day, Last: day.AddDays(2), Kind: data.OffLeave, Reason: "Brittany"}}
	appts := []data.AppointmentView{
		{Appointment: data.Appointment{PractitionerID: "a", Status: data.StatusBooked}},
		{Appointment: data.Appointment{PractitionerID: "c", Status: data.StatusCancelled}},
		{Appointment: data.Appointment{PractitionerID: "gone", Status: data.StatusDone}, PractitionerName: "Dr Gone"},
	}
	dd := buildDay(englishWords, refs, offs, appts, day, nil)
	var names []string
	for _, c := range dd.Columns {
		names = append(names, c.Title)
	}
	if got := strings.Join(names, ","); got != "Dr A,Dr C,Dr D,Dr Gone" {
		t.Fatalf("columns = %s (inactive Dr B has nothing that day)", got)
	}
	if dd.Columns[0].Subtitle != "08:00–12:00, 14:00–18:00" || len(dd.Columns[0].Work) != 2 || dd.Columns[0].Work[0].start != 480 {
		t.Errorf("working hours, in order: %+v", dd.Columns[0])
	}
	if !strings.HasPrefix(dd.Columns[1].Subtitle, "inactive") || dd.Columns[2].Off != "Leave: Brittany" || dd.Columns[2].OffID != "o" {
		t.Errorf("inactive and day off: %+v %+v", dd.Columns[1], dd.Columns[2])
	}
	if dd.Booked != 2 || dd.Cancelled != 1 {
		t.Errorf("counts: %d booked, %d cancelled", dd.Booked, dd.Cancelled)
	}
}

func TestBuildWeek(t *testing.T) {
	mon := data.Date{Year: 2026, Month: 11, Day: 23}
	refs := bookingRefs{Hours: map[string][]data.WorkingHours{"a": {{Weekday: 1, Start: 480, End: 720}, {Weekday: 6, Start: 540, End: 720}}}}
	appts := []data.AppointmentView{{Appointment: data.Appointment{PractitionerID: "a", Day: mon.AddDays(2), Status: data.StatusBooked}}}
	dd := buildWeek(englishWords, refs, "a", mon, nil, appts)
	// Monday to Saturday (worked); Sunday is neither worked nor booked.
	if len(dd.Columns) != 6 || dd.Columns[0].Title != "Mon 23/11/2026" || dd.Columns[5].Title != "Sat 28/11/2026" {
		t.Fatalf("columns %+v", dd.Columns)
	}
	if dd.Columns[1].Subtitle != "Not working" || len(dd.Columns[2].Appts) != 1 {
		t.Errorf("Tuesday %+v, Wednesday %+v", dd.Columns[1], dd.Columns[2])
	}
}

func TestGridRangeAndSlots(t *testing.T) {
	from, to := gridRange(nil)
	if from != 7*60 || to != 19*60 {
		t.Errorf("empty range %s–%s", from, to)
	}
	cols := []gridColumn{{Work: []block{{6*60 + 30, 12 * 60}}, Appts: []data.AppointmentView{av("a", 19*60+10, 19*60+40, "booked")}}}
	if from, to = gridRange(cols); from != 6*60 || to != 20*60 {
		t.Errorf("range %s–%s, want 06:00–20:00", from, to)
	}
	if slotAt(10*60+29) != 10*60+15 || slotAt(10*60) != 10*60 {
		t.Error("slotAt does not round down to the quarter")
	}
}

func TestWaitingBoard(t *testing.T) {
	paris, _ := data.LoadZone("Europe/Paris")
	now := time.Date(2026, 11, 25, 9, 30, 0, 0, paris)
	arrived := func(id string, at time.Time) data.AppointmentView {
		a := av(id, 9*60, 9*60+15, data.StatusArrived)
		a.PatientID = "p" + id
		a.Times.Arrived = at
		return a
	}
	appts := []data.AppointmentView{
		arrived("late", now.Add(-5*time.Minute)),
		arrived("early", now.Add(-25*time.Minute)),
		av("room", 9*60, 9*60+20, data.StatusInRoom),
		{Appointment: data.Appointment{ID: "next", PatientID: "p", Start: 10 * 60, End: 10*60 + 15, Status: data.StatusConfirmed}},
		{Appointment: data.Appointment{ID: "blocked", Start: 12 * 60, End: 13 * 60, Status: data.StatusBooked}},
		av("seen", 8*60, 8*60+15, data.StatusDone),
		av("gone", 8*60, 8*60+15, data.StatusCancelled),
	}
	w := buildWaiting(data.Date{Year: 2026, Month: 11, Day: 25}, now, appts)
	if len(w.Waiting) != 2 || w.Waiting[0].ID != "early" || len(w.InRoom) != 1 || len(w.Expected) != 1 || w.Seen != 1 {
		t.Fatalf("board %+v", w)
	}
	if got := waitedText(englishWords, w.Waiting[0], now, paris); got != "waiting 25 min (since 09:05)" {
		t.Errorf("waitedText = %q", got)
	}
	if got := englishWords.duration(95); got != "1 h 35" {
		t.Errorf("englishWords.duration(95) = %q", got)
	}
}

func TestFitText(t *testing.T) {
	s := "09:00 Jean-Baptiste Lefèvre-Gómez"
	w := fitText(s, 12, fyneStyleBold, 80)
	if !strings.HasSuffix(w, "…") || len([]rune(w)) >= len([]rune(s)) {
		t.Errorf("fitText = %q", w)
	}
	if fitText(s, 12, fyneStyleBold, 2000) != s {
		t.Error("text that fits was shortened")
	}
	if fitText(s, 12, fyneStyleBold, 0) != "" {
		t.Error("no room, yet text")
	}
}

var fyneStyleBold = fyne.TextStyle{Bold: true}

// A cancelled appointment beside live ones takes the narrow lane at the
// column's edge: the live ones keep nearly the whole width instead of
// half of it; a cancelled one alone takes the width it finds.
func TestCancelledAppointmentsGoAside(t *testing.T) {
	appts := []data.AppointmentView{
		av("live", 600, 630, data.StatusBooked),
		av("gone", 600, 620, data.StatusCancelled),
		av("gone too", 610, 640, data.StatusCancelled), // overlaps only the ones aside and the live one
		av("alone", 700, 720, data.StatusCancelled),
	}
	pl := placeLanes(appts)
	const cw = 300
	x, w := laneSpan(pl[0], cw)
	if !pl[0].squeezed || pl[0].lanes != 1 || w < cw-asideLaneW-8 || x > 4 {
		t.Errorf("the live booking: %+v at %v+%v of %v", pl[0], x, w, cw)
	}
	for _, i := range []int{1, 2} {
		x, w := laneSpan(pl[i], cw)
		if !pl[i].aside || w > asideLaneW || x < cw-asideLaneW-2 {
			t.Errorf("%s: %+v at %v+%v", appts[i].ID, pl[i], x, w)
		}
	}
	if pl[1].lane == pl[2].lane {
		t.Error("two overlapping cancelled appointments share one place aside")
	}
	if x, w := laneSpan(pl[3], cw); pl[3].aside || w < cw-8 || x > 4 {
		t.Errorf("a cancelled appointment alone: %+v at %v+%v", pl[3], x, w)
	}
}

// A practitioner off all day (or not working, with nothing booked) gets
// a narrow column; the others share the rest.
func TestColumnSpans(t *testing.T) {
	busy := gridColumn{Work: []block{{480, 720}}}
	off := gridColumn{Off: "Leave: Family leave"}
	idle := gridColumn{}
	booked := gridColumn{Off: "Leave", Appts: []data.AppointmentView{av("a", 600, 620, "booked")}}
	sp := columnSpans([]gridColumn{off, busy, idle, busy, booked}, gridGutter+1000)
	if sp[0].w != narrowColW || sp[2].w != narrowColW {
		t.Errorf("days off: %+v", sp)
	}
	wide := (1000 - 2*float32(narrowColW)) / 3
	for _, i := range []int{1, 3, 4} {
		if sp[i].w != wide {
			t.Errorf("column %d: %v wide, want %v", i, sp[i].w, wide)
		}
	}
	if end := sp[4].x + sp[4].w; sp[0].x != gridGutter || end < gridGutter+999.9 || end > gridGutter+1000.1 {
		t.Errorf("the columns do not fill the width: %+v", sp)
	}
}
