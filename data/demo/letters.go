package demo

import (
	"math/rand/v2"
	"strings"
	"time"
	"unicode"

	"frontdesk/data"
	"frontdesk/data/i18n"
)

// correspondentEvery picks the patients with correspondence: one in four,
// with a letter or a call or both, a few per ten patients in all; and
// every patient whose name is in Hebrew or Arabic script, so that the
// letters of even a small demo show them.
const correspondentEvery = 4

// rightToLeft reports whether a name is written in a right-to-left script.
func rightToLeft(name string) bool {
	for _, r := range name {
		if unicode.Is(unicode.Hebrew, r) || unicode.Is(unicode.Arabic, r) {
			return true
		}
	}
	return false
}

// callSummaries are what the demo's calls were about.
var callSummaries = []struct {
	dir, kind, summary string
	followUp           bool
}{
	{data.CallIn, data.CallPhone, "Asked for the results of the blood test; told they are not back yet.", true},
	{data.CallIn, data.CallPhone, "Wants to move the appointment to a morning.", false},
	{data.CallOut, data.CallPhone, "Left a message about the recall visit.", true},
	{data.CallIn, data.CallMessage, "Message on the answering machine: prescription renewal.", true},
	{data.CallOut, data.CallPhone, "Confirmed tomorrow's appointment.", false},
	{data.CallIn, data.CallPhone, "Pharmacy called about the dose of a prescription.", true},
}

// insertCorrespondence writes the letters and calls of the demo, last of
// all and from a random stream of their own, so that the rest of the
// practice is the same row for row with or without them. The default
// templates come first; the letters are sent ones, merged as the desk
// would merge them, in the practice's language (the patients' names in
// every script the demo has).
func (g *generator) insertCorrespondence(sn *data.Snapshot) error {
	rng := rand.New(rand.NewPCG(g.o.Seed^0x6c6574746572, g.o.Seed+0x63616c6c))
	id := func() string { return g.ids.next(rng) }
	templates, err := data.DefaultTemplates()
	if err != nil {
		return err
	}
	byKind := map[string]data.LetterTemplate{}
	for i := range templates {
		templates[i].ID = id()
		if err := sn.Insert(&templates[i]); err != nil {
			return err
		}
		if templates[i].Language == i18n.English {
			byKind[templates[i].Kind] = templates[i]
		}
	}
	pr, err := g.practice(sn)
	if err != nil {
		return err
	}
	lh := data.LetterheadOf(pr)
	l := i18n.For(i18n.English).WithDateOrder(string(pr.DateFormat))
	first, _ := g.appointmentRange()
	span := max(1, min(first.DaysUntil(g.o.Today), g.o.Days))
	for _, p := range g.correspondents {
		if rng.IntN(3) > 0 || rightToLeft(p.FamilyName) { // two in three get a letter
			kind := data.KindRecall
			if rng.IntN(3) == 0 {
				kind = data.KindCertificate
			}
			if err := g.insertLetter(sn, rng, id, byKind[kind], lh, l, p, g.o.Today.AddDays(-rng.IntN(span))); err != nil {
				return err
			}
		}
		if rng.IntN(2) == 0 { // one in two a call
			c := callSummaries[rng.IntN(len(callSummaries))]
			day := g.o.Today.AddDays(-rng.IntN(min(span, 21)))
			at := time.Date(day.Year, day.Month, day.Day, 8+rng.IntN(10), rng.IntN(60), 0, 0, g.loc).UTC()
			call := data.Call{ID: id(), PatientID: p.ID, At: at, Direction: c.dir, Kind: c.kind, Summary: c.summary, Author: "secretary"}
			if c.followUp {
				call.FollowUp = day.AddDays(1 + rng.IntN(7))
				call.FollowUpDone = call.FollowUp.Before(g.o.Today) && rng.IntN(2) == 0
			}
			if err := sn.Insert(&call); err != nil {
				return err
			}
		}
	}
	return nil
}

// practice reads back the practice the demo wrote.
func (g *generator) practice(sn *data.Snapshot) (data.Practice, error) {
	return sn.Tx().Practice()
}

func (g *generator) insertLetter(sn *data.Snapshot, rng *rand.Rand, id func() string, tpl data.LetterTemplate, lh data.Letterhead,
	l *i18n.Localizer, p data.Patient, day data.Date) error {
	doc := g.practitioners[rng.IntN(len(g.practitioners))]
	v := data.MergeValues{
		data.MergeFullName: p.FullName(), data.MergeSalutation: data.Salutation(l, p), data.MergeAddress: p.Address,
		data.MergeBirthDate: l.Date(p.BirthDate.Year, p.BirthDate.Month, p.BirthDate.Day), data.MergeChartNumber: p.ChartNumber,
		data.MergePractice: lh.Name, data.MergePracticePhone: lh.Phone, data.MergeToday: data.LetterDate(l, day),
		data.MergeLastVisit: data.LetterDate(l, day.AddDays(-365-rng.IntN(60))), data.MergePractitioner: data.PractitionerSigner(doc),
	}
	lt := data.Letter{ID: id(), PatientID: p.ID, TemplateID: tpl.ID, TemplateName: tpl.Name, PractitionerID: doc.ID,
		Language: tpl.Language, Date: day, Status: data.LetterSent, SentHow: data.SentPrint, Letterhead: lh.Snapshot(),
		Signer: data.PractitionerSigner(doc), Author: "secretary"}
	m := data.MergeLetter(data.Letter{Subject: tpl.Subject, Recipient: tpl.Recipient, Body: tpl.Body}, v)
	lt.Subject, lt.Recipient, lt.Body = m.Subject, m.Recipient, strings.TrimSpace(m.Body)
	at := time.Date(day.Year, day.Month, day.Day, 9+rng.IntN(8), rng.IntN(60), 0, 0, g.loc).UTC()
	lt.Sent, lt.Created = at, at
	return sn.Insert(&lt)
}
