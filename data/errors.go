package data

import (
	"errors"
	"fmt"
	"strings"

	"frontdesk/data/i18n"
)

// Error codes. The UI shows the message; code decides what the caller does.
const (
	EInvalid   = "invalid"   // the input breaks a rule; the message names the field and the fix
	EConflict  = "conflict"  // the change clashes with the stored state (duplicate, stale edit)
	EClash     = "clash"     // a booking clashes with the calendar and may be made anyway once seen
	ENotFound  = "not_found" // the row does not exist
	EForbidden = "forbidden" // the action is not allowed (immutable row, append-only table)
	EDamaged   = "damaged"   // the database file failed its integrity check
	ETooNew    = "too_new"   // the database was written by a newer Frontdesk
	EForeign   = "foreign"   // the file is not a Frontdesk database (empty, another program's, not a database)
	EStorage   = "storage"   // the disk or folder refused: full, read-only, missing
	EInternal  = "internal"  // a bug or an unexpected SQLite error
	ETooSoon   = "too_soon"  // a sign-in tried again before the delay after failed ones ran out
	// ESeriesClash: another computer of the practice numbers with this
	// computer's series letter (an invoice number arrived twice).
	ESeriesClash = "series_clash"
)

// Error is an error a person can act on. Its words are Key with Args
// (name, value pairs) from the catalogue, which the screens write in the
// desk's language (Localize); Message is the same in English, for the
// log and the command line, written for the secretary in plain words,
// without SQL or stack traces. An error of a failed validation carries
// its Problems, each under its field. An Error without a Key (one not
// yet in the catalogue) shows its Message in every language.
type Error struct {
	Code     string
	Key      i18n.Key
	Args     []any
	Message  string
	Problems Problems
	Err      error // the underlying cause, for the log; never shown
	// Op names the operation that failed, in a few words ("reading the
	// appointments"), for the log only: Error shows it, Message and the
	// screens never do. See WithOp.
	Op string
}

// Error is the log's line: the operation, the code, the English message
// and the cause, "saving a patient: storage: The disk is full: … (sqlite3:
// database or disk is full)".
func (e *Error) Error() string {
	s := e.Code + ": " + e.Message
	if e.Err != nil {
		s = fmt.Sprintf("%s (%v)", s, e.Err)
	}
	if e.Op != "" {
		s = e.Op + ": " + s
	}
	return s
}

func (e *Error) Unwrap() error { return e.Err }

// WithOp names op as the operation that failed with err, for the log;
// nil stays nil. An *Error gets a copy with Op set (the one it was may be
// held elsewhere), keeping its code and words; any other error is wrapped
// as "op: err", so that it stays what it was to errors.As and the screens.
//
// When err already names an operation, op goes before it: the outermost
// operation reads first in the log, then the step inside it that failed
// ("booking an appointment: checking clashes: …").
func WithOp(op string, err error) error {
	if err == nil || op == "" {
		return err
	}
	e, ok := err.(*Error)
	if !ok {
		return fmt.Errorf("%s: %w", op, err)
	}
	c := *e
	c.Op = op
	if e.Op != "" && e.Op != op {
		c.Op = op + ": " + e.Op
	}
	return &c
}

// sqlErr is mapSQLError with the operation that failed, for the log:
// every SQL error of this package passes through it (a test keeps it so),
// so that a log line never just says "the disk is full" without saying
// while doing what.
func sqlErr(op string, err error) error {
	return WithOp(op, mapSQLError(err))
}

// NewError returns an *Error with the catalogue's words for key.
func NewError(code string, key i18n.Key, args ...any) *Error {
	return &Error{Code: code, Key: key, Args: args, Message: i18n.EnglishText.T(key, args...)}
}

// wrapError is NewError keeping the error that caused it, for the log.
func wrapError(code string, cause error, key i18n.Key, args ...any) *Error {
	e := NewError(code, key, args...)
	e.Err = cause
	return e
}

// Errorf returns an *Error with a formatted English message, not yet in
// the catalogue: new code uses NewError.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of an *Error in err's chain, EInternal for
// any other non-nil error, "" for nil.
func ErrorCode(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Code
	}
	return EInternal
}

// ErrorMessage returns the English message of err. Errors that are not
// *Error are bugs or surprises: the person sees a generic sentence and the
// detail goes to the log.
func ErrorMessage(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Message
	}
	return unforeseenMessage
}

// unforeseenMessage is what people see of an error nobody wrote words for.
var unforeseenMessage = i18n.EnglishText.T("error.internal")

// Unforeseen reports whether err has no message written for people: it
// is not an *Error, or an *Error that only wraps its cause in the generic
// sentence above (mapSQLError does so; the comparison is with that very
// value, not with words). The command line, which keeps no log file,
// then shows the cause itself.
func Unforeseen(err error) bool {
	var e *Error
	return err != nil && (!errors.As(err, &e) || e.Message == unforeseenMessage)
}

// Localize writes err in l's language, as ErrorMessage does in English:
// each problem of a validation on its own line, the generic sentence for
// errors that are not *Error. A bare i18n.Message (what the date and time
// parsers return) is written as it is.
func Localize(err error, l *i18n.Localizer) string {
	var e *Error
	var m i18n.Message
	switch {
	case err == nil:
		return ""
	case Unforeseen(err) && !errors.As(err, &m):
		return l.T("error.internal")
	case errors.As(err, &e):
		switch {
		case len(e.Problems) > 0:
			return e.Problems.In(l)
		case e.Key != "":
			return l.T(e.Key, e.Args...)
		}
		return e.Message
	case errors.As(err, &m):
		return l.Render(m)
	}
	return l.T("error.internal")
}

// Issue is one thing wrong with a record: the field it is about (one of
// the Field constants, "" for the record as a whole), and the words that
// say what is wrong and how to fix it, as a key with its arguments and
// in English. Forms put an issue under its field by Field, never by its
// words.
type Issue struct {
	Field   string
	Key     i18n.Key
	Args    []any
	Message string // English
}

// In writes the issue in l's language.
func (is Issue) In(l *i18n.Localizer) string {
	if is.Key == "" {
		return is.Message
	}
	return l.T(is.Key, is.Args...)
}

// Problems collects what is wrong with one record so a form can show it
// all at once, each issue under its field.
type Problems []Issue

// Report records an issue of a field with the catalogue's words for it.
func (p *Problems) Report(field string, key i18n.Key, args ...any) {
	*p = append(*p, Issue{Field: field, Key: key, Args: args, Message: i18n.EnglishText.T(key, args...)})
}

// ReportErr records what a parser said about a field's text: "Date of
// birth: "31/02/1980" is not a date…", with label naming the field. The
// date and time parsers return an i18n.Message, which keeps its words;
// any other error is kept in English.
func (p *Problems) ReportErr(field string, label i18n.Key, err error) {
	var m i18n.Message
	if errors.As(err, &m) {
		p.Report(field, "problem.about_field", "Field", label, "Problem", m)
		return
	}
	*p = append(*p, Issue{Field: field, Message: i18n.EnglishText.T(label) + ": " + err.Error() + "."})
}

// Add records an issue in English words only, with no field: the
// validations not yet moved to Report.
func (p *Problems) Add(format string, args ...any) {
	*p = append(*p, Issue{Message: fmt.Sprintf(format, args...)})
}

// Err returns nil when there are no problems, else an EInvalid *Error
// that carries them, its message listing each on its own line.
func (p Problems) Err() error {
	if len(p) == 0 {
		return nil
	}
	msgs := make([]string, len(p))
	for i, is := range p {
		msgs[i] = is.Message
	}
	return &Error{Code: EInvalid, Message: strings.Join(msgs, "\n"), Problems: p}
}

// errAs is Err with the dates of the English messages written in df,
// the order in which the person typed them (ValidateAs); Err writes them
// in ISO 8601 for the log and the command line.
func (p Problems) errAs(df DateFormat) error {
	l := i18n.For(i18n.English).WithDateOrder(string(df))
	for i, is := range p {
		if is.Key != "" {
			p[i].Message = l.T(is.Key, is.Args...)
		}
	}
	return p.Err()
}

// In writes every issue in l's language, one a line.
func (p Problems) In(l *i18n.Localizer) string {
	lines := make([]string, len(p))
	for i, is := range p {
		lines[i] = is.In(l)
	}
	return strings.Join(lines, "\n")
}

// ProblemsOf returns the issues err carries: those of a failed
// validation, or err itself as one issue of no field when it is another
// kind of error; nil for nil.
func ProblemsOf(err error) Problems {
	var e *Error
	var m i18n.Message
	switch {
	case err == nil:
		return nil
	case errors.As(err, &e):
		if len(e.Problems) > 0 {
			return e.Problems
		}
		return Problems{{Key: e.Key, Args: e.Args, Message: e.Message}}
	case errors.As(err, &m):
		return Problems{{Key: m.Key, Args: m.Args, Message: m.Error()}}
	}
	return Problems{{Key: "error.internal", Message: ErrorMessage(err)}}
}
