package gofpdf

// Frontdesk patch: this file is not upstream's (see README.md).
//
// Upstream parsed a UTF-8 TrueType font for every document that added it:
// the table of widths, the character map and the glyph locations of a
// whole font (DejaVu Sans: 6,000 glyphs), then read all of it again to
// make the subset. A program writing many documents with the same fonts
// did that work each time. Here a font is parsed once per process and
// shared, read only, by every document that adds the same bytes; each
// document keeps its own reader position, used runes and subset.

import (
	"bytes"
	"hash/maphash"
	"slices"
	"sort"
	"sync"
)

// sharedUTF8Font is one font as parsed once for the whole process.
// Nothing in it is written after it is made, except ids under the
// cache's lock.
type sharedUTF8Font struct {
	data    []byte       // the cache's own copy: a caller may reuse its bytes
	metrics utf8FontFile // parseFile's result: widths, ascent, flags …
	cut     *cutTables   // what every subset of this font is made from
	ids     map[string]string
	subsets map[string]*utf8Subset // by set of runes, under the cache's lock

	tailOnce sync.Once
	tail     *compressedTail // what every subset ends with (subsetcompress.go)
}

// utf8Subset is what a document embeds of a font for one set of runes:
// the compressed subset, its glyph map and its widths. Documents with
// the same characters (a run of letters or invoices on one template)
// embed the same subset; making it was most of a document's time once
// the font was parsed once.
type utf8Subset struct {
	fontStream  []byte // compressed
	fontSize    int    // uncompressed
	cidToGidMap []byte // compressed
	widths      string // the /W entry
}

// subsetsKept bounds the subsets kept per font (each 20 to 50 KB): past
// it one is dropped for each new one.
const subsetsKept = 64

var utf8FontCache = struct {
	sync.Mutex
	seed  maphash.Seed
	fonts map[uint64][]*sharedUTF8Font
}{seed: maphash.MakeSeed(), fonts: map[uint64][]*sharedUTF8Font{}}

// loadUTF8Font returns the shared parse of the font in b, parsing it on
// first use. Fonts are told apart by their bytes, not by a name, so two
// different fonts never share an entry: the entry is found by a hash of
// the font's length and its first bytes (the table directory, with every
// table's checksum and length), then compared in full.
func loadUTF8Font(b []byte) (*sharedUTF8Font, error) {
	sum := maphash.Bytes(utf8FontCache.seed, b[:min(len(b), 4096)]) ^ uint64(len(b))
	utf8FontCache.Lock()
	defer utf8FontCache.Unlock()
	for _, font := range utf8FontCache.fonts[sum] {
		if bytes.Equal(font.data, b) {
			return font, nil
		}
	}
	data := append([]byte(nil), b...)
	parsed := newUTF8Font(&fileReader{array: data})
	if err := parsed.parseFile(); err != nil {
		return nil, err
	}
	font := &sharedUTF8Font{data: data, metrics: *parsed, ids: map[string]string{}, subsets: map[string]*utf8Subset{}}
	font.metrics.fileReader = nil // each document reads with its own position
	font.cut = newUTF8Font(&fileReader{array: data}).prepareCut()
	utf8FontCache.fonts[sum] = append(utf8FontCache.fonts[sum], font)
	return font, nil
}

// forDocument is this font for one document: the parsed tables are
// shared, the reader and what a subset writes are the document's own.
func (font *sharedUTF8Font) forDocument() *utf8FontFile {
	utf := font.metrics
	utf.fileReader = &fileReader{array: font.data}
	utf.cut = font.cut
	utf.shared = font
	return &utf
}

// subsetFor returns the subset of this font for usedRunes, made by build
// the first time a set of runes with the same whole blocks is asked for
// (build starts with takeWholeBlocks: see makeUTF8Subset). A font not
// from the cache makes it every time, as upstream did.
func (utf *utf8FontFile) subsetFor(usedRunes map[int]int, build func() *utf8Subset) *utf8Subset {
	font := utf.shared
	if font == nil {
		return build()
	}
	key := subsetKey(usedRunes)
	utf8FontCache.Lock()
	sub, ok := font.subsets[key]
	utf8FontCache.Unlock()
	if ok {
		return sub
	}
	sub = build() // outside the lock: other documents go on meanwhile
	utf8FontCache.Lock()
	defer utf8FontCache.Unlock()
	if len(font.subsets) >= subsetsKept {
		for old := range font.subsets {
			delete(font.subsets, old) // any one: Go's map order is unspecified
			break
		}
	}
	font.subsets[key] = sub
	return sub
}

// A subset made from the cache holds more than the runes a document
// used, so that documents to different people share one: every rune of
// subsetBase the font has (the letters of nearly every European name,
// the punctuation and currency signs of letters and invoices), and for
// each rune outside it, all the runes of its block of subsetBlock code
// points (aligned). Upstream's subset was the runes used alone, so each
// name with a letter no earlier document had ("Wąsowski" after "Lefèvre")
// made and compressed both fonts' subsets again; with the base, European
// names all find the same subset, and names in other scripts find the
// one of their blocks once a first document made it. The cost is in
// bytes: see README.md.
var subsetBase = [][2]int{
	{0x0020, 0x007E}, // ASCII
	{0x00A0, 0x00FF}, // Latin-1 Supplement
	{0x0100, 0x017F}, // Latin Extended-A
	{0x0218, 0x021B}, // Ș ș Ț ț (Romanian)
	{0x2010, 0x2027}, // dashes, quotation marks, bullet, ellipsis
	{0x2030, 0x2030}, // ‰
	{0x2039, 0x203A}, // ‹ ›
	{0x20AC, 0x20AC}, // €
}

// subsetBlock is how many code points outside subsetBase a subset takes
// at once: sixteen kept 60 names in a dozen scripts to 7 subsets per
// font, and a block costs about 1.5 KB compressed.
const subsetBlock = 16

// takeWholeBlocks adds to usedRunes the runes of subsetBase, and of each
// block a rune outside it falls in, that the font has a glyph for. A font
// not from the cache keeps upstream's subset of the runes used alone, and
// a font no text was drawn with stays empty.
func (utf *utf8FontFile) takeWholeBlocks(usedRunes map[int]int) {
	used, blocks := blocksOf(usedRunes)
	if utf.shared == nil || !used {
		return
	}
	glyphs := utf.shared.cut.charSymbolDictionary
	take := func(first, last int) {
		for r := first; r <= last; r++ {
			if glyphs[r] != 0 {
				usedRunes[r] = r
			}
		}
	}
	for _, span := range subsetBase {
		take(span[0], span[1])
	}
	for _, first := range blocks {
		take(first, first+subsetBlock-1)
	}
}

// blocksOf tells whether any rune is used in usedRunes and the first rune
// of each block outside subsetBase they fall in, in order.
func blocksOf(usedRunes map[int]int) (used bool, blocks []int) {
	for _, r := range usedRunes {
		if r == 0 {
			continue // the keys below 57 hold 0 until their rune is used
		}
		used = true
		if !inSubsetBase(r) {
			blocks = append(blocks, r&^(subsetBlock-1))
		}
	}
	sort.Ints(blocks)
	return used, slices.Compact(blocks)
}

// subsetKey names the subset takeWholeBlocks makes of usedRunes, which
// follows from what blocksOf tells alone: a document finds its subset
// kept without working out the runes it will hold.
func subsetKey(usedRunes map[int]int) string {
	used, blocks := blocksOf(usedRunes)
	if !used {
		return ""
	}
	key := make([]byte, 1, 1+3*len(blocks))
	for _, first := range blocks {
		key = append(key, byte(first>>16), byte(first>>8), byte(first))
	}
	return string(key)
}

func inSubsetBase(r int) bool {
	for _, span := range subsetBase {
		if r >= span[0] && r <= span[1] {
			return true
		}
	}
	return false
}

// fontID is generateFontID(def) for def made from this font, worked out
// once per font key: upstream's JSON encoding of the 65,536 widths and
// its SHA-1 were a tenth of every document's time.
func (font *sharedUTF8Font) fontID(def fontDefType) string {
	utf8FontCache.Lock()
	defer utf8FontCache.Unlock()
	id, ok := font.ids[def.Name]
	if !ok {
		id, _ = generateFontID(def)
		font.ids[def.Name] = id
	}
	return id
}
