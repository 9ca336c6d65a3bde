package demo

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"time"
	"unicode"

	"frontdesk/data"
)

// The patient files' part of the demo: demographics beyond the name
// (payer, emergency contact, consents, language), allergies (and
// explicit "no known allergies"), medications, problems, series of vital
// signs and a few clinical notes. It draws from its own random stream,
// so the patients and appointments of a seed are the same as before it
// existed.

// clinicalGen is the state of the clinical part of one run.
type clinicalGen struct {
	rng    *rand.Rand
	ids    *idSource // the generator's: one clock for every key of the run
	counts map[string]int
}

func (g *generator) clinical() *clinicalGen {
	if g.clin == nil {
		seed := g.o.Seed ^ 0xc11c1ca1
		g.clin = &clinicalGen{
			rng:    rand.New(rand.NewPCG(seed, seed^0x2545f4914f6cdd1d)),
			ids:    g.ids,
			counts: map[string]int{},
		}
	}
	return g.clin
}

// id returns the next key with its random bits from the clinical stream.
func (c *clinicalGen) id() string { return c.ids.next(c.rng) }

func (c *clinicalGen) chance(p float64) bool { return c.rng.Float64() < p }

var payers = []struct {
	name   string
	weight int
}{
	{"CPAM du Rhône", 70}, {"MSA Ain-Rhône", 8}, {"CPAM de l'Isère", 8}, {"MGEN", 6}, {"Mutuelle Générale", 4}, {"Private (no insurer)", 4},
}

var relations = []string{"spouse", "partner", "daughter", "son", "mother", "father", "sister", "brother", "neighbour"}

var referrers = []string{"Dr Paul Girard (cardiology)", "Dr Hélène Roche (dermatology)", "Dr Sami Khelifi (endocrinology)",
	"Urgences Hôpital Édouard-Herriot", "Dr Nina Petrović (rheumatology)", "Dr Marc Aubry (ENT)"}

// enrich fills the demographics that the name generator leaves empty.
func (g *generator) enrich(p *data.Patient) {
	c := g.clinical()
	age := p.BirthDate.AgeOn(g.o.Today)
	p.PayerName = payers[weightedIndex(c.rng, len(payers), func(i int) int { return payers[i].weight })].name
	if p.PayerName != "Private (no insurer)" {
		sex := 1
		if p.Sex == data.SexFemale {
			sex = 2
		}
		p.PayerNumber = fmt.Sprintf("%d %02d %02d %02d %03d %03d %02d", sex, p.BirthDate.Year%100, int(p.BirthDate.Month),
			69, c.rng.IntN(1000), c.rng.IntN(1000), c.rng.IntN(100))
	}
	if c.chance(0.45) {
		given := pick(c.rng, nameGroups[0].female)
		if c.chance(0.5) {
			given = pick(c.rng, nameGroups[0].male)
		}
		rel := pick(c.rng, relations)
		if age < 18 {
			rel = pick(c.rng, []string{"mother", "father"})
		}
		p.EmergencyContact = fmt.Sprintf("%s %s (%s)", given, p.FamilyName, rel)
		p.EmergencyPhone = fmt.Sprintf("06 %02d %02d %02d %02d", c.rng.IntN(100), c.rng.IntN(100), c.rng.IntN(100), c.rng.IntN(100))
	}
	if c.chance(0.1) {
		p.Phone2 = fmt.Sprintf("04 %02d %02d %02d %02d", 70+c.rng.IntN(10), c.rng.IntN(100), c.rng.IntN(100), c.rng.IntN(100))
	}
	p.ConsentLetters = c.chance(0.92)
	digits := data.Digits(p.Phone)
	mobile := strings.HasPrefix(digits, "06") || strings.HasPrefix(digits, "07") || strings.HasPrefix(digits, "336") || strings.HasPrefix(digits, "337")
	p.ConsentSMS = mobile && c.chance(0.75)
	p.ConsentEmail = p.Email != "" && c.chance(0.6)
	p.Language = "French"
	switch {
	case strings.IndexFunc(p.FamilyName, func(r rune) bool { return unicode.Is(unicode.Arabic, r) }) >= 0:
		p.Language = "Arabic"
	case strings.IndexFunc(p.FamilyName, func(r rune) bool { return unicode.Is(unicode.Hebrew, r) }) >= 0:
		p.Language = "Hebrew"
	case c.chance(0.04):
		p.Language = pick(c.rng, []string{"English", "Spanish", "Portuguese", "Italian", "Turkish", "German"})
	}
	if c.chance(0.12) {
		p.ReferringDoctor = pick(c.rng, referrers)
	}
	if age >= 16 && c.chance(0.004) {
		p.GenderIdentity = pick(c.rng, []string{"non-binary", "trans woman", "trans man"})
	}
}

var allergens = []struct{ substance, reaction, severity string }{
	{"Penicillin", "Hives and swelling", data.SeveritySevere},
	{"Amoxicillin", "Rash", data.SeverityModerate},
	{"Aspirin", "Asthma attack", data.SeveritySevere},
	{"Ibuprofen", "Stomach pain", data.SeverityMild},
	{"Codeine", "Nausea and vomiting", data.SeverityModerate},
	{"Sulfonamides", "Skin rash", data.SeverityModerate},
	{"Latex", "Contact dermatitis", data.SeverityMild},
	{"Peanuts", "Anaphylaxis", data.SeveritySevere},
	{"Shellfish", "Lip swelling", data.SeveritySevere},
	{"Bee venom", "Anaphylaxis", data.SeveritySevere},
	{"Pollen (grass)", "Hay fever", data.SeverityMild},
	{"House dust mite", "Rhinitis", data.SeverityMild},
	{"Iodinated contrast", "Urticaria", data.SeverityModerate},
	{"Eggs", "", data.SeverityUnknown},
}

// conditions pair a problem with the medications it usually brings.
var conditions = []struct {
	problem  string
	minAge   int
	weight   int
	meds     []string
	resolves bool
}{
	{"Hypertension", 35, 30, []string{"Amlodipine|5 mg once a day", "Ramipril|5 mg once a day", "Indapamide|1.5 mg in the morning"}, false},
	{"Type 2 diabetes", 35, 14, []string{"Metformin|1000 mg twice a day", "Gliclazide|30 mg in the morning"}, false},
	{"Hypercholesterolaemia", 35, 18, []string{"Atorvastatin|20 mg in the evening"}, false},
	{"Asthma", 3, 12, []string{"Salbutamol inhaler|2 puffs when needed", "Budesonide inhaler|200 µg twice a day"}, false},
	{"Hypothyroidism", 20, 8, []string{"Levothyroxine|75 µg in the morning"}, false},
	{"Depression", 16, 9, []string{"Sertraline|50 mg once a day"}, true},
	{"Low back pain", 18, 10, []string{"Paracetamol|1 g up to three times a day"}, true},
	{"Atrial fibrillation", 60, 5, []string{"Apixaban|5 mg twice a day", "Bisoprolol|2.5 mg once a day"}, false},
	{"Osteoarthritis of the knee", 50, 8, []string{"Paracetamol|1 g up to three times a day"}, false},
	{"Eczema", 0, 7, []string{"Emollient cream|twice a day"}, true},
	{"Migraine", 12, 7, []string{"Sumatriptan|50 mg at onset"}, false},
	{"Gastro-oesophageal reflux", 18, 8, []string{"Omeprazole|20 mg before breakfast"}, true},
	{"Otitis media", 0, 4, []string{"Amoxicillin|80 mg/kg/day for 5 days"}, true},
}

var noteTexts = []string{
	"Seen for review. Feels well, no new complaints. Blood pressure controlled. Continue current treatment.",
	"Cough for five days, no fever. Chest clear on auscultation. Advice given, review if not better in a week.",
	"Repeat prescription issued. Blood test requested before the next visit.",
	"Knee pain after a fall while running. No swelling, full range of movement. Rest and paracetamol.",
	"Vaccination given (left deltoid). No immediate reaction. Next dose in six months.",
	"Results discussed: HbA1c 7.2 %. Diet advice repeated; metformin continued.",
	"Anxious about work. Sleep poor for a month. Discussed options; follow-up in two weeks.",
	"Rash on both forearms, itchy, no new products. Emollient and review in ten days.",
	"Certificate for sport issued. Examination normal.",
	"Headaches twice a week, worse in the evening. Diary of headaches started.",
}

var amendments = []string{
	"Correction: the vaccination was given in the right deltoid, not the left.",
	"Correction: the HbA1c was 6.8 %, not 7.2 %.",
	"Correction: review in one week, not two.",
}

// insertClinical adds the clinical part of the patient files.
func (g *generator) insertClinical(ctx context.Context, sn *data.Snapshot, progress func(string)) error {
	c := g.clinical()
	for _, p := range g.patients {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := g.insertPatientClinical(sn, c, p); err != nil {
			return err
		}
	}
	progress(fmt.Sprintf("clinical data: %d allergies, %d medications, %d problems, %d vital signs, %d notes",
		c.counts["allergies"], c.counts["medications"], c.counts["problems"], c.counts["vitals"], c.counts["notes"]))
	return nil
}

func (g *generator) insertPatientClinical(sn *data.Snapshot, c *clinicalGen, p patientRef) error {
	today := g.o.Today
	end := today.AddDays(-1) // readings and notes stay in the past
	if !p.deceased.IsZero() {
		end = p.deceased.AddDays(-1)
	}
	if end.Before(p.born) {
		return nil
	}
	age := p.born.AgeOn(end)
	// Allergies: recorded for some, "none known" stated for more.
	switch r := c.rng.Float64(); {
	case r < 0.18:
		n := 1 + c.rng.IntN(3)
		seen := map[string]bool{}
		for range n {
			al := pick(c.rng, allergens)
			if seen[al.substance] {
				continue
			}
			seen[al.substance] = true
			a := data.Allergy{ID: c.id(), PatientID: p.id, Substance: al.substance, Reaction: al.reaction, Severity: al.severity,
				RecordedOn: c.dayBetween(p.born, end)}
			if err := sn.Insert(&a); err != nil {
				return err
			}
			c.counts["allergies"]++
		}
	case r < 0.58:
		a := data.Allergy{ID: c.id(), PatientID: p.id, NoneKnown: true, RecordedOn: c.dayBetween(p.born, end)}
		if err := sn.Insert(&a); err != nil {
			return err
		}
	}
	// Problems and their medications, more with age.
	want := 0
	switch {
	case age >= 65:
		want = c.rng.IntN(5)
	case age >= 16:
		want = c.rng.IntN(3)
	case c.chance(0.3):
		want = 1
	}
	diabetic := false
	seen := map[string]bool{}
	for range want {
		cd := conditions[c.pickCondition()]
		if age < cd.minAge || seen[cd.problem] {
			continue
		}
		seen[cd.problem] = true
		diabetic = diabetic || strings.Contains(cd.problem, "diabetes")
		since := c.dayBetween(maxDate(p.born.AddDays(365*cd.minAge), end.AddDays(-365*15)), end)
		pb := data.Problem{ID: c.id(), PatientID: p.id, Text: cd.problem, Since: since, Status: data.ProblemActive}
		if cd.resolves && c.chance(0.5) {
			pb.Status, pb.ResolvedOn = data.ProblemResolved, c.dayBetween(since, end)
		}
		if err := sn.Insert(&pb); err != nil {
			return err
		}
		c.counts["problems"]++
		for _, m := range cd.meds {
			if !c.chance(0.7) {
				continue
			}
			name, dose, _ := strings.Cut(m, "|")
			med := data.Medication{ID: c.id(), PatientID: p.id, Name: name, Dose: dose, From: since}
			if pb.Status == data.ProblemResolved {
				med.To = pb.ResolvedOn
			} else if c.chance(0.15) {
				med.To = c.dayBetween(since, end)
			}
			if err := sn.Insert(&med); err != nil {
				return err
			}
			c.counts["medications"]++
		}
	}
	// Vital signs at a series of visits, around a personal baseline.
	if c.chance(0.3) {
		if err := g.insertVitals(sn, c, p, end, age, diabetic, seen["Hypertension"]); err != nil {
			return err
		}
	}
	// A few clinical notes, now and then an amendment.
	if c.chance(0.12) {
		var last data.Note
		for range 1 + c.rng.IntN(3) {
			n := data.Note{ID: c.id(), PatientID: p.id, Author: pick(c.rng, g.practitioners).DisplayName,
				Written: c.instant(g, c.dayBetween(maxDate(p.born, end.AddDays(-3*365)), end)), Text: pick(c.rng, noteTexts)}
			if err := sn.Insert(&n); err != nil {
				return err
			}
			c.counts["notes"]++
			last = n
		}
		if c.chance(0.2) {
			n := data.Note{ID: c.id(), PatientID: p.id, Author: last.Author, Written: last.Written.Add(2 * time.Hour),
				Text: pick(c.rng, amendments), Amends: last.ID}
			if err := sn.Insert(&n); err != nil {
				return err
			}
			c.counts["notes"]++
		}
	}
	return nil
}

func (c *clinicalGen) pickCondition() int {
	return weightedIndex(c.rng, len(conditions), func(i int) int { return conditions[i].weight })
}

// insertVitals writes 3 to 12 visits' readings, oldest first.
func (g *generator) insertVitals(sn *data.Snapshot, c *clinicalGen, p patientRef, end data.Date, age int, diabetic, hypertensive bool) error {
	visits := 3 + c.rng.IntN(10)
	first := maxDate(p.born.AddDays(30), end.AddDays(-6*365))
	if first.After(end) {
		return nil
	}
	span := first.DaysUntil(end)
	sys := 112 + float64(age)/3 + c.rng.NormFloat64()*8
	if hypertensive {
		sys += 18
	}
	weight := 72 + c.rng.NormFloat64()*13 // grown up; children grow into it
	height := 170 + c.rng.NormFloat64()*9
	glucose := 5.2 + c.rng.NormFloat64()*0.4
	if diabetic {
		glucose += 3
	}
	for i := range visits {
		day := first.AddDays(span * i / visits)
		if i > 0 {
			day = day.AddDays(c.rng.IntN(max(1, span/visits)))
		}
		if day.After(end) {
			day = end
		}
		at := c.instant(g, day)
		ageThen := p.born.AgeOn(day)
		read := func(kind string, v, v2 int) error {
			vt := data.Vital{ID: c.id(), PatientID: p.id, Kind: kind, Taken: at, Value: v, Value2: v2}
			if err := sn.Insert(&vt); err != nil {
				return data.WithOp(fmt.Sprintf("inserting the demo vital sign %s %d/%d", kind, v, v2), err)
			}
			c.counts["vitals"]++
			return nil
		}
		if ageThen >= 3 {
			s := int(math.Round(sys + c.rng.NormFloat64()*7))
			d := int(math.Round(float64(s)*0.62 + c.rng.NormFloat64()*5))
			if err := read(data.VitalBP, clamp(s, 70, 230), clamp(d, 40, s-15)); err != nil {
				return err
			}
			if err := read(data.VitalPulse, clamp(int(72+c.rng.NormFloat64()*10), 40, 150), 0); err != nil {
				return err
			}
		}
		w := weightAt(c, ageThen, weight)
		if err := read(data.VitalWeight, clamp(int(math.Round(w*10)), 25, 2500), 0); err != nil {
			return err
		}
		if i == 0 || ageThen < 18 {
			if err := read(data.VitalHeight, clamp(int(math.Round(heightAt(ageThen, height)*10)), 450, 2100), 0); err != nil {
				return err
			}
		}
		if c.chance(0.3) {
			t := 368 + int(c.rng.NormFloat64()*4)
			if c.chance(0.1) {
				t += 15 + c.rng.IntN(15) // a fever now and then
			}
			if err := read(data.VitalTemperature, clamp(t, 350, 410), 0); err != nil {
				return err
			}
		}
		if c.chance(0.25) {
			if err := read(data.VitalSpO2, clamp(97+int(c.rng.NormFloat64()*1.5), 88, 100), 0); err != nil {
				return err
			}
		}
		if diabetic || c.chance(0.05) {
			if err := read(data.VitalGlucose, clamp(int(math.Round((glucose+c.rng.NormFloat64()*1.1)*10)), 30, 250), 0); err != nil {
				return err
			}
		}
	}
	return nil
}

// weightAt and heightAt follow a rough growth curve for children.
func weightAt(c *clinicalGen, age int, adult float64) float64 {
	if age >= 18 {
		return adult + c.rng.NormFloat64()*1.5
	}
	return 3.5 + (adult-3.5)*math.Pow(float64(age)/18, 1.3) + c.rng.NormFloat64()*0.5
}

func heightAt(age int, adult float64) float64 {
	if age >= 18 {
		return adult
	}
	return 50 + (adult-50)*math.Pow(float64(age)/18, 0.7)
}

func clamp(v, lo, hi int) int { return max(lo, min(hi, v)) }

func maxDate(a, b data.Date) data.Date {
	if a.After(b) {
		return a
	}
	return b
}

// dayBetween picks a day in [from, to] (from when to is earlier).
func (c *clinicalGen) dayBetween(from, to data.Date) data.Date {
	n := from.DaysUntil(to)
	if n <= 0 {
		return from
	}
	return from.AddDays(c.rng.IntN(n + 1))
}

// instant is a time of a consultation on day, on the practice clock.
func (c *clinicalGen) instant(g *generator, day data.Date) time.Time {
	minute := 8*60 + 30 + c.rng.IntN(9*60)
	return time.Date(day.Year, day.Month, day.Day, minute/60, minute%60, 0, 0, g.loc).UTC()
}
