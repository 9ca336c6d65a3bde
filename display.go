package main

import (
	"bytes"
	"fmt"
	"log"
	"os"
	"strings"

	"github.com/go-gl/glfw/v3.3/glfw"
)

// displayMessages are the sentences of checkDisplay, in one place.
var displayMessages = struct{ noDisplay, noGL string }{
	noDisplay: "Frontdesk cannot open its window: no display could be reached%s. Start it from a desktop session (the sub-commands, see frontdesk help, need none).",
	noGL:      "Frontdesk cannot open its window: the display offers no usable OpenGL%s. Install or update the graphics driver (Mesa on Linux), or turn on 3D acceleration in a virtual machine.",
}

// checkDisplay opens the windowing system and a hidden OpenGL window the
// way Fyne's driver will, before the practice is opened. Without it, a
// desk started with no display (or a wrong DISPLAY) panicked inside GLFW,
// and one without OpenGL exited silently, each after creating the
// database. GLFW stays initialised for Fyne, whose own glfw.Init is then
// a no-op; the probe window costs a few milliseconds of start-up.
func checkDisplay() (err error) {
	// go-gl reports a platform error of glfwInit ("X11: Failed to open
	// display") only through the standard logger and returns nil; the
	// next call then panics with NotInitialized.
	var said bytes.Buffer
	prev, flags := log.Writer(), log.Flags()
	log.SetOutput(&said)
	log.SetFlags(0)
	defer func() { log.SetOutput(prev); log.SetFlags(flags) }()
	reached := false
	defer func() {
		if r := recover(); r != nil {
			err = displayError(reached, fmt.Sprint(r), said.String())
		}
	}()
	if err := glfw.Init(); err != nil {
		return displayError(reached, err.Error(), said.String())
	}
	glfw.GetPrimaryMonitor() // panics when glfwInit failed
	reached = true
	glfw.DefaultWindowHints()
	glfw.WindowHint(glfw.Visible, glfw.False)
	glfw.WindowHint(glfw.ContextVersionMajor, 2) // what Fyne asks for (glfw_core.go)
	glfw.WindowHint(glfw.ContextVersionMinor, 1)
	w, err := glfw.CreateWindow(16, 16, "Frontdesk", nil, nil)
	glfw.DefaultWindowHints()
	if err != nil || w == nil {
		cause := said.String()
		if err != nil {
			cause = err.Error()
		}
		return displayError(reached, cause, said.String())
	}
	w.Destroy()
	return nil
}

// displayError is the one line a person reads, with GLFW's own words and
// the DISPLAY tried for whoever fixes the machine. reached tells whether
// the display answered (then OpenGL is what failed).
func displayError(reached bool, cause, said string) error {
	format := displayMessages.noDisplay
	if reached {
		format = displayMessages.noGL
	}
	detail := strings.TrimSpace(cause)
	if detail == "" || strings.Contains(detail, "NotInitialized") {
		detail = strings.TrimSpace(said)
	}
	if i := strings.IndexByte(detail, '\n'); i >= 0 {
		detail = detail[:i]
	}
	if d := os.Getenv("DISPLAY"); d != "" && !reached {
		detail = strings.TrimSpace(detail + ", DISPLAY=" + d)
	}
	if detail != "" {
		detail = " (" + strings.TrimPrefix(detail, ", ") + ")"
	}
	return plainError(fmt.Sprintf(format, detail))
}

// plainError is a failure of the command line's own, already in words.
type plainError string

func (e plainError) Error() string { return string(e) }
