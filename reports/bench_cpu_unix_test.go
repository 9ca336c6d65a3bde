//go:build unix

package reports

import (
	"syscall"
	"time"
)

// processCPU is the CPU time the test process has used, on every core
// and in the garbage collector: what a benchmark costs whatever else
// the machine runs at the same time.
func processCPU() (time.Duration, bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, false
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), true
}
