package gofpdf

// Frontdesk patch: tests of utf8fontcache.go (not upstream's). The fonts
// are the desk's own, two folders up.

import (
	"bytes"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

func deskFont(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "assets", "fonts", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestAUTF8FontIsParsedOncePerProcess(t *testing.T) {
	regular, bold := deskFont(t, "DejaVuSans.ttf"), deskFont(t, "DejaVuSans-Bold.ttf")
	a, b, c := New("P", "mm", "A4", ""), New("P", "mm", "A4", ""), New("P", "mm", "A4", "")
	a.AddUTF8FontFromBytes("DejaVu", "", regular)
	b.AddUTF8FontFromBytes("DejaVu", "", append([]byte(nil), regular...)) // the same font in other bytes
	c.AddUTF8FontFromBytes("DejaVu", "", bold)                            // another font under the same name
	fa, fb, fc := a.fonts["dejavu"], b.fonts["dejavu"], c.fonts["dejavu"]
	if &fa.Cw[0] != &fb.Cw[0] || fa.utf8File.cut == nil || fa.utf8File.cut != fb.utf8File.cut {
		t.Error("two documents adding the same font parsed it twice")
	}
	if fa.utf8File == fb.utf8File || fa.utf8File.fileReader == fb.utf8File.fileReader {
		t.Error("two documents share one reader: each needs its own position")
	}
	if &fa.Cw[0] == &fc.Cw[0] || fa.utf8File.cut == fc.utf8File.cut || fa.i == fc.i {
		t.Error("a different font's bytes were taken for the cached one")
	}
	if want, _ := generateFontID(fa); fa.i != want {
		t.Errorf("cached font ID %s, upstream's %s", fa.i, want)
	}
}

// TestDocumentsAtOnceLeaveTheSharedFontAlone writes documents in several
// scripts on goroutines at once, all adding the very same font bytes:
// each comes out as when written alone, and the bytes are unchanged
// (upstream padded tables in place inside them; -race sees it).
func TestDocumentsAtOnceLeaveTheSharedFontAlone(t *testing.T) {
	font := deskFont(t, "DejaVuSans.ttf")
	pristine := append([]byte(nil), font...)
	write := func(text string) ([]byte, error) {
		pdf := New("P", "mm", "A4", "")
		pdf.SetCatalogSort(true)
		when := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
		pdf.SetCreationDate(when)
		pdf.SetModificationDate(when)
		pdf.AddUTF8FontFromBytes("DejaVu", "", font)
		pdf.AddPage()
		pdf.SetFont("DejaVu", "", 12)
		pdf.Cell(100, 10, text)
		var buf bytes.Buffer
		err := pdf.Output(&buf)
		return buf.Bytes(), err
	}
	texts := []string{"Zoé Lefèvre-Gómez", "דוד כהן", "Ωμέγα Ψ", "Жанна Иванова", "Åse Øster 42 €"}
	alone := make([][]byte, len(texts))
	for i, text := range texts {
		var err error
		if alone[i], err = write(text); err != nil {
			t.Fatal(err)
		}
	}
	var wg sync.WaitGroup
	problems := make(chan error, 64)
	for g := 0; g < 8; g++ {
		g := g
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := 0; k < 5; k++ {
				i := (g + k) % len(texts)
				got, err := write(texts[i])
				if err != nil || !bytes.Equal(got, alone[i]) {
					problems <- fmt.Errorf("%q written beside others differs from the same alone (%v)", texts[i], err)
					return
				}
			}
		}()
	}
	wg.Wait()
	close(problems)
	for err := range problems {
		t.Error(err)
	}
	if !bytes.Equal(font, pristine) {
		t.Error("writing documents changed the font bytes they were given")
	}
}

// TestPutTakesTheSmallestFreeKey checks the one-pass put(nil, …) against
// upstream's search (try 0, 1, 2 … until a key is free) on random mixes
// of puts, pops, deletes and the "interval" key generateCIDFontMap uses.
func TestPutTakesTheSmallestFreeKey(t *testing.T) {
	upstreamFree := func(pa *untypedKeyMap) int {
		for n := 0; ; n++ {
			if pa.getIndex(n) < 0 {
				return n
			}
		}
	}
	rnd := rand.New(rand.NewSource(1))
	for round := 0; round < 200; round++ {
		pa := &untypedKeyMap{}
		for op := 0; op < 300; op++ {
			switch r := rnd.Intn(10); {
			case r < 6:
				want := upstreamFree(pa)
				pa.put(nil, op)
				if got := pa.keySet[len(pa.keySet)-1]; got != want {
					t.Fatalf("round %d op %d: put took key %v, upstream %d", round, op, got, want)
				}
			case r == 6:
				pa.put("interval", 1)
			case r == 7 && len(pa.keySet) > 0:
				pa.pop()
			case r == 8 && len(pa.keySet) > 0:
				pa.delete(pa.keySet[rnd.Intn(len(pa.keySet))])
			case r == 9:
				pa.put(rnd.Intn(40), op) // an explicit int key, as arrayMerge leaves
			}
		}
	}
}
