package data

import (
	"context"
	"strings"
	"unicode/utf8"
)

// Actor is who the store acts for: a signed-in user, the operating-system
// user of the command line, or nobody (the desk before anyone signs in).
// The audit log names them by Name; their role and grants decide what the
// store reads and writes for them (permission.go).
type Actor struct {
	Name           string // "marie" (a user's login), "os:root", "nobody"
	FullName       string // "Marie Dubois"; the name for an OS user
	UserID         string // "" when not a user of the practice
	Role           Role
	Grants         []Right
	PractitionerID string
}

// Nobody is the actor of a desk nobody has signed in to: no rights.
var Nobody = Actor{Name: "nobody"}

// OSActor is the operating-system user name ("os:root") acting with an
// administrator's rights: the command line, and the desk while it sets
// up a practice that has no users yet.
func OSActor(name string) Actor {
	return Actor{Name: name, FullName: name, Role: RoleAdmin}
}

// IsUser reports whether the actor is a signed-in user of the practice.
func (a Actor) IsUser() bool { return a.UserID != "" }

// session is what the store acts with: the actor, and the patients whose
// clinical records the actor opened by breaking the glass. It is
// replaced whole, never changed, so readers need no lock.
type session struct {
	actor Actor
	glass map[string]bool
}

// ActAs makes the store act for u from now on, as a new session: what
// SignIn does once the password is right. Code that has verified who is
// at the keyboard by other means (the demo's automatic sign-in, tests)
// calls it directly.
func (s *Store) ActAs(u User) { s.setActor(u.Actor()) }

// SetUser makes the store act as name with an administrator's rights:
// the operating-system user of the command line ("os:root", OSActor).
func (s *Store) SetUser(name string) { s.setActor(OSActor(name)) }

func (s *Store) setActor(a Actor) { s.sess.Store(&session{actor: a}) }

// Actor returns who the store acts for.
func (s *Store) Actor() Actor { return s.sess.Load().actor }

// User returns who acts, as the audit log and notes name them.
func (s *Store) User() string { return s.Actor().Name }

// require returns an EForbidden error unless the actor has right r.
func (s *Store) require(r Right) error {
	if Can(s.Actor(), r) {
		return nil
	}
	return forbidden(r)
}

// requireAll is require for what needs several rights, such as an export
// of the letters (the export right and the letters').
func (s *Store) requireAll(rs ...Right) error {
	for _, r := range rs {
		if err := s.require(r); err != nil {
			return err
		}
	}
	return nil
}

// CanSeeClinical reports whether the actor may read the clinical records
// of the patient: by right, or because they broke the glass on this file.
func (s *Store) CanSeeClinical(patientID string) bool {
	sess := s.sess.Load()
	return Can(sess.actor, RightClinicalRead) || sess.glass[patientID]
}

// requireClinical is require for the clinical records of one patient.
func (s *Store) requireClinical(patientID string) error {
	if s.CanSeeClinical(patientID) {
		return nil
	}
	return forbidden(RightClinicalRead)
}

// MinGlassReason is the shortest reason that breaks the glass: a word
// or two, not a keystroke.
const MinGlassReason = 8

// BreakGlass opens the clinical records of one patient to an actor whose
// role does not, after they gave a reason ("covering for Dr Weber, the
// patient is on the phone"). It is audited, listed for the
// administrator, and lasts until the actor signs out.
func (s *Store) BreakGlass(ctx context.Context, patientID, reason string) error {
	reason = CleanText(reason)
	if n := utf8.RuneCountInString(reason); n < MinGlassReason || n > MaxName*2 {
		var p Problems
		p.Report("reason", "access.problem.glass_reason", "Min", MinGlassReason, "Max", MaxName*2)
		return p.Err()
	}
	sess := s.sess.Load()
	if !sess.actor.IsUser() {
		return forbidden(RightClinicalRead)
	}
	if _, err := loadPatient(ctx, s.r, patientID); err != nil {
		return err
	}
	if err := s.AuditRead(ctx, "break_glass", "patients", patientID, reason); err != nil {
		return err
	}
	glass := map[string]bool{patientID: true}
	for id := range sess.glass {
		glass[id] = true
	}
	s.sess.CompareAndSwap(sess, &session{actor: sess.actor, glass: glass})
	return nil
}

// SignOut ends the session: the store acts for nobody until the next
// sign-in. It is audited.
func (s *Store) SignOut(ctx context.Context) error {
	a := s.Actor()
	if !a.IsUser() {
		return nil
	}
	err := s.AuditRead(ctx, "sign_out", "users", a.UserID, "")
	s.setActor(Nobody)
	return err
}

// AuditLock records that the desk was locked (by the Lock button, Ctrl+L
// or idle time) or unlocked by the signed-in user's password.
func (s *Store) AuditLock(ctx context.Context, locked bool, why string) error {
	a := s.Actor()
	action := "unlock"
	if locked {
		action = "lock"
	}
	return s.AuditRead(ctx, action, "users", a.UserID, strings.TrimSpace(why))
}
