package data

import (
	"context"
	"database/sql"
	"strconv"
	"sync"
	"time"
)

// SQLite copies the WAL into the database file (a checkpoint) in the
// commit that leaves more than autoCheckpointPages in it, on the
// committing connection. After a small save that is a few pages. After an
// import of 100 000 patients it is the whole import, 370 MB, written a
// second time while the person who asked for the import waits: 1.5 s of
// its 12 here. A bulk transaction (Tx.bulk) turns the automatic checkpoint
// off for its commit and leaves the copy to the checkpointer, which runs
// it on a connection of its own. The checkpoint is PASSIVE: readers and
// the writer go on meanwhile, and what it cannot copy yet (a reader still
// needs it) the next automatic checkpoint or Close copies.

// autoCheckpointPages is SQLite's default threshold, restored after a
// bulk commit.
const autoCheckpointPages = 1000

// checkpointer runs one checkpoint at a time in the background; a request
// while one runs makes it run again after.
type checkpointer struct {
	mu      sync.Mutex
	db      *sql.DB // opened at the first request
	closed  bool
	running bool
	again   bool
	tries   int           // checkpoints run, for a test
	stop    chan struct{} // closed by close: a retry stops waiting
	wg      sync.WaitGroup
}

// request asks for a checkpoint of the database at path soon.
func (c *checkpointer) request(path string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return
	}
	c.again = true
	if c.running {
		return
	}
	if c.db == nil {
		db, err := sql.Open(driverName, writerDSN(path))
		if err != nil {
			return // the next automatic checkpoint, or Close, does the copy
		}
		db.SetMaxOpenConns(1)
		c.db, c.stop = db, make(chan struct{})
	}
	c.running = true
	c.wg.Add(1)
	go c.run()
}

func (c *checkpointer) run() {
	defer c.wg.Done()
	for {
		c.mu.Lock()
		if !c.again || c.closed {
			c.running = false
			c.mu.Unlock()
			return
		}
		c.again = false
		c.mu.Unlock()
		c.copyAll()
	}
}

// copyAll runs PASSIVE checkpoints until the whole WAL is in the database
// or the store closes. A reader still on a snapshot older than the bulk
// commit (a search typed while it committed) holds back the frames after
// it; left there, they would be copied by the next commit over
// autoCheckpointPages, in the foreground, while someone waits. So it
// tries again, less and less often, until the readers have moved on.
// An error leaves the frames in the WAL, where SQLite still reads them.
//
// It stops once the frames that were in the WAL at its first attempt are
// copied (or the WAL has started over, which SQLite does only once all of
// it is copied); later commits are the automatic checkpoint's business.
func (c *checkpointer) copyAll() {
	wait, target := checkpointRetry, -1
	for {
		var busy, frames, copied int
		err := c.db.QueryRowContext(context.Background(), `PRAGMA wal_checkpoint(PASSIVE)`).Scan(&busy, &frames, &copied)
		c.mu.Lock()
		c.tries++
		c.mu.Unlock()
		if target < 0 {
			target = frames
		}
		if err != nil || copied >= target || frames < target {
			return
		}
		select {
		case <-time.After(wait):
		case <-c.stop:
			return // Close copies what is left
		}
		wait = min(2*wait, checkpointRetryMax)
	}
}

// checkpointRetry and checkpointRetryMax space the attempts of copyAll.
const (
	checkpointRetry    = 10 * time.Millisecond
	checkpointRetryMax = time.Second
)

// close waits for a running checkpoint and closes the connection; it must
// come before the writer's close, which checkpoints what is left.
func (c *checkpointer) close() error {
	c.mu.Lock()
	if !c.closed && c.stop != nil {
		close(c.stop)
	}
	c.closed = true
	c.mu.Unlock()
	c.wg.Wait()
	if c.db != nil {
		return c.db.Close()
	}
	return nil
}

// commitBulk commits a bulk transaction without the automatic checkpoint
// and asks the checkpointer for it. The setting belongs to the writer's
// one connection, so it is set inside the transaction and restored right
// after the commit, whatever became of it.
func (s *Store) commitBulk(ctx context.Context, sqlTx *sql.Tx) error {
	if _, err := sqlTx.ExecContext(ctx, `PRAGMA wal_autocheckpoint = 0`); err != nil {
		return err
	}
	err := sqlTx.Commit()
	_, rerr := s.w.ExecContext(context.Background(), "PRAGMA wal_autocheckpoint = "+strconv.Itoa(autoCheckpointPages))
	if err == nil {
		s.checkpoints.request(s.path)
		err = rerr
	}
	return err
}
