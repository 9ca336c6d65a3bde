package data

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// Vital sign kinds.
const (
	VitalBP          = "bp"
	VitalPulse       = "pulse"
	VitalTemperature = "temperature"
	VitalWeight      = "weight"
	VitalHeight      = "height"
	VitalSpO2        = "spo2"
	VitalGlucose     = "glucose"
)

// VitalFlagUnusual marks a value that is possible but outside the usual
// range: saved, and shown flagged so that someone checks it.
const VitalFlagUnusual = "unusual"

// Range is an interval of stored values, both ends included.
type Range struct{ Min, Max int }

func (r Range) has(v int) bool { return v >= r.Min && v <= r.Max }

// VitalKind describes one sign: how it is written, its unit, its scale
// (stored value = reading × Scale: tenths of a degree are stored as
// integers, never as floats) and its bounds. A reading outside Possible
// is refused as a typing slip or a faulty device; one outside Usual is
// saved and flagged.
type VitalKind struct {
	Code     string
	Label    string
	Unit     string
	Scale    int // 1 or 10
	Possible Range
	Usual    Range
	// Pair is set for blood pressure: the second value (diastolic) with
	// its own bounds, written "120/80".
	Pair              bool
	Possible2, Usual2 Range
	Label1, Label2    string
}

// VitalKinds lists the signs in the order the forms show them. The
// bounds are for adults and children alike; a practitioner reads the
// flag, Frontdesk does not diagnose.
var VitalKinds = []VitalKind{
	{Code: VitalBP, Label: "Blood pressure", Unit: "mmHg", Scale: 1,
		Possible: Range{40, 300}, Usual: Range{90, 160}, Pair: true, Possible2: Range{20, 200}, Usual2: Range{50, 100},
		Label1: "systolic", Label2: "diastolic"},
	{Code: VitalPulse, Label: "Pulse", Unit: "bpm", Scale: 1, Possible: Range{20, 300}, Usual: Range{40, 130}},
	{Code: VitalTemperature, Label: "Temperature", Unit: "°C", Scale: 10, Possible: Range{250, 450}, Usual: Range{350, 385}},
	{Code: VitalWeight, Label: "Weight", Unit: "kg", Scale: 10, Possible: Range{3, 4000}, Usual: Range{20, 2000}},
	{Code: VitalHeight, Label: "Height", Unit: "cm", Scale: 10, Possible: Range{200, 2600}, Usual: Range{400, 2100}},
	{Code: VitalSpO2, Label: "SpO2", Unit: "%", Scale: 1, Possible: Range{50, 100}, Usual: Range{92, 100}},
	{Code: VitalGlucose, Label: "Glucose", Unit: "mmol/L", Scale: 10, Possible: Range{10, 600}, Usual: Range{39, 110}},
}

// KindOf returns the description of a sign.
func KindOf(code string) (VitalKind, bool) {
	for _, k := range VitalKinds {
		if k.Code == code {
			return k, true
		}
	}
	return VitalKind{}, false
}

// Format writes a stored value in the sign's unit: "37.2".
func (k VitalKind) Format(v int) string {
	if k.Scale == 1 {
		return strconv.Itoa(v)
	}
	sign := ""
	if v < 0 {
		sign, v = "-", -v
	}
	return fmt.Sprintf("%s%d.%d", sign, v/10, v%10)
}

// FormatRange writes a range in the unit: "35.0–38.5 °C".
func (k VitalKind) FormatRange(r Range) string {
	return k.Format(r.Min) + "–" + k.Format(r.Max) + " " + k.Unit
}

// Vital is one measured sign at one time.
type Vital struct {
	ID        string
	PatientID string
	Kind      string
	Taken     time.Time // UTC, to the second
	Value     int       // in the kind's scale
	Value2    int       // diastolic, for blood pressure
	Flag      string    // "" or VitalFlagUnusual, set by Validate
}

// Text writes the reading with its unit: "120/80 mmHg", "37.2 °C".
func (v Vital) Text() string {
	k, ok := KindOf(v.Kind)
	if !ok {
		return strconv.Itoa(v.Value)
	}
	if k.Pair {
		return fmt.Sprintf("%s/%s %s", k.Format(v.Value), k.Format(v.Value2), k.Unit)
	}
	return k.Format(v.Value) + " " + k.Unit
}

// Validate refuses impossible readings with a message naming the sign
// and the possible range, and flags unusual ones.
func (v *Vital) Validate() error {
	var p Problems
	if v.PatientID == "" {
		p.Add("Vital sign: no patient was given.")
	}
	k, ok := KindOf(v.Kind)
	if !ok {
		p.Add("Vital sign: %q is not a known sign.", clip(v.Kind))
		return p.Err()
	}
	if v.Taken.IsZero() {
		v.Taken = nowFunc()
	}
	v.Taken = v.Taken.UTC().Truncate(time.Second)
	if v.Taken.After(nowFunc().Add(10 * time.Minute)) {
		p.Add("%s: the time of the reading is in the future.", k.Label)
	} else if v.Taken.Year() < 1900 {
		p.Add("%s: the time of the reading is before 1900.", k.Label)
	}
	if msg := k.impossible(v.Value, v.Value2); msg != "" {
		p.Add("%s", msg)
	}
	v.Flag = ""
	if len(p) == 0 && k.unusual(v.Value, v.Value2) {
		v.Flag = VitalFlagUnusual
	}
	return p.Err()
}

// impossible returns why a reading cannot be right, or "".
func (k VitalKind) impossible(v, v2 int) string {
	if !k.Possible.has(v) {
		what := k.Label
		if k.Pair {
			what += " (" + k.Label1 + ")"
		}
		return fmt.Sprintf("%s: %s %s is not possible (%s); check the reading.", what, k.Format(v), k.Unit, k.FormatRange(k.Possible))
	}
	if k.Pair {
		if !k.Possible2.has(v2) {
			return fmt.Sprintf("%s (%s): %s %s is not possible (%s); check the reading.", k.Label, k.Label2, k.Format(v2), k.Unit, k.FormatRange(k.Possible2))
		}
		if v2 >= v {
			return fmt.Sprintf("%s: the diastolic pressure (%s) must be lower than the systolic (%s); write it systolic/diastolic, like 120/80.",
				k.Label, k.Format(v2), k.Format(v))
		}
	}
	return ""
}

func (k VitalKind) unusual(v, v2 int) bool {
	return !k.Usual.has(v) || (k.Pair && !k.Usual2.has(v2))
}

// Unusual returns a sentence about a possible but unusual reading, or "".
func (k VitalKind) Unusual(v, v2 int) string {
	if k.impossible(v, v2) != "" || !k.unusual(v, v2) {
		return ""
	}
	if k.Pair {
		return fmt.Sprintf("%s: %s/%s %s is unusual (usually %s/%s); it will be saved flagged.", k.Label,
			k.Format(v), k.Format(v2), k.Unit, k.Format(k.Usual.Min)+"–"+k.Format(k.Usual.Max), k.Format(k.Usual2.Min)+"–"+k.Format(k.Usual2.Max))
	}
	return fmt.Sprintf("%s: %s %s is unusual (usually %s); it will be saved flagged.", k.Label, k.Format(v), k.Unit, k.FormatRange(k.Usual))
}

// ParseReading reads what a person typed for a sign: "37,2" or "37.2",
// "120/80" for blood pressure. A comma is a decimal point (European
// keyboards); a value with more decimals than the sign keeps is rounded
// half up. It does not check the bounds (Validate does).
func (k VitalKind) ParseReading(s string) (int, int, error) {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), k.Unit))
	if s == "" {
		return 0, 0, Errorf(EInvalid, "%s: nothing was typed.", k.Label)
	}
	if k.Pair {
		a, b, ok := strings.Cut(s, "/")
		if !ok {
			return 0, 0, Errorf(EInvalid, "%s: write it systolic/diastolic, like 120/80.", k.Label)
		}
		v1, err1 := parseScaled(a, k.Scale)
		v2, err2 := parseScaled(b, k.Scale)
		if err1 != nil || err2 != nil {
			return 0, 0, Errorf(EInvalid, "%s: %q is not a reading; write it like 120/80.", k.Label, clip(s))
		}
		return v1, v2, nil
	}
	v, err := parseScaled(s, k.Scale)
	if err != nil {
		example := "72"
		if k.Scale == 10 {
			example = "37.2"
		}
		return 0, 0, Errorf(EInvalid, "%s: %q is not a number; write it like %s.", k.Label, clip(s), example)
	}
	return v, 0, nil
}

// parseScaled reads a decimal number into an integer of scale 1 or 10.
func parseScaled(s string, scale int) (int, error) {
	s = strings.ReplaceAll(strings.TrimSpace(s), ",", ".")
	if s == "" || len(s) > 12 || strings.ContainsAny(s, "eEinfINFxX_+") {
		return 0, fmt.Errorf("not a number")
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, fmt.Errorf("not a number")
	}
	return int(math.Floor(f*float64(scale) + 0.5)), nil
}

func (v *Vital) row() row {
	return row{"vital_signs", &v.ID,
		[]string{"patient_id", "kind", "taken_utc", "value", "value2", "flag"},
		[]any{v.PatientID, v.Kind, v.Taken.Unix(), v.Value, v.Value2, v.Flag}}
}

const vitalColumns = `id, patient_id, kind, taken_utc, value, value2, flag`

func scanVitals(ctx context.Context, q querier, query string, args ...any) ([]Vital, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, sqlErr("reading vital signs", err)
	}
	defer rows.Close()
	var out []Vital
	for rows.Next() {
		var v Vital
		var taken int64
		if err := rows.Scan(&v.ID, &v.PatientID, &v.Kind, &taken, &v.Value, &v.Value2, &v.Flag); err != nil {
			return nil, sqlErr("reading vital signs", err)
		}
		v.Taken = time.Unix(taken, 0).UTC()
		out = append(out, v)
	}
	return out, sqlErr("reading vital signs", rows.Err())
}

// VitalSeries returns every reading of one sign of a patient (and of
// duplicates merged into it), oldest first: the trend plot.
func (s *Store) VitalSeries(ctx context.Context, patientID, kind string) ([]Vital, error) {
	return scanVitals(ctx, cached{s}, `WITH RECURSIVE `+patientFamily+`
		SELECT `+vitalColumns+` FROM vital_signs WHERE patient_id IN (SELECT id FROM fam) AND kind = ? AND deleted = 0
		ORDER BY taken_utc, id`, patientID, kind)
}

// RecentVitals returns a patient's latest readings, newest first, at
// most limit.
func (s *Store) RecentVitals(ctx context.Context, patientID string, limit int) ([]Vital, error) {
	return scanVitals(ctx, cached{s}, `WITH RECURSIVE `+patientFamily+`
		SELECT `+vitalColumns+` FROM vital_signs WHERE patient_id IN (SELECT id FROM fam) AND deleted = 0
		ORDER BY taken_utc DESC, id DESC LIMIT ?`, patientID, limit)
}

// LatestVitals returns the latest reading of each sign, in the order of
// VitalKinds.
func (s *Store) LatestVitals(ctx context.Context, patientID string) ([]Vital, error) {
	return latestVitals(ctx, cached{s}, patientID)
}

func latestVitals(ctx context.Context, q querier, patientID string) ([]Vital, error) {
	list, err := scanVitals(ctx, q, `WITH RECURSIVE `+patientFamily+`
		SELECT `+vitalColumns+` FROM (
			SELECT *, ROW_NUMBER() OVER (PARTITION BY kind ORDER BY taken_utc DESC, id DESC) AS n
			FROM vital_signs WHERE patient_id IN (SELECT id FROM fam) AND deleted = 0)
		WHERE n = 1`, patientID)
	if err != nil {
		return nil, err
	}
	var out []Vital
	for _, k := range VitalKinds {
		for _, v := range list {
			if v.Kind == k.Code {
				out = append(out, v)
			}
		}
	}
	return out, nil
}

// BMI computes the body-mass index from the latest weight and height in
// a list of latest readings, in tenths (243 is 24.3 kg/m²); ok is false
// without both.
func BMI(latest []Vital) (tenths int, ok bool) {
	var w, h int
	for _, v := range latest {
		switch v.Kind {
		case VitalWeight:
			w = v.Value
		case VitalHeight:
			h = v.Value
		}
	}
	if w <= 0 || h <= 0 {
		return 0, false
	}
	// weight (tenths of kg) / (height (tenths of cm) / 1000)² = kg/m²;
	// in tenths, rounded half up, in integers.
	num := int64(w) * 1_000_000 * 10
	den := int64(h) * int64(h) * 10
	return int((2*num + den) / (2 * den)), true
}

// FormatBMI writes a BMI in tenths: "24.3 kg/m²".
func FormatBMI(tenths int) string { return fmt.Sprintf("%d.%d kg/m²", tenths/10, tenths%10) }

func loadVital(ctx context.Context, q querier, id string) (Vital, error) {
	list, err := scanVitals(ctx, q, `SELECT `+vitalColumns+` FROM vital_signs WHERE id = ? AND deleted = 0`, id)
	if err != nil {
		return Vital{}, err
	}
	if len(list) == 0 {
		return Vital{}, Errorf(ENotFound, "This reading is no longer recorded.")
	}
	return list[0], nil
}

// RemoveVital withdraws a reading entered in error.
func (tx *Tx) RemoveVital(id string) error {
	v, err := loadVital(tx.ctx, tx.tx, id)
	if err != nil {
		return err
	}
	return tx.Delete(&v)
}
