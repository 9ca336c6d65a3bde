package data

import (
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"
	_ "time/tzdata" // Windows has no zone database of its own

	"frontdesk/data/i18n"
)

// WallTime is a time of day on the practice's clock, in minutes after
// midnight (0..1439).
type WallTime int

// String writes the time as HH:MM.
func (w WallTime) String() string { return fmt.Sprintf("%02d:%02d", int(w)/60, int(w)%60) }

// ParseWallTime reads "9:05", "09:05" or "0905" strictly. Its error is
// an i18n.Message, a phrase to put after the field's name, as
// DateFormat.Parse's is.
func ParseWallTime(s string) (WallTime, error) {
	s = strings.TrimSpace(s)
	h, m, ok := strings.Cut(s, ":")
	if !ok && len(s) == 4 {
		h, m, ok = s[:2], s[2:], true
	}
	if !ok || len(h) < 1 || len(h) > 2 || len(m) != 2 || !allDigits(h) || !allDigits(m) {
		return 0, i18n.Msg("time.parse.write_like", "Text", clip(s))
	}
	hh, _ := strconv.Atoi(h)
	mm, _ := strconv.Atoi(m)
	if hh > 23 || mm > 59 {
		return 0, i18n.Msg("time.parse.not_time_of_day", "Text", clip(s))
	}
	return WallTime(hh*60 + mm), nil
}

// Resolution says how a wall-clock time maps to instants.
type Resolution int

const (
	// Unique: the wall time happens exactly once.
	Unique Resolution = iota
	// Overlap: the clocks went back and the wall time happens twice; the
	// earlier instant is taken and the appointment is flagged.
	Overlap
	// Gap: the clocks went forward and the wall time never happens.
	Gap
)

// ResolveLocal returns the instant at which the clocks of loc show wall
// time w on day d. In a daylight-saving overlap it returns the earlier
// instant and Overlap; in a gap it returns the first valid instant after
// the gap and Gap, so that callers can refuse (a booking typed by a person)
// or move and flag (an occurrence of a recurring series).
//
// time.Date is not used alone because the instant it picks in an overlap
// or a gap is unspecified.
func ResolveLocal(d Date, w WallTime, loc *time.Location) (time.Time, Resolution) {
	wall := time.Date(d.Year, d.Month, d.Day, int(w)/60, int(w)%60, 0, 0, time.UTC).Unix()
	// The offsets in force a day either side cover every transition that
	// can touch this wall time (no zone shifts twice within a day).
	var found []int64
	for _, probe := range []int64{wall - 86400, wall + 86400} {
		_, off := time.Unix(probe, 0).In(loc).Zone()
		inst := wall - int64(off)
		if _, o := time.Unix(inst, 0).In(loc).Zone(); o == off && !containsInt64(found, inst) {
			found = append(found, inst)
		}
	}
	switch len(found) {
	case 0:
		// The gap: the first valid instant is the transition itself, which
		// is where the earlier offset's reading of the wall time lands
		// after being normalised forward.
		_, before := time.Unix(wall-86400, 0).In(loc).Zone()
		t := time.Unix(wall-int64(before), 0).In(loc)
		return firstInstantAfterGap(t, loc), Gap
	case 2:
		if found[1] < found[0] {
			found[0] = found[1]
		}
		return time.Unix(found[0], 0).In(loc), Overlap
	}
	return time.Unix(found[0], 0).In(loc), Unique
}

// firstInstantAfterGap walks back from t (an instant after a spring-forward
// transition) to the transition itself, to the minute.
func firstInstantAfterGap(t time.Time, loc *time.Location) time.Time {
	_, off := t.Zone()
	lo, hi := t.Add(-3*time.Hour).Unix(), t.Unix()
	for hi-lo > 1 {
		mid := lo + (hi-lo)/2
		if _, o := time.Unix(mid, 0).In(loc).Zone(); o == off {
			hi = mid
		} else {
			lo = mid
		}
	}
	// hi is the first second with the new offset (the transition); round
	// up to the minute so the wall clock reads hh:mm:00.
	return time.Unix((hi+59)/60*60, 0).In(loc)
}

func containsInt64(s []int64, v int64) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// zones caches loaded locations: time.LoadLocation reads and parses the
// zone file on every call, and every appointment's Validate needs one.
var zones sync.Map // name → *time.Location

// LoadZone loads an IANA zone and explains in plain words when it fails.
func LoadZone(name string) (*time.Location, error) {
	if loc, ok := zones.Load(name); ok {
		return loc.(*time.Location), nil
	}
	if name == "" || name == "Local" {
		return nil, NewError(EInvalid, "practice.problem.zone_missing", "Field", practiceLabels[FieldTimeZone])
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, NewError(EInvalid, "practice.problem.zone", "Field", practiceLabels[FieldTimeZone], "Text", clip(name))
	}
	zones.Store(name, loc)
	return loc, nil
}
