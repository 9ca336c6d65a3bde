package ui

import (
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// TestPrintWithoutAViewerSaysWhereTheFileIs: on a computer with no PDF
// viewer the day list is still written; the status line says where, with
// a button to the folder, not "Something went wrong", and the message
// goes once the secretary moves on.
func TestPrintWithoutAViewerSaysWhereTheFileIs(t *testing.T) {
	h, c, f := calendarHarness(t)
	d := h.desk()
	open := openDocument
	openDocument = func(string) error { return errors.New("exec: \"xdg-open\": executable file not found in $PATH") }
	var folder string
	openDir := openFolder
	openFolder = func(dir string) error { folder = dir; return nil }
	t.Cleanup(func() { openDocument, openFolder = open, openDir })

	h.wait(c.print())
	want := "Day list saved to prints/daylist-" + f.today.String() + ".pdf"
	if d.message.Text != want {
		t.Fatalf("status line %q, want %q", d.message.Text, want)
	}
	if hasText(d.root, "xdg-open") || hasText(d.root, "Something went wrong") {
		t.Error("the raw error reached the screen")
	}
	path := filepath.Join(printsDir(h.store), "daylist-"+f.today.String()+".pdf")
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("the day list: %v, %v", fi, err)
	}
	if !d.action.Visible() || d.action.Text != "Open folder" {
		t.Fatalf("no Open folder button: %q visible %v", d.action.Text, d.action.Visible())
	}
	test.TapAt(d.action, fyne.NewPos(d.action.Size().Width/2, d.action.Size().Height/2))
	if folder != printsDir(h.store) {
		t.Errorf("opened the folder %q", folder)
	}
	// Moving on clears the message and its button.
	h.wait(d.show(screenWaiting))
	if d.message.Text != d.ready() || d.action.Visible() {
		t.Errorf("after moving on: %q, button visible %v", d.message.Text, d.action.Visible())
	}
}

// TestSaveRemindersTellsTheTruth: the call list is written through the
// one output writer: 0600, audited, and when the audit row cannot be
// written the file is not left behind and the message says why, instead
// of "could not be written" about a file that was.
func TestSaveRemindersTellsTheTruth(t *testing.T) {
	s, f := fixtureStore(t)
	h := newHarness(t, s)
	d := h.desk()
	r := d.screens[screenCalls].(*remindersScreen)
	h.wait(d.show(screenCalls))
	dir := t.TempDir()
	name := "reminders-" + f.today.AddDays(1).String() + ".csv"

	h.wait(r.saveIn("csv", r.loaded, dir))
	path := filepath.Join(dir, name)
	b, err := os.ReadFile(path)
	if err != nil || !strings.HasPrefix(string(b), "date,time,patient,phone") {
		t.Fatalf("the CSV: %q, %v", b, err)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("the CSV is %v", fi.Mode().Perm())
	}
	if want := "Reminder calls saved to " + path; d.message.Text != want || !d.action.Visible() {
		t.Errorf("status line %q (button %v), want %q", d.message.Text, d.action.Visible(), want)
	}
	var n int
	s.ReadDB().QueryRow(`SELECT COUNT(*) FROM audit_log WHERE action = 'export' AND entity = 'reminders'`).Scan(&n)
	if n != 1 {
		t.Errorf("%d audit rows for one saved list", n)
	}

	// The same name again: asked first, then replaced.
	done := r.saveIn("csv", r.loaded, dir)
	q := modalContent(h)
	if q == nil || !hasText(q, "is already in") {
		t.Fatalf("no question before replacing: %v", q)
	}
	test.Tap(findButton(q, "Replace"))
	h.wait(done)
	if !strings.HasPrefix(d.message.Text, "Reminder calls saved to ") {
		t.Errorf("after replacing: %q", d.message.Text)
	}

	// The audit row cannot be written: no file, the true message.
	db, err := sql.Open("sqlite3", "file:"+s.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`CREATE TRIGGER test_audit_fails BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'cannot write'); END`); err != nil {
		t.Fatal(err)
	}
	other := t.TempDir()
	h.wait(r.saveIn("csv", r.loaded, other))
	if entries, _ := os.ReadDir(other); len(entries) != 0 {
		t.Errorf("a file was left although nothing was recorded: %v", entries)
	}
	if strings.Contains(d.message.Text, "saved to") || d.action.Visible() {
		t.Errorf("status line %q after a failed save", d.message.Text)
	}
}
