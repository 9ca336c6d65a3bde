package ui

import (
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"fyne.io/fyne/v2/test"

	"frontdesk/data"
)

// logRecorder keeps what the desk logs, as the log file would.
type logRecorder struct {
	mu    sync.Mutex
	lines []string
}

func (r *logRecorder) logf(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.lines = append(r.lines, fmt.Sprintf(format, args...))
}

// line returns the first logged line that starts with prefix, or "".
func (r *logRecorder) line(prefix string) string {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, l := range r.lines {
		if strings.HasPrefix(l, prefix) {
			return l
		}
	}
	return ""
}

func (r *logRecorder) String() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return strings.Join(r.lines, "\n")
}

// rawExec changes the database file behind the store's back, to make
// the store's next read or write fail for real.
func rawExec(t *testing.T, s *data.Store, q string) {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+filepath.Join(s.Dir(), data.DBFile))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(q); err != nil {
		t.Fatal(err)
	}
}

// A load that fails says the plain sentence in the status line, and the
// log names what was being read.
func TestAFailedLoadLogsItsOperation(t *testing.T) {
	s, _ := fixtureStore(t)
	var log logRecorder
	h := newHarnessWith(t, s, Options{Logf: log.logf})
	d := h.desk()
	h.wait(d.calendar.shown())
	rawExec(t, s, `ALTER TABLE days_off RENAME TO days_off_moved`)

	h.wait(d.calendar.step(1))
	said := d.w.T("error.internal")
	if d.message.Text != said {
		t.Errorf("the status line says %q, want %q", d.message.Text, said)
	}
	line := log.line("ui: reading days off: internal: ")
	if line == "" || !strings.Contains(line, "no such table: days_off") {
		t.Errorf("no log line names the failed read with its cause; the log holds:\n%s", &log)
	}
	if strings.Contains(d.message.Text, "reading") {
		t.Errorf("the operation leaked into the status line: %q", d.message.Text)
	}
}

// A save that fails shows the store's plain words in the dialog; the log
// names each step, the outermost first.
func TestAFailedSaveLogsEachStep(t *testing.T) {
	s, _ := fixtureStore(t)
	var log logRecorder
	h := newHarnessWith(t, s, Options{Logf: log.logf})
	d := h.desk()
	test.Tap(d.rail[screenSettings])
	st := d.settings
	h.until("the settings lists are loaded", func() bool { return !st.addPr.Disabled() })
	test.Tap(st.addPr)
	f := st.prForm
	test.Type(f.name, "Dr Léa Morel")
	retype(f.days[0].amFrom, "09:00")
	retype(f.days[0].amTo, "12:00")
	if f.save.Disabled() {
		t.Fatalf("the form is not ready to save: %q", f.probs.Text)
	}
	rawExec(t, s, `CREATE TRIGGER refuse BEFORE INSERT ON practitioners BEGIN SELECT RAISE(ABORT, 'refused'); END`)

	test.Tap(f.save)
	h.until("the failure is shown", func() bool { return f.result.Visible() })
	if got, want := flat(f.result.Text), "Not saved: "+d.w.T("error.internal"); got != want {
		t.Errorf("the dialog says %q, want %q", got, want)
	}
	line := log.line("ui: saving changes: saving the practitioner: adding a row to practitioners: internal: ")
	if line == "" || !strings.Contains(line, "refused") {
		t.Errorf("no log line names the failed save step by step; the log holds:\n%s", &log)
	}
}
