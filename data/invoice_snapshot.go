package data

// InsertInvoice inserts an invoice or credit note with its lines as a
// snapshot holds them (the demo's books, a joining device's state): the
// totals are worked out from the lines and everything is validated as the
// write path does. The lines go in before the invoice, because the
// database refuses lines added to a finalized invoice.
func (sn *Snapshot) InsertInvoice(inv *Invoice) error {
	if err := inv.ComputeTotals(); err != nil {
		return err
	}
	if err := inv.Validate(); err != nil {
		return err
	}
	if inv.ID == "" {
		inv.ID = NewID()
	}
	for i := range inv.Lines {
		l := &inv.Lines[i]
		l.InvoiceID, l.Position = inv.ID, i+1
		if err := sn.Insert(lineRecord{l}); err != nil {
			return err
		}
	}
	return sn.Insert(inv)
}

// NextInvoiceNumber gives the next number of this device's series for
// the year of issue, as finalizing does.
func (sn *Snapshot) NextInvoiceNumber(issue Date) (string, error) {
	n, err := sn.tx.NextNumber(invoiceCounter(issue.Year))
	if err != nil {
		return "", err
	}
	return InvoiceNumber(sn.tx.s.device().Series, issue.Year, n), nil
}
