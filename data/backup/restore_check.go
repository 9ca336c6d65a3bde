package backup

import (
	"context"
	"os"
	"path/filepath"

	"frontdesk/data"
)

// check examines the unpacked database before anything is replaced:
// that it is a Frontdesk database no newer than this program and passes
// quick_check (data.VerifyDatabaseFile). The same file is then renamed
// into the practice: it is checked once, as it will be used.
//
// The check reads the file from the system's cache while a sync puts it
// on disk: the two run side by side instead of one after the other, and
// the file is on disk before it is renamed into the practice. Once both
// are done, the file is switched to WAL mode, as the store keeps it, so
// that the store opening the restored practice needs no write first and
// does not read the whole file a second time before the desk shows.
func (st *Staged) check(ctx context.Context) error {
	p := filepath.Join(st.work, databaseName)
	synced := make(chan error, 1)
	go func() { synced <- syncFile(p) }()
	_, err := data.VerifyDatabaseFile(ctx, p)
	syncErr := <-synced
	switch {
	case data.ErrorCode(err) == data.ETooNew:
		return tooNew(st.About.Schema)
	case data.ErrorCode(err) == data.EDamaged:
		return damaged(err)
	case err != nil:
		return err
	case syncErr != nil:
		return storageError(syncErr)
	}
	return data.UseWAL(ctx, p)
}

// syncFile forces a file's written bytes to disk.
func syncFile(p string) error {
	f, err := os.OpenFile(p, os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
