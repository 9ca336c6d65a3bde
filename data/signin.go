package data

import (
	"context"
	"database/sql"
	"time"
)

// Failed sign-ins make the next attempt under the same name wait: the
// first freeFailures cost nothing (a typo), then the wait doubles from
// firstDelay up to maxDelay. The count is kept per name in this
// computer's database (sign_in_failures, never synced), so quitting and
// restarting the desk does not reset it; a right password clears it.
const (
	freeFailures = 3
	firstDelay   = 5 * time.Second
	maxDelay     = 15 * time.Minute
)

// SignInDelay is how long the next attempt waits after failures failed
// ones in a row: 0, 0, 0, 5 s, 10 s, 20 s, … at most 15 minutes.
func SignInDelay(failures int) time.Duration {
	if failures < freeFailures {
		return 0
	}
	d := firstDelay
	for i := freeFailures; i < failures && d < maxDelay; i++ {
		d *= 2
	}
	return min(d, maxDelay)
}

// SetSignInClock sets the clock of the delay after failed sign-ins, for
// tests that turn time by hand instead of sleeping.
func (s *Store) SetSignInClock(now func() time.Time) { s.signInNow = now }

// SignIn checks a name and password and, when they are right, makes the
// store act for that user (a new session). A wrong name or password
// says only that one of them is wrong, takes as long either way, and
// makes the next attempt under that name wait longer (SignInDelay); an
// attempt before the wait is over is refused with ETooSoon without
// checking the password. Every attempt is audited, never the password.
func (s *Store) SignIn(ctx context.Context, login, password string) (User, error) {
	login = FoldLogin(login)
	if login == "" || password == "" {
		return User{}, NewError(EInvalid, "signin.problem.empty")
	}
	if err := s.waitOver(ctx, login); err != nil {
		return User{}, err
	}
	u, known, err := userByLogin(ctx, s.r, login)
	if err != nil {
		return User{}, err
	}
	hash := u.PasswordHash
	if !known {
		hash = decoyHash()
	}
	if !verifyPassword(hash, password) || !known {
		return User{}, s.failed(ctx, login, u, known)
	}
	if err := s.clearFailures(ctx, login); err != nil {
		return User{}, err
	}
	s.ActAs(u)
	if err := s.AuditRead(ctx, "sign_in", "users", u.ID, ""); err != nil {
		s.setActor(Nobody)
		return User{}, err
	}
	return u, nil
}

// Unlock checks the password of the signed-in user, who locked the desk
// (or whose desk locked itself), under the same delays as SignIn. The
// session goes on as it was.
func (s *Store) Unlock(ctx context.Context, password string) error {
	a := s.Actor()
	if !a.IsUser() {
		return forbidden(RightPatientsRead)
	}
	if password == "" {
		return NewError(EInvalid, "signin.problem.empty")
	}
	if err := s.waitOver(ctx, a.Name); err != nil {
		return err
	}
	u, known, err := userByLogin(ctx, s.r, a.Name)
	if err != nil {
		return err
	}
	if !known || u.ID != a.UserID || !verifyPassword(u.PasswordHash, password) {
		return s.failed(ctx, a.Name, u, known)
	}
	if err := s.clearFailures(ctx, a.Name); err != nil {
		return err
	}
	return s.AuditLock(ctx, false, "")
}

// waitOver refuses an attempt made before the delay after the failed
// ones under login has run out.
func (s *Store) waitOver(ctx context.Context, login string) error {
	var failures int
	var last int64
	err := s.r.QueryRowContext(ctx, `SELECT failures, last_utc FROM sign_in_failures WHERE login = ?`, login).Scan(&failures, &last)
	if err == sql.ErrNoRows {
		return nil
	} else if err != nil {
		return sqlErr("reading the failed sign-ins", err)
	}
	until := time.Unix(last, 0).Add(SignInDelay(failures))
	if wait := until.Sub(s.signInNow()); wait > 0 {
		secs := int((wait + time.Second - 1) / time.Second)
		return NewError(ETooSoon, "signin.problem.wait", "Seconds", secs)
	}
	return nil
}

// failed records a failed attempt under login: the count for the delay
// and an audit row naming the user when the name is one (a name that is
// no user's is not written down: it may be a password typed in the wrong
// field).
func (s *Store) failed(ctx context.Context, login string, u User, known bool) error {
	now := s.signInNow().Unix()
	err := s.Update(ctx, func(tx *Tx) error {
		_, err := tx.tx.ExecContext(ctx, `INSERT INTO sign_in_failures (login, failures, last_utc) VALUES (?, 1, ?)
			ON CONFLICT (login) DO UPDATE SET failures = failures + 1, last_utc = excluded.last_utc`, login, now)
		if err != nil {
			return sqlErr("counting a failed sign-in", err)
		}
		user, detail := "unknown", "a name that is no user's"
		if known {
			user, detail = u.Login, "wrong password"
		}
		return tx.auditAs(user, "sign_in_failed", "users", u.ID, detail)
	})
	if err != nil {
		return err
	}
	return NewError(EForbidden, "signin.problem.wrong")
}

func (s *Store) clearFailures(ctx context.Context, login string) error {
	return s.Update(ctx, func(tx *Tx) error {
		_, err := tx.tx.ExecContext(ctx, `DELETE FROM sign_in_failures WHERE login = ?`, login)
		return sqlErr("clearing the failed sign-ins", err)
	})
}

// auditAs appends an audit row in the name of user rather than the
// actor's: a failed sign-in is about the account it tried.
func (tx *Tx) auditAs(user, action, entity, entityID, detail string) error {
	e, err := appendAudit(tx.ctx, tx.tx, tx.s.device().ID, user, tx.now, action, entity, entityID, detail)
	if err != nil {
		return err
	}
	tx.audited = append(tx.audited, auditHead{AnchorPoint{e.Seq, e.Hash}, e.At})
	return tx.recordAudit(e) // the chain travels with the changes it audits
}
