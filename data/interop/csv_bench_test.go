package interop

// The import of 100 000 patients (issue 14 asks under 10 s on two
// cores), beside its floor: the same rows written by raw INSERTs, one
// prepared statement in one transaction, on a bare connection to the
// same kind of database (its triggers included) with the writer's
// settings. The ratio shows what reading, checking and the write path
// (change records, audit chain) add.

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"frontdesk/data"
)

const benchRows = 100_000

var (
	benchFamilies = []string{"Martin", "Bernard", "Dubois", "Lefèvre", "Gómez", "Nguyễn", "Müller", "O'Brien", "García", "Rossi", "Petit", "Moreau"}
	benchGivens   = []string{"Jean", "Zoé", "José", "Anne-Marie", "Léa", "Lucas", "Seán", "María", "Chloé", "Hugo", "Inès"}
)

// benchPatient is row i of the benchmark's file: names that repeat,
// each with a date of birth of its own.
func benchPatient(i int) (family, given, born, sex, phone, street, post, city string) {
	family = fmt.Sprintf("%s%d", benchFamilies[i%len(benchFamilies)], i/len(benchFamilies))
	given = benchGivens[(i/7)%len(benchGivens)]
	born = fmt.Sprintf("%02d/%02d/%d", 1+i%28, 1+(i/28)%12, 1930+i%90)
	sex = []string{"F", "M", ""}[i%3]
	phone = fmt.Sprintf("06 %02d %02d %02d %02d", i%100, (i/100)%100, (i/10000)%100, i%97)
	street = fmt.Sprintf("%d rue de la République", 1+i%200)
	post, city = fmt.Sprintf("%05d", 1000+i%95000), []string{"Lyon", "Villeurbanne", "Saint-Étienne"}[i%3]
	return
}

func benchFile() string {
	var b strings.Builder
	b.WriteString("Nom;Prénom;Date de naissance;Sexe;Téléphone;Adresse;Code postal;Ville\r\n")
	for i := range benchRows {
		f, g, born, sex, phone, street, post, city := benchPatient(i)
		fmt.Fprintf(&b, "%s;%s;%s;%s;%s;%s;%s;%s\r\n", f, g, born, sex, phone, street, post, city)
	}
	return b.String()
}

// BenchmarkImport100k reads, checks and imports the file into an empty
// practice.
func BenchmarkImport100k(b *testing.B) {
	file := benchFile()
	ctx := context.Background()
	for range b.N {
		b.StopTimer()
		s := newStore(b)
		b.StartTimer()
		src, err := Read(strings.NewReader(file), "bench.csv")
		if err != nil {
			b.Fatal(err)
		}
		pl, err := Check(ctx, s, src, Choices{}, nil)
		if err != nil {
			b.Fatal(err)
		}
		if pl.ToImport != benchRows {
			b.Fatalf("%d to import: %+v", pl.ToImport, pl.Lines[:min(5, len(pl.Lines))])
		}
		if err := pl.Import(ctx, s, nil); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		s.Close()
		b.StartTimer()
	}
}

// BenchmarkImport100kFloor writes the same rows with raw INSERTs.
func BenchmarkImport100kFloor(b *testing.B) {
	ctx := context.Background()
	for range b.N {
		b.StopTimer()
		dir := b.TempDir()
		s, err := data.Open(dir)
		if err != nil {
			b.Fatal(err)
		}
		s.Close()
		db, err := sql.Open("sqlite3", "file:"+filepath.Join(dir, data.DBFile))
		if err != nil {
			b.Fatal(err)
		}
		db.SetMaxOpenConns(1)
		// The connection settings of the store's writer (data's
		// writerPragmas), so that the ratio shows our work, not theirs.
		for _, p := range []string{"PRAGMA temp_store = MEMORY", "PRAGMA cache_size = -65536"} {
			if _, err := db.ExecContext(ctx, p); err != nil {
				b.Fatal(err)
			}
		}
		b.StartTimer()
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			b.Fatal(err)
		}
		st, err := tx.PrepareContext(ctx, `INSERT INTO patients (id, chart_number, family_name, given_name, sex, birth_date, phone, address, name_key)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
		if err != nil {
			b.Fatal(err)
		}
		for i := range benchRows {
			f, g, born, sex, phone, street, post, city := benchPatient(i)
			if _, err := st.ExecContext(ctx, data.NewID(), fmt.Sprintf("A-%06d", i+1), f, g, sex, born, phone,
				street+"\n"+post+" "+city, data.Fold(f+" "+g)); err != nil {
				b.Fatal(err)
			}
		}
		if err := tx.Commit(); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		db.Close()
		b.StartTimer()
	}
}
