package data_test

import (
	"math/big"
	"math/rand/v2"
	"testing"

	"frontdesk/data"
)

// randomInvoice makes an invoice of up to 12 lines with prices, quantities
// and rates drawn from rng: common rates and any basis points, cheap and
// very large prices.
func randomInvoice(rng *rand.Rand) data.Invoice {
	inv := data.Invoice{Kind: data.KindInvoice}
	rates := []int{0, 210, 550, 700, 1000, 2000, 2100, 10000}
	for n := 1 + rng.IntN(12); n > 0; n-- {
		bp := rates[rng.IntN(len(rates))]
		if rng.IntN(4) == 0 {
			bp = rng.IntN(10001)
		}
		price := data.Money(rng.Int64N(100_000))
		if rng.IntN(10) == 0 {
			price = data.Money(rng.Int64N(int64(data.MaxMoney / 10_000)))
		}
		inv.Lines = append(inv.Lines, data.InvoiceLine{Description: "x", Quantity: 1 + rng.IntN(20), UnitPrice: price,
			TaxBP: bp, TaxName: "rate"})
	}
	return inv
}

// TestInvoiceTotalsAlwaysAddUp checks, on many random invoices, the rules
// of DESIGN §2: each line's tax is the exact tax rounded half up, the
// totals are the sums of the rounded lines, the breakdown per rate adds up
// to them, and a credit note of the same lines is exactly the negation.
func TestInvoiceTotalsAlwaysAddUp(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 2026))
	for i := 0; i < 5000; i++ {
		inv := randomInvoice(rng)
		if err := inv.ComputeTotals(); err != nil {
			t.Fatalf("invoice %d: %v", i, err)
		}
		var net, tax data.Money
		for _, l := range inv.Lines {
			if l.Net != data.Money(l.Quantity)*l.UnitPrice {
				t.Fatalf("invoice %d: line net %d ≠ %d × %d", i, l.Net, l.Quantity, l.UnitPrice)
			}
			// exact = net × bp / 10000; half up means tax = floor(exact + 1/2).
			exact := new(big.Rat).SetFrac(new(big.Int).Mul(big.NewInt(int64(l.Net)), big.NewInt(int64(l.TaxBP))), big.NewInt(10000))
			floor := new(big.Int).Quo(new(big.Int).Add(new(big.Int).Mul(exact.Num(), big.NewInt(2)), exact.Denom()),
				new(big.Int).Mul(exact.Denom(), big.NewInt(2)))
			if floor.Int64() != int64(l.Tax) {
				t.Fatalf("invoice %d: tax of %d at %d bp is %d, want %s rounded half up = %d", i, l.Net, l.TaxBP, l.Tax, exact.FloatString(4), floor.Int64())
			}
			net += l.Net
			tax += l.Tax
		}
		if inv.Net != net || inv.Tax != tax || inv.Total != net+tax {
			t.Fatalf("invoice %d: totals %d + %d = %d; lines sum to %d + %d", i, inv.Net, inv.Tax, inv.Total, net, tax)
		}
		var bNet, bTax data.Money
		for _, st := range inv.TaxBreakdown() {
			bNet += st.Net
			bTax += st.Tax
		}
		if bNet != inv.Net || bTax != inv.Tax {
			t.Fatalf("invoice %d: breakdown sums to %d + %d, invoice %d + %d", i, bNet, bTax, inv.Net, inv.Tax)
		}
		cn := data.Invoice{Kind: data.KindCreditNote}
		for _, l := range inv.Lines {
			l.UnitPrice = -l.UnitPrice
			cn.Lines = append(cn.Lines, l)
		}
		if err := cn.ComputeTotals(); err != nil {
			t.Fatalf("credit note %d: %v", i, err)
		}
		if cn.Net != -inv.Net || cn.Tax != -inv.Tax || cn.Total != -inv.Total {
			t.Fatalf("credit note %d: %d/%d/%d does not cancel %d/%d/%d", i, cn.Net, cn.Tax, cn.Total, inv.Net, inv.Tax, inv.Total)
		}
	}
}

func TestTaxRoundsHalfUpPerLine(t *testing.T) {
	// Three lines of 0.05 at 10 % are 0.005 each: 0.01 per line, 0.03 in
	// all, not 0.015 rounded once.
	inv := data.Invoice{Kind: data.KindInvoice}
	for i := 0; i < 3; i++ {
		inv.Lines = append(inv.Lines, data.InvoiceLine{Description: "x", Quantity: 1, UnitPrice: 5, TaxBP: 1000})
	}
	if err := inv.ComputeTotals(); err != nil {
		t.Fatal(err)
	}
	if inv.Tax != 3 || inv.Total != 18 {
		t.Errorf("tax %d, total %d; want 3 and 18", inv.Tax, inv.Total)
	}
	// A line beyond the largest amount is refused in words, never
	// wrapped around.
	huge := data.Invoice{Kind: data.KindInvoice, Lines: []data.InvoiceLine{{Description: "x", Quantity: 9999, UnitPrice: data.MaxMoney}}}
	wantCode(t, huge.ComputeTotals(), data.EInvalid)
}
