package data

import (
	"context"
	"database/sql"
	"slices"
	"strings"

	"frontdesk/data/i18n"
)

// User is a person who signs in at the desk. Users are practice data:
// they change through the write path and reach every device by sync, so
// that the same name and password work on each computer.
type User struct {
	ID string
	// Login is what is typed at sign-in, in lower case: letters, digits
	// and . - _ ("marie", "dr.weber"). It names the user in the audit
	// log, so it cannot change once the user exists.
	Login    string
	FullName string // "Marie Dubois", as the top bar and notes show it
	Role     Role
	// PractitionerID links the user to their column in the calendar
	// ("" for none).
	PractitionerID string
	Grants         []Right // rights beyond the role, from Grantable
	PasswordHash   string  // argon2id (HashPassword); never the password
	Active         bool
}

// Fields of a user (FieldPassword is in password.go, FieldPractitioner is
// the appointment's name, reused).
const (
	FieldLogin    = "login"
	FieldFullName = "full_name"
	FieldRole     = "role"
	FieldGrants   = "grants"
)

// Lengths of a user's names.
const (
	MinLogin = 2
	MaxLogin = 32
)

var userLabels = map[string]i18n.Key{
	FieldLogin:        "user.field.login",
	FieldFullName:     "user.field.full_name",
	FieldRole:         "user.field.role",
	FieldPractitioner: "user.field.practitioner",
	FieldGrants:       "user.field.grants",
	FieldPassword:     "user.field.password",
}

// UserLabel is the catalogue's name of a user's field.
func UserLabel(field string) i18n.Key { return userLabels[field] }

// FoldLogin is a login as it is stored and compared: trimmed, in lower case.
func FoldLogin(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// Validate cleans and checks the fields.
func (u *User) Validate() error {
	var p Problems
	u.Login = FoldLogin(u.Login)
	u.FullName = CleanText(u.FullName)
	l := UserLabel
	switch n := len([]rune(u.Login)); {
	case n == 0:
		p.Report(FieldLogin, "problem.missing", "Field", l(FieldLogin))
	case n < MinLogin || n > MaxLogin || strings.Trim(u.Login, "abcdefghijklmnopqrstuvwxyz0123456789.-_") != "":
		p.Report(FieldLogin, "user.problem.login", "Field", l(FieldLogin), "Text", clip(u.Login), "Min", MinLogin, "Max", MaxLogin)
	}
	p.required(FieldFullName, l(FieldFullName), u.FullName, MaxName)
	if !u.Role.Valid() {
		p.Report(FieldRole, "user.problem.role", "Field", l(FieldRole), "Text", clip(string(u.Role)))
	}
	for _, g := range u.Grants {
		if !slices.Contains(Grantable, g) {
			p.Report(FieldGrants, "user.problem.grant", "Field", l(FieldGrants), "Text", clip(string(g)))
		}
	}
	if !validHash(u.PasswordHash) {
		p.Report(FieldPassword, "problem.missing", "Field", l(FieldPassword))
	}
	return p.Err()
}

func (u *User) row() row {
	var pr any
	if u.PractitionerID != "" {
		pr = u.PractitionerID
	}
	grants := make([]string, len(u.Grants))
	for i, g := range u.Grants {
		grants[i] = string(g)
	}
	slices.Sort(grants)
	return row{"users", &u.ID,
		[]string{"login", "full_name", "role", "practitioner_id", "grants", "password_hash", "active"},
		[]any{u.Login, u.FullName, string(u.Role), pr, strings.Join(grants, ","), u.PasswordHash, u.Active}}
}

// Actor is the user as the store acts for them.
func (u User) Actor() Actor {
	return Actor{Name: u.Login, FullName: u.FullName, UserID: u.ID, Role: u.Role, Grants: u.Grants, PractitionerID: u.PractitionerID}
}

// Can reports whether the user may do what r guards.
func (u User) Can(r Right) bool { return Can(u.Actor(), r) }

// SaveUser creates or changes a user. A login belongs to one user; the
// practice keeps at least one active administrator, so that someone can
// always manage the others.
func (tx *Tx) SaveUser(u *User) error {
	if err := u.Validate(); err != nil {
		return err
	}
	var other string
	err := tx.tx.QueryRowContext(tx.ctx, `SELECT id FROM users WHERE login = ? AND deleted = 0 AND id <> ?`, u.Login, u.ID).Scan(&other)
	if err == nil {
		return NewError(EConflict, "user.problem.login_taken", "Login", u.Login)
	} else if err != sql.ErrNoRows {
		return sqlErr("looking for a user of the same sign-in name", err)
	}
	var wasAdmin bool
	if u.ID != "" {
		err := tx.tx.QueryRowContext(tx.ctx, `SELECT role = 'admin' AND active = 1 FROM users WHERE id = ? AND deleted = 0`, u.ID).Scan(&wasAdmin)
		if err != nil && err != sql.ErrNoRows {
			return sqlErr("reading the user's role before the change", err)
		}
	}
	if err := tx.Save(u); err != nil {
		return err
	}
	if wasAdmin {
		return tx.keepAnAdmin()
	}
	return nil
}

// keepAnAdmin refuses a change that leaves no active administrator.
func (tx *Tx) keepAnAdmin() error {
	var n int
	if err := tx.tx.QueryRowContext(tx.ctx, `SELECT COUNT(*) FROM users WHERE role = 'admin' AND active = 1 AND deleted = 0`).Scan(&n); err != nil {
		return sqlErr("counting the administrators", err)
	}
	if n == 0 {
		return NewError(EConflict, "user.problem.last_admin")
	}
	return nil
}

const userColumns = `id, login, full_name, role, COALESCE(practitioner_id, ''), grants, password_hash, active`

func scanUsers(rows *sql.Rows) ([]User, error) {
	defer rows.Close()
	var out []User
	for rows.Next() {
		var u User
		var role, grants string
		if err := rows.Scan(&u.ID, &u.Login, &u.FullName, &role, &u.PractitionerID, &grants, &u.PasswordHash, &u.Active); err != nil {
			return nil, sqlErr("reading the users", err)
		}
		u.Role = Role(role)
		for _, g := range strings.Split(grants, ",") {
			if g != "" {
				u.Grants = append(u.Grants, Right(g))
			}
		}
		out = append(out, u)
	}
	return out, sqlErr("reading the users", rows.Err())
}

// Users lists the practice's users, active ones first, by name. It needs
// RightUsers.
func (s *Store) Users(ctx context.Context) ([]User, error) {
	if err := s.require(RightUsers); err != nil {
		return nil, err
	}
	rows, err := s.r.QueryContext(ctx, `SELECT `+userColumns+` FROM users WHERE deleted = 0 ORDER BY active DESC, full_name, login`)
	if err != nil {
		return nil, sqlErr("listing the users", err)
	}
	return scanUsers(rows)
}

// HasUsers reports whether the practice has an active administrator,
// without which the desk asks for the first one before anything else.
func (s *Store) HasUsers(ctx context.Context) (bool, error) {
	var n int
	err := s.r.QueryRowContext(ctx, `SELECT COUNT(*) FROM users WHERE role = 'admin' AND active = 1 AND deleted = 0`).Scan(&n)
	return n > 0, sqlErr("counting the administrators", err)
}

// userByLogin finds an active user by the name typed at sign-in.
func userByLogin(ctx context.Context, q querier, login string) (User, bool, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+userColumns+` FROM users WHERE login = ? AND active = 1 AND deleted = 0`, FoldLogin(login))
	if err != nil {
		return User{}, false, sqlErr("finding the user who signs in", err)
	}
	users, err := scanUsers(rows)
	if err != nil || len(users) == 0 {
		return User{}, false, err
	}
	return users[0], true, nil
}

// UserByLogin returns the active user who signs in as login, for the
// command line and tests; ENotFound when there is none.
func (s *Store) UserByLogin(ctx context.Context, login string) (User, error) {
	u, ok, err := userByLogin(ctx, s.r, login)
	if err == nil && !ok {
		err = NewError(ENotFound, "user.problem.unknown", "Login", FoldLogin(login))
	}
	return u, err
}
