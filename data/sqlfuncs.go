package data

import (
	"database/sql"

	"github.com/mattn/go-sqlite3"
)

// driverName is the SQLite driver of the store's writer: mattn's driver
// with two functions of ours registered on every connection, so that a
// migration can backfill derived columns with exactly the Go code the
// write path uses (0003 folds names and builds the search tokens). The
// schema's triggers never call them, so a bare "sqlite3" connection (a
// benchmark floor, a test inspecting the file) can still write rows.
//
// Its connections are also tuned for long write transactions
// (writerPragmas).
const driverName = "sqlite3_frontdesk"

// writerPragmas are run on every connection of the writer's driver. The
// desk's saves are small, but an import, a sync or a migration writes
// hundreds of thousands of rows in one transaction, and two of SQLite's
// defaults made each row cost many system calls:
//   - temp_store: a statement that fires a trigger (every insert of a
//     patient, a change record or an audit entry) journals the pages it
//     touches, so that it can be undone alone. SQLite spills that journal
//     to a temporary file once one statement's journal passes 64 KiB, and
//     then writes every later statement's journal of the transaction to
//     the file: two system calls per page. 100 000 patients written by
//     raw INSERTs made 1.5 million of them, two thirds of their CPU time.
//     In memory, the journal of a statement is a few pages.
//   - cache_size: with 2 MB of page cache a large transaction spills its
//     pages to the WAL and reads them back while it goes on; 64 MB (taken
//     only as a transaction needs it) keeps the hot pages of the tables
//     and indexes it appends to, and cut an import's system time by half.
var writerPragmas = []string{"PRAGMA temp_store = MEMORY", "PRAGMA cache_size = -65536"}

func init() {
	sql.Register(driverName, &sqlite3.SQLiteDriver{ConnectHook: func(c *sqlite3.SQLiteConn) error {
		for _, p := range writerPragmas {
			if _, err := c.Exec(p, nil); err != nil {
				return err
			}
		}
		if err := c.RegisterFunc("fd_fold", Fold, true); err != nil {
			return err
		}
		return c.RegisterFunc("fd_search_tokens", searchTokensJSON, true)
	}})
}
