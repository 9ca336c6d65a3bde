package main

import (
	"os"
	"path/filepath"
	"runtime"
)

// defaultDataDir is where the practice database lives: the operating
// system's per-user data folder, never a synced or roaming one (DESIGN §2).
func defaultDataDir() string { return filepath.Join(userDataRoot(), appFolder()) }

// demoDataDir keeps the demo practice apart from the real one.
func demoDataDir() string {
	if runtime.GOOS == "linux" {
		return filepath.Join(userDataRoot(), "frontdesk-demo")
	}
	return filepath.Join(userDataRoot(), "Frontdesk Demo")
}

func appFolder() string {
	if runtime.GOOS == "linux" {
		return "frontdesk"
	}
	return "Frontdesk"
}

func userDataRoot() string {
	home, _ := os.UserHomeDir()
	switch runtime.GOOS {
	case "windows":
		// Local, not Roaming: a live database must not roam between machines.
		if d := os.Getenv("LOCALAPPDATA"); d != "" {
			return d
		}
		return filepath.Join(home, "AppData", "Local")
	case "darwin":
		return filepath.Join(home, "Library", "Application Support")
	}
	if d := os.Getenv("XDG_DATA_HOME"); d != "" {
		return d
	}
	return filepath.Join(home, ".local", "share")
}
