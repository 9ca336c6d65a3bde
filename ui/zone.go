package ui

import (
	"os"
	"strings"
	"time"

	"frontdesk/data"
)

// machineZone is the computer's IANA time zone when it can be found
// (TZ, the /etc/localtime link of Linux and macOS, /etc/timezone), else
// UTC. Windows names its zones differently; there the first start
// proposes UTC and the secretary types the practice's zone.
func machineZone() string {
	link, _ := os.Readlink("/etc/localtime")
	file, _ := os.ReadFile("/etc/timezone")
	return zoneFrom(os.Getenv("TZ"), time.Local.String(), link, string(file))
}

// zoneFrom picks the first candidate that is a real IANA zone name.
func zoneFrom(tzEnv, localName, localtimeLink, timezoneFile string) string {
	for _, c := range []string{tzEnv, localName, localtimeLink, timezoneFile} {
		if name := zoneName(c); name != "" {
			return name
		}
	}
	return "UTC"
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
