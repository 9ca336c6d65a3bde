package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"frontdesk/data"
)

// billedPractice is a data folder with one invoice paid in part.
func billedPractice(t *testing.T) (string, data.Invoice) {
	t.Helper()
	dir := t.TempDir()
	s, err := data.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var inv data.Invoice
	day := data.Date{Year: 2026, Month: 11, Day: 25}
	err = s.Update(context.Background(), func(tx *data.Tx) error {
		pr := data.Practice{Name: "Cabinet", Currency: "EUR", TimeZone: "Europe/Paris", DocumentLanguage: "fr"}
		if err := tx.Save(&pr); err != nil {
			return err
		}
		pt := data.Patient{FamilyName: "Gómez", GivenName: "José"}
		if err := tx.CreatePatient(&pt); err != nil {
			return err
		}
		inv = data.NewDraft(pt, pr, day)
		inv.Lines = []data.InvoiceLine{{Code: "CONS", Description: "Consultation", Quantity: 1, UnitPrice: 3000}}
		if err := tx.SaveDraft(&inv); err != nil {
			return err
		}
		if inv, err = tx.FinalizeInvoice(inv.ID, day); err != nil {
			return err
		}
		_, err := tx.TakePayment(data.PaymentRequest{PatientID: pt.ID, InvoiceID: inv.ID, Amount: 1000, Method: data.MethodCard, PaidOn: day})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return dir, inv
}

func TestInvoicePDFCommand(t *testing.T) {
	dir, inv := billedPractice(t)
	out := filepath.Join(t.TempDir(), "invoice.pdf")
	if code, _, stderr := frontdesk(t, "invoice", "pdf", inv.Number, "--data", dir, "-o", out); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	text, err := exec.Command("pdftotext", "-layout", out, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Facture n° " + inv.Number, "José Gómez", "30,00", "20,00"} {
		if !strings.Contains(strings.ReplaceAll(string(text), "\u00a0", " "), want) {
			t.Errorf("the PDF does not say %q:\n%s", want, text)
		}
	}
	code, _, stderr := frontdesk(t, "invoice", "pdf", "A-2026-99999", "--data", dir, "-o", out+"2")
	if code != 1 || !strings.Contains(stderr, "A-2026-99999") {
		t.Errorf("unknown number: exit %d, %q; want 1 and the number named", code, stderr)
	}
	if _, err := os.Stat(out + "2"); err == nil {
		t.Error("a file was written for an unknown number")
	}
	if code, _, _ := frontdesk(t, "invoice", "pdf", "--data", dir); code != 2 {
		t.Errorf("no number: exit %d, want 2", code)
	}
}

func TestExportInvoicesAndPaymentsCommands(t *testing.T) {
	dir, inv := billedPractice(t)
	code, stdout, stderr := frontdesk(t, "export", "invoices", "--data", dir)
	if code != 0 {
		t.Fatalf("export invoices: exit %d: %s", code, stderr)
	}
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	if len(lines) != 2 || lines[0] != "number,kind,issue_date,patient,chart_number,payer,total,tax,paid,balance,status,credits" ||
		!strings.HasPrefix(lines[1], inv.Number+",invoice,2026-11-25,José Gómez,A-000001,José Gómez,30.00,0.00,10.00,20.00,") {
		t.Errorf("export invoices:\n%s", stdout)
	}
	out := filepath.Join(t.TempDir(), "payments.csv")
	if code, _, stderr := frontdesk(t, "export", "payments", "--data", dir, "-o", out); code != 0 {
		t.Fatalf("export payments: exit %d: %s", code, stderr)
	}
	b, _ := os.ReadFile(out)
	if !strings.Contains(string(b), "2026-11-25,") || !strings.Contains(string(b), ","+inv.Number+",card,10.00,,\n") {
		t.Errorf("export payments:\n%s", b)
	}
}
