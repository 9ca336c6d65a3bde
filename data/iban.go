package data

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// CompactIBAN removes the spaces people type in an IBAN or BIC and puts
// it in capitals.
func CompactIBAN(s string) string {
	s = strings.ToUpper(CleanText(s))
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '-' || r == '\u00a0' {
			return -1
		}
		return r
	}, s)
}

// ValidIBAN checks an IBAN's form and its check digits (ISO 13616: the
// number read with letters as 10..35, country and check digits moved to
// the end, is 1 modulo 97). It does not know each country's length.
func ValidIBAN(iban string) bool {
	if len(iban) < 15 || len(iban) > 34 {
		return false
	}
	for i, r := range iban {
		switch {
		case i < 2 && (r < 'A' || r > 'Z'):
			return false
		case i >= 2 && i < 4 && (r < '0' || r > '9'):
			return false
		case (r < 'A' || r > 'Z') && (r < '0' || r > '9'):
			return false
		}
	}
	rearranged := iban[4:] + iban[:4]
	rem := 0
	for _, r := range rearranged {
		if r >= 'A' {
			v := int(r-'A') + 10
			rem = (rem*100 + v) % 97
		} else {
			rem = (rem*10 + int(r-'0')) % 97
		}
	}
	return rem == 1
}

// GroupIBAN writes an IBAN in groups of four, as it is printed.
func GroupIBAN(iban string) string {
	var b strings.Builder
	for i, r := range iban {
		if i > 0 && i%4 == 0 {
			b.WriteByte(' ')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// validBIC accepts a SWIFT code of 8 or 11 letters and digits, its first
// six letters (bank and country).
func validBIC(bic string) bool {
	if len(bic) != 8 && len(bic) != 11 {
		return false
	}
	for i, r := range bic {
		letter := r >= 'A' && r <= 'Z'
		if i < 6 && !letter || !letter && (r < '0' || r > '9') {
			return false
		}
	}
	return true
}

// EPCPayment is what the European Payments Council's QR code for a SEPA
// credit transfer carries (EPC069-12, version 002): a banking app that
// scans it fills in the transfer.
type EPCPayment struct {
	Name      string // the beneficiary, at most 70 characters
	IBAN      string
	BIC       string // optional in version 002
	Amount    Money  // euro cents, 1 to 999 999 999 99
	Reference string // unstructured remittance text, at most 140 characters
}

// Payload writes the QR code's text: one field a line, UTF-8. Only
// euros can be paid this way; an amount out of range or a missing IBAN is
// an error (the invoice is then printed without the code).
func (p EPCPayment) Payload(currency string) (string, error) {
	if currency != "EUR" {
		return "", fmt.Errorf("EPC QR codes are for euros, not %s", currency)
	}
	if !ValidIBAN(p.IBAN) {
		return "", fmt.Errorf("no valid IBAN")
	}
	if p.Amount < 1 || p.Amount > 99_999_999_999 {
		return "", fmt.Errorf("amount %d cents out of the EPC range", p.Amount)
	}
	name := truncateRunes(oneLineText(p.Name), 70)
	if name == "" {
		return "", fmt.Errorf("no beneficiary name")
	}
	lines := []string{"BCD", "002", "1", "SCT", p.BIC, name, p.IBAN,
		"EUR" + Currency{Code: "EUR", Digits: 2}.Format(p.Amount), "", "", truncateRunes(oneLineText(p.Reference), 140)}
	return strings.Join(lines, "\n"), nil
}

// oneLineText keeps text on one line of a QR payload.
func oneLineText(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

func truncateRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n])
}
