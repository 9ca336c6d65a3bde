package sync

import (
	"context"
	"testing"
)

// A patient created on one device reaches the other through the folder,
// with its derived search columns computed by the receiver, and applying
// the same files again changes nothing.
func TestPatientTravelsAndIsFoundBySearch(t *testing.T) {
	p := newTestPractice(t)
	a, b := p.newDevice(), p.newDevice()
	pt := a.newPatient("Gómez", "Ana")
	if n := a.export(); n != 1 {
		t.Fatalf("wrote %d files, want 1", n)
	}
	if n := a.export(); n != 0 {
		t.Fatalf("a second export with nothing new wrote %d files", n)
	}
	rep := b.importAll()
	if rep.Applied != 1 || len(rep.Refused) != 0 {
		t.Fatalf("import: %+v", rep)
	}
	got, err := b.patient(pt.ID)
	if err != nil || got.FamilyName != "Gómez" || got.ChartNumber != pt.ChartNumber {
		t.Fatalf("received patient %+v, %v", got, err)
	}
	hits, err := b.st.SearchPatients(context.Background(), "gomez", 10)
	if err != nil || len(hits) != 1 || hits[0].ID != pt.ID {
		t.Fatalf("search on the receiver: %+v, %v", hits, err)
	}
	if nk := b.queryString(`SELECT name_key FROM patients WHERE id = ?`, pt.ID); nk != a.queryString(`SELECT name_key FROM patients WHERE id = ?`, pt.ID) {
		t.Errorf("derived name_key %q differs from the sender's", nk)
	}
	// The derived columns did not travel.
	set, err := a.st.SealedSet(context.Background(), 1)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range set.Changes {
		switch c.Field {
		case "name_key", "phone_digits", "family_key", "search_tokens":
			t.Errorf("derived column %s travelled", c.Field)
		}
	}
	before := b.queryInt(`SELECT COUNT(*) FROM changes`)
	if rep := b.importAll(); rep.Applied != 0 {
		t.Fatalf("second import applied %d files", rep.Applied)
	}
	if after := b.queryInt(`SELECT COUNT(*) FROM changes`); after != before {
		t.Fatalf("second import changed the change log: %d then %d", before, after)
	}
}
