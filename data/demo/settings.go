package demo

import (
	"frontdesk/data"
	"frontdesk/data/i18n"
)

var practitionerNames = []struct{ name, speciality, colour string }{
	{"Dr Claire Martin", "General practice", "#2E7D6B"},
	{"Dr Youssef Benali", "General practice", "#3A6EA5"},
	{"Dr Anna Weber", "Paediatrics", "#8E5BA8"},
	{"Dr Lucía Fernández", "General practice", "#B5651D"},
	{"Dr Thomas Nguyễn", "Sports medicine", "#4C8C2B"},
	{"Dr Ingrid Søndergaard", "Gynaecology", "#A63D57"},
	{"Dr Marc Lefèvre", "General practice", "#5D6D7E"},
	{"Dr Sarah Cohen", "Dermatology", "#C08A1E"},
	{"Dr Karim Haddad", "General practice", "#1F7A8C"},
	{"Dr Élise Rousseau", "Geriatrics", "#7B4B2A"},
}

// block is one working period: weekday (0 = Sunday) and wall times.
type block struct {
	weekday    int
	start, end data.WallTime
}

func hm(h, m int) data.WallTime { return data.WallTime(h*60 + m) }

// weekTemplates are the working weeks practitioners are given in turn:
// a full week with a lunch break, a week with Wednesday afternoons off, and
// a Tuesday-to-Saturday week.
var weekTemplates = [][]block{
	weekOf([]int{1, 2, 3, 4, 5}, hm(8, 30), hm(12, 30), hm(14, 0), hm(18, 30)),
	append(weekOf([]int{1, 2, 4, 5}, hm(8, 0), hm(12, 0), hm(13, 30), hm(18, 0)), block{3, hm(8, 0), hm(12, 0)}),
	append(weekOf([]int{2, 3, 4, 5}, hm(9, 0), hm(13, 0), hm(14, 30), hm(19, 0)), block{6, hm(9, 0), hm(12, 30)}),
}

func weekOf(days []int, amStart, amEnd, pmStart, pmEnd data.WallTime) []block {
	var out []block
	for _, d := range days {
		out = append(out, block{d, amStart, amEnd}, block{d, pmStart, pmEnd})
	}
	return out
}

var typeTemplates = []struct {
	name     string
	minutes  int
	colour   string
	feeCents data.Money
	weight   int
}{
	{"Consultation", 15, "#4A90D9", 3000, 55},
	{"Short visit", 10, "#7FB77E", 2500, 18},
	{"Follow-up", 15, "#9B8FD1", 3000, 10},
	{"Long consultation", 30, "#E0A040", 6000, 7},
	{"New patient", 30, "#D96459", 5000, 6},
	{"Vaccination", 10, "#3FB0AC", 2500, 4},
}

// insertSettings writes the practice, its practitioners with their
// working hours, and the appointment types.
func (g *generator) insertSettings(sn *data.Snapshot) error {
	// The practice is in Lyon, but what the demo records in it (types of
	// visit, notes, problems, doses, allergies, days off) is written in
	// English: its letters and summaries are printed in English too, so
	// that a French heading never sits over an English note.
	pr := data.Practice{
		ID: g.id(), Name: "Cabinet médical des Tilleuls (demo)", Address: "4 place des Tilleuls\n69003 Lyon",
		Phone: "04 78 00 12 34", Email: "accueil@tilleuls.example", Currency: practiceCurrency,
		TimeZone: practiceZone, DateFormat: data.DMY, DocumentLanguage: i18n.English,
		Registration: "812 345 678 00014", TaxNumber: "FR 40 812345678", // what its invoices must name
	}
	if err := sn.Insert(&pr); err != nil {
		return err
	}
	for i := 0; i < g.o.Practitioners; i++ {
		n := practitionerNames[i]
		p := data.Practitioner{ID: g.id(), DisplayName: n.name, Title: "Dr", Speciality: n.speciality, Colour: n.colour, Active: true}
		if err := sn.Insert(&p); err != nil {
			return err
		}
		g.practitioners = append(g.practitioners, p)
		for _, b := range weekTemplates[i%len(weekTemplates)] {
			wh := data.WorkingHours{ID: g.id(), PractitionerID: p.ID, Weekday: b.weekday, Start: b.start, End: b.end}
			if err := sn.Insert(&wh); err != nil {
				return err
			}
			g.hours[p.ID] = append(g.hours[p.ID], wh)
		}
	}
	if err := g.insertFeeSchedule(sn, pr); err != nil { // books.go
		return err
	}
	for i, t := range typeTemplates {
		at := data.AppointmentType{ID: g.id(), Name: t.name, DurationMin: t.minutes, Colour: t.colour, DefaultFee: t.feeCents, Active: true,
			FeeItemID: g.books().items[i].ID}
		if err := sn.Insert(&at); err != nil {
			return err
		}
		g.types = append(g.types, weightedType{at, t.weight})
	}
	g.stats.Practitioners = len(g.practitioners)
	g.stats.AppointmentTypes = len(g.types)
	return nil
}
