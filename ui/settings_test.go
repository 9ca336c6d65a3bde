package ui

import (
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"frontdesk/data"
)

// practiceOnlyStore is a practice as the first start leaves it: the
// settings saved, no practitioner, no appointment type, no patient.
func practiceOnlyStore(t *testing.T) *data.Store {
	t.Helper()
	s := emptyStore(t)
	mustUpdate(t, s, func(tx *data.Tx) error {
		return tx.Save(&data.Practice{Name: "Cabinet Neuf", Currency: "EUR", TimeZone: "Europe/Paris", DateFormat: data.DMY})
	})
	return s
}

// modalContent is what the dialog on top shows, or nil.
func modalContent(h *harness) fyne.CanvasObject {
	if m := topModal(h.win.Canvas()); m != nil {
		return m.pop.Content
	}
	return nil
}

// settingsHarness opens Settings and waits for its lists.
func settingsHarness(t *testing.T, s *data.Store) (*harness, *settingsScreen) {
	t.Helper()
	h := newHarness(t, s)
	d := h.desk()
	test.Tap(d.rail[screenSettings])
	h.until("the settings lists are loaded", func() bool { return !d.settings.addPr.Disabled() })
	return h, d.settings
}

// hasWords is hasText for text that may be broken into lines.
func hasWords(o fyne.CanvasObject, want string) bool {
	for _, s := range texts(o) {
		if strings.Contains(strings.ReplaceAll(s, "\n", " "), want) {
			return true
		}
	}
	return false
}

// flat undoes the line breaks of a wrapped message.
func flat(s string) string { return strings.ReplaceAll(s, "\n", " ") }

// dayIndex is the row of a weekday in the hours grid (Monday first).
func dayIndex(wd int) int { return (wd + 6) % 7 }

func TestAddPractitionerOnAnEmptyPractice(t *testing.T) {
	s := practiceOnlyStore(t)
	h := newHarness(t, s)
	d := h.desk()
	c := d.calendar
	h.wait(c.load())
	if len(c.loaded.Columns) != 0 || !hasText(c.view(), noPractitionersText(englishWords)) {
		t.Fatalf("the empty calendar does not say what to do: %q", texts(c.view()))
	}
	// The booking dialog says the same instead of a form that cannot be completed.
	c.bookNow()
	h.until("the booking dialog opens", func() bool { return topModal(h.win.Canvas()) != nil })
	if !hasText(modalContent(h), noPractitionersText(englishWords)) || c.form != nil {
		t.Fatalf("the booking dialog of an empty practice shows %q", texts(modalContent(h)))
	}
	test.Tap(findButton(modalContent(h), "Open Settings"))
	if topModal(h.win.Canvas()) != nil || d.current != screenSettings {
		t.Fatalf("Open Settings from the booking dialog: dialog closed %v, screen %q", topModal(h.win.Canvas()) == nil, d.current)
	}
	// And the calendar's own button goes there too.
	test.Tap(d.rail[screenCalendar])
	h.wait(c.load())
	test.Tap(findButton(c.view(), "Open Settings"))
	if d.current != screenSettings {
		t.Fatalf("the calendar's Open Settings went to %q", d.current)
	}
	st := d.settings
	h.until("the settings lists are loaded", func() bool { return !st.addPr.Disabled() })
	if !hasText(st.view(), "No practitioners yet") || hasText(st.view(), "arrives with the booking work") {
		t.Errorf("settings of an empty practice: %q", texts(st.view()))
	}

	test.Tap(st.addPr)
	f := st.prForm
	if f == nil || !f.save.Disabled() || f.probs.Visible() {
		t.Fatalf("a new practitioner form: save disabled %v, problems shown %q", f.save.Disabled(), f.probs.Text)
	}
	test.Type(f.name, "Dr Léa Morel")
	test.Type(f.spec, "General practice")
	today := d.today()
	row := f.days[dayIndex(int(today.Weekday()))]
	test.Type(row.amFrom, "08:00")
	test.Type(row.amTo, "12:00")
	test.Type(row.pmFrom, "14:00")
	test.Type(row.pmTo, "18:30")
	if f.save.Disabled() {
		t.Fatalf("Save stays disabled: %q", f.probs.Text)
	}
	test.Tap(f.save)
	h.wait(f.done)
	prs, _ := s.Practitioners(context.Background())
	if len(prs) != 1 || prs[0].DisplayName != "Dr Léa Morel" || !prs[0].Active || prs[0].Colour == "" {
		t.Fatalf("stored %+v", prs)
	}
	hours, _ := s.WorkingHoursOf(context.Background(), prs[0].ID)
	if len(hours) != 2 || hours[0].Start != 8*60 || hours[1].End != 18*60+30 || hours[0].Weekday != int(today.Weekday()) {
		t.Fatalf("stored hours %+v", hours)
	}

	test.Tap(d.rail[screenCalendar])
	h.until("the calendar has the new column", func() bool { return len(c.loaded.Columns) == 1 })
	col := c.loaded.Columns[0]
	if col.Title != "Dr Léa Morel" || col.Subtitle != "08:00–12:00, 14:00–18:30" {
		t.Errorf("the column is %q, %q", col.Title, col.Subtitle)
	}
	if !hasText(c.view(), "Dr Léa Morel") || hasText(c.view(), noPractitionersText(englishWords)) {
		t.Errorf("the calendar shows %q", texts(c.view()))
	}
	// Booking now opens the form, with the typed times as the length
	// since there is no appointment type yet.
	c.bookAt(prs[0].ID, today, 9*60)
	h.until("the booking form opens", func() bool { return c.form != nil })
	if c.form.prSel.Selected != "Dr Léa Morel" || !c.form.typeSel.Disabled() || c.form.to.Text != "09:15" ||
		!hasText(modalContent(h), "No appointment types yet") {
		t.Errorf("booking without types: practitioner %q, to %q", c.form.prSel.Selected, c.form.to.Text)
	}
	c.form.patient.blocked.SetChecked(true)
	retype(c.form.to, "09:45")
	retype(c.form.from, "10:00") // the typed length of 45 minutes is kept
	if c.form.to.Text != "10:45" || c.form.save.Disabled() {
		t.Errorf("moving a booking without a type: to %q, problems %q", c.form.to.Text, c.form.problems.Text)
	}
}

func TestPractitionerFormRefusesBadHours(t *testing.T) {
	s, _ := fixtureStore(t)
	h, st := settingsHarness(t, s)
	test.Tap(st.addPr)
	f := st.prForm
	test.Type(f.name, "Dr Léa Morel")
	mon := f.days[0]
	for _, c := range []struct {
		from, to, want string
	}{
		{"25:00", "12:00", `Monday morning from: "25:00" is not a time of day; write it like 08:30, from 00:00 to 23:59.`},
		{"09:00", "nine", `Monday morning to: "nine" is not a time; write it like 09:30.`},
		{"12:00", "08:00", "Monday morning: it ends at 08:00, not after it starts at 12:00; the end must be later than the start."},
		{"09:00", "", "Monday morning: type both From and To, or leave both empty for no morning hours."},
	} {
		retype(mon.amFrom, c.from)
		retype(mon.amTo, c.to)
		if !f.probs.Visible() || !strings.Contains(flat(f.probs.Text), c.want) || !f.save.Disabled() {
			t.Errorf("%s–%s: problems %q, save disabled %v", c.from, c.to, f.probs.Text, f.save.Disabled())
		}
	}
	// A week typed all wrong lists the first problems, not a screenful.
	for _, r := range f.days[1:] {
		test.Type(r.amFrom, "x")
		test.Type(r.amTo, "y")
	}
	if !strings.HasSuffix(f.probs.Text, "…and 3 more problems.") || strings.Count(f.probs.Text, "is not a time") != 3 {
		t.Errorf("seven bad days: %q", f.probs.Text)
	}
	for _, r := range f.days[1:] {
		retype(r.amFrom, "")
		retype(r.amTo, "")
	}
	retype(mon.amTo, "12:30")
	retype(mon.pmFrom, "12:00")
	retype(mon.pmTo, "17:00")
	if !strings.Contains(flat(f.probs.Text), "Monday: the afternoon 12:00–17:00 overlaps the morning 09:00–12:30") || !f.save.Disabled() {
		t.Errorf("overlapping blocks: %q", f.probs.Text)
	}
	retype(mon.pmFrom, "13:30")
	if f.save.Disabled() || f.probs.Visible() {
		t.Fatalf("a good week stays refused: %q", f.probs.Text)
	}
	test.Tap(f.copyWk)
	if f.days[4].pmTo.Text != "17:00" || f.days[5].amFrom.Text != "" {
		t.Errorf("copy Monday: Friday ends %q, Saturday starts %q", f.days[4].pmTo.Text, f.days[5].amFrom.Text)
	}

	// A save that fails keeps everything typed and says why.
	db, err := sql.Open("sqlite3", "file:"+filepath.Join(s.Dir(), data.DBFile))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`CREATE TRIGGER refuse BEFORE INSERT ON practitioners BEGIN SELECT RAISE(ABORT, 'refused'); END`); err != nil {
		t.Fatal(err)
	}
	test.Tap(f.save)
	h.until("the failure is shown", func() bool { return f.result.Visible() })
	if !strings.HasPrefix(f.result.Text, "Not saved: ") || topModal(h.win.Canvas()) == nil || f.name.Text != "Dr Léa Morel" ||
		f.days[4].pmTo.Text != "17:00" || f.save.Disabled() {
		t.Errorf("after a failed save: %q, name %q, dialog open %v", f.result.Text, f.name.Text, topModal(h.win.Canvas()) != nil)
	}
	if _, err := db.Exec(`DROP TRIGGER refuse`); err != nil {
		t.Fatal(err)
	}
	// Escape asks before it drops what was typed; Escape again cancels:
	// nothing is saved.
	f.days[3].amFrom.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if q := topModal(h.win.Canvas()); q == nil || q == f.m {
		t.Fatal("Escape dropped the typed practitioner without asking")
	}
	h.press(fyne.KeyEscape)
	if topModal(h.win.Canvas()) != nil {
		t.Fatal("Escape twice did not close the form")
	}
	h.drain()
	if prs, _ := s.Practitioners(context.Background()); len(prs) != 2 {
		t.Errorf("%d practitioners after cancelling", len(prs))
	}
}

func TestEditPractitionerKeepsUnchangedHours(t *testing.T) {
	s, f := fixtureStore(t)
	h, st := settingsHarness(t, s)
	before, _ := s.WorkingHoursOf(context.Background(), f.anna.ID)
	test.Tap(st.prEdit[f.anna.ID])
	form := st.prForm
	if form.name.Text != "Dr Anna Weber" || form.days[0].amFrom.Text != "08:00" || form.days[0].amTo.Text != "12:00" ||
		form.days[0].pmFrom.Text != "" || form.colour.selected != "#1f77b4" {
		t.Fatalf("the editor opened on %q %s–%s, colour %q", form.name.Text, form.days[0].amFrom.Text, form.days[0].amTo.Text, form.colour.selected)
	}
	if form.save.Disabled() || form.probs.Visible() {
		t.Fatalf("a stored practitioner is refused: %q", form.probs.Text)
	}
	// Sunday off, Monday with an afternoon, and another colour.
	retype(form.days[6].amFrom, "")
	retype(form.days[6].amTo, "")
	test.Type(form.days[0].pmFrom, "14:00")
	test.Type(form.days[0].pmTo, "17:00")
	test.Tap(form.colour.swatches[1])
	test.Tap(form.save)
	h.wait(form.done)
	after, _ := s.WorkingHoursOf(context.Background(), f.anna.ID)
	if len(after) != 7 || weekText(englishWords, after)[0] != "Mon 08:00–12:00, 14:00–17:00" || weekText(englishWords, after)[1] != "Tue–Sat 08:00–12:00" {
		t.Fatalf("after the edit: %q", weekText(englishWords, after))
	}
	kept := 0
	for _, a := range after {
		for _, b := range before {
			if a.ID == b.ID && a.Start == b.Start && a.End == b.End {
				kept++
			}
		}
	}
	if kept != 6 {
		t.Errorf("%d of the 6 unchanged blocks kept their rows", kept)
	}
	if p, _ := s.Practitioner(context.Background(), f.anna.ID); p.Colour != palette[1].hex {
		t.Errorf("colour %q", p.Colour)
	}
	h.until("the list shows the new week", func() bool { return hasText(st.view(), "Mon 08:00–12:00, 14:00–17:00") })
}

func TestAddAppointmentTypeWithFeeAndRecall(t *testing.T) {
	s, _ := fixtureStore(t)
	h, st := settingsHarness(t, s)
	test.Tap(st.addType)
	f := st.tyForm
	if !f.save.Disabled() || f.probs.Visible() {
		t.Fatalf("a new type form: save disabled %v, problems %q", f.save.Disabled(), f.probs.Text)
	}
	test.Type(f.name, "Diabetes check")
	for _, c := range []struct {
		e          *deskEntry
		text, want string
	}{
		{f.duration, "half an hour", `Duration: "half an hour" is not a number of minutes; write it like 20.`},
		{f.duration, "2", "Duration: 2 minutes is not between 5 minutes and 8 hours."},
		{f.fee, "30,505", `Default fee: "30,505" has more than 2 decimal places for EUR.`},
		{f.fee, "12 EUR", `Default fee: "12 EUR" is not an amount; write it like 12.50.`},
		{f.recall, "a year", `Recall: "a year" is not a number of months; write 0 for no recall, or like 12.`},
		{f.recall, "240", "Recall: 240 months is not between 0 and 120."},
	} {
		retype(c.e, c.text)
		if !f.probs.Visible() || !strings.Contains(flat(f.probs.Text), c.want) || !f.save.Disabled() {
			t.Errorf("%q: problems %q, save disabled %v", c.text, f.probs.Text, f.save.Disabled())
		}
		retype(c.e, map[*deskEntry]string{f.duration: "30", f.fee: "30,50", f.recall: "12"}[c.e])
	}
	if f.save.Disabled() {
		t.Fatalf("Save stays disabled: %q", f.probs.Text)
	}
	test.Tap(f.save)
	h.wait(f.done)
	types, _ := s.AppointmentTypes(context.Background())
	var got data.AppointmentType
	for _, ty := range types {
		if ty.Name == "Diabetes check" {
			got = ty
		}
	}
	if got.DurationMin != 30 || got.DefaultFee != 3050 || got.RecallMonths != 12 || !got.Active || got.Colour == "" {
		t.Fatalf("stored %+v", got)
	}
	h.until("the list shows the new type", func() bool { return st.tyEdit[got.ID] != nil })
	for _, want := range []string{"Diabetes check", "30 min", "€30.50", "recall 12 months"} {
		if !hasText(st.view(), want) {
			t.Errorf("settings do not show %q", want)
		}
	}
	// Editing shows the fee as stored, in the practice currency.
	test.Tap(st.tyEdit[got.ID])
	if st.tyForm.fee.Text != "30.50" || st.tyForm.recall.Text != "12" || st.tyForm.duration.Text != "30" {
		t.Errorf("the editor shows fee %q, recall %q", st.tyForm.fee.Text, st.tyForm.recall.Text)
	}
	st.tyForm.name.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if topModal(h.win.Canvas()) != nil {
		t.Error("Escape did not close the type editor")
	}
}

func TestDeactivatePractitionerRemovesTheColumn(t *testing.T) {
	s, f := fixtureStore(t)
	h, st := settingsHarness(t, s)
	d := h.desk()
	test.Tap(st.prToggle[f.paul.ID])
	q := modalContent(h)
	if !hasText(q, "Deactivate Dr Paul Roche?") || !hasWords(q, "their history is kept") {
		t.Fatalf("the question: %q", texts(q))
	}
	test.Tap(findButton(q, "Deactivate"))
	h.until("the list shows Paul inactive", func() bool {
		b := st.prToggle[f.paul.ID]
		return b != nil && b.Text == "Reactivate"
	})
	if p, _ := s.Practitioner(context.Background(), f.paul.ID); p.Active {
		t.Fatal("Paul is still active in the store")
	}
	c := d.calendar
	test.Tap(d.rail[screenCalendar])
	// Tomorrow nobody is booked with Paul: his column is gone.
	h.wait(c.setDay(f.today.AddDays(1)))
	if len(c.loaded.Columns) != 1 || c.loaded.Columns[0].PractitionerID != f.anna.ID || hasText(c.view(), "Dr Paul Roche") {
		t.Fatalf("tomorrow's columns: %+v", c.loaded.Columns)
	}
	// Today he still has Marie Dupuis: kept, marked inactive.
	h.wait(c.setDay(f.today))
	if len(c.loaded.Columns) != 2 || !strings.HasPrefix(c.loaded.Columns[1].Subtitle, "inactive") || !hasText(c.view(), "Marie Dupuis") {
		t.Errorf("today's columns: %+v", c.loaded.Columns)
	}
	// New bookings are not offered with him, not even from free time in
	// the column kept for his history.
	tapSlot(c, 1, 10*60)
	h.until("the booking form opens", func() bool { return c.form != nil })
	if opts := c.form.prSel.Options; len(opts) != 1 || opts[0] != "Dr Anna Weber" || c.form.prSel.Selected != "" {
		t.Errorf("practitioners offered: %q, chosen %q", opts, c.form.prSel.Selected)
	}
}

func TestBookingShowsTheAllergyBanner(t *testing.T) {
	h, c, f := calendarHarness(t)
	mustUpdate(t, h.store, func(tx *data.Tx) error {
		return tx.AddAllergy(&data.Allergy{PatientID: f.dupont.ID, Substance: "Penicillin", Reaction: "hives", Severity: data.SeveritySevere})
	})
	tapSlot(c, 0, 10*60+30)
	h.until("the booking form opens", func() bool { return c.form != nil })
	form := c.form
	if form.patient.banner != nil && hasText(modalContent(h), "ALLERGIES") {
		t.Fatal("a banner before any patient is chosen")
	}
	test.Type(form.patient.search, "dupont")
	h.until("found", func() bool { return len(form.patient.hits) == 1 })
	form.patient.list.Select(0)
	h.wait(form.patient.bannerDone)
	if !hasText(modalContent(h), "ALLERGIES: Penicillin (severe: hives)") {
		t.Fatalf("the dialog shows %q", texts(modalContent(h)))
	}
	// Another patient: their own state, not the last one's.
	test.Tap(findButton(form.patient.chosenBox, "Change"))
	retype(form.patient.search, "mart")
	h.until("found", func() bool { return len(form.patient.hits) == 1 && form.patient.hits[0].ID == f.martin.ID })
	form.patient.list.Select(0)
	h.wait(form.patient.bannerDone)
	if !hasText(modalContent(h), "Allergies not recorded: ask the patient") || hasText(modalContent(h), "Penicillin") {
		t.Errorf("for Paul Martin the dialog shows %q", texts(modalContent(h)))
	}
}
