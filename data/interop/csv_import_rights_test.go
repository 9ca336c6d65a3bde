package interop

import (
	"context"
	"errors"
	"testing"

	"frontdesk/data"
)

// TestImportRefusedToARoleThatMayNotCreatePatients: billing may read
// demographics but not create patients, so the store refuses the whole
// import, writing neither a patient nor the import's audit entry; a
// secretary's import of the same plan goes in.
func TestImportRefusedToARoleThatMayNotCreatePatients(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	pl := checked(t, s, messy)
	s.ActAs(data.User{Login: "bea", FullName: "Béa Test", Role: data.RoleBilling, Active: true})
	err := pl.Import(ctx, s, nil)
	var de *data.Error
	if !errors.As(err, &de) || de.Code != data.EForbidden {
		t.Fatalf("billing's import: %v, want EForbidden", err)
	}
	s.ActAs(data.User{Login: "sam", FullName: "Sam Test", Role: data.RoleSecretary, Active: true})
	if got := practicePatients(t, s); len(got) != 0 {
		t.Errorf("%d patients written by a refused import", len(got))
	}
	s.SetUser("admin")
	if trail, err := s.AuditTrail(ctx, "patients", ""); err != nil || len(trail) != 0 {
		t.Errorf("a refused import was audited: %+v %v", trail, err)
	}
	s.ActAs(data.User{Login: "sam", FullName: "Sam Test", Role: data.RoleSecretary, Active: true})
	if err := pl.Import(ctx, s, nil); err != nil || len(practicePatients(t, s)) != pl.ToImport {
		t.Errorf("the secretary's import: %v", err)
	}
}
