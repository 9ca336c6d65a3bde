package data

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"golang.org/x/text/currency"

	"frontdesk/data/i18n"
)

// Money is an amount in minor units (cents) of the practice currency.
// Never a float: 0.1 + 0.2 must be 0.30 on an invoice.
type Money int64

// MaxMoney bounds any single amount a person may type: a billion in major
// units is far beyond a practice's invoice and far below int64 overflow,
// so sums of many lines cannot overflow either.
const MaxMoney = Money(1_000_000_000_000)

// Currency is an ISO 4217 code with the number of minor-unit digits.
type Currency struct {
	Code   string
	Digits int
}

// ParseCurrency checks an ISO 4217 code (EUR, USD, CHF, JPY, TND …).
func ParseCurrency(code string) (Currency, error) {
	code = strings.ToUpper(strings.TrimSpace(code))
	u, err := currency.ParseISO(code)
	if err != nil || len(code) != 3 {
		return Currency{}, NewError(EInvalid, "practice.problem.currency", "Field", practiceLabels[FieldCurrency], "Text", clip(code))
	}
	scale, _ := currency.Standard.Rounding(u)
	return Currency{Code: code, Digits: scale}, nil
}

func pow10(n int) int64 {
	p := int64(1)
	for ; n > 0; n-- {
		p *= 10
	}
	return p
}

// Format writes m with the currency's digits and a '.' decimal point, as
// the CSV exports and the data layer use it ("-12.50").
func (c Currency) Format(m Money) string {
	if c.Digits == 0 {
		return strconv.FormatInt(int64(m), 10)
	}
	sign := ""
	v := int64(m)
	if v < 0 {
		sign = "-"
		if v == math.MinInt64 {
			return "overflow"
		}
		v = -v
	}
	p := pow10(c.Digits)
	return fmt.Sprintf("%s%d.%0*d", sign, v/p, c.Digits, v%p)
}

// Parse reads an amount a person typed: digits with an optional decimal
// point or comma and at most the currency's minor digits ("12", "12.5",
// "12,50"). Thousands separators, signs other than a leading '-' and more
// digits than the currency has are refused rather than guessed at. Its
// complaint is an i18n.Message, a phrase to put after the field's label.
func (c Currency) Parse(s string) (Money, error) {
	s = strings.TrimSpace(s)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	whole, frac, hasPoint := strings.Cut(strings.Replace(s, ",", ".", 1), ".")
	if whole == "" && frac == "" || !allDigits(whole) && whole != "" || hasPoint && !allDigits(frac) {
		example := i18n.Dec{Value: 1250, Digits: 2}
		if c.Digits == 0 {
			example = i18n.Dec{Value: 12}
		}
		return 0, i18n.Msg("money.parse.not_an_amount", "Text", clip(s), "Example", example)
	}
	if len(frac) > c.Digits {
		return 0, i18n.Msg("money.parse.decimals", "Text", clip(s), "Digits", c.Digits, "Currency", c.Code)
	}
	if len(whole) > 13 {
		return 0, i18n.Msg("money.parse.too_large", "Text", clip(s))
	}
	w, _ := strconv.ParseInt("0"+whole, 10, 64)
	f, _ := strconv.ParseInt("0"+frac, 10, 64)
	f *= pow10(c.Digits - len(frac))
	m := Money(w*pow10(c.Digits) + f)
	if m > MaxMoney {
		return 0, i18n.Msg("money.parse.too_large", "Text", clip(s))
	}
	if neg {
		m = -m
	}
	return m, nil
}

// AddMoney adds amounts and reports overflow instead of wrapping around.
func AddMoney(ms ...Money) (Money, error) {
	var sum Money
	for _, m := range ms {
		if (m > 0 && sum > math.MaxInt64-m) || (m < 0 && sum < math.MinInt64-m) {
			return 0, Errorf(EInvalid, "The total is too large to compute.")
		}
		sum += m
	}
	return sum, nil
}

// TaxOf returns the tax on amount at rate basis points (2000 = 20 %),
// rounded half up (away from zero for negative amounts, so a credit note
// mirrors its invoice exactly).
func TaxOf(amount Money, basisPoints int) (Money, error) {
	if basisPoints < 0 || basisPoints > 10000 {
		return 0, Errorf(EInvalid, "Tax rate: %d basis points is not a rate between 0 and 100 %%.", basisPoints)
	}
	if amount > MaxMoney || amount < -MaxMoney {
		return 0, Errorf(EInvalid, "The amount is too large to compute its tax.")
	}
	neg := amount < 0
	a := int64(amount)
	if neg {
		a = -a
	}
	t := (a*int64(basisPoints) + 5000) / 10000
	if neg {
		t = -t
	}
	return Money(t), nil
}
