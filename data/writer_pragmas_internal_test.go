package data

import "testing"

// The writer keeps statement journals in memory and a page cache large
// enough for an import's hot pages (writerPragmas): with SQLite's
// defaults an import of 100 000 patients spent most of its time in
// system calls on a temporary file and on pages spilled and read back.
func TestWriterIsTunedForLongTransactions(t *testing.T) {
	s := openInternal(t)
	if n := writerInt(t, s, `PRAGMA temp_store`); n != 2 {
		t.Errorf("temp_store = %d, want 2 (memory)", n)
	}
	if n := writerInt(t, s, `PRAGMA cache_size`); n != -65536 {
		t.Errorf("cache_size = %d, want -65536 (64 MB)", n)
	}
}
