package reports

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"frontdesk/data"
	"frontdesk/data/i18n"
)

// TestReportPDFsAndCSV writes each report of a small practice as a PDF
// (read back with pdftotext) and as CSV.
func TestReportPDFsAndCSV(t *testing.T) {
	s, _, inv, _ := billedStore(t, i18n.English)
	ctx := context.Background()
	day := data.Date{Year: 2026, Month: 11, Day: 25}
	// A second invoice, left unpaid.
	err := s.Update(ctx, func(tx *data.Tx) error {
		pr, _ := s.Practice(ctx)
		pt, _ := s.Patient(ctx, inv.PatientID)
		unpaid := data.NewDraft(pt, pr, day)
		unpaid.Lines = []data.InvoiceLine{{Code: "LONG", Description: "Long consultation", Quantity: 1, UnitPrice: 6000}}
		if err := tx.SaveDraft(&unpaid); err != nil {
			return err
		}
		_, err := tx.FinalizeInvoice(unpaid.ID, day)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	h := ReportHeader{Practice: "Cabinet Test", Currency: "EUR", Words: i18n.For(i18n.French).WithDateOrder("DMY")}
	aging, err := s.AgingReport(ctx, day.AddDays(45))
	if err != nil {
		t.Fatal(err)
	}
	takings, err := s.TakingsOn(ctx, day)
	if err != nil {
		t.Fatal(err)
	}
	revenue, err := s.RevenueOf(ctx, day)
	if err != nil {
		t.Fatal(err)
	}
	activity, err := s.ActivityOf(ctx, day)
	if err != nil {
		t.Fatal(err)
	}
	cur := data.Currency{Code: "EUR", Digits: 2}
	for _, c := range []struct {
		name string
		pdf  func(*bytes.Buffer) error
		csv  func(*bytes.Buffer) error
		says []string
		row  string
	}{
		{"aging", func(b *bytes.Buffer) error { return WriteAging(b, h, aging, Options{Created: fixedTime}) },
			func(b *bytes.Buffer) error { return aging.WriteCSV(b, cur) },
			[]string{"Factures impayées par ancienneté", "au 09/01/2027", "31 à 60 jours", "A-2026-00002", "45", "60,00 €"},
			"A-2026-00002,Jean Dupont,A-000001,Jean Dupont,2026-11-25,2026-12-25,45,31-60,60.00"},
		{"takings", func(b *bytes.Buffer) error { return WriteTakings(b, h, takings, Options{Created: fixedTime}) },
			func(b *bytes.Buffer) error { return takings.WriteCSV(b, cur) },
			[]string{"Recettes du jour", "Mercredi 25 novembre 2026", "Espèces", "50,00 €", "Total"},
			"2026-11-25,cash,1,50.00"},
		{"revenue", func(b *bytes.Buffer) error { return WriteRevenue(b, h, revenue, Options{Created: fixedTime}) },
			func(b *bytes.Buffer) error { return revenue.WriteCSV(b, cur) },
			[]string{"Chiffre d’affaires de novembre 2026", "90,00 € HT", "LONG", "Long consultation", "CONS", "Par taux de TVA"},
			"2026-11,fee_item,LONG,Long consultation,,1,60.00,0.00,60.00"},
		{"activity", func(b *bytes.Buffer) error { return WriteActivity(b, h, activity, Options{Created: fixedTime}) },
			func(b *bytes.Buffer) error { return activity.WriteCSV(b) },
			[]string{"Activité du cabinet", "12/25 – 11/26", "Rendez-vous par mois"},
			"2026-11,,0,,,"},
	} {
		var pdf, csv bytes.Buffer
		if err := c.pdf(&pdf); err != nil {
			t.Fatalf("%s PDF: %v", c.name, err)
		}
		text := squash(pdfText(t, pdf.Bytes(), true))
		for _, want := range c.says {
			if !strings.Contains(text, want) {
				t.Errorf("%s PDF does not say %q:\n%s", c.name, want, text)
			}
		}
		if err := c.csv(&csv); err != nil {
			t.Fatalf("%s CSV: %v", c.name, err)
		}
		if !strings.Contains(csv.String(), c.row+"\n") {
			t.Errorf("%s CSV has no row %q:\n%s", c.name, c.row, csv.String())
		}
	}
}
