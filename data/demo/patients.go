package demo

import (
	"fmt"
	"strings"

	"frontdesk/data"
)

// insertPatients adds n patients.
func (g *generator) insertPatients(sn *data.Snapshot, n int) error {
	for i := 0; i < n; i++ {
		p := g.patient()
		g.enrich(&p)
		g.books().remember(p)
		if err := sn.CreatePatient(&p); err != nil {
			return data.WithOp(fmt.Sprintf("inserting the demo patient %q", p.FamilyName), err)
		}
		g.patients = append(g.patients, patientRef{p.ID, p.BirthDate, p.DeceasedDate})
		if (len(g.patients)%correspondentEvery == 1 || rightToLeft(p.FamilyName)) && p.DeceasedDate.IsZero() {
			g.correspondents = append(g.correspondents, p) // their letters and calls are written last
		}
		g.stats.Patients++
	}
	return nil
}

func (g *generator) nameGroup() nameGroup {
	return nameGroups[weightedIndex(g.rng, len(nameGroups), func(i int) int { return nameGroups[i].weight })]
}

func (g *generator) patient() data.Patient {
	ng := g.nameGroup()
	p := data.Patient{ID: g.id(), FamilyName: pick(g.rng, ng.family)}
	if ng.hyphens && g.chance(0.08) {
		if other := pick(g.rng, ng.family); other != p.FamilyName {
			p.FamilyName += "-" + other
		}
	}
	switch {
	case g.chance(0.49):
		p.Sex, p.GivenName = data.SexFemale, pick(g.rng, ng.female)
	case g.chance(0.98):
		p.Sex, p.GivenName = data.SexMale, pick(g.rng, ng.male)
	default:
		p.Sex, p.GivenName = data.SexUnknown, pick(g.rng, append(ng.female, ng.male...))
	}
	p.BirthDate = g.birthDate()
	age := p.BirthDate.AgeOn(g.o.Today)
	if age >= 65 && g.chance(0.03) {
		p.DeceasedDate = g.o.Today.AddDays(-1 - g.rng.IntN(5*365))
		if p.DeceasedDate.Before(p.BirthDate) {
			p.DeceasedDate = data.Date{}
		}
	}
	p.Phone = g.phone(age)
	if age >= 16 && g.chance(0.55) {
		p.Email = fmt.Sprintf("%s.%s%d@%s", emailPart(p.GivenName), emailPart(p.FamilyName), g.rng.IntN(100),
			pick(g.rng, []string{"example.org", "example.com", "example.net"}))
	}
	town := pick(g.rng, towns)
	p.Address = fmt.Sprintf("%d %s\n%s %s", 1+g.rng.IntN(180), pick(g.rng, streets), town.postcode, town.name)
	if g.chance(0.05) {
		p.PreferredName = strings.Fields(p.GivenName)[0]
	}
	return p
}

// birthDate spreads ages like a general practice's list: many adults,
// children, a long tail of the very old.
func (g *generator) birthDate() data.Date {
	var age int
	switch r := g.rng.Float64(); {
	case r < 0.18:
		age = g.rng.IntN(16)
	case r < 0.75:
		age = 16 + g.rng.IntN(49)
	case r < 0.97:
		age = 65 + g.rng.IntN(25)
	default:
		age = 90 + g.rng.IntN(15)
	}
	d := g.o.Today.AddDays(-age*365 - g.rng.IntN(365))
	if d.After(g.o.Today) {
		d = g.o.Today
	}
	return d
}

// phone writes a French number: mobiles for most, landlines for some of
// the older patients, a few in international form.
func (g *generator) phone(age int) string {
	prefix := pick(g.rng, []string{"06", "07"})
	if age > 70 && g.chance(0.5) {
		prefix = "04"
	}
	n := fmt.Sprintf("%s %02d %02d %02d %02d", prefix, g.rng.IntN(100), g.rng.IntN(100), g.rng.IntN(100), g.rng.IntN(100))
	if g.chance(0.05) {
		n = "+33 " + n[1:]
	}
	return n
}

// emailPart turns a name into the ASCII an address would use, or "x" for
// scripts without Latin letters.
func emailPart(name string) string {
	f := strings.ReplaceAll(data.Fold(name), " ", "")
	var b strings.Builder
	for _, r := range f {
		if r >= 'a' && r <= 'z' {
			b.WriteRune(r)
		}
	}
	if b.Len() == 0 {
		return "x"
	}
	return b.String()
}
