package gofpdf

// Frontdesk patch: tests of subsetcompress.go and of the subsets' whole
// blocks (not upstream's). The fonts are the desk's own, two folders up.

import (
	"bytes"
	"compress/zlib"
	"io"
	"math/rand"
	"slices"
	"sync"
	"testing"
)

func inflate(t *testing.T, stream []byte) []byte {
	t.Helper()
	r, err := zlib.NewReader(bytes.NewReader(stream))
	if err != nil {
		t.Fatal(err)
	}
	raw, err := io.ReadAll(r) // checks the Adler-32 at the end too
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

// TestSubsetStreamsInflateToTheirBytes cuts subsets of random runes in
// several scripts (with the base and whole blocks, and without them) and
// checks that cutting them again gives the same bytes, that the stream
// made with the kept tail is one zlib stream of exactly the subset's
// bytes, and that the tail was used; the same for glyph maps with their
// run of zeros.
func TestSubsetStreamsInflateToTheirBytes(t *testing.T) {
	rnd := rand.New(rand.NewSource(1))
	spans := [][2]int{{0x20, 0x7e}, {0xa0, 0x17f}, {0x370, 0x3ff}, {0x400, 0x4ff}, {0x5d0, 0x5ea}, {0xfe70, 0xfefc}, {0x2010, 0x20ac}, {0x4e00, 0x4e10}}
	for _, file := range []string{"DejaVuSans.ttf", "DejaVuSans-Bold.ttf"} {
		shared, err := loadUTF8Font(deskFont(t, file))
		if err != nil {
			t.Fatal(err)
		}
		for round := 0; round < 40; round++ {
			utf := shared.forDocument()
			used := map[int]int{}
			for n := rnd.Intn(60); n >= 0; n-- {
				span := spans[rnd.Intn(len(spans))]
				r := span[0] + rnd.Intn(span[1]-span[0]+1)
				used[r] = r
			}
			if round%2 == 0 {
				utf.takeWholeBlocks(used)
			}
			raw := utf.GenerateCutFont(used)
			if again := shared.forDocument().GenerateCutFont(used); !bytes.Equal(again, raw) {
				t.Fatalf("%s round %d: the same runes cut twice gave different subsets", file, round)
			}
			tail := utf.subsetTail()
			stream := compressEndingWith(raw, tail, []*sync.Pool{&smallWriters, &fastWriters}[round%2])
			if !bytes.Equal(inflate(t, stream), raw) {
				t.Fatalf("%s round %d: the subset's stream does not inflate to the subset", file, round)
			}
			if len(tail.raw) < 10000 || !bytes.HasSuffix(raw, tail.raw) || !bytes.Contains(stream, tail.deflated) {
				t.Fatalf("%s round %d: the subset was compressed without its kept tail (%d bytes)", file, round, len(tail.raw))
			}

			glyphMap := make([]byte, 256*256*2)
			last := 0
			for cc, glyph := range utf.CodeSymbolDictionary {
				glyphMap[cc*2], glyphMap[cc*2+1] = byte(glyph>>8), byte(glyph)
				last = max(last, cc*2+2)
			}
			zeros := glyphMapTail(len(glyphMap), last)
			mapStream := compressEndingWith(glyphMap, zeros, []*sync.Pool{&smallWriters, &fastWriters}[round/2%2])
			if !bytes.Equal(inflate(t, mapStream), glyphMap) {
				t.Fatalf("%s round %d: the glyph map's stream does not inflate to the map", file, round)
			}
			if zeros != nil && (len(zeros.raw)%zeroTailStep != 0 || len(glyphMap)-len(zeros.raw) < last) {
				t.Fatalf("%s round %d: a tail of %d zeros for a map used up to byte %d", file, round, len(zeros.raw), last)
			}
		}
	}
}

// TestNamesInOneScriptShareASubset writes documents to names with
// letters no earlier one had: European names (within the base) all embed
// the same subset, names in Greek one of their own, and a font added but
// never drawn with stays empty.
func TestNamesInOneScriptShareASubset(t *testing.T) {
	regular, bold := deskFont(t, "DejaVuSans.ttf"), deskFont(t, "DejaVuSans-Bold.ttf")
	fontStream := func(name string) (regularStream, boldStream []byte) {
		pdf := New("P", "mm", "A4", "")
		pdf.SetCatalogSort(true) // the regular font's file first, then the bold one's
		pdf.AddUTF8FontFromBytes("DejaVu", "", regular)
		pdf.AddUTF8FontFromBytes("DejaVu", "B", bold)
		pdf.AddPage()
		pdf.SetFont("DejaVu", "", 12)
		pdf.Cell(100, 10, "Facture 42 — "+name)
		var buf bytes.Buffer
		if err := pdf.Output(&buf); err != nil {
			t.Fatal(err)
		}
		// Each font's file is the stream after its /Length1.
		var streams [][]byte
		for rest := buf.Bytes(); ; {
			i := bytes.Index(rest, []byte("/Length1 "))
			if i < 0 {
				break
			}
			rest = rest[i:]
			start := bytes.Index(rest, []byte("stream\n")) + len("stream\n")
			end := bytes.Index(rest, []byte("\nendstream"))
			streams = append(streams, rest[start:end])
			rest = rest[end:]
		}
		if len(streams) != 2 {
			t.Fatalf("%d font files in the document, want 2", len(streams))
		}
		return streams[0], streams[1]
	}
	lefevre, unusedBold := fontStream("Zoé Lefèvre")
	if unused, used := len(inflate(t, unusedBold)), len(inflate(t, lefevre)); unused > used/2 {
		t.Errorf("the bold font, never drawn with, embeds %d bytes (the regular one %d)", unused, used)
	}
	for _, name := range []string{"Łukasz Wąsowski", "Çağla Öztürk", "Ștefan Țurcanu", "Søren Kierkegård"} {
		if got, _ := fontStream(name); !bytes.Equal(got, lefevre) {
			t.Errorf("%s: another subset than for Zoé Lefèvre", name)
		}
	}
	greek, _ := fontStream("Ελένη Παπαδοπούλου")
	if bytes.Equal(greek, lefevre) {
		t.Error("a Greek name embeds the subset of Latin names")
	}
	if other, _ := fontStream("Γεώργιος Νικολάου"); !bytes.Equal(other, greek) {
		t.Error("two Greek names in the same blocks embed different subsets")
	}
}

// TestSubsetKeyNamesTheRunesTaken checks on random sets of runes that two
// sets with the same subsetKey are taken to the same runes by
// takeWholeBlocks (a kept subset is the one the set would make), and two
// with different keys to different runes.
func TestSubsetKeyNamesTheRunesTaken(t *testing.T) {
	shared, err := loadUTF8Font(deskFont(t, "DejaVuSans.ttf"))
	if err != nil {
		t.Fatal(err)
	}
	utf := shared.forDocument()
	rnd := rand.New(rand.NewSource(2))
	taken := map[string]string{} // key → the runes taken, as a string
	for round := 0; round < 2000; round++ {
		used := makeSubsetRange(57)
		for n := rnd.Intn(4); n > 0; n-- {
			r := []int{0x41 + rnd.Intn(20), 0xe0 + rnd.Intn(20), 0x3b0 + rnd.Intn(40), 0x5d0 + rnd.Intn(27)}[rnd.Intn(4)]
			used[r] = r
		}
		key := subsetKey(used)
		utf.takeWholeBlocks(used)
		runes := make([]rune, 0, len(used))
		for _, r := range used {
			if r != 0 {
				runes = append(runes, rune(r))
			}
		}
		slices.Sort(runes)
		if before, ok := taken[key]; ok && before != string(runes) {
			t.Fatalf("round %d: one key, two sets of runes taken", round)
		}
		taken[key] = string(runes)
	}
	seen := map[string]bool{}
	for _, runes := range taken {
		if seen[runes] {
			t.Fatal("two keys for one set of runes taken")
		}
		seen[runes] = true
	}
	if len(taken) < 10 {
		t.Fatalf("only %d keys in 2,000 rounds", len(taken))
	}
}
