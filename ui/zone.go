package ui

import (
	"strings"

	"frontdesk/data"
)

// zoneFrom picks the first candidate that is a real IANA zone name (see
// zoneCandidates for where each system keeps the computer's zone), else
// UTC.
func zoneFrom(candidates ...string) string {
	for _, c := range candidates {
		if name := zoneName(c); name != "" {
			return name
		}
	}
	return "UTC"
}

// ianaOfWindowsZone turns a Windows zone name ("Romance Standard Time")
// into its IANA zone ("Europe/Paris") through CLDR's table; "" when the
// name is not known.
func ianaOfWindowsZone(name string) string {
	return windowsZoneIANA[strings.TrimSpace(strings.TrimRight(name, "\x00"))]
}

// zoneName turns "Europe/Paris", ":Europe/Paris" or a path ending in
// zoneinfo/Europe/Paris into "Europe/Paris"; "" when it is not a zone.
func zoneName(s string) string {
	s = strings.TrimPrefix(strings.TrimSpace(s), ":")
	if i := strings.LastIndex(s, "zoneinfo/"); i >= 0 {
		s = s[i+len("zoneinfo/"):]
	}
	s = strings.TrimPrefix(strings.TrimPrefix(s, "posix/"), "right/")
	if s == "" || s == "Local" || strings.HasPrefix(s, "/") {
		return ""
	}
	if _, err := data.LoadZone(s); err != nil {
		return ""
	}
	switch s {
	case "Etc/UTC", "Etc/UCT", "Etc/Universal", "Etc/Zulu", "UCT", "Universal", "Zulu":
		return "UTC"
	}
	return s
}
