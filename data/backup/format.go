package backup

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// The file's text header (see the package comment). Its lines are read
// strictly: anything else is not a backup of this format.
const (
	magic       = "Frontdesk backup 1"
	payloadTar  = "payload: tar"
	keyLenLabel = "key-length: "
	maxKeyLen   = 4096
)

// writeHeader writes the header and the wrapped key.
func writeHeader(w io.Writer, wrapped string) error {
	_, err := fmt.Fprintf(w, "%s\n%s\n%s%d\n%s", magic, payloadTar, keyLenLabel, len(wrapped), wrapped)
	return err
}

// errNotBackup is a file that does not start as a backup does.
var errNotBackup = errors.New("not a Frontdesk backup")

// errNewerFormat is a backup of a format this program does not know.
var errNewerFormat = errors.New("a newer backup format")

// readHeader reads the header and returns the wrapped key; r is left at
// the start of the payload.
func readHeader(r *bufio.Reader) (string, error) {
	line := func() (string, error) {
		s, err := r.ReadString('\n')
		if err != nil || len(s) > 100 {
			return "", errNotBackup
		}
		return strings.TrimSuffix(s, "\n"), nil
	}
	first, err := line()
	if err != nil {
		return "", err
	}
	if first != magic {
		if strings.HasPrefix(first, "Frontdesk backup ") {
			return "", errNewerFormat
		}
		return "", errNotBackup
	}
	if p, err := line(); err != nil || p != payloadTar {
		return "", errNotBackup
	}
	kl, err := line()
	if err != nil || !strings.HasPrefix(kl, keyLenLabel) {
		return "", errNotBackup
	}
	n, err := strconv.Atoi(strings.TrimPrefix(kl, keyLenLabel))
	if err != nil || n <= 0 || n > maxKeyLen {
		return "", errNotBackup
	}
	key := make([]byte, n)
	if _, err := io.ReadFull(r, key); err != nil {
		return "", errNotBackup
	}
	return string(key), nil
}
