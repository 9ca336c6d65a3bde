package demo

import (
	"math/rand/v2"
	"strconv"

	"frontdesk/data"
)

// The practice's books: a fee schedule (an exempt rate for care, the
// standard rate for a sports certificate), the bank details, and
// invoices for most visits done, most of them paid (by card, cash, cheque
// or transfer), some in part, some overdue, a few credited, a few to an
// insurer. It draws from its own random stream, so the patients and
// appointments of a seed are the same as before it existed.

// booksGen is the state of the books part of one run.
type booksGen struct {
	rng      *rand.Rand
	ids      *idSource
	exempt   data.TaxRate
	standard data.TaxRate
	items    []data.FeeItem // one per appointment type, in typeTemplates' order
	cert     data.FeeItem
	parties  map[string]party // patient ID → who is billed
	visits   []visit
	seller   data.Seller
	currency string
}

// party is what an invoice needs of a patient.
type party struct {
	name, address, insurer, insurerNumber string
}

// visit is a visit done, to bill.
type visit struct {
	appointmentID, patientID string
	typeIndex                int
	day                      data.Date
}

func (g *generator) books() *booksGen {
	if g.bk == nil {
		seed := g.o.Seed ^ 0xb00c5
		g.bk = &booksGen{rng: rand.New(rand.NewPCG(seed, seed^0x5851f42d4c957f2d)), ids: g.ids, parties: map[string]party{},
			currency: practiceCurrency}
	}
	return g.bk
}

func (b *booksGen) id() string { return b.ids.next(b.rng) }

func (b *booksGen) chance(p float64) bool { return b.rng.Float64() < p }

// feeCodes are the demo's own codes (no licensed code set ships).
var feeCodes = []string{"CONS", "SHORT", "FU", "LONG", "NEWP", "VACC"}

// insertFeeSchedule writes the tax rates, a fee item per appointment
// type and the bank details; the types then point at their items.
func (g *generator) insertFeeSchedule(sn *data.Snapshot, pr data.Practice) error {
	b := g.books()
	b.exempt = data.TaxRate{ID: b.id(), Name: "Exonéré", ExemptionText: "TVA non applicable, article 261-4-1° du CGI", Active: true}
	b.standard = data.TaxRate{ID: b.id(), Name: "TVA", BasisPoints: 2000, Active: true}
	for _, r := range []*data.TaxRate{&b.exempt, &b.standard} {
		if err := sn.Insert(r); err != nil {
			return err
		}
	}
	for i, t := range typeTemplates {
		f := data.FeeItem{ID: b.id(), Code: feeCodes[i], Description: t.name, Price: t.feeCents, TaxRateID: b.exempt.ID, Active: true}
		if err := sn.Insert(&f); err != nil {
			return err
		}
		b.items = append(b.items, f)
	}
	b.cert = data.FeeItem{ID: b.id(), Code: "CERT", Description: "Certificat d'aptitude sportive", Price: 2500, TaxRateID: b.standard.ID, Active: true}
	if err := sn.Insert(&b.cert); err != nil {
		return err
	}
	bs := data.BillingSettings{ID: b.id(), BankName: "Crédit Agricole Centre-Est", IBAN: "FR7630006000011234567890189", BIC: "AGRIFRPP",
		PaymentDays: 30, PaymentQR: true}
	if err := sn.Insert(&bs); err != nil {
		return err
	}
	b.seller = data.Seller{Letterhead: data.LetterheadOf(pr), BankName: bs.BankName, IBAN: bs.IBAN, BIC: bs.BIC, PaymentQR: true}
	return nil
}

// remember keeps what an invoice to the patient needs.
func (b *booksGen) remember(p data.Patient) {
	insurer := ""
	if p.PayerName != "" && p.PayerName != "Private (no insurer)" {
		insurer = p.PayerName
	}
	b.parties[p.ID] = party{name: p.FullName(), address: p.Address, insurer: insurer, insurerNumber: p.PayerNumber}
}

// done records a visit done, to be billed once every day is booked.
func (b *booksGen) done(a data.Appointment, typeIndex int) {
	b.visits = append(b.visits, visit{a.ID, a.PatientID, typeIndex, a.Day})
}

// insertBooks bills the visits in the order they took place, so that the
// numbers of each year follow the calendar.
func (g *generator) insertBooks(sn *data.Snapshot) error {
	b := g.books()
	for _, v := range b.visits {
		billed := b.chance(0.94)
		if v.day == g.o.Today {
			billed = b.chance(0.5) // the rest wait on the Billing screen
		}
		if !billed {
			continue
		}
		if err := g.bill(sn, v); err != nil {
			return err
		}
	}
	return nil
}

// bill writes the invoice of one visit and what became of it.
func (g *generator) bill(sn *data.Snapshot, v visit) error {
	b := g.books()
	p := b.parties[v.patientID]
	inv := data.Invoice{ID: b.id(), Kind: data.KindInvoice, Status: data.InvoiceFinal, PatientID: v.patientID,
		AppointmentID: v.appointmentID, PayerKind: data.PayerPatient, PayerName: p.name, PayerAddress: p.address,
		IssueDate: v.day, ServiceDate: v.day, DueDate: v.day.AddDays(30), Currency: b.currency, Seller: b.seller,
		FinalizedAt: v.day.Time().Add(18 * 3600e9)}
	insurer := p.insurer != "" && b.chance(0.07)
	if insurer {
		inv.PayerKind, inv.PayerName, inv.PayerReference = data.PayerThirdParty, p.insurer, p.insurerNumber
		inv.PayerAddress = "Service des remboursements\n69907 Lyon Cedex 20"
	}
	f := b.items[v.typeIndex]
	inv.Lines = append(inv.Lines, data.LineFromFee(f, b.exempt, 1, v.day))
	inv.Lines[0].ID = b.id()
	if b.chance(0.04) {
		cert := data.LineFromFee(b.cert, b.standard, 1, v.day)
		cert.ID = b.id()
		inv.Lines = append(inv.Lines, cert)
	}
	number, err := sn.NextInvoiceNumber(v.day)
	if err != nil {
		return err
	}
	inv.Number = number
	if err := sn.InsertInvoice(&inv); err != nil {
		return err
	}
	age := v.day.DaysUntil(g.o.Today)
	switch r := b.rng.Float64(); {
	case r < 0.025: // billed by mistake: credited the same day
		return g.credit(sn, inv, v.day)
	case r < 0.06 || (age > 0 && age < 20 && r < 0.25): // not paid yet: overdue once old (today's are paid at the desk)
		return nil
	case r < 0.09: // paid in part
		return g.pay(sn, inv, inv.Total/2, v.day)
	case r < 0.11: // paid too much: the rest is the patient's credit
		return g.pay(sn, inv, inv.Total+500, v.day)
	}
	return g.pay(sn, inv, inv.Total, v.day)
}

// pay records a payment of amount on the invoice, kept as credit beyond
// what is due; transfers and insurers pay some days later.
func (g *generator) pay(sn *data.Snapshot, inv data.Invoice, amount data.Money, day data.Date) error {
	b := g.books()
	method := pickMethod(b.rng)
	if inv.PayerKind == data.PayerThirdParty {
		method = data.MethodInsurer
	}
	if method == data.MethodTransfer || method == data.MethodInsurer {
		day = day.AddDays(3 + b.rng.IntN(18))
	}
	if day.After(g.o.Today) {
		return nil // not arrived yet
	}
	receipt := b.id()
	applied := min(amount, inv.Total)
	rows := []data.Payment{{ID: b.id(), PatientID: inv.PatientID, InvoiceID: inv.ID, ReceiptID: receipt, PaidOn: day,
		Amount: applied, Method: method, RecordedAt: day.Time().Add(17 * 3600e9)}}
	if method == data.MethodCheque {
		rows[0].Reference = "Chèque n° " + strconv.Itoa(1_000_000+b.rng.IntN(9_000_000))
	}
	if rest := amount - applied; rest > 0 {
		extra := rows[0]
		extra.ID, extra.InvoiceID, extra.Amount = b.id(), "", rest
		rows = append(rows, extra)
	}
	for i := range rows {
		if err := sn.Insert(&rows[i]); err != nil {
			return err
		}
	}
	return nil
}

// credit corrects an invoice with a credit note of every line negated.
func (g *generator) credit(sn *data.Snapshot, inv data.Invoice, day data.Date) error {
	b := g.books()
	cn := inv
	cn.ID, cn.Kind, cn.CreditsID, cn.IssueDate, cn.DueDate = b.id(), data.KindCreditNote, inv.ID, day, day
	cn.Notes = "Facturé par erreur"
	cn.FinalizedAt = day.Time().Add(18 * 3600e9)
	cn.Lines = nil
	for _, l := range inv.Lines {
		l.ID, l.UnitPrice = b.id(), -l.UnitPrice
		cn.Lines = append(cn.Lines, l)
	}
	number, err := sn.NextInvoiceNumber(day)
	if err != nil {
		return err
	}
	cn.Number = number
	return sn.InsertInvoice(&cn)
}

// pickMethod draws how a patient pays at the desk.
func pickMethod(rng *rand.Rand) string {
	switch r := rng.Float64(); {
	case r < 0.5:
		return data.MethodCard
	case r < 0.75:
		return data.MethodCash
	case r < 0.9:
		return data.MethodCheque
	}
	return data.MethodTransfer
}
