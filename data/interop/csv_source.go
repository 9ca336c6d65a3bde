package interop

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"frontdesk/data"
)

// maxFileSize bounds the file an import reads into memory: a million
// patients in a wide export stay well below it.
const maxFileSize = 256 << 20

// Source is a CSV file of patients as read: its name, encoding and table,
// and what each of its columns is taken to hold (guessed from the
// header; a screen may change it before Check).
type Source struct {
	Name     string
	Encoding Encoding
	*Table
	Columns []Target
}

// ReadFile reads the file at path (see Read).
func ReadFile(path string) (*Source, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, openError(path, err)
	}
	defer f.Close()
	return Read(f, filepath.Base(path))
}

// Read reads a CSV file of patients: it detects the encoding and the
// delimiter, splits the records and guesses the columns from the header.
// name is the file's name, for the report and the audit log.
func Read(r io.Reader, name string) (*Source, error) {
	b, err := io.ReadAll(io.LimitReader(r, maxFileSize+1))
	if err != nil {
		e := data.NewError(data.EStorage, "import.error.read", "File", name)
		e.Err = err
		return nil, e
	}
	if len(b) > maxFileSize {
		return nil, data.NewError(data.EInvalid, "import.error.too_big", "File", name, "Megabytes", maxFileSize>>20)
	}
	text, enc, err := decode(b)
	if err != nil {
		return nil, data.WithOp("reading "+name, err)
	}
	tab, err := readTable(text)
	if err != nil {
		return nil, err
	}
	return &Source{Name: name, Encoding: enc, Table: tab, Columns: GuessColumns(tab.Header)}, nil
}

// openError says in words why the file cannot be opened.
func openError(path string, err error) error {
	var e *data.Error
	switch {
	case errors.Is(err, fs.ErrNotExist):
		e = data.NewError(data.ENotFound, "import.error.missing", "File", path)
	case errors.Is(err, fs.ErrPermission):
		e = data.NewError(data.EForbidden, "import.error.permission", "File", path)
	default:
		e = data.NewError(data.EStorage, "import.error.open", "File", path)
	}
	e.Err = err
	return e
}
