package data

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"frontdesk/data/i18n"
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

// VitalKind describes one sign: its name in the catalogue, its unit (a
// symbol every language writes alike), its scale (stored value =
// reading × Scale: tenths of a degree are stored as integers, never as
// floats) and its bounds. A reading outside Possible is refused as a
// typing slip or a faulty device; one outside Usual is saved and flagged.
type VitalKind struct {
	Code  string
	Name  i18n.Key
	Unit  string
	Scale int // 1 or 10
	// Possible and Usual bound the reading (systolic for blood pressure).
	Possible Range
	Usual    Range
	// Pair is set for blood pressure: the second value (diastolic) with
	// its own bounds, written "120/80"; Part1 and Part2 name the two.
	Pair              bool
	Possible2, Usual2 Range
	Part1, Part2      i18n.Key
}

// VitalKinds lists the signs in the order the forms show them. The
// bounds are for adults and children alike; a practitioner reads the
// flag, Frontdesk does not diagnose.
var VitalKinds = []VitalKind{
	{Code: VitalBP, Name: "vital.blood_pressure", Unit: "mmHg", Scale: 1,
		Possible: Range{40, 300}, Usual: Range{90, 160}, Pair: true, Possible2: Range{20, 200}, Usual2: Range{50, 100},
		Part1: "vital.part.systolic", Part2: "vital.part.diastolic"},
	{Code: VitalPulse, Name: "vital.pulse", Unit: "bpm", Scale: 1, Possible: Range{20, 300}, Usual: Range{40, 130}},
	{Code: VitalTemperature, Name: "vital.temperature", Unit: "°C", Scale: 10, Possible: Range{250, 450}, Usual: Range{350, 385}},
	{Code: VitalWeight, Name: "vital.weight", Unit: "kg", Scale: 10, Possible: Range{3, 4000}, Usual: Range{20, 2000}},
	{Code: VitalHeight, Name: "vital.height", Unit: "cm", Scale: 10, Possible: Range{200, 2600}, Usual: Range{400, 2100}},
	{Code: VitalSpO2, Name: "vital.spo2", Unit: "%", Scale: 1, Possible: Range{50, 100}, Usual: Range{92, 100}},
	{Code: VitalGlucose, Name: "vital.glucose", Unit: "mmol/L", Scale: 10, Possible: Range{10, 600}, Usual: Range{39, 110}},
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

// Dec is a stored value as a message argument, written with the
// language's decimal separator ("37,2" in French).
func (k VitalKind) Dec(v int) i18n.Dec {
	digits := 0
	if k.Scale == 10 {
		digits = 1
	}
	return i18n.Dec{Value: int64(v), Digits: digits}
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
// and the possible range, and flags unusual ones. Each problem is under
// the sign's code.
func (v *Vital) Validate() error {
	var p Problems
	if v.PatientID == "" {
		p.Report("", "problem.no_patient", "Record", i18n.Key("vital.record"))
	}
	k, ok := KindOf(v.Kind)
	if !ok {
		p.Report("", "vital.problem.unknown_sign", "Text", clip(v.Kind))
		return p.Err()
	}
	if v.Taken.IsZero() {
		v.Taken = Now()
	}
	v.Taken = v.Taken.UTC().Truncate(time.Second)
	if v.Taken.After(Now().Add(10 * time.Minute)) {
		p.Report(k.Code, "vital.problem.taken_future", "Sign", k.Name)
	} else if v.Taken.Year() < 1900 {
		p.Report(k.Code, "vital.problem.taken_before_1900", "Sign", k.Name)
	}
	if m, bad := k.impossible(v.Value, v.Value2); bad {
		p.Report(k.Code, m.Key, m.Args...)
	}
	v.Flag = ""
	if len(p) == 0 && k.unusual(v.Value, v.Value2) {
		v.Flag = VitalFlagUnusual
	}
	return p.Err()
}

// impossible says why a reading cannot be right; bad is false when it can.
func (k VitalKind) impossible(v, v2 int) (m i18n.Message, bad bool) {
	if !k.Possible.has(v) {
		sign := any(k.Name)
		if k.Pair {
			sign = i18n.Msg("vital.sign_part", "Sign", k.Name, "Part", k.Part1)
		}
		return i18n.Msg("vital.problem.impossible", "Sign", sign, "Value", k.Dec(v), "Unit", k.Unit,
			"Min", k.Dec(k.Possible.Min), "Max", k.Dec(k.Possible.Max)), true
	}
	if k.Pair {
		if !k.Possible2.has(v2) {
			return i18n.Msg("vital.problem.impossible", "Sign", i18n.Msg("vital.sign_part", "Sign", k.Name, "Part", k.Part2),
				"Value", k.Dec(v2), "Unit", k.Unit, "Min", k.Dec(k.Possible2.Min), "Max", k.Dec(k.Possible2.Max)), true
		}
		if v2 >= v {
			return i18n.Msg("vital.problem.diastolic_not_lower", "Sign", k.Name, "Diastolic", k.Dec(v2), "Systolic", k.Dec(v)), true
		}
	}
	return i18n.Message{}, false
}

func (k VitalKind) unusual(v, v2 int) bool {
	return !k.Usual.has(v) || (k.Pair && !k.Usual2.has(v2))
}

// Unusual is the sentence about a possible but unusual reading, said
// under its field before it is saved flagged; ok is false for a usual
// or an impossible reading.
func (k VitalKind) Unusual(v, v2 int) (m i18n.Message, ok bool) {
	if _, bad := k.impossible(v, v2); bad || !k.unusual(v, v2) {
		return i18n.Message{}, false
	}
	if k.Pair {
		return i18n.Msg("vital.unusual_pair", "Sign", k.Name, "Value", k.Dec(v), "Value2", k.Dec(v2), "Unit", k.Unit,
			"Min", k.Dec(k.Usual.Min), "Max", k.Dec(k.Usual.Max), "Min2", k.Dec(k.Usual2.Min), "Max2", k.Dec(k.Usual2.Max)), true
	}
	return i18n.Msg("vital.unusual", "Sign", k.Name, "Value", k.Dec(v), "Unit", k.Unit,
		"Min", k.Dec(k.Usual.Min), "Max", k.Dec(k.Usual.Max)), true
}

// ParseReading reads what a person typed for a sign: "37,2" or "37.2",
// "120/80" for blood pressure. A comma is a decimal point (European
// keyboards); a value with more decimals than the sign keeps is rounded
// half up. It does not check the bounds (Validate does).
func (k VitalKind) ParseReading(s string) (int, int, error) {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), k.Unit))
	if s == "" {
		return 0, 0, NewError(EInvalid, "vital.parse.nothing", "Sign", k.Name)
	}
	if k.Pair {
		a, b, ok := strings.Cut(s, "/")
		if !ok {
			return 0, 0, NewError(EInvalid, "vital.parse.pair", "Sign", k.Name)
		}
		v1, err1 := parseScaled(a, k.Scale)
		v2, err2 := parseScaled(b, k.Scale)
		if err1 != nil || err2 != nil {
			return 0, 0, NewError(EInvalid, "vital.parse.not_a_pair", "Sign", k.Name, "Text", clip(s))
		}
		return v1, v2, nil
	}
	v, err := parseScaled(s, k.Scale)
	if err != nil {
		example := k.Dec(72)
		if k.Scale == 10 {
			example = k.Dec(372)
		}
		return 0, 0, NewError(EInvalid, "vital.parse.not_a_number", "Sign", k.Name, "Text", clip(s), "Example", example)
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
	if err := s.requireClinical(patientID); err != nil {
		return nil, err
	}
	return scanVitals(ctx, cached{s}, `WITH RECURSIVE `+patientFamily+`
		SELECT `+vitalColumns+` FROM vital_signs WHERE patient_id IN (SELECT id FROM fam) AND kind = ? AND deleted = 0
		ORDER BY taken_utc, id`, patientID, kind)
}

// RecentVitals returns a patient's latest readings, newest first, at
// most limit.
func (s *Store) RecentVitals(ctx context.Context, patientID string, limit int) ([]Vital, error) {
	if err := s.requireClinical(patientID); err != nil {
		return nil, err
	}
	return scanVitals(ctx, cached{s}, `WITH RECURSIVE `+patientFamily+`
		SELECT `+vitalColumns+` FROM vital_signs WHERE patient_id IN (SELECT id FROM fam) AND deleted = 0
		ORDER BY taken_utc DESC, id DESC LIMIT ?`, patientID, limit)
}

// LatestVitals returns the latest reading of each sign, in the order of
// VitalKinds.
func (s *Store) LatestVitals(ctx context.Context, patientID string) ([]Vital, error) {
	if err := s.requireClinical(patientID); err != nil {
		return nil, err
	}
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
		return Vital{}, NewError(ENotFound, "vital.error.gone")
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
