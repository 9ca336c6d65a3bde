package reports

import (
	"bytes"
	"sync/atomic"
	"testing"
)

// perSecond runs write on every core at once (RunParallel: the goals are
// "per second on 2 cores") and reports the rate as unit per second of
// wall time, and the CPU time one document costs (cpu-ms/doc), which on
// a machine shared with other work says more than the wall time: with
// c cores free, c / cpu-ms×1000 documents a second is the most there is.
func perSecond(b *testing.B, unit string, write func(*bytes.Buffer) error) {
	b.ReportAllocs()
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
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), unit+"/s")
	if cpuAfter, ok := processCPU(); measured && ok {
		b.ReportMetric(float64((cpuAfter-cpuBefore).Microseconds())/1000/float64(b.N), "cpu-ms/doc")
	}
}

// newName is a name with a pair of letters no earlier call gave (for
// 32,768 calls): a document to it needs a font subset that gofpdf has
// not kept (third_party/gofpdf keeps one per set of characters), as a
// run to many different patients does.
func newName(n *atomic.Int64) string {
	i := n.Add(1)
	return "Zoé " + string(rune(0x0410+i%64)) + string(rune(0x0100+(i/64)%128)) + "ova Lefèvre"
}
