package data

import (
	"strings"
	"time"
)

// FirstWeekday is the day the practice's weeks start on, as calendars
// are printed where it is: Monday in most of the world, Sunday in the
// Americas, East Asia, Israel and a few more, Saturday in much of the
// Middle East (CLDR's week data). A practice records no country, so the
// time zone stands for it.
func (pr *Practice) FirstWeekday() time.Weekday {
	return firstWeekdayOf(pr.TimeZone)
}

// firstWeekdayOf maps an IANA zone to its country's first day of the week.
func firstWeekdayOf(zone string) time.Weekday {
	if d, ok := weekStartZones[zone]; ok {
		return d
	}
	region, _, _ := strings.Cut(zone, "/")
	switch region {
	case "America", "US", "Canada", "Brazil", "Mexico":
		return time.Sunday
	}
	return time.Monday
}

// weekStartZones are the zones whose first weekday is not their region's:
// the American countries that start on Monday, and the rest of the
// world's Sunday and Saturday countries.
var weekStartZones = map[string]time.Weekday{
	// Monday in the Americas.
	"America/Argentina/Buenos_Aires": time.Monday, "America/Argentina/Cordoba": time.Monday, "America/Argentina/Mendoza": time.Monday,
	"America/Argentina/Salta": time.Monday, "America/Argentina/Ushuaia": time.Monday, "America/Buenos_Aires": time.Monday,
	"America/Santiago": time.Monday, "America/Punta_Arenas": time.Monday, "America/Montevideo": time.Monday,
	"America/La_Paz": time.Monday, "America/Guayaquil": time.Monday, "America/Costa_Rica": time.Monday,
	"America/Cayenne": time.Monday, "America/Guadeloupe": time.Monday, "America/Martinique": time.Monday,
	"America/Curacao": time.Monday, "America/Aruba": time.Monday, "America/Paramaribo": time.Monday,
	"America/Nuuk": time.Monday, "America/Godthab": time.Monday, "America/Miquelon": time.Monday,
	// Sunday elsewhere.
	"Asia/Jerusalem": time.Sunday, "Asia/Tel_Aviv": time.Sunday, "Asia/Tokyo": time.Sunday, "Asia/Seoul": time.Sunday,
	"Asia/Shanghai": time.Sunday, "Asia/Hong_Kong": time.Sunday, "Asia/Macau": time.Sunday, "Asia/Taipei": time.Sunday,
	"Asia/Manila": time.Sunday, "Asia/Bangkok": time.Sunday, "Asia/Jakarta": time.Sunday, "Asia/Singapore": time.Sunday,
	"Asia/Kolkata": time.Sunday, "Asia/Calcutta": time.Sunday, "Asia/Karachi": time.Sunday, "Asia/Dhaka": time.Sunday,
	"Asia/Kathmandu": time.Sunday, "Asia/Thimphu": time.Sunday, "Asia/Yangon": time.Sunday, "Asia/Phnom_Penh": time.Sunday,
	"Asia/Vientiane": time.Sunday, "Asia/Riyadh": time.Sunday, "Asia/Aden": time.Sunday,
	"Africa/Johannesburg": time.Sunday, "Africa/Nairobi": time.Sunday, "Africa/Addis_Ababa": time.Sunday,
	"Africa/Maputo": time.Sunday, "Africa/Harare": time.Sunday, "Africa/Gaborone": time.Sunday,
	"Europe/Lisbon": time.Sunday, "Europe/Malta": time.Sunday, "Pacific/Honolulu": time.Sunday, "Pacific/Guam": time.Sunday,
	// Saturday.
	"Asia/Dubai": time.Saturday, "Asia/Kabul": time.Saturday, "Asia/Bahrain": time.Saturday, "Asia/Baghdad": time.Saturday,
	"Asia/Tehran": time.Saturday, "Asia/Amman": time.Saturday, "Asia/Kuwait": time.Saturday, "Asia/Muscat": time.Saturday,
	"Asia/Qatar": time.Saturday, "Asia/Damascus": time.Saturday, "Africa/Cairo": time.Saturday, "Africa/Algiers": time.Saturday,
	"Africa/Tripoli": time.Saturday, "Africa/Khartoum": time.Saturday, "Africa/Djibouti": time.Saturday,
}
