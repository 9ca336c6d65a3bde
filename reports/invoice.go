package reports

import (
	"context"
	"fmt"
	"io"
	"strings"

	"frontdesk/data"
	"frontdesk/data/i18n"
)

// InvoiceDoc is what an invoice or credit note prints: the invoice as it
// was finalized (with the practice's letterhead and bank details kept in
// it), its patient, and where it stands today.
type InvoiceDoc struct {
	Invoice       data.Invoice
	View          data.InvoiceView // paid, due, status on the day printed
	CreditsNumber string           // a credit note: the invoice it corrects
	DateFormat    data.DateFormat
	Lang          i18n.Lang // the practice's document language
}

// LoadInvoiceDoc reads what the PDF of an invoice needs, its letterhead
// images included. A draft is printed with the practice's letterhead of
// now and marked as a draft.
func LoadInvoiceDoc(ctx context.Context, s *data.Store, id string, today data.Date) (InvoiceDoc, error) {
	inv, err := s.Invoice(ctx, id)
	if err != nil {
		return InvoiceDoc{}, err
	}
	pr, err := s.Practice(ctx)
	if err != nil {
		return InvoiceDoc{}, err
	}
	doc := InvoiceDoc{Invoice: inv, DateFormat: pr.DateFormat, Lang: pr.DocumentLanguage}
	if doc.View, err = s.InvoiceViewOf(ctx, id, today); err != nil {
		return doc, err
	}
	if inv.Status == data.InvoiceDraft {
		b, err := s.BillingSettings(ctx)
		if err != nil {
			return doc, err
		}
		doc.Invoice.Seller = data.Seller{Letterhead: data.LetterheadOf(pr), BankName: b.BankName, IBAN: b.IBAN, BIC: b.BIC}
	}
	if inv.CreditsID != "" {
		orig, err := s.Invoice(ctx, inv.CreditsID)
		if err != nil {
			return doc, err
		}
		doc.CreditsNumber = orig.Number
	}
	return doc, s.LetterheadImages(ctx, &doc.Invoice.Seller.Letterhead)
}

// invoiceColumns are the columns of the lines (titles set per language).
func invoiceColumns(l *i18n.Localizer) []Column {
	return []Column{
		{Title: l.T("pdf.invoice.column.code"), Width: 16},
		{Title: l.T("pdf.invoice.column.description")},
		{Title: l.T("pdf.invoice.column.date"), Width: 22},
		{Title: l.T("pdf.invoice.column.quantity"), Width: 12, Align: "R"},
		{Title: l.T("pdf.invoice.column.unit_price"), Width: 28, Align: "R"},
		{Title: l.T("pdf.invoice.column.tax_rate"), Width: 16, Align: "R"},
		{Title: l.T("pdf.invoice.column.amount"), Width: 28, Align: "R"},
	}
}

// WriteInvoice writes an invoice or a credit note as a PDF in the
// practice's document language, on its letterhead: what EU VAT Directive
// art. 226 asks (issue date, number, the practice's and the payer's names
// and addresses, the practice's tax and registration numbers, the date of
// service, each line's description, quantity and unit price without tax,
// the tax rate and amount per rate, the totals, exemption wording), the
// due date and bank details, the EPC payment QR code when the invoice is
// in euros and something is due, and "PAID" once it is settled.
func WriteInvoice(w io.Writer, doc InvoiceDoc, o Options) error {
	inv := doc.Invoice
	l := i18n.For(doc.Lang).WithDateOrder(string(doc.DateFormat))
	title := invoiceTitle(l, inv)
	return build(w, title, o, func(d *Doc) error {
		d.words = l
		area := d.Letterhead(inv.Seller.Letterhead)
		d.footer = title
		titleY := d.pdf.GetY()
		drawInvoiceHead(d, l, doc, title, area)
		rows := make([][]string, len(inv.Lines))
		for i, ln := range inv.Lines {
			rows[i] = []string{ln.Code, ln.Description, day(l, ln.ServiceDate), l.Number(int64(ln.Quantity)),
				l.Money(int64(ln.UnitPrice), inv.Currency), rateText(l, ln.TaxBP), l.Money(int64(ln.Net), inv.Currency)}
		}
		d.Table(invoiceColumns(l), rows)
		drawTotals(d, l, inv)
		drawPayment(d, l, doc)
		if inv.Notes != "" {
			d.Heading(l.T("pdf.invoice.notes"), 10)
			d.Paragraph(inv.Notes)
		}
		if inv.Kind == data.KindInvoice && doc.View.Status == data.BillPaid {
			d.stamp(l.T("pdf.invoice.paid_stamp"), titleY-1)
		}
		return nil
	})
}

func invoiceTitle(l *i18n.Localizer, inv data.Invoice) string {
	switch {
	case inv.Status == data.InvoiceDraft:
		return l.T("pdf.invoice.title_draft")
	case inv.Kind == data.KindCreditNote:
		return l.T("pdf.invoice.title_credit_note", "Number", inv.Number)
	}
	return l.T("pdf.invoice.title", "Number", inv.Number)
}

// rateText writes a rate of basis points as a percentage: "20 %", "5,5 %".
func rateText(l *i18n.Localizer, bp int) string {
	digits := 0
	v := int64(bp)
	switch {
	case bp%100 == 0:
		v /= 100
	case bp%10 == 0:
		v, digits = v/10, 1
	default:
		digits = 2
	}
	return l.T("pdf.invoice.rate", "Rate", l.Decimal(v, digits))
}

// drawInvoiceHead draws the title, the dates on the right, and whom the
// invoice is addressed to on the left.
func drawInvoiceHead(d *Doc, l *i18n.Localizer, doc InvoiceDoc, title string, area Area) {
	inv := doc.Invoice
	v := doc.View
	d.pdf.SetFont("DejaVu", "B", 15)
	d.pdf.CellFormat(area.W, 8, d.text(title), "", 1, "L", false, 0, "")
	d.pdf.SetFont("DejaVu", "", fontSize)
	top := d.pdf.GetY() + 2
	// Right: the dates and references.
	var facts [][2]string
	if !inv.IssueDate.IsZero() {
		facts = append(facts, [2]string{l.T("pdf.invoice.issue_date"), day(l, inv.IssueDate)})
	}
	facts = append(facts, [2]string{l.T("pdf.invoice.service_date"), day(l, inv.ServiceDate)})
	if inv.Kind == data.KindInvoice && !inv.DueDate.IsZero() {
		facts = append(facts, [2]string{l.T("pdf.invoice.due_date"), day(l, inv.DueDate)})
	}
	if doc.CreditsNumber != "" {
		facts = append(facts, [2]string{l.T("pdf.invoice.corrects"), doc.CreditsNumber})
	}
	facts = append(facts, [2]string{l.T("pdf.invoice.patient"), v.PatientName + " (" + v.ChartNumber + ")"})
	x := margin + area.W*0.55
	d.pdf.SetXY(x, top)
	valueW := area.W*0.45 - 32
	for _, f := range facts {
		// A long name wraps under itself rather than running off the page.
		for i, line := range d.wrap(f[1], valueW-2*d.pdf.GetCellMargin()) {
			label := ""
			if i == 0 {
				label = f[0]
			}
			d.pdf.SetX(x)
			d.pdf.SetTextColor(90, 90, 90)
			d.pdf.CellFormat(32, lineHeight, d.text(label), "", 0, "L", false, 0, "")
			d.pdf.SetTextColor(0, 0, 0)
			d.pdf.CellFormat(valueW, lineHeight, d.text(line), "", 1, "L", false, 0, "")
		}
	}
	right := d.pdf.GetY()
	// Left: the payer.
	d.pdf.SetXY(margin, top)
	d.pdf.SetTextColor(90, 90, 90)
	d.pdf.CellFormat(area.W*0.5, lineHeight, d.text(l.T("pdf.invoice.bill_to")), "", 1, "L", false, 0, "")
	d.pdf.SetTextColor(0, 0, 0)
	d.pdf.SetFont("DejaVu", "B", fontSize)
	for _, line := range d.wrap(inv.PayerName, area.W*0.5) {
		d.pdf.CellFormat(area.W*0.5, lineHeight, d.text(line), "", 1, "L", false, 0, "")
	}
	d.pdf.SetFont("DejaVu", "", fontSize)
	for _, line := range strings.Split(inv.PayerAddress, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			d.pdf.CellFormat(area.W*0.5, lineHeight, d.text(line), "", 1, "L", false, 0, "")
		}
	}
	if inv.PayerReference != "" {
		d.pdf.CellFormat(area.W*0.5, lineHeight, d.text(l.T("pdf.invoice.payer_reference", "Reference", inv.PayerReference)), "", 1, "L", false, 0, "")
	}
	d.pdf.SetXY(margin, max(right, d.pdf.GetY())+4)
}

// drawTotals draws the totals under the lines: without tax, the tax of
// each rate, the total, and the exemption wording of exempt rates.
func drawTotals(d *Doc, l *i18n.Localizer, inv data.Invoice) {
	breakdown := inv.TaxBreakdown()
	need := float64(len(breakdown)+3)*lineHeight + 4
	if d.remaining() < need {
		d.pdf.AddPage()
	}
	labelW, amountW := 70.0, 30.0
	x := margin + d.pageWidth() - labelW - amountW
	line := func(label, amount string, bold bool) {
		style := ""
		if bold {
			style = "B"
		}
		d.pdf.SetFont("DejaVu", style, fontSize)
		d.pdf.SetX(x)
		d.pdf.CellFormat(labelW, lineHeight+0.5, d.text(label), "", 0, "L", false, 0, "")
		d.pdf.CellFormat(amountW, lineHeight+0.5, d.text(amount), "", 1, "R", false, 0, "")
	}
	money := func(m data.Money) string { return l.Money(int64(m), inv.Currency) }
	line(l.T("pdf.invoice.total_net"), money(inv.Net), false)
	for _, st := range breakdown {
		name := st.Name
		if name == "" {
			name = l.T("pdf.invoice.tax")
		}
		line(l.T("pdf.invoice.tax_line", "Name", name, "Rate", rateText(l, st.BasisPoints), "Base", money(st.Net)), money(st.Tax), false)
	}
	y := d.pdf.GetY()
	d.pdf.SetDrawColor(120, 120, 120)
	d.pdf.Line(x, y, x+labelW+amountW, y)
	line(l.T("pdf.invoice.total"), money(inv.Total), true)
	d.pdf.SetFont("DejaVu", "", fontSize)
	var exemptions []string
	for _, st := range breakdown {
		if st.ExemptionText != "" && !contains(exemptions, st.ExemptionText) {
			exemptions = append(exemptions, st.ExemptionText)
		}
	}
	if len(exemptions) > 0 {
		d.pdf.Ln(2)
		d.pdf.SetFont("DejaVu", "", 8.5)
		for _, e := range exemptions {
			d.Paragraph(e)
		}
		d.pdf.SetFont("DejaVu", "", fontSize)
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// drawPayment says what is paid and due, and how to pay: the bank details
// and, for an invoice in euros with something due, the EPC QR code a
// banking app scans to fill in the transfer.
func drawPayment(d *Doc, l *i18n.Localizer, doc InvoiceDoc) {
	inv, v := doc.Invoice, doc.View
	if inv.Kind != data.KindInvoice {
		return
	}
	money := func(m data.Money) string { return l.Money(int64(m), inv.Currency) }
	seller := inv.Seller
	var lines []string
	if inv.Status == data.InvoiceFinal {
		if v.Paid != 0 {
			lines = append(lines, l.T("pdf.invoice.paid", "Amount", money(v.Paid)))
		}
		if v.Credited != 0 {
			lines = append(lines, l.T("pdf.invoice.credited", "Amount", money(-v.Credited)))
		}
		if v.Due > 0 {
			lines = append(lines, l.T("pdf.invoice.due", "Amount", money(v.Due), "Date", day(l, inv.DueDate)))
		}
	}
	if seller.IBAN != "" && v.Due > 0 {
		bank := l.T("pdf.invoice.iban", "IBAN", data.GroupIBAN(seller.IBAN))
		if seller.BIC != "" {
			bank += " · " + l.T("pdf.invoice.bic", "BIC", seller.BIC)
		}
		if seller.BankName != "" { // on a line of its own: the IBAN and BIC then never break apart
			lines = append(lines, seller.BankName)
		}
		lines = append(lines, bank, l.T("pdf.invoice.transfer_reference", "Number", inv.Number))
	}
	var qr *qrCode
	if seller.PaymentQR && v.Due > 0 && inv.Status == data.InvoiceFinal {
		payload, err := data.EPCPayment{Name: seller.Letterhead.Name, IBAN: seller.IBAN, BIC: seller.BIC, Amount: v.Due,
			Reference: inv.Number}.Payload(inv.Currency)
		if err == nil {
			qr, _ = encodeQR(payload)
		}
	}
	if len(lines) == 0 && qr == nil {
		return
	}
	const qrSide = 32.0
	need := float64(len(lines)+1)*lineHeight + 10
	if qr != nil {
		need = max(need, qrSide+14)
	}
	if d.remaining() < need {
		d.pdf.AddPage()
	}
	d.Heading(l.T("pdf.invoice.payment"), need-8)
	top := d.pdf.GetY()
	textW := d.pageWidth()
	if qr != nil {
		textW -= qrSide + 6
	}
	for _, s := range lines {
		for _, w := range d.wrap(s, textW) {
			d.pdf.CellFormat(textW, lineHeight, d.text(w), "", 1, "L", false, 0, "")
		}
	}
	bottom := d.pdf.GetY()
	if qr != nil {
		x := margin + d.pageWidth() - qrSide
		qr.draw(d, x, top, qrSide)
		d.pdf.SetFont("DejaVu", "", 7)
		// The caption is centred under the code, but never past the
		// right margin when a language writes it longer.
		caption := l.T("pdf.invoice.qr_caption")
		capW := d.width(caption) + 2*d.pdf.GetCellMargin()
		capX := min(x+qrSide/2-capW/2, margin+d.pageWidth()-capW)
		d.pdf.SetXY(capX, top+qrSide+0.5)
		d.pdf.CellFormat(capW, 3.5, d.text(caption), "", 0, "C", false, 0, "")
		d.pdf.SetFont("DejaVu", "", fontSize)
		bottom = max(bottom, top+qrSide+5)
	}
	d.pdf.SetXY(margin, bottom+2)
}

// stamp draws a word in a green box at the top right of the first page,
// beside the title: the "PAID" of a settled invoice.
func (d *Doc) stamp(word string, y float64) {
	page := d.pdf.PageNo()
	d.pdf.SetPage(1)
	d.pdf.SetFont("DejaVu", "B", 16)
	d.pdf.SetTextColor(30, 140, 60)
	d.pdf.SetDrawColor(30, 140, 60)
	d.pdf.SetLineWidth(0.8)
	w := d.pdf.GetStringWidth(d.text(word)) + 10
	d.pdf.SetXY(margin+d.pageWidth()-w, y)
	d.pdf.CellFormat(w, 10, d.text(word), "1", 0, "C", false, 0, "")
	d.pdf.SetLineWidth(0.2)
	d.pdf.SetTextColor(0, 0, 0)
	d.pdf.SetFont("DejaVu", "", fontSize)
	d.pdf.SetPage(page)
}

// InvoiceFileName is the file name of an invoice's PDF: its number (or
// "draft-" and a short ID), never the patient's name.
func InvoiceFileName(inv data.Invoice) string {
	if inv.Number != "" {
		return fmt.Sprintf("invoice-%s.pdf", inv.Number)
	}
	return fmt.Sprintf("invoice-draft-%s.pdf", inv.ID[len(inv.ID)-8:])
}
