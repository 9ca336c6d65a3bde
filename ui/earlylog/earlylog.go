// Package earlylog holds what the standard logger receives while the
// program starts. Fyne's lang package, as it initialises, logs three
// "Fyne error: Error parsing user locale C" lines when LANG is C.UTF-8
// (Debian's default); every sub-command printed them before its own
// output. Held here, they never reach the command line's stderr, and the
// desk copies them into its log file once it has one.
//
// It works only if this package is initialised before fyne.io's: Go
// initialises packages in the order of their import paths whenever their
// own imports allow it, "frontdesk/…" sorts before "fyne.io/…", and this
// package imports nothing that Fyne's packages do not import too.
package earlylog

import (
	"io"
	"log"
	"sync"
)

// limit bounds what is held: the program may run for hours before anyone
// asks (a sub-command never does).
const limit = 64 << 10

var held = &holder{}

func init() { log.SetOutput(held) }

type holder struct {
	mu  sync.Mutex
	buf []byte
}

func (h *holder) Write(p []byte) (int, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if room := limit - len(h.buf); room > 0 {
		h.buf = append(h.buf, p[:min(len(p), room)]...)
	}
	return len(p), nil
}

// SendTo writes what was held to w and sends the standard logger's
// output there from now on.
func SendTo(w io.Writer) {
	held.mu.Lock()
	defer held.mu.Unlock()
	w.Write(held.buf)
	held.buf = nil
	log.SetOutput(w)
}
