package ui

import (
	"bytes"
	"context"
	"io"
	"net/mail"
	"os"
	"path/filepath"
	"time"

	"frontdesk/data"
	"frontdesk/reports"
)

// The billing documents: written into the prints folder (or the outbox,
// for e-mail) through the one output writer, which audits them, then
// opened in the viewer from where they are printed.

// OutboxFolder is where e-mails to send are left, as .eml files the
// practice's mail program opens.
const OutboxFolder = "outbox"

// printBilling writes a billing document into the prints folder through
// the one output writer (which audits it) and opens it: what names it in
// the status line, file is its name in the folder (a number or a chart
// number, never a patient's name).
func (d *desk) printBilling(what, file, entity, entityID string, write func(ctx context.Context, w io.Writer) error) <-chan struct{} {
	store := d.store
	return d.printAndOpen(what, d.w.T("billing.said.preparing"), func(ctx context.Context) (string, error) {
		dir, err := store.PrintsDir()
		if err != nil {
			return "", err
		}
		// The document is drawn before the file is opened, so that a
		// failure to read it leaves no file behind.
		var buf bytes.Buffer
		if err := write(ctx, &buf); err != nil {
			return "", err
		}
		return store.WriteOutput(ctx, data.Output{Path: filepath.Join(dir, file), What: what, Action: "print",
			Entity: entity, EntityID: entityID, Detail: "printed " + what}, func(w io.Writer) error {
			_, err := w.Write(buf.Bytes())
			return err
		})
	})
}

// invoiceWhat names an invoice, a credit note or a draft in the desk's words.
func (w words) invoiceWhat(kind, number string) string {
	switch {
	case number == "":
		return w.T("billing.doc.draft")
	case kind == data.KindCreditNote:
		return w.T("billing.doc.credit_note", "Number", number)
	}
	return w.T("billing.doc.invoice", "Number", number)
}

// printInvoice prints an invoice or credit note.
func (d *desk) printInvoice(id, kind, number string) <-chan struct{} {
	store, today := d.store, d.today()
	file := reports.InvoiceFileName(data.Invoice{ID: id, Number: number})
	return d.printBilling(d.w.invoiceWhat(kind, number), file, "invoices", id, func(ctx context.Context, w io.Writer) error {
		doc, err := reports.LoadInvoiceDoc(ctx, store, id, today)
		if err != nil {
			return err
		}
		return reports.WriteInvoice(w, doc, reports.Options{})
	})
}

// printReceipt prints the receipt of a payment taken by a patient.
func (d *desk) printReceipt(receiptID, chartNumber string, paidOn data.Date) <-chan struct{} {
	store := d.store
	file := "receipt-" + chartNumber + "-" + paidOn.String() + "-" + receiptID[len(receiptID)-6:] + ".pdf"
	return d.printBilling(d.w.T("billing.doc.receipt"), file, "payments", receiptID, func(ctx context.Context, w io.Writer) error {
		doc, err := reports.LoadReceiptDoc(ctx, store, receiptID)
		if err != nil {
			return err
		}
		return reports.WriteReceipt(w, doc, reports.Options{})
	})
}

// printStatement prints a patient's statement of account.
func (d *desk) printStatement(patientID, chartNumber string) <-chan struct{} {
	store, today := d.store, d.today()
	file := "statement-" + chartNumber + "-" + today.String() + ".pdf"
	return d.printBilling(d.w.T("billing.doc.statement"), file, "patients", patientID, func(ctx context.Context, w io.Writer) error {
		doc, err := reports.LoadStatementDoc(ctx, store, patientID, today)
		if err != nil {
			return err
		}
		return reports.WriteStatement(w, doc, reports.Options{})
	})
}

// emailInvoice leaves the invoice, as a PDF attached to a message in the
// practice's document language, in the outbox as a .eml file, addressed
// to the patient when their file has an e-mail address; the status line
// says where, with a button to the folder.
func (d *desk) emailInvoice(id string) <-chan struct{} {
	store, today, pr := d.store, d.today(), d.pr
	var what string
	return background(d.do, func() (string, error) {
		ctx := context.Background()
		doc, err := reports.LoadInvoiceDoc(ctx, store, id, today)
		if err != nil {
			return "", err
		}
		pt, err := store.Patient(ctx, doc.Invoice.PatientID)
		if err != nil {
			return "", err
		}
		var pdf bytes.Buffer
		if err := reports.WriteInvoice(&pdf, doc, reports.Options{}); err != nil {
			return "", err
		}
		dl := newWords(pr.DocumentLanguage, pr.DateFormat)
		subject := dl.T("pdf.invoice.title", "Number", doc.Invoice.Number)
		what = subject
		body := dl.T("billing.mail.body", "Name", doc.Invoice.PayerName, "Number", doc.Invoice.Number,
			"Amount", dl.Amount(doc.View.Due, pr.Money()), "Practice", pr.Name)
		dir := filepath.Join(store.Dir(), OutboxFolder)
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return "", err
		}
		file := filepath.Join(dir, "invoice-"+doc.Invoice.Number+".eml")
		return store.WriteOutput(ctx, data.Output{Path: file, What: subject, Action: "export", Entity: "invoices", EntityID: id,
			Detail: "e-mail of invoice " + doc.Invoice.Number + " left in the outbox"}, func(w io.Writer) error {
			return reports.WriteEML(w, reports.Email{From: mail.Address{Name: pr.Name, Address: pr.Email},
				To: mail.Address{Name: pt.FullName(), Address: pt.Email}, Subject: subject, Body: body,
				AttachmentName: reports.InvoiceFileName(doc.Invoice), Attachment: pdf.Bytes(),
				Date: time.Now(), MessageID: "invoice-" + doc.Invoice.ID + "@frontdesk"})
		})
	}, func(path string, err error) {
		if err != nil {
			d.sayError(err)
			return
		}
		d.sayWith(d.w.T("billing.said.emailed", "What", what, "Path", d.shownPath(path)), d.w.T("printout.open_folder"),
			d.folderOpener(filepath.Dir(path)))
	})
}
