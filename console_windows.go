//go:build windows

package main

import (
	"os"
	"syscall"
)

// attachConsole connects a GUI-subsystem program (built with
// -H=windowsgui) to the console of the terminal that started it, so that
// sub-commands print and scripts see their output. Started from Explorer,
// there is no parent console and nothing happens.
func attachConsole() {
	const attachParentProcess = ^uintptr(0) // (DWORD)-1
	proc := syscall.NewLazyDLL("kernel32.dll").NewProc("AttachConsole")
	if r, _, _ := proc.Call(attachParentProcess); r == 0 {
		return
	}
	if f, err := os.OpenFile("CONOUT$", os.O_WRONLY, 0); err == nil {
		os.Stdout, os.Stderr = f, f
	}
	if f, err := os.OpenFile("CONIN$", os.O_RDONLY, 0); err == nil {
		os.Stdin = f
	}
}
