package ui

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"

	"frontdesk/data"
	"frontdesk/reports"
)

// The billing documents: written into the prints folder (or the outbox,
// for e-mail) through the one output writer, which audits them, then
// opened in the viewer from where they are printed.

// OutboxFolder is where e-mails to send are left, as .eml files the
// practice's mail program opens.
const OutboxFolder = "outbox"

// billingDoc is a document the desk writes: its file name, what the
// audit row and status line call it, and how to draw it.
type billingDoc struct {
	file     string
	what     string // "Invoice A-2026-00001"
	entity   string
	entityID string
	write    func(w io.Writer) error
}

// printDoc writes a document into the prints folder and opens it.
func (d *desk) printDoc(load func(ctx context.Context) (billingDoc, error)) <-chan struct{} {
	store := d.store
	d.say(d.w.T("billing.said.preparing"))
	var what string
	return background(d.do, func() (printResult, error) {
		ctx := context.Background()
		doc, err := load(ctx)
		if err != nil {
			return printResult{}, err
		}
		what = doc.what
		dir, err := store.PrintsDir()
		if err != nil {
			return printResult{}, err
		}
		path, err := store.WriteOutput(ctx, data.Output{Path: filepath.Join(dir, doc.file), What: doc.what, Action: "print",
			Entity: doc.entity, EntityID: doc.entityID, Detail: "printed " + doc.what}, doc.write)
		if err != nil {
			return printResult{}, err
		}
		return printResult{path, openDocument(path)}, nil
	}, func(r printResult, err error) {
		if err != nil {
			d.sayError(err)
			return
		}
		d.printed(what, r.path, r.viewerErr)
	})
}

// invoiceDoc loads an invoice's PDF.
func (d *desk) invoiceDoc(id string) func(ctx context.Context) (billingDoc, error) {
	store, today, w := d.store, d.today(), d.w
	return func(ctx context.Context) (billingDoc, error) {
		doc, err := reports.LoadInvoiceDoc(ctx, store, id, today)
		if err != nil {
			return billingDoc{}, err
		}
		what := w.T("billing.doc.invoice", "Number", doc.Invoice.Number)
		if doc.Invoice.Kind == data.KindCreditNote {
			what = w.T("billing.doc.credit_note", "Number", doc.Invoice.Number)
		} else if doc.Invoice.Number == "" {
			what = w.T("billing.doc.draft")
		}
		return billingDoc{file: reports.InvoiceFileName(doc.Invoice), what: what, entity: "invoices", entityID: id,
			write: func(out io.Writer) error { return reports.WriteInvoice(out, doc, reports.Options{}) }}, nil
	}
}

// printInvoice prints an invoice or credit note.
func (d *desk) printInvoice(id string) <-chan struct{} { return d.printDoc(d.invoiceDoc(id)) }

// printReceipt prints the receipt of a payment taken.
func (d *desk) printReceipt(receiptID string) <-chan struct{} {
	store, w := d.store, d.w
	return d.printDoc(func(ctx context.Context) (billingDoc, error) {
		doc, err := reports.LoadReceiptDoc(ctx, store, receiptID)
		if err != nil {
			return billingDoc{}, err
		}
		first := doc.Rows[0]
		return billingDoc{file: "receipt-" + first.ChartNumber + "-" + first.PaidOn.String() + "-" + receiptID[len(receiptID)-6:] + ".pdf",
			what: w.T("billing.doc.receipt"), entity: "payments", entityID: receiptID,
			write: func(out io.Writer) error { return reports.WriteReceipt(out, doc, reports.Options{}) }}, nil
	})
}

// printStatement prints a patient's statement of account.
func (d *desk) printStatement(patientID string) <-chan struct{} {
	store, today, w := d.store, d.today(), d.w
	return d.printDoc(func(ctx context.Context) (billingDoc, error) {
		doc, err := reports.LoadStatementDoc(ctx, store, patientID, today)
		if err != nil {
			return billingDoc{}, err
		}
		return billingDoc{file: "statement-" + doc.Patient.ChartNumber + "-" + today.String() + ".pdf", what: w.T("billing.doc.statement"),
			entity: "patients", entityID: patientID,
			write: func(out io.Writer) error { return reports.WriteStatement(out, doc, reports.Options{}) }}, nil
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
		from := pr.Name
		if pr.Email != "" {
			from += " <" + pr.Email + ">"
		}
		file := filepath.Join(dir, "invoice-"+doc.Invoice.Number+".eml")
		return store.WriteOutput(ctx, data.Output{Path: file, What: subject, Action: "export", Entity: "invoices", EntityID: id,
			Detail: "e-mail of invoice " + doc.Invoice.Number + " left in the outbox"}, func(w io.Writer) error {
			return reports.WriteEML(w, reports.Mail{From: from, To: pt.Email, Subject: subject, Body: body,
				Attachment: reports.InvoiceFileName(doc.Invoice), Data: pdf.Bytes()})
		})
	}, func(path string, err error) {
		if err != nil {
			d.sayError(err)
			return
		}
		d.sayWith(d.w.T("billing.said.emailed", "What", what, "Path", d.shownPath(path)), printoutMessages.openFolder,
			d.folderOpener(filepath.Dir(path)))
	})
}
