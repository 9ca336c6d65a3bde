package gofpdf

// Frontdesk patch: this file is not upstream's (see README.md).
//
// A document whose font subset is not already kept (utf8fontcache.go)
// compresses two streams per font: the subset itself and its CID-to-glyph
// map. Both end in bytes that are the same for many documents: a
// subset's last tables (name, post, prep) are copied from the font
// unchanged, and the glyph map is 128 KB that are zero past the highest
// character used. Those tails are compressed once per process; a stream
// compresses only what comes before its tail, ends that with a sync flush
// (which leaves the compressed data on a byte boundary) and appends the
// tail's compressed blocks, which refer to nothing before them. The
// result is one valid zlib stream of the same bytes, and the same output
// for the same input.

import (
	"bytes"
	"compress/flate"
	"compress/zlib"
	"hash/adler32"
	"sort"
	"sync"
)

// compressedTail is a run of bytes that ends many streams, with its raw
// deflate compression (last block final).
type compressedTail struct {
	raw      []byte
	deflated []byte
}

func newCompressedTail(raw []byte) *compressedTail {
	var buf bytes.Buffer
	w, _ := flate.NewWriter(&buf, flate.BestCompression) // once per process: the smallest
	w.Write(raw)
	w.Close()
	return &compressedTail{raw: raw, deflated: buf.Bytes()}
}

// What comes before a tail is compressed by one of two pools of writers.
// A subset of the base alone (utf8fontcache.go), which nearly every
// document embeds and which is made once per font, is made small: zlib
// level 2, as BestSpeed found so few matches in glyph data that it fell
// back to Huffman codes alone (an invoice is 95 KB so, 81 KB at level 2).
// A subset with blocks outside the base is made once per combination of
// blocks, more often where names in many scripts meet, so it is made
// fast (BestSpeed): level 2 made such an invoice cost 40 % more.
var (
	smallWriters = sync.Pool{New: func() interface{} { cmp, _ := zlib.NewWriterLevel(nil, 2); return cmp }}
	fastWriters  = sync.Pool{New: func() interface{} { cmp, _ := zlib.NewWriterLevel(nil, zlib.BestSpeed); return cmp }}
)

// compressEndingWith is a zlib stream of data for data that ends with
// tail.raw, compressing only the bytes before it with one of writers. Data that does not end
// so (or a nil tail) is compressed whole.
func compressEndingWith(data []byte, tail *compressedTail, writers *sync.Pool) []byte {
	if tail == nil || !bytes.HasSuffix(data, tail.raw) {
		return sliceCompress(data)
	}
	var buf bytes.Buffer
	cmp := writers.Get().(*zlib.Writer)
	cmp.Reset(&buf)
	cmp.Write(data[:len(data)-len(tail.raw)])
	cmp.Flush() // not Close: the tail's blocks end the stream, the last one final
	writers.Put(cmp)
	buf.Write(tail.deflated)
	sum := adler32.Checksum(data)
	buf.Write([]byte{byte(sum >> 24), byte(sum >> 16), byte(sum >> 8), byte(sum)})
	return buf.Bytes()
}

// constantSubsetTables are the tables cutFont copies from the font as
// they are (post is rebuilt, but from the font's bytes alone); they sort
// last among a subset's tables, so they are its tail.
var constantSubsetTables = map[string]bool{"name": true, "post": true, "prep": true}

// subsetTail is the tail every subset of this font ends with, worked out
// from the tables of a subset just cut (utf.outTablesData) the first time.
// A font not from the cache has none.
func (utf *utf8FontFile) subsetTail() *compressedTail {
	font := utf.shared
	if font == nil {
		return nil
	}
	font.tailOnce.Do(func() {
		names := make([]string, 0, len(utf.outTablesData))
		for name := range utf.outTablesData {
			names = append(names, name)
		}
		sort.Strings(names) // assembleTables' order
		first := len(names)
		for first > 0 && constantSubsetTables[names[first-1]] {
			first--
		}
		var raw []byte
		for _, name := range names[first:] {
			table := utf.outTablesData[name]
			raw = append(raw, table...)
			raw = append(raw, make([]byte, (len(table)+3)&^3-len(table))...) // padded as assembleTables pads
		}
		font.tail = newCompressedTail(raw)
	})
	return font.tail
}

// zeroTailStep is the step of the lengths of the runs of zeros kept for
// the ends of glyph maps.
const zeroTailStep = 4096

var zeroTails struct {
	sync.Mutex
	byLength map[int]*compressedTail
}

// glyphMapTail is the longest run of zeros, in steps of zeroTailStep, that
// ends a glyph map of size bytes whose last non-zero byte is before used.
func glyphMapTail(size, used int) *compressedTail {
	n := (size - used) / zeroTailStep * zeroTailStep
	if n <= 0 {
		return nil
	}
	zeroTails.Lock()
	defer zeroTails.Unlock()
	tail, ok := zeroTails.byLength[n]
	if !ok {
		if zeroTails.byLength == nil {
			zeroTails.byLength = map[int]*compressedTail{}
		}
		tail = newCompressedTail(make([]byte, n))
		zeroTails.byLength[n] = tail
	}
	return tail
}
