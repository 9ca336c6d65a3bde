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
const driverName = "sqlite3_frontdesk"

func init() {
	sql.Register(driverName, &sqlite3.SQLiteDriver{ConnectHook: func(c *sqlite3.SQLiteConn) error {
		if err := c.RegisterFunc("fd_fold", Fold, true); err != nil {
			return err
		}
		return c.RegisterFunc("fd_search_tokens", searchTokensJSON, true)
	}})
}
