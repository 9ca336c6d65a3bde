package sync

import (
	"context"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"frontdesk/data"
)

// simSeeds is how many seeded runs TestSimulator makes: many normally,
// a few with -short; SYNC_SIM_SEEDS asks for more (a long soak).
func simSeeds() int {
	if s, err := strconv.Atoi(os.Getenv("SYNC_SIM_SEEDS")); err == nil && s > 0 {
		return s
	}
	if testing.Short() {
		return 3
	}
	return 8
}

// TestSimulator runs a practice of 2 to 5 devices, each a real data
// folder with its own view of the sync folder and a clock hours away from
// the others, making random edits of patients, appointments and clinical notes through
// data's write path. Files reach the other devices late, twice, out of
// order, first cut short, and beside sync-tool conflict copies. In the
// end, with every file delivered, all devices hold the same rows, no
// change of any device is missing anywhere, and applying every file
// again changes nothing.
func TestSimulator(t *testing.T) {
	for seed := 1; seed <= simSeeds(); seed++ {
		t.Run(fmt.Sprintf("seed%d", seed), func(t *testing.T) {
			t.Parallel() // every seed is a practice of its own folders
			simulate(t, int64(seed))
		})
	}
}

type simDevice struct {
	*testDevice
	view string // this device's copy of the sync folder
}

type sim struct {
	t                  *testing.T
	rng                *rand.Rand
	p                  *testPractice
	devs               []*simDevice
	day                data.Date
	refused, conflicts int
}

func simulate(t *testing.T, seed int64) {
	s := &sim{t: t, rng: rand.New(rand.NewSource(seed)), p: newTestPractice(t)}
	s.day, _ = data.ParseISODate("2026-12-07")
	n := 2 + s.rng.Intn(4)
	for i := 0; i < n; i++ {
		d := &simDevice{testDevice: s.p.newDevice(), view: t.TempDir()}
		skew := time.Duration(s.rng.Intn(12*60)-6*60) * time.Minute // up to six hours either way
		d.st.SetSyncClock(func() time.Time { return time.Now().Add(skew) })
		s.devs = append(s.devs, d)
	}
	// The first device sets up the practice; everybody receives it.
	first := s.devs[0]
	first.newPractitioner("Dr Keep")
	first.newPractitioner("Dr Vale")
	for i := 0; i < 3; i++ {
		first.newPatient(fmt.Sprintf("Start%d", i), "Pat")
	}
	s.export(first)
	for _, d := range s.devs[1:] {
		s.deliver(first, d, false)
		s.importInto(d)
	}
	for step := 0; step < 60; step++ {
		d := s.devs[s.rng.Intn(n)]
		switch r := s.rng.Intn(100); {
		case r < 55:
			s.edit(d)
		case r < 75:
			s.export(d)
		default:
			to := s.devs[s.rng.Intn(n)]
			if to != d {
				s.deliver(d, to, true)
				s.importInto(to)
			}
		}
	}
	// Every device sends everything; every file reaches everyone whole,
	// until no device has anything new to send: applying may make changes
	// of its own (the rows of a merged file moved to the survivor).
	for round := 0; round < 2 || s.unsent(); round++ {
		if round == 8 {
			t.Fatal("the devices still have changes to send after 8 rounds")
		}
		for _, d := range s.devs {
			s.export(d)
		}
		for _, from := range s.devs {
			for _, to := range s.devs {
				if from != to {
					s.deliver(from, to, false)
				}
			}
		}
		for _, d := range s.devs {
			s.importInto(d)
		}
	}
	s.checkConverged()
	t.Logf("%d devices, %d patients, %d appointments, %d notes; %d files refused on the way, %d conflicts kept", n,
		first.queryInt(`SELECT COUNT(*) FROM patients`), first.queryInt(`SELECT COUNT(*) FROM appointments`),
		first.queryInt(`SELECT COUNT(*) FROM clinical_notes`), s.refused, s.conflicts)
}

// unsent says whether a device made changes it has not sealed yet.
func (s *sim) unsent() bool {
	for _, d := range s.devs {
		if d.queryInt(`SELECT COUNT(*) FROM changes WHERE device_id = ? AND rowid > COALESCE((SELECT MAX(to_change) FROM sync_out), 0)`, d.id()) > 0 {
			return true
		}
	}
	return false
}

func (s *sim) folderOf(d *simDevice) Folder {
	f := s.p.folder()
	f.Dir = d.view
	return f
}

func (s *sim) export(d *simDevice) {
	if _, err := Export(context.Background(), d.st, s.folderOf(d)); err != nil {
		s.t.Fatalf("export: %v", err)
	}
}

func (s *sim) importInto(d *simDevice) {
	rep, err := Import(context.Background(), d.st, s.folderOf(d))
	if err != nil {
		s.t.Fatalf("import: %v", err)
	}
	s.refused += len(rep.Refused)
	s.conflicts += rep.Changes.Conflicts
	for _, q := range rep.Refused {
		if q.Reason != ReasonDamaged { // only the cut-short copies may be refused
			s.t.Fatalf("a file was refused as %s: %s", q.Reason, q.Detail)
		}
	}
}

// deliver copies from's files into to's view of the folder. With faults,
// each file may stay behind (late, so later ones arrive out of order),
// arrive cut short (a transfer in progress), or come with a conflict copy
// beside it; files delivered before are delivered again.
func (s *sim) deliver(from, to *simDevice, faults bool) {
	src := s.folderOf(from).changeDir(from.id())
	dst := s.folderOf(to).changeDir(from.id())
	names, _ := filepath.Glob(filepath.Join(src, "*"+changeSuffix))
	if err := os.MkdirAll(dst, 0o700); err != nil {
		s.t.Fatal(err)
	}
	for _, name := range names {
		b := readBytes(s.t, name)
		target := filepath.Join(dst, filepath.Base(name))
		if faults {
			switch r := s.rng.Intn(10); {
			case r < 3:
				continue // late
			case r < 4:
				if _, err := os.Stat(target); err != nil { // not yet there whole
					b = b[:s.rng.Intn(len(b))]
				}
			case r < 5:
				copyName := strings.TrimSuffix(filepath.Base(name), changeSuffix) + ".sync-conflict-20261207-101010-ABCDEFG" + changeSuffix
				os.WriteFile(filepath.Join(dst, copyName), b[:len(b)/2], 0o600)
			case r < 6:
				os.WriteFile(filepath.Join(dst, strings.TrimSuffix(filepath.Base(name), changeSuffix)+" (conflicted copy 2026-12-07)"+changeSuffix), b, 0o600)
			}
		}
		if err := os.WriteFile(target, b, 0o600); err != nil {
			s.t.Fatal(err)
		}
	}
	s.deliverFiles(from, to, faults)
}

// simEditors make random changes of the other tables sync carries, each
// part of the practice's data from a file of its own; edit hands half of
// its turns to them.
var simEditors []func(s *sim, d *simDevice)

// simChecks run after the devices converged, for what those parts add.
var simChecks []func(s *sim)

// edit makes one random change through the write path.
func (s *sim) edit(d *simDevice) {
	if len(simEditors) > 0 && s.rng.Intn(2) == 0 {
		simEditors[s.rng.Intn(len(simEditors))](s, d)
		return
	}
	ctx := context.Background()
	patients := s.ids(d, `SELECT id FROM patients WHERE deleted = 0 ORDER BY id`)
	appts := s.ids(d, `SELECT id FROM appointments WHERE deleted = 0 ORDER BY id`)
	prs := s.ids(d, `SELECT id FROM practitioners ORDER BY id`)
	pick := func(ids []string) string { return ids[s.rng.Intn(len(ids))] }
	d.update(func(tx *data.Tx) error {
		switch r := s.rng.Intn(100); {
		case r < 20 || len(patients) == 0:
			d.charts++
			pt := data.Patient{ChartNumber: fmt.Sprintf("%s-%06d", d.series, d.charts),
				FamilyName: fmt.Sprintf("Fam%d", s.rng.Intn(1000)), GivenName: "Given"}
			return tx.Save(&pt)
		case r < 55:
			pt, err := d.st.Patient(ctx, pick(patients))
			if err != nil {
				return err
			}
			switch s.rng.Intn(4) {
			case 0:
				pt.Phone = fmt.Sprintf("06%08d", s.rng.Intn(1e8))
			case 1:
				pt.Notes = fmt.Sprintf("note %d from %s", s.rng.Intn(1000), d.series)
			case 2:
				pt.GivenName = fmt.Sprintf("Given%d", s.rng.Intn(100))
			case 3:
				pt.ConsentSMS = !pt.ConsentSMS
			}
			return tx.Save(&pt)
		case r < 60:
			pt, err := d.st.Patient(ctx, pick(patients))
			if err != nil {
				return err
			}
			return tx.Delete(&pt)
		case r < 66: // append-only: never conflicts
			return tx.AddNote(&data.Note{PatientID: pick(patients), Text: fmt.Sprintf("Seen on %s, note %d.", d.series, s.rng.Intn(1000))})
		case r < 80 || len(appts) == 0:
			start := data.WallTime(8*60 + 15*s.rng.Intn(32))
			a := data.Appointment{PractitionerID: pick(prs), PatientID: pick(patients), Day: s.day.AddDays(s.rng.Intn(20)),
				Start: start, End: start + 15, TimeZone: "Europe/Paris"}
			return tx.Save(&a)
		default:
			a, err := tx.Appointment(pick(appts))
			if err != nil {
				return err
			}
			a.Notes = fmt.Sprintf("bring results %d (%s)", s.rng.Intn(100), d.series)
			return tx.Save(&a)
		}
	})
}

func (s *sim) ids(d *simDevice, q string) []string {
	rows, err := d.st.ReadDB().Query(q)
	if err != nil {
		s.t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id string
		rows.Scan(&id)
		out = append(out, id)
	}
	return out
}

// dump writes a table's rows, every column, in a stable order.
func (s *sim) dump(d *simDevice, q string) string {
	rows, err := d.st.ReadDB().Query(q)
	if err != nil {
		s.t.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var b strings.Builder
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			s.t.Fatal(err)
		}
		for i, v := range vals {
			if bs, ok := v.([]byte); ok {
				v = string(bs)
			}
			fmt.Fprintf(&b, "%s=%v|", cols[i], v)
		}
		b.WriteByte('\n')
	}
	return b.String()
}

var simTables = []string{
	`SELECT * FROM patients ORDER BY id`,
	`SELECT * FROM appointments ORDER BY id`,
	`SELECT * FROM practitioners ORDER BY id`,
	`SELECT * FROM clinical_notes ORDER BY id`,
	`SELECT * FROM patient_search ORDER BY kind, token, patient_id`,
}

// travelling are the op IDs of changes that go into change files, but
// the records of audit entries: a receiver appends those to the audit
// log (compared in simTables), not to its change log.
const travelling = `SELECT op_id FROM changes WHERE tbl NOT IN ('devices', 'audit_log')
	AND NOT (tbl = 'patients' AND field IN ('name_key', 'phone_digits', 'family_key', 'search_tokens'))
	AND NOT (tbl = 'appointments' AND field IN ('start_utc', 'end_utc'))
	AND NOT (tbl = 'vital_signs' AND field = 'flag') ORDER BY op_id`

func (s *sim) checkConverged() {
	ctx := context.Background()
	ref := s.devs[0]
	for _, q := range simTables {
		want := s.dump(ref, q)
		for i, d := range s.devs[1:] {
			if got := s.dump(d, q); got != want {
				s.t.Fatalf("device %d differs from device 0 on %q:\n%s", i+1, q, firstDiff(want, got))
			}
		}
	}
	// No op lost: every device holds every device's travelling changes.
	all := map[string]bool{}
	for _, d := range s.devs {
		for _, op := range s.ids(d, strings.Replace(travelling, "WHERE", "WHERE device_id = '"+d.id()+"' AND", 1)) {
			all[op] = true
		}
	}
	for i, d := range s.devs {
		got := s.ids(d, travelling)
		if len(got) != len(all) {
			s.t.Fatalf("device %d holds %d changes, the practice made %d", i, len(got), len(all))
		}
		for _, op := range got {
			if !all[op] {
				s.t.Fatalf("device %d holds change %s nobody made", i, op)
			}
		}
		if q, _ := d.st.QuarantinedFiles(ctx); len(q) != 0 {
			s.t.Fatalf("device %d still has refused files: %+v", i, q)
		}
	}
	for _, check := range simChecks {
		check(s)
	}
	// Applying every file again changes nothing.
	for _, d := range s.devs {
		before := s.dump(d, simTables[0]) + s.dump(d, simTables[1])
		nChanges := len(s.ids(d, `SELECT op_id FROM changes`))
		for _, from := range s.devs {
			if from == d {
				continue
			}
			sets, _ := from.st.SealedSets(ctx)
			for _, set := range sets {
				seq := set.Seq
				file, err := s.folderOf(d).read(readBytes(s.t, s.folderOf(d).changePath(from.id(), seq)), from.id(), seq)
				if err != nil {
					s.t.Fatal(err)
				}
				res, err := d.st.ApplyChangeSet(ctx, file.ChangeSet())
				if err != nil || res.Applied != 0 || res.Known != len(file.Changes) {
					s.t.Fatalf("applying file %d again: %+v, %v", seq, res, err)
				}
			}
		}
		if after := s.dump(d, simTables[0]) + s.dump(d, simTables[1]); after != before || len(s.ids(d, `SELECT op_id FROM changes`)) != nChanges {
			s.t.Fatal("applying every file again changed the rows")
		}
	}
	for _, check := range simChecks {
		check(s)
	}
}

func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	sort.Strings(al)
	sort.Strings(bl)
	for i := 0; i < len(al) && i < len(bl); i++ {
		if al[i] != bl[i] {
			return "want " + al[i] + "\ngot  " + bl[i]
		}
	}
	return fmt.Sprintf("%d rows against %d", len(al), len(bl))
}
