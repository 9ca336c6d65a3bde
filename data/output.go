package data

import (
	"context"
	"io"
	"os"
	"path/filepath"

	"frontdesk/data/i18n"
)

// Output describes one file Frontdesk writes for people to take away: an
// export, a printed PDF, a call list. Every such file goes through
// WriteOutput (or StreamOutput for standard output), so that each is
// audited, atomic, readable by its owner only, and never left half-written.
type Output struct {
	Path string // the file to write; a symbolic link is followed to its target
	// What names it in messages, in English, as a sentence's subject:
	// "The export". Named, when set, names it from the catalogue instead
	// ("output.what.day_list"), so that the desk says it in its language.
	What     string
	Named    i18n.Key
	Action   string // audit action: "export" or "print"
	Entity   string // audit entity: "patients", "daylist", …
	EntityID string
	Detail   string // what was written, for the audit row; " to <file>" is added
	// Record, when set, writes more rows in the audit row's transaction
	// (a letter marked as sent), so that they exist exactly when the file does.
	Record func(tx *Tx) error
}

// PrintsFolder is the folder, inside the data folder, of the documents
// the desk prints: it is the owner's only, like the database.
const PrintsFolder = "prints"

// PrintsDir returns the prints folder, creating it (or closing it to
// other users, if an older version left it open) as 0700.
func (s *Store) PrintsDir() (string, error) {
	dir := filepath.Join(s.dir, PrintsFolder)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", outputError("output.error.prints_folder", err, "Path", dir)
	}
	if err := os.Chmod(dir, 0o700); err != nil {
		return "", outputError("output.error.prints_folder", err, "Path", dir)
	}
	return dir, nil
}

// OutboxFolder is the folder, inside the data folder, of the e-mails the
// desk writes for the system's mail program to send.
const OutboxFolder = "outbox"

// OutboxDir returns the outbox folder, creating it as 0700 like the prints folder.
func (s *Store) OutboxDir() (string, error) {
	dir := filepath.Join(s.dir, OutboxFolder)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", outputError("output.error.outbox_folder", err, "Path", dir)
	}
	if err := os.Chmod(dir, 0o700); err != nil {
		return "", outputError("output.error.outbox_folder", err, "Path", dir)
	}
	return dir, nil
}

// WriteOutput writes an output file and its audit row as one step. write
// fills a temporary file (0600) beside the target, which is flushed to
// disk; then one write transaction appends the audit row and renames the
// file into place before it commits. When the commit fails, the file is
// taken away again (a file it replaced is put back); when anything fails,
// neither the temporary file nor the target is left behind. Paths that
// are, or lead to, the practice database's own files are refused. It
// returns the path written: the target of a symbolic link when o.Path is
// one.
func (s *Store) WriteOutput(ctx context.Context, o Output, write func(w io.Writer) error) (string, error) {
	target, err := s.outputTarget(o.Path)
	if err != nil {
		return "", err
	}
	tmp, err := os.CreateTemp(filepath.Dir(target), ".frontdesk-*.tmp") // 0600
	if err != nil {
		return "", outputError("output.error.not_written", err, "What", o.name(), "Path", target)
	}
	defer os.Remove(tmp.Name()) // nothing left to remove once renamed
	if err := write(tmp); err != nil {
		tmp.Close()
		return "", writeFailed(o.name(), target, err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return "", outputError("output.error.not_written", err, "What", o.name(), "Path", target)
	}
	if err := tmp.Close(); err != nil {
		return "", outputError("output.error.not_written", err, "What", o.name(), "Path", target)
	}

	var replaced *keptFile
	renamed := false
	err = s.Update(ctx, func(tx *Tx) error {
		if err := tx.Audit(o.Action, o.Entity, o.EntityID, o.Detail+" to "+target); err != nil {
			return err
		}
		if o.Record != nil {
			if err := o.Record(tx); err != nil {
				return err
			}
		}
		replaced = keepReplaced(target)
		if err := os.Rename(tmp.Name(), target); err != nil {
			replaced.drop()
			return outputError("output.error.not_written", err, "What", o.name(), "Path", target)
		}
		renamed = true
		return nil
	})
	if err != nil {
		if renamed {
			replaced.restore(target)
		}
		return "", err
	}
	replaced.drop()
	syncDir(filepath.Dir(target))
	return target, nil
}

// StreamOutput writes an output to w (standard output), which cannot be
// taken back: the audit row is committed first, so nothing leaves
// unrecorded.
func (s *Store) StreamOutput(ctx context.Context, w io.Writer, o Output, write func(w io.Writer) error) error {
	if err := s.AuditRead(ctx, o.Action, o.Entity, o.EntityID, o.Detail+" to standard output"); err != nil {
		return err
	}
	if err := write(w); err != nil {
		if _, ok := osCause(err); ok {
			return outputError("output.error.stream_failed", err, "What", o.name())
		}
		return err
	}
	return nil
}

// name is how messages name the output: its key when it has one, else
// its English words.
func (o Output) name() any {
	if o.Named != "" {
		return o.Named
	}
	return o.What
}

// keptFile is a second name for the file an output replaces, held until
// the output's audit row is committed, so that a failed commit can put
// the old file back instead of leaving nothing.
type keptFile struct{ name string }

// keepReplaced links the existing target to a temporary name beside it.
// It returns nil when there is no target or the file system cannot link
// (a FAT stick): the replaced file is then lost if the commit fails, as
// it would have been by the write itself.
func keepReplaced(target string) *keptFile {
	if _, err := os.Lstat(target); err != nil {
		return nil
	}
	f, err := os.CreateTemp(filepath.Dir(target), ".frontdesk-*.old")
	if err != nil {
		return nil
	}
	name := f.Name()
	f.Close()
	os.Remove(name)
	if err := os.Link(target, name); err != nil {
		return nil
	}
	return &keptFile{name: name}
}

// restore puts the replaced file back over the new one, or removes the
// new one when nothing was replaced.
func (k *keptFile) restore(target string) {
	if k == nil {
		os.Remove(target)
		return
	}
	if err := os.Rename(k.name, target); err != nil {
		os.Remove(target)
		os.Remove(k.name)
	}
}

func (k *keptFile) drop() {
	if k != nil {
		os.Remove(k.name)
	}
}
