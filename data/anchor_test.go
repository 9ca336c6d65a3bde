package data_test

import (
	"bufio"
	"context"
	"database/sql"
	"encoding/base64"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"frontdesk/data"
)

// rechain rewrites the detail of entry seq of the only device's chain and
// recomputes every hash from there on, as someone who knows the scheme
// would: the chain stays internally consistent.
func rechain(t *testing.T, db *sql.DB, seq int) {
	t.Helper()
	mustExec(t, db, `DROP TRIGGER audit_log_no_update`)
	rows, err := db.Query(`SELECT id, device_id, seq, at, user, action, entity, entity_id, detail, prev_hash FROM audit_log WHERE seq >= ? ORDER BY seq`, seq)
	if err != nil {
		t.Fatal(err)
	}
	var chain []data.AuditEntry
	for rows.Next() {
		var e data.AuditEntry
		if err := rows.Scan(&e.ID, &e.DeviceID, &e.Seq, &e.At, &e.User, &e.Action, &e.Entity, &e.EntityID, &e.Detail, &e.PrevHash); err != nil {
			t.Fatal(err)
		}
		chain = append(chain, e)
	}
	rows.Close()
	chain[0].Detail = "forged"
	for i := range chain {
		if i > 0 {
			chain[i].PrevHash = chain[i-1].Hash
		}
		chain[i].Hash = auditHash(chain[i])
		mustExec(t, db, `UPDATE audit_log SET detail = ?, prev_hash = ?, hash = ? WHERE id = ?`, chain[i].Detail, chain[i].PrevHash, chain[i].Hash, chain[i].ID)
	}
}

// A store with a chain long enough to have checkpoints in its anchor.
func longChain(t *testing.T) (dir string, last int) {
	t.Helper()
	s := openStore(t)
	for i := range 40 {
		newPatient(t, s, "Chain", fmt.Sprint(i))
	}
	dir = s.Dir()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	db := rawDB(t, dir)
	last = queryInt(t, db, `SELECT MAX(seq) FROM audit_log`)
	db.Close()
	return dir, last
}

// Tampering that keeps the chain consistent (a rewrite with recomputed
// hashes, a cut at the end, an emptied log) or removes the triggers is
// found by comparing the database with what is outside it: the signed
// anchor and the schema the migrations make.
func TestCheckFindsTamperingTheChainCannotShow(t *testing.T) {
	cases := []struct {
		name   string
		tamper func(t *testing.T, db *sql.DB, last int)
		want   []string
	}{
		{"rewritten from entry 20 with recomputed hashes", func(t *testing.T, db *sql.DB, last int) {
			rechain(t, db, 20)
		}, []string{"entry 32 is not the one its anchor", "rewritten after entry 16 (entries up to 16 still match)"}},
		{"rewritten from the first entry", func(t *testing.T, db *sql.DB, last int) {
			rechain(t, db, 1)
		}, []string{"entry 1 is not the one its anchor", "rewritten from entry 1 on"}},
		{"last entries removed", func(t *testing.T, db *sql.DB, last int) {
			mustExec(t, db, `DROP TRIGGER audit_log_no_delete`)
			mustExec(t, db, `DELETE FROM audit_log WHERE seq > ?`, last-3)
		}, []string{"ends at entry {last-3}", "records entry {last}", "entries {last-2} to {last} are missing"}},
		{"emptied", func(t *testing.T, db *sql.DB, last int) {
			mustExec(t, db, `DROP TRIGGER audit_log_no_delete`)
			mustExec(t, db, `DELETE FROM audit_log`)
		}, []string{"is empty, but its anchor", "records {last} entries"}},
		{"append-only trigger dropped", func(t *testing.T, db *sql.DB, last int) {
			mustExec(t, db, `DROP TRIGGER audit_log_no_delete`)
			mustExec(t, db, `DROP TRIGGER changes_no_replace`)
		}, []string{"trigger audit_log_no_delete is missing", "trigger changes_no_replace is missing"}},
		{"trigger replaced", func(t *testing.T, db *sql.DB, last int) {
			mustExec(t, db, `DROP TRIGGER audit_log_no_update`)
			mustExec(t, db, `CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log WHEN 0 BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END`)
		}, []string{"trigger audit_log_no_update is not the one Frontdesk made"}},
		{"trigger added", func(t *testing.T, db *sql.DB, last int) {
			mustExec(t, db, `CREATE TRIGGER quiet AFTER INSERT ON audit_log BEGIN SELECT 1; END`)
		}, []string{"trigger quiet was added"}},
		{"anchor removed", func(t *testing.T, db *sql.DB, last int) {}, []string{"has its key beside the database but no anchor"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir, last := longChain(t)
			checkOK(t, dir)
			db := rawDB(t, dir)
			c.tamper(t, db, last)
			db.Close()
			if c.name == "anchor removed" {
				anchors, _ := filepath.Glob(filepath.Join(dir, "*.anchor"))
				for _, a := range anchors {
					os.Remove(a)
				}
			}
			rep, err := data.Check(context.Background(), dir)
			if err != nil {
				t.Fatalf("Check: %v", err)
			}
			all := strings.Join(rep.Problems, "\n")
			r := strings.NewReplacer("{last-3}", fmt.Sprint(last-3), "{last-2}", fmt.Sprint(last-2), "{last}", fmt.Sprint(last))
			for _, w := range c.want {
				if !strings.Contains(all, r.Replace(w)) {
					t.Errorf("Check problems %q; want one containing %q", rep.Problems, r.Replace(w))
				}
			}
			if rep.Code != data.EDamaged || rep.Err() == nil {
				t.Errorf("report code %q", rep.Code)
			}
		})
	}
}

// A store whose chain no longer reaches its anchor opens for reading but
// saves nothing on top of the loss: its anchor stays the evidence.
func TestStoreHoldsWritesWhenSavedChangesAreMissing(t *testing.T) {
	dir, last := longChain(t)
	db := rawDB(t, dir)
	mustExec(t, db, `DROP TRIGGER audit_log_no_delete`)
	mustExec(t, db, `DELETE FROM audit_log WHERE seq > ?`, last-2)
	mustExec(t, db, `CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END`)
	db.Close()
	anchors, _ := filepath.Glob(filepath.Join(dir, "*.anchor"))
	if len(anchors) != 1 {
		t.Fatalf("anchors %q", anchors)
	}
	before := readFile(t, anchors[0])
	s, err := data.Open(dir)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	defer s.Close()
	verr := <-s.Verified()
	wantCode(t, verr, data.EDamaged)
	msg := data.ErrorMessage(verr)
	assertPlainMessage(t, msg)
	if !strings.Contains(msg, fmt.Sprintf("ends at entry %d", last-2)) || !strings.Contains(msg, fmt.Sprintf("records entry %d", last)) {
		t.Errorf("message %q does not say what is missing", msg)
	}
	if n, err := s.CountPatients(context.Background()); err != nil || n != 40 {
		t.Errorf("reading: %d patients, %v", n, err)
	}
	p := data.Patient{FamilyName: "OnTop"}
	err = s.Update(context.Background(), func(tx *data.Tx) error { return tx.CreatePatient(&p) })
	wantCode(t, err, data.EDamaged)
	s.Close()
	assertUnchanged(t, anchors[0], before)
}

// Deleting frontdesk.db-wal while the desk writes loses the changes only
// the WAL held (here the desk is then killed, so nothing folds them back).
// The anchor, written after every commit, is ahead of what is left: check
// says so while the desk runs and after it died, and the next desk refuses
// to build on it.
//
// The desk goes one transaction per line the test has read (a
// transaction prints one to four lines, so it stays within 16
// transactions by the check at line 15): running
// freely it was often a hundred lines ahead, its WAL passed SQLite's
// automatic checkpoint (about 30 of these transactions), which copied the
// deleted WAL into the database, and a kill within the anchor's 100 ms
// left nothing to detect (seen once in CI).
func TestDeletedWALIsDetected(t *testing.T) {
	dir := t.TempDir()
	s, err := data.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	newPatient(t, s, "Before", "Loss")
	s.Close()

	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), crashChildEnv+"="+dir, crashChildStepEnv+"=1")
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	steps, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.AfterFunc(60*time.Second, func() { cmd.Process.Kill() })
	defer deadline.Stop()
	sc := bufio.NewScanner(out)
	lines := 0
	io.WriteString(steps, "\n")
	for sc.Scan() {
		lines++
		io.WriteString(steps, "\n") // at most lines+1 transactions (about 30 pages each): far from a checkpoint
		if lines == 10 {
			if err := os.Remove(filepath.Join(dir, data.DBFile+"-wal")); err != nil {
				t.Fatal(err)
			}
		}
		if lines == 15 {
			// While the desk still runs (its next transactions go into the
			// deleted file).
			rep, err := data.Check(context.Background(), dir)
			all := strings.Join(rep.Problems, "\n")
			if err != nil || !strings.Contains(all, "-wal was deleted or replaced while a Frontdesk has the database open") ||
				!strings.Contains(all, "lost with a deleted -wal file") {
				t.Errorf("Check while the desk runs: %+v, %v", rep, err)
			}
			cmd.Process.Signal(syscall.SIGKILL)
			break
		}
	}
	cmd.Wait()

	rep, err := data.Check(context.Background(), dir)
	if err != nil {
		t.Fatalf("Check: %v", err)
	}
	if rep.OK() || !strings.Contains(strings.Join(rep.Problems, "\n"), "lost with a deleted -wal file") {
		t.Fatalf("Check after the WAL was deleted: %+v", rep)
	}
	s, err = data.Open(dir)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	defer s.Close()
	wantCode(t, <-s.Verified(), data.EDamaged)
}

// The anchor travels: backups and sync files will embed AnchorBytes, and
// VerifyAnchor reads it back, refusing any edit.
func TestAnchorBytesVerify(t *testing.T) {
	s := openStore(t)
	newPatient(t, s, "Dupont", "Jean")
	b := s.AnchorBytes()
	a, err := data.VerifyAnchor(b)
	if err != nil {
		t.Fatalf("VerifyAnchor: %v\n%s", err, b)
	}
	var seq int
	var hash string
	if err := s.ReadDB().QueryRow(`SELECT seq, hash FROM audit_log WHERE device_id = ? ORDER BY seq DESC LIMIT 1`, s.Device().ID).Scan(&seq, &hash); err != nil {
		t.Fatal(err)
	}
	if a.DeviceID != s.Device().ID || a.Seq != int64(seq) || a.Hash != hash {
		t.Errorf("anchor %+v; the chain's head is %d %s", a, seq, hash)
	}
	if pk := s.Device().PublicKey; pk == "" || !strings.Contains(string(b), "key: "+pk+"\n") {
		t.Errorf("the anchor is not signed with the recorded key %q:\n%s", pk, b)
	}
	forged := strings.Replace(string(b), fmt.Sprintf("seq: %d", seq), fmt.Sprintf("seq: %d", seq+5), 1)
	if _, err := data.VerifyAnchor([]byte(forged)); err == nil {
		t.Error("VerifyAnchor accepted an edited anchor")
	}
	// The file trails the commits by a moment; closing the store leaves it current.
	s.Close()
	file, err := os.ReadFile(filepath.Join(s.Dir(), "device-"+s.Device().ID+".anchor"))
	if err != nil || string(file) != string(b) {
		t.Errorf("the anchor file differs from AnchorBytes: %v", err)
	}
}

// A device whose key file is lost or damaged gets a new key, recorded in
// the database, once its chain has been compared with the anchor the old
// key signed: losing the key does not hide a loss of entries.
func TestLostKeyIsReplacedAfterTheAnchorIsChecked(t *testing.T) {
	for _, tc := range []struct {
		name     string
		breakKey func(t *testing.T, path string)
	}{
		{"removed", func(t *testing.T, path string) { os.Remove(path) }},
		{"damaged", func(t *testing.T, path string) {
			os.WriteFile(path, []byte("Frontdesk device key 1\nnot a key\n"), 0o600)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir, _ := longChain(t)
			keys, _ := filepath.Glob(filepath.Join(dir, "*.key"))
			if len(keys) != 1 {
				t.Fatalf("keys %q", keys)
			}
			old := readFile(t, keys[0])
			var oldPK string
			db := rawDB(t, dir)
			if err := db.QueryRow(`SELECT public_key FROM devices`).Scan(&oldPK); err != nil || oldPK == "" {
				t.Fatalf("recorded key %q, %v", oldPK, err)
			}
			db.Close()
			tc.breakKey(t, keys[0])
			s, err := data.Open(dir)
			if err != nil {
				t.Fatal(err)
			}
			if err := <-s.Verified(); err != nil {
				t.Fatal(err)
			}
			newPatient(t, s, "After", "Key")
			pk := s.Device().PublicKey
			s.Close()
			if now := readFile(t, keys[0]); string(now) == string(old) {
				t.Fatal("the key was not replaced")
			}
			a, err := data.VerifyAnchor(readFile(t, filepath.Join(dir, "device-"+s.Device().ID+".anchor")))
			if err != nil || pk == oldPK || base64.StdEncoding.EncodeToString(a.PublicKey) != pk {
				t.Fatalf("anchor after the new key: %+v, %v; recorded key %q, before %q", a, err, pk, oldPK)
			}
			if rep := checkOK(t, dir); rep.Anchors != 1 {
				t.Errorf("%d anchors agree", rep.Anchors)
			}

			// Lost key and lost entries: the old anchor still speaks.
			dir, last := longChain(t)
			keys, _ = filepath.Glob(filepath.Join(dir, "*.key"))
			tc.breakKey(t, keys[0])
			db = rawDB(t, dir)
			mustExec(t, db, `DROP TRIGGER audit_log_no_delete`)
			mustExec(t, db, `DELETE FROM audit_log WHERE seq > ?`, last-1)
			db.Close()
			s, err = data.Open(dir)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			wantCode(t, <-s.Verified(), data.EDamaged)
		})
	}
}
