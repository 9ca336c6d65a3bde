package demo

import (
	"crypto/sha256"
	"encoding/binary"

	"frontdesk/data"
)

// Password is the demo users' shared password. It is public (the README
// names it): a demo practice holds no real patient.
const Password = "frontdesk-demo"

// The demo's users, one per role, by their sign-in names. `frontdesk
// --demo` signs the secretary in by itself.
const (
	SecretaryLogin    = "secretary"
	PractitionerLogin = "practitioner"
	BillingLogin      = "billing"
	AdminLogin        = "admin"
)

var demoUsers = []struct {
	login, name string
	role        data.Role
}{
	{SecretaryLogin, "Sophie Garnier", data.RoleSecretary},
	{PractitionerLogin, "", data.RolePractitioner}, // the first practitioner's name
	{BillingLogin, "Luc Moreau", data.RoleBilling},
	{AdminLogin, "Hélène Roux", data.RoleAdmin},
}

// usersHash hashes Password once for every demo user, with a salt drawn
// from the seed, so that the same seed gives the same practice row for
// row. A shared hash tells an attacker that the users share a password,
// which the README says anyway.
func usersHash(seed uint64) (string, error) {
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], seed)
	salt := sha256.Sum256(append([]byte("frontdesk demo users "), b[:]...))
	return data.HashPasswordSalted(Password, "", "", salt[:16])
}

// insertUsers adds the demo users; the practitioner is the first
// practitioner, linked to their column.
func (g *generator) insertUsers(sn *data.Snapshot) error {
	for _, du := range demoUsers {
		u := data.User{ID: g.id(), Login: du.login, FullName: du.name, Role: du.role, PasswordHash: g.userHash, Active: true}
		if du.role == data.RolePractitioner && len(g.practitioners) > 0 {
			u.FullName, u.PractitionerID = g.practitioners[0].DisplayName, g.practitioners[0].ID
		}
		if err := sn.Insert(&u); err != nil {
			return err
		}
	}
	return nil
}
