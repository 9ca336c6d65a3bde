package data

import (
	"errors"
	"fmt"
)

// Error codes. The UI shows Message; code decides what the caller does.
const (
	EInvalid   = "invalid"   // the input breaks a rule; Message names the field and the fix
	EConflict  = "conflict"  // the change clashes with the stored state (duplicate, stale edit)
	ENotFound  = "not_found" // the row does not exist
	EForbidden = "forbidden" // the action is not allowed (immutable row, append-only table)
	EDamaged   = "damaged"   // the database file failed its integrity check
	ETooNew    = "too_new"   // the database was written by a newer Frontdesk
	EStorage   = "storage"   // the disk or folder refused: full, read-only, missing
	EInternal  = "internal"  // a bug or an unexpected SQLite error
)

// Error is an error a person can act on. Message is written for the
// secretary, in plain words, without SQL or stack traces.
type Error struct {
	Code    string
	Message string
	Err     error // the underlying cause, for the log; never shown
}

func (e *Error) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%s: %s (%v)", e.Code, e.Message, e.Err)
	}
	return e.Code + ": " + e.Message
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error with a formatted message.
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

// ErrorMessage returns the human message of err. Errors that are not
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
const unforeseenMessage = "Something went wrong inside Frontdesk; nothing was changed. The details are in the log file."

// Unforeseen reports whether err has no message written for people: it
// is not an *Error, or an *Error that only wraps its cause in the generic
// sentence above (mapSQLError does so; the comparison is with that very
// constant, not with words). The command line, which keeps no log file,
// then shows the cause itself.
func Unforeseen(err error) bool {
	var e *Error
	return err != nil && (!errors.As(err, &e) || e.Message == unforeseenMessage)
}

// Problems collects validation failures of one record so a form can show
// them all at once.
type Problems []string

// Add records one problem.
func (p *Problems) Add(format string, args ...any) { *p = append(*p, fmt.Sprintf(format, args...)) }

// Err returns nil when there are no problems, else an EInvalid *Error
// whose message lists each problem on its own line.
func (p Problems) Err() error {
	if len(p) == 0 {
		return nil
	}
	msg := p[0]
	for _, s := range p[1:] {
		msg += "\n" + s
	}
	return &Error{Code: EInvalid, Message: msg}
}
