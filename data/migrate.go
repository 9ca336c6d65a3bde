package data

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
	"time"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

type migration struct {
	version int
	name    string
	sql     string
}

// migrations returns the embedded migrations in order. Files are named
// NNNN_name.sql; numbers start at 1 and have no holes.
func migrations() ([]migration, error) {
	names, err := fs.Glob(migrationFS, "migrations/*.sql")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	var ms []migration
	for i, path := range names {
		base := strings.TrimPrefix(path, "migrations/")
		num, name, ok := strings.Cut(strings.TrimSuffix(base, ".sql"), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || v != i+1 {
			return nil, fmt.Errorf("migration file %s is out of sequence", base)
		}
		body, err := migrationFS.ReadFile(path)
		if err != nil {
			return nil, err
		}
		ms = append(ms, migration{v, name, string(body)})
	}
	return ms, nil
}

// SchemaVersion is the newest schema this binary knows.
func SchemaVersion() int {
	ms, _ := migrations()
	return len(ms)
}

// migrate applies the missing migrations, each in its own transaction,
// and refuses a database written by a newer Frontdesk.
func migrate(ctx context.Context, db *sql.DB) error {
	return migrateTo(ctx, db, SchemaVersion())
}

// migrateTo applies the migrations up to version. Each one checks the
// version again inside its own transaction, which holds the write lock:
// when two Frontdesks open an old database at once, the second waits for
// the first (busy timeout) and then finds the work done.
func migrateTo(ctx context.Context, db *sql.DB, version int) error {
	if _, err := db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`); err != nil {
		return sqlErr("creating the table of database versions", err)
	}
	var current int
	if err := db.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&current); err != nil {
		return sqlErr("reading the database version", err)
	}
	ms, err := migrations()
	if err != nil {
		return wrapError(EInternal, err, "store.error.migrations_order")
	}
	if current > len(ms) {
		return tooNewError(current, len(ms))
	}
	for _, m := range ms[min(current, version):version] {
		if err := applyMigration(ctx, db, m); err != nil {
			return err
		}
	}
	return nil
}

func tooNewError(current, known int) error {
	// The versions are passed as text: a number would be grouped.
	return NewError(ETooNew, "store.error.too_new", "Version", strconv.Itoa(current), "Known", strconv.Itoa(known))
}

func applyMigration(ctx context.Context, db *sql.DB, m migration) error {
	op := fmt.Sprintf("updating the database to version %d", m.version)
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return sqlErr(op, err)
	}
	defer tx.Rollback()
	var done int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM schema_migrations WHERE version >= ?`, m.version).Scan(&done); err != nil {
		return sqlErr(op, err)
	} else if done > 0 {
		return nil // another Frontdesk applied it while this one waited for the lock
	}
	if _, err := tx.ExecContext(ctx, m.sql); err != nil {
		if named := sqlErr(op, err); ErrorCode(named) == EStorage || ErrorCode(named) == EConflict {
			return named // the disk or a lock, not the migration
		}
		return wrapError(EInternal, err, "store.error.migration_failed", "Version", strconv.Itoa(m.version))
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`,
		m.version, m.name, time.Now().UTC().Format(time.RFC3339)); err != nil {
		return sqlErr(op, err)
	}
	return sqlErr(op, tx.Commit())
}
