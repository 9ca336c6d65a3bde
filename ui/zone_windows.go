//go:build windows

package ui

import (
	"os"

	"fyne.io/fyne/v2/lang"
	"golang.org/x/sys/windows/registry"
)

// zoneCandidates are TZ, when someone set it, then the zone Windows is set
// to: the registry names it the Windows way ("Romance Standard Time"),
// which CLDR's table turns into the IANA name.
func zoneCandidates() []string {
	return []string{os.Getenv("TZ"), ianaOfWindowsZone(windowsZoneName())}
}

// windowsZoneName reads the Windows name of the system's time zone, ""
// when it cannot be read.
func windowsZoneName() string {
	k, err := registry.OpenKey(registry.LOCAL_MACHINE, `SYSTEM\CurrentControlSet\Control\TimeZoneInformation`, registry.QUERY_VALUE)
	if err != nil {
		return ""
	}
	defer k.Close()
	name, _, err := k.GetStringValue("TimeZoneKeyName")
	if err != nil {
		return ""
	}
	return name
}

// localeCandidates is the user's locale, as Windows' regional format
// setting gives it ("fr-CH").
func localeCandidates() []string {
	return []string{string(lang.SystemLocale())}
}
