package ui

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"frontdesk/data"
)

// An attachment whose record came from another computer through sync
// before its file is listed with "Not arrived yet" in place of Open,
// which cannot be tapped: nothing to open, and nothing was removed.
func TestAnAttachmentNotArrivedCannotBeOpened(t *testing.T) {
	s, f := fixtureStore(t)
	const other = "01aaaaaa-0000-7000-8000-00000000000b"
	fields := map[string]any{"patient_id": f.dupont.ID, "sha256": strings.Repeat("c0", 32), "size": 48213,
		"media_type": "application/pdf", "file_name": "referral.pdf", "title": "", "added_utc": time.Now().Unix(), "added_by": "laptop"}
	set := data.ChangeSet{Device: other, Seq: 1, First: 1}
	row := data.NewID()
	for _, name := range []string{"patient_id", "sha256", "size", "media_type", "file_name", "title", "added_utc", "added_by"} {
		v, _ := json.Marshal(fields[name])
		set.Last++
		set.Changes = append(set.Changes, data.Change{OpID: data.NewID(), HLC: fmt.Sprintf("%013d.%05d.%s", time.Now().UnixMilli(), set.Last, other),
			Device: other, Table: "attachments", RowID: row, Field: name, New: string(v)})
	}
	if _, err := s.ApplyChangeSet(context.Background(), set); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, s)
	file := openFile(h, "dupont")
	h.wait(file.showTab(tabAttachments))
	view := file.view()
	if !hasText(view, "referral.pdf") {
		t.Fatalf("the attachment is not listed: %q", texts(view))
	}
	waiting := findButtons(view, "Not arrived yet")
	if len(waiting) != 1 || !waiting[0].Disabled() {
		t.Fatalf("want one disabled \"Not arrived yet\" button, found %d", len(waiting))
	}
	if open := findButtons(view, "Open"); len(open) != 0 {
		t.Errorf("an attachment without its file offers Open")
	}
}
