//go:build !windows

package ui

import (
	"os"
	"runtime"
	"time"

	"fyne.io/fyne/v2/lang"
)

// zoneCandidates are where Linux and macOS keep the computer's zone: TZ,
// the name Go gave the local zone, the /etc/localtime link, /etc/timezone.
func zoneCandidates() []string {
	link, _ := os.Readlink("/etc/localtime")
	file, _ := os.ReadFile("/etc/timezone")
	return []string{os.Getenv("TZ"), time.Local.String(), link, string(file)}
}

// localeCandidates are the locale names that may say the computer's
// region, monetary first (LC_ALL, LC_MONETARY, LANG); a macOS program
// started from the Finder has none of them, so there the system's own
// locale follows.
func localeCandidates() []string {
	locs := []string{os.Getenv("LC_ALL"), os.Getenv("LC_MONETARY"), os.Getenv("LANG")}
	if runtime.GOOS == "darwin" {
		locs = append(locs, string(lang.SystemLocale()))
	}
	return locs
}
