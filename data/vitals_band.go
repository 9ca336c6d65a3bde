package data

// The usual ranges a trend plot draws as a band: what a healthy adult's
// readings are at rest. They are narrower than VitalKind.Usual, the
// bounds beyond which a reading is flagged, which must also let
// children's readings through; a plot of a child draws no band, since
// children's ranges depend on age.

// AdultRange is the usual range of a sign for a healthy adult, in the
// sign's stored scale; for blood pressure second is the diastolic's. ok
// is false for the signs without one: weight depends on height (see
// HealthyWeight) and height has none.
func AdultRange(kind string) (r, second Range, ok bool) {
	switch kind {
	case VitalBP:
		return Range{90, 140}, Range{60, 90}, true
	case VitalPulse:
		return Range{60, 100}, Range{}, true
	case VitalTemperature:
		return Range{361, 378}, Range{}, true
	case VitalSpO2:
		return Range{95, 100}, Range{}, true
	case VitalGlucose:
		return Range{39, 78}, Range{}, true
	}
	return Range{}, Range{}, false
}

// HealthyWeight is the range of weights (tenths of kg) of a body-mass
// index from 18.5 to 25 for a height in tenths of cm: 53.5–72.3 kg for
// 170 cm. Integers only, rounded half up.
func HealthyWeight(height int) Range {
	at := func(bmiTenths int64) int {
		num := bmiTenths * int64(height) * int64(height)
		return int((2*num + 1_000_000) / 2_000_000)
	}
	return Range{at(185), at(250)}
}
