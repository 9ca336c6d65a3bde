package data_test

import (
	"context"
	"testing"

	"golang.org/x/crypto/argon2"

	"frontdesk/data"
)

// BenchmarkSignIn is what a person waits for at the sign-in and lock
// screens: the goal is 0.2–1 s on the desk's two cores. It runs beside
// its floor, argon2id alone with the same costs.
func BenchmarkSignIn(b *testing.B) {
	s := openStore(b)
	addUser(b, s, "marie", data.RoleSecretary)
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := s.SignIn(ctx, "marie", testPassword); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSignInFloorArgon2id is the hash alone, with the costs of
// data's hashes (m=64 MiB, t=6, p=2).
func BenchmarkSignInFloorArgon2id(b *testing.B) {
	salt := make([]byte, 16)
	for i := 0; i < b.N; i++ {
		argon2.IDKey([]byte(testPassword), salt, 6, 64*1024, 2, 32)
	}
}
