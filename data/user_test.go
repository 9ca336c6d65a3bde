package data_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"frontdesk/data"
)

// testPassword is the password of every user the tests make.
const testPassword = "tulip-harbour-42"

// testHash is testPassword's hash, made once: argon2id takes a large
// fraction of a second by design.
var testHash = sync.OnceValues(func() (string, error) { return data.HashPassword(testPassword, "", "") })

// addUser creates an active user through the write path.
func addUser(t testing.TB, s *data.Store, login string, role data.Role, grants ...data.Right) data.User {
	t.Helper()
	hash, err := testHash()
	if err != nil {
		t.Fatal(err)
	}
	u := data.User{Login: login, FullName: strings.ToUpper(login[:1]) + login[1:] + " Test", Role: role, Grants: grants,
		PasswordHash: hash, Active: true}
	mustUpdate(t, s, func(tx *data.Tx) error { return tx.SaveUser(&u) })
	return u
}

func TestPasswordRules(t *testing.T) {
	for _, tc := range []struct {
		password, want string
	}{
		{"short", "at least 10 characters"},
		{"Password123", "most used passwords"}, // on the list, whatever its case
		{"qwertyuiop", "most used passwords"},
		{"marie.dubois", "user's name"},
		{"MarieDubois", "user's name"},
		{strings.Repeat("long ", 50), "too long"},
	} {
		err := data.CheckPassword(tc.password, "marie.dubois", "Marie Dubois")
		wantCode(t, err, data.EInvalid)
		if p := data.ProblemsOf(err); len(p) != 1 || p[0].Field != data.FieldPassword || !strings.Contains(p[0].Message, tc.want) {
			t.Errorf("%q: %v, want one problem of the password saying %q", tc.password, p, tc.want)
		}
	}
	if err := data.CheckPassword("tulip harbour at noon", "marie", "Marie Dubois"); err != nil {
		t.Errorf("a long uncommon passphrase was refused: %v", err)
	}
}

func TestPasswordHashIsArgon2idAndVerifies(t *testing.T) {
	s := openStore(t)
	ctx := context.Background()
	hash, err := testHash()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(hash, "$argon2id$v=19$m=65536,t=8,p=2$") || strings.Contains(hash, testPassword) {
		t.Fatalf("hash %q is not argon2id with the agreed costs, or shows the password", hash)
	}
	if again, _ := data.HashPassword(testPassword, "", ""); again == hash {
		t.Fatal("two hashes of one password are equal: the salt is not fresh")
	}
	u := addUser(t, s, "marie", data.RoleSecretary)
	if _, err := s.SignIn(ctx, "MARIE ", testPassword); err != nil {
		t.Fatalf("the right password (name in capitals, a space after) was refused: %v", err)
	}
	if a := s.Actor(); a.UserID != u.ID || a.Name != "marie" || a.Role != data.RoleSecretary {
		t.Fatalf("after signing in the store acts for %+v", a)
	}
	_, err = s.SignIn(ctx, "marie", testPassword+"!")
	wantCode(t, err, data.EForbidden)
	// Neither the password nor the hash reaches the audit log.
	db := rawDB(t, s.Dir())
	if n := queryInt(t, db, `SELECT COUNT(*) FROM audit_log WHERE detail LIKE ? OR detail LIKE ?`, "%"+testPassword+"%", "%argon2%"); n != 0 {
		t.Fatalf("%d audit rows hold the password or its hash", n)
	}
	if n := queryInt(t, db, `SELECT COUNT(*) FROM audit_log WHERE action = 'sign_in' AND user = 'marie'`); n != 1 {
		t.Fatalf("%d sign-in rows for marie, want 1", n)
	}
}

func TestSignInDelayGrowsAfterFailures(t *testing.T) {
	s := openStore(t)
	ctx := context.Background()
	addUser(t, s, "marie", data.RoleSecretary)
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	s.SetSignInClock(func() time.Time { return now })
	wrong := func() {
		t.Helper()
		_, err := s.SignIn(ctx, "marie", "not the password")
		wantCode(t, err, data.EForbidden)
	}
	tooSoon := func(password string) {
		t.Helper()
		_, err := s.SignIn(ctx, "marie", password)
		wantCode(t, err, data.ETooSoon)
	}
	// Three mistakes cost nothing: a typo, Caps Lock.
	wrong()
	wrong()
	wrong()
	// Then the next attempt waits 5 s, even with the right password.
	tooSoon(testPassword)
	now = now.Add(4 * time.Second)
	tooSoon(testPassword)
	now = now.Add(time.Second)
	wrong() // the fourth failure: 10 s now
	now = now.Add(9 * time.Second)
	tooSoon("not the password")
	now = now.Add(time.Second)
	wrong() // the fifth: 20 s
	now = now.Add(19 * time.Second)
	tooSoon(testPassword)

	// Quitting and starting again does not reset the count.
	dir := s.Dir()
	s.Close()
	s2, err := data.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	s2.SetSignInClock(func() time.Time { return now })
	if _, err := s2.SignIn(ctx, "marie", testPassword); data.ErrorCode(err) != data.ETooSoon {
		t.Fatalf("after a restart the wait was gone: %v", err)
	}
	now = now.Add(time.Second)
	if _, err := s2.SignIn(ctx, "marie", testPassword); err != nil {
		t.Fatalf("the right password after the wait: %v", err)
	}
	// A success clears the count: the next mistake costs nothing again.
	if _, err := s2.SignIn(ctx, "marie", "not the password"); data.ErrorCode(err) != data.EForbidden {
		t.Fatalf("after a success a mistake was delayed: %v", err)
	}

	want := []time.Duration{0, 0, 0, 5 * time.Second, 10 * time.Second, 20 * time.Second, 40 * time.Second}
	for n, d := range want {
		if got := data.SignInDelay(n); got != d {
			t.Errorf("SignInDelay(%d) = %v, want %v", n, got, d)
		}
	}
	if got := data.SignInDelay(100); got != 15*time.Minute {
		t.Errorf("SignInDelay(100) = %v, want the 15 minutes' cap", got)
	}
}

func TestFailedSignInUnderAnUnknownNameIsAuditedWithoutTheName(t *testing.T) {
	s := openStore(t)
	ctx := context.Background()
	addUser(t, s, "marie", data.RoleSecretary)
	// Someone types their password into the name field.
	_, err := s.SignIn(ctx, "tulip-harbour-42", "marie")
	wantCode(t, err, data.EForbidden)
	db := rawDB(t, s.Dir())
	if n := queryInt(t, db, `SELECT COUNT(*) FROM audit_log WHERE action = 'sign_in_failed' AND user = 'unknown'`); n != 1 {
		t.Fatalf("%d failed sign-ins under an unknown name audited, want 1", n)
	}
	if n := queryInt(t, db, `SELECT COUNT(*) FROM audit_log WHERE user LIKE '%tulip%' OR detail LIKE '%tulip%' OR entity_id LIKE '%tulip%'`); n != 0 {
		t.Fatal("the text typed as a name (perhaps a password) reached the audit log")
	}
	if a := s.Actor(); a.IsUser() {
		t.Fatalf("a failed sign-in left the store acting for %+v", a)
	}
}

func TestUnlockAsksTheSignedInUsersPassword(t *testing.T) {
	s := openStore(t)
	ctx := context.Background()
	addUser(t, s, "marie", data.RoleSecretary)
	addUser(t, s, "paul", data.RolePractitioner)
	if _, err := s.SignIn(ctx, "marie", testPassword); err != nil {
		t.Fatal(err)
	}
	if err := s.AuditLock(ctx, true, "idle"); err != nil {
		t.Fatal(err)
	}
	wantCode(t, s.Unlock(ctx, "wrong password"), data.EForbidden)
	if err := s.Unlock(ctx, testPassword); err != nil {
		t.Fatalf("unlock with the right password: %v", err)
	}
	db := rawDB(t, s.Dir())
	got := queryInt(t, db, `SELECT COUNT(*) FROM audit_log WHERE user = 'marie' AND action IN ('lock', 'unlock', 'sign_in_failed')`)
	if got != 3 {
		t.Fatalf("%d lock, unlock and failure rows for marie, want 3", got)
	}
	if err := s.SignOut(ctx); err != nil {
		t.Fatal(err)
	}
	if s.Actor().IsUser() {
		t.Fatal("signed out, the store still acts for a user")
	}
	wantCode(t, s.Unlock(ctx, testPassword), data.EForbidden)
}

func TestUsersKeepALoginEachAndAnAdministrator(t *testing.T) {
	s := openStore(t)
	ctx := context.Background()
	admin := addUser(t, s, "anna", data.RoleAdmin)
	hash, _ := testHash()
	twin := data.User{Login: "Anna", FullName: "Anna Other", Role: data.RoleSecretary, PasswordHash: hash, Active: true}
	err := s.Update(ctx, func(tx *data.Tx) error { return tx.SaveUser(&twin) })
	wantCode(t, err, data.EConflict)
	for _, change := range []func(u *data.User){
		func(u *data.User) { u.Role = data.RoleSecretary },
		func(u *data.User) { u.Active = false },
	} {
		u := admin
		change(&u)
		err := s.Update(ctx, func(tx *data.Tx) error { return tx.SaveUser(&u) })
		wantCode(t, err, data.EConflict)
	}
	addUser(t, s, "paul", data.RoleAdmin)
	admin.Role = data.RoleSecretary
	mustUpdate(t, s, func(tx *data.Tx) error { return tx.SaveUser(&admin) })
	bad := data.User{Login: "a b", FullName: "", Role: "boss", Grants: []data.Right{data.RightUsers}, PasswordHash: "plain", Active: true}
	err = s.Update(ctx, func(tx *data.Tx) error { return tx.SaveUser(&bad) })
	fields := map[string]bool{}
	for _, p := range data.ProblemsOf(err) {
		fields[p.Field] = true
	}
	for _, f := range []string{data.FieldLogin, data.FieldFullName, data.FieldRole, data.FieldGrants, data.FieldPassword} {
		if !fields[f] {
			t.Errorf("no problem under %s: %v", f, err)
		}
	}
}
