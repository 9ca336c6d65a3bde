package data_test

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"strings"
	"testing"

	"frontdesk/data"
	"frontdesk/data/i18n"
)

// logLine is what the desk's log writes of an error ("ui: %v").
func logLine(err error) string { return fmt.Sprintf("ui: %v", err) }

// wantLoggedOp fails unless the log line of err starts with op, while
// the person's message (English and French) says nothing of it.
func wantLoggedOp(t *testing.T, err error, op, message string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error; want one while %s", op)
	}
	if line := logLine(err); !strings.HasPrefix(line, "ui: "+op+": ") {
		t.Errorf("the log line %q does not name the operation %q", line, op)
	}
	if got := data.ErrorMessage(err); got != message {
		t.Errorf("the person reads %q, want %q", got, message)
	}
	for _, words := range []string{data.ErrorMessage(err), data.Localize(err, i18n.For(i18n.French))} {
		if strings.Contains(words, op) {
			t.Errorf("the operation %q leaked into the person's message %q", op, words)
		}
	}
	assertPlainMessage(t, data.ErrorMessage(err))
}

var internalMessage = i18n.EnglishText.T("error.internal")

func TestAReadOnAClosedStoreNamesItsOperation(t *testing.T) {
	s := openStore(t)
	s.Close()
	_, err := s.Practitioners(context.Background())
	wantLoggedOp(t, err, "reading practitioners", internalMessage)
	wantCode(t, err, data.EInternal)
	if !data.Unforeseen(err) {
		t.Error("a closed store is not a failure anyone wrote words for")
	}
}

func TestACancelledSearchNamesItsOperation(t *testing.T) {
	s := openStore(t)
	newPatient(t, s, "Dupont", "Jean")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := s.SearchPatients(ctx, "Dupont", 20)
	wantLoggedOp(t, err, "searching patients", "The operation was cancelled; nothing was changed.")
	if !errors.Is(err, context.Canceled) {
		t.Errorf("the cause is lost: %v", err)
	}
}

// A write names each step, the outermost first: the transaction, then
// the statement inside it that failed.
func TestAFailedWriteNamesEachStepOutermostFirst(t *testing.T) {
	s := openStore(t)
	failAudit(t, s)
	p := data.Practitioner{DisplayName: "Dr Léa Morel", Colour: "#1f77b4", Active: true}
	err := s.Update(context.Background(), func(tx *data.Tx) error { return tx.Save(&p) })
	wantLoggedOp(t, err, "saving changes: appending to the audit log", internalMessage)
	if !strings.Contains(logLine(err), "cannot write") {
		t.Errorf("the log line %q lost SQLite's own words", logLine(err))
	}
}

// tmpfsOrSkip mounts a file system of size on a new folder, or skips the
// test where that cannot be done (not root, no mount).
func tmpfsOrSkip(t *testing.T, size string) string {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("mounting a small file system needs root")
	}
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size="+size, "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs here: %v %s", err, out)
	}
	t.Cleanup(func() { exec.Command("umount", dir).Run() })
	return dir
}

// On a disk that fills up, the person reads that the disk is full, and
// the log says what was being written when it did.
func TestAFullDiskNamesTheWriteThatFilledIt(t *testing.T) {
	// 2 MB: room for the empty schema and its log while migrating, then filled.
	dir := tmpfsOrSkip(t, "2m")
	s, err := data.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var werr error
	for i := 0; i < 10_000 && werr == nil; i++ {
		p := data.Patient{FamilyName: "Dupont", GivenName: "Jean", Address: strings.Repeat("1 rue de la Paix ", 20)}
		werr = s.Update(context.Background(), func(tx *data.Tx) error { return tx.CreatePatient(&p) })
	}
	t.Logf("%v", werr)
	wantCode(t, werr, data.EStorage)
	var e *data.Error
	if !errors.As(werr, &e) || e.Op == "" {
		t.Fatalf("the error names no operation: %v", werr)
	}
	if !strings.HasPrefix(e.Op, "saving changes: ") && e.Op != "committing changes" {
		t.Errorf("the log line %q does not say which write filled the disk", logLine(werr))
	}
	if msg := data.ErrorMessage(werr); !strings.HasPrefix(msg, "The disk is full") || strings.Contains(msg, e.Op) {
		t.Errorf("the person reads %q", msg)
	}
}

// An import that fills the disk says so, and leaves the practice as it
// was: SQLite rolls the whole transaction back when a write of the WAL
// fails, and the triggers a bulk write sets aside were being made again
// on a connection no longer in a transaction ("trigger … already
// exists" hid the full disk, seen with a 100 000-line import).
func TestAFullDiskDuringABulkCreateSaysSoAndChangesNothing(t *testing.T) {
	dir := tmpfsOrSkip(t, "4m")
	s, err := data.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	newPatient(t, s, "Dupont", "Jean")
	pts := make([]*data.Patient, 40_000)
	for i := range pts {
		pts[i] = &data.Patient{FamilyName: fmt.Sprintf("Import%05d", i), GivenName: "Marie", Address: strings.Repeat("2 rue de Lyon ", 10)}
	}
	werr := s.Update(context.Background(), func(tx *data.Tx) error { return tx.CreatePatients(pts, nil) })
	t.Logf("%v", werr)
	wantCode(t, werr, data.EStorage)
	if msg := data.ErrorMessage(werr); !strings.HasPrefix(msg, "The disk is full") {
		t.Errorf("the person reads %q", msg)
	}
	// The desk goes on: a single save still fits.
	newPatient(t, s, "Dupuis", "Marie")
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	rep, err := data.Check(context.Background(), dir)
	if err != nil || !rep.OK() {
		t.Fatalf("the practice after the full disk: %+v, %v", rep, err)
	}
	if s, err = data.Open(dir); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var n int
	if err := s.ReadDB().QueryRow(`SELECT COUNT(*) FROM patients`).Scan(&n); err != nil || n != 2 {
		t.Errorf("%d patients after the failed import (%v), want the 2 saved one by one", n, err)
	}
}

func TestWithOpKeepsTheErrorAndItsWords(t *testing.T) {
	if data.WithOp("reading", nil) != nil {
		t.Fatal("WithOp made an error of nil")
	}
	inner := data.NewError(data.ENotFound, "patient.error.gone")
	named := data.WithOp("opening the patient file", inner)
	if inner.Op != "" {
		t.Errorf("WithOp changed the error it was given: Op %q", inner.Op)
	}
	wantCode(t, named, data.ENotFound)
	if data.ErrorMessage(named) != inner.Message || data.Localize(named, i18n.For(i18n.French)) != data.Localize(inner, i18n.For(i18n.French)) {
		t.Errorf("the words changed: %q", data.ErrorMessage(named))
	}
	if got, want := named.Error(), "opening the patient file: not_found: "+inner.Message; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	outer := data.WithOp("printing the summary", named)
	if got := outer.(*data.Error).Op; got != "printing the summary: opening the patient file" {
		t.Errorf("nested operations read %q, want the outermost first", got)
	}

	// An error that is not an *Error is wrapped, and stays what it was.
	raw := fs.ErrPermission
	wrapped := data.WithOp("reading the logo", raw)
	if !errors.Is(wrapped, raw) || wrapped.Error() != "reading the logo: "+raw.Error() {
		t.Errorf("wrapped: %v", wrapped)
	}
	if data.ErrorCode(wrapped) != data.ErrorCode(raw) || data.ErrorMessage(wrapped) != data.ErrorMessage(raw) || !data.Unforeseen(wrapped) {
		t.Errorf("wrapping changed what the screens make of the error: %q", data.ErrorMessage(wrapped))
	}
}
