package reports

import (
	"bytes"
	"sync/atomic"
	"testing"
	"unicode"
)

// perSecond runs write on every core at once (RunParallel: the goals are
// "per second on 2 cores") and reports the rate as unit per second of
// wall time, and the CPU time one document costs (cpu-ms/doc), which on
// a machine shared with other work says more than the wall time: with
// c cores free, c / cpu-ms×1000 documents a second is the most there is.
// It also reports the size of a document (pdf-bytes, the last one
// written): what the fonts embedded cost.
func perSecond(b *testing.B, unit string, write func(*bytes.Buffer) error) {
	b.ReportAllocs()
	var size atomic.Int64
	cpuBefore, measured := processCPU()
	b.RunParallel(func(pb *testing.PB) {
		var buf bytes.Buffer
		for pb.Next() {
			buf.Reset()
			if err := write(&buf); err != nil {
				b.Error(err)
				return
			}
		}
		size.Store(int64(buf.Len()))
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), unit+"/s")
	b.ReportMetric(float64(size.Load()), "pdf-bytes")
	if cpuAfter, ok := processCPU(); measured && ok {
		b.ReportMetric(float64((cpuAfter-cpuBefore).Microseconds())/1000/float64(b.N), "cpu-ms/doc")
	}
}

// newName is a name with a pair of letters no earlier call gave (for
// 7,936 calls), both from Latin-1 and Latin Extended-A: a run to many
// patients of a European practice, each name spelt with letters the
// names before it did not have.
func newName(n *atomic.Int64) string {
	i := int(n.Add(1))
	return "Zoé " + string(rune(0x0100+i%128)) + string(latin1Letters[(i/128)%len(latin1Letters)]) + "ova Lefèvre"
}

// latin1Letters are the letters of Latin-1 (À to ÿ but × and ÷).
var latin1Letters = func() []rune {
	var letters []rune
	for r := rune(0xC0); r <= 0xFF; r++ {
		if r != 0xD7 && r != 0xF7 {
			letters = append(letters, r)
		}
	}
	return letters
}()

// newScriptName is a name with a letter from each of two blocks of
// sixteen code points outside Latin-1 and Latin Extended-A (Latin
// Extended-B and Additional, IPA, Greek, Cyrillic) that no recent call
// paired (1,953 pairs, then again): the worst a run can meet, every
// document needing a font subset that is not kept.
func newScriptName(n *atomic.Int64) string {
	pair := scriptPairs[int(n.Add(1))%len(scriptPairs)]
	return "Zoé " + string(pair[0]) + string(pair[1]) + "ova Lefèvre"
}

// scriptPairs pairs a letter the desk's font draws from each block of
// sixteen code points of those scripts with one from every later block.
var scriptPairs = func() [][2]rune {
	var letters []rune
	for _, span := range [][2]rune{{0x0180, 0x024F}, {0x0250, 0x02AF}, {0x0370, 0x03FF}, {0x0400, 0x052F}, {0x1E00, 0x1EFF}} {
		for block := span[0]; block <= span[1]; block += 16 {
			for r := block; r < block+16 && r <= span[1]; r++ {
				if unicode.IsLetter(r) && covered(string(r)) == string(r) {
					letters = append(letters, r)
					break
				}
			}
		}
	}
	var pairs [][2]rune
	for a := range letters {
		for b := a + 1; b < len(letters); b++ {
			pairs = append(pairs, [2]rune{letters[a], letters[b]})
		}
	}
	return pairs
}()
