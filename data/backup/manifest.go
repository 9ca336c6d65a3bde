package backup

import (
	"encoding/json"
	"path"
	"regexp"
	"strings"
	"time"
)

// The tar's entries: about.json first, the database, the other files,
// and manifest.json last.
const (
	aboutName    = "about.json"
	databaseName = "frontdesk.db"
	manifestName = "manifest.json"
)

// About says what a backup is: the tar's first entry, so a restore
// refuses a backup from a newer Frontdesk before it writes anything.
type About struct {
	Format   int       `json:"format"`
	Schema   int       `json:"schema"`   // the database's schema version
	Created  time.Time `json:"created"`  // UTC
	Practice string    `json:"practice"` // its name, to show
	Device   string    `json:"device"`   // the computer that made it
}

// Manifest lists what a backup holds: the tar's last entry, written once
// every file was read, with each file's size and SHA-256 as read. The
// database's bytes are not hashed: age's encryption authenticates every
// byte of the payload, and hashing 600 MB would cost the backup (and the
// restore) a second or more.
type Manifest struct {
	Database int64  `json:"database"` // bytes of frontdesk.db
	Files    []File `json:"files"`    // the entries after it, in order
}

// File is an entry after the database: an audit anchor or an attached file.
type File struct {
	Name   string `json:"name"` // slash-separated, relative to the data folder
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

// aboutFormat is the version of the tar's layout.
const aboutFormat = 1

// Attachments counts the attached files.
func (m Manifest) Attachments() int {
	n := 0
	for _, f := range m.Files {
		if isAttachmentName(f.Name) {
			n++
		}
	}
	return n
}

var (
	attachmentName = regexp.MustCompile(`^attachments/([0-9a-f]{2})/([0-9a-f]{64})$`)
	anchorName     = regexp.MustCompile(`^device-[0-9A-Za-z-]{1,80}\.anchor$`)
)

// isAttachmentName reports whether name is where an attached file lives:
// attachments/ab/ab… under its SHA-256.
func isAttachmentName(name string) bool {
	m := attachmentName.FindStringSubmatch(name)
	return m != nil && strings.HasPrefix(m[2], m[1])
}

// validEntry reports whether a manifest may name this file: only the
// shapes a backup writes, so a restore never writes outside its folder
// or over anything but the practice's own files.
func validEntry(f File) bool {
	if f.Size < 0 || path.Clean(f.Name) != f.Name {
		return false
	}
	return isAttachmentName(f.Name) || anchorName.MatchString(f.Name)
}

func marshal(v any) []byte {
	b, _ := json.MarshalIndent(v, "", "  ") // plain structs: never fails
	return b
}
