package data_test

import (
	"context"
	"math"
	"strings"
	"testing"

	"frontdesk/data"
)

func mustCurrency(t testing.TB, code string) data.Currency {
	t.Helper()
	c, err := data.ParseCurrency(code)
	if err != nil {
		t.Fatalf("ParseCurrency(%q): %v", code, err)
	}
	return c
}

func TestParseCurrency(t *testing.T) {
	for code, digits := range map[string]int{"EUR": 2, "usd": 2, " CHF ": 2, "JPY": 0, "TND": 3, "KWD": 3, "GBP": 2} {
		c := mustCurrency(t, code)
		if c.Digits != digits || c.Code != strings.ToUpper(strings.TrimSpace(code)) {
			t.Errorf("ParseCurrency(%q) = %+v, want %d digits", code, c, digits)
		}
	}
	for _, bad := range []string{"", "EU", "EURO", "ZZZ", "€", "12"} {
		_, err := data.ParseCurrency(bad)
		wantCode(t, err, data.EInvalid)
	}
}

func TestCurrencyParse(t *testing.T) {
	eur, jpy, tnd := mustCurrency(t, "EUR"), mustCurrency(t, "JPY"), mustCurrency(t, "TND")
	ok := []struct {
		c    data.Currency
		in   string
		want data.Money
	}{
		{eur, "12.5", 1250}, {eur, "12,50", 1250}, {eur, "12", 1200}, {eur, "-3", -300}, {eur, "0", 0},
		{eur, " 7.05 ", 705}, {eur, "0.01", 1}, {eur, "-0.99", -99}, {eur, ".5", 50}, {eur, "10000000000", 1_000_000_000_000},
		{jpy, "1234", 1234}, {jpy, "-5", -5}, {jpy, "0", 0},
		{tnd, "1.234", 1234}, {tnd, "1,5", 1500}, {tnd, "12", 12000}, {tnd, "-0.001", -1},
	}
	for _, c := range ok {
		got, err := c.c.Parse(c.in)
		if err != nil || got != c.want {
			t.Errorf("%s.Parse(%q) = %d, %v; want %d", c.c.Code, c.in, got, err, c.want)
		}
	}
	bad := []struct {
		c  data.Currency
		in string
	}{
		{eur, "1.234"}, {eur, "1,234"}, {eur, "1.234,56"}, {eur, "1,234.56"}, {eur, "1 234"}, {eur, "abc"}, {eur, "1e5"},
		{eur, "12.5.0"}, {eur, ""}, {eur, "-"}, {eur, "."}, {eur, "--3"}, {eur, "+3"}, {eur, "€12"}, {eur, "12€"},
		{eur, "0x10"}, {eur, "NaN"}, {eur, "Inf"}, {eur, "١٢"}, {eur, "10000000000.01"}, {eur, "99999999999999"},
		{eur, "9223372036854775807"}, {eur, "99999999999999999999999"}, {eur, "-99999999999999"},
		{jpy, "12.5"}, {jpy, "1.234"}, {jpy, "1,5"},
		{tnd, "1.2345"},
	}
	for _, c := range bad {
		if got, err := c.c.Parse(c.in); err == nil {
			t.Errorf("%s.Parse(%q) = %d; want it refused", c.c.Code, c.in, got)
		}
	}
	if _, err := eur.Parse("1.234"); err == nil || !strings.Contains(err.Error(), "decimal places") {
		t.Errorf("EUR 1.234: error %v does not explain the decimal places", err)
	}
}

func TestCurrencyFormat(t *testing.T) {
	eur, jpy, tnd := mustCurrency(t, "EUR"), mustCurrency(t, "JPY"), mustCurrency(t, "TND")
	cases := []struct {
		c    data.Currency
		m    data.Money
		want string
	}{
		{eur, 1250, "12.50"}, {eur, -1250, "-12.50"}, {eur, 5, "0.05"}, {eur, -5, "-0.05"}, {eur, 0, "0.00"},
		{jpy, 1234, "1234"}, {jpy, -7, "-7"}, {tnd, 1234, "1.234"}, {tnd, -1, "-0.001"},
	}
	for _, c := range cases {
		if got := c.c.Format(c.m); got != c.want {
			t.Errorf("%s.Format(%d) = %q, want %q", c.c.Code, c.m, got, c.want)
		}
		if back, err := c.c.Parse(c.want); err != nil || back != c.m {
			t.Errorf("%s.Parse(Format(%d)) = %d, %v", c.c.Code, c.m, back, err)
		}
	}
	if got := eur.Format(math.MinInt64); got != "overflow" {
		t.Errorf("Format(MinInt64) = %q", got)
	}
}

func TestAddMoney(t *testing.T) {
	if sum, err := data.AddMoney(10, 20, -5); err != nil || sum != 25 {
		t.Errorf("AddMoney = %d, %v", sum, err)
	}
	if sum, err := data.AddMoney(); err != nil || sum != 0 {
		t.Errorf("AddMoney() = %d, %v", sum, err)
	}
	if sum, err := data.AddMoney(math.MaxInt64, -1, 1); err != nil || sum != math.MaxInt64 {
		t.Errorf("AddMoney to the limit = %d, %v", sum, err)
	}
	for _, ms := range [][]data.Money{{math.MaxInt64, 1}, {1, math.MaxInt64}, {math.MinInt64, -1}, {math.MaxInt64 / 2, math.MaxInt64/2 + 2},
		{math.MinInt64 / 2, math.MinInt64/2 - 1}} {
		sum, err := data.AddMoney(ms...)
		wantCode(t, err, data.EInvalid)
		if sum != 0 {
			t.Errorf("AddMoney(%v) returned %d with its error", ms, sum)
		}
		assertPlainMessage(t, data.ErrorMessage(err))
	}
}

func TestTaxOf(t *testing.T) {
	cases := []struct {
		amount data.Money
		bp     int
		want   data.Money
	}{
		{1000, 2000, 200}, // 20 % of 10.00
		{1250, 2000, 250},
		{1, 5000, 1},      // 0.5 cent rounds up
		{3, 5000, 2},      // 1.5 → 2
		{5, 1000, 1},      // 0.5 → 1
		{4, 1000, 0},      // 0.4 → 0
		{1049, 550, 58},   // 5.5 % of 10.49 = 57.695 → 58
		{1999, 2000, 400}, // 399.8 → 400
		{1, 4999, 0},      // 0.4999 → 0
		{-1, 5000, -1},    // negatives mirror: -0.5 → -1
		{-3, 5000, -2},    // -1.5 → -2
		{-5, 1000, -1},
		{-4, 1000, 0},
		{-1049, 550, -58},
		{0, 2000, 0},
		{12345, 0, 0},
		{12345, 10000, 12345},
		{data.MaxMoney, 10000, data.MaxMoney},
		{-data.MaxMoney, 2000, -data.MaxMoney / 5},
	}
	for _, c := range cases {
		got, err := data.TaxOf(c.amount, c.bp)
		if err != nil || got != c.want {
			t.Errorf("TaxOf(%d, %d) = %d, %v; want %d", c.amount, c.bp, got, err, c.want)
		}
		// A credit note's tax mirrors its invoice's exactly.
		if neg, _ := data.TaxOf(-c.amount, c.bp); neg != -got {
			t.Errorf("TaxOf(%d) = %d but TaxOf(%d) = %d", c.amount, got, -c.amount, neg)
		}
	}
	for _, bad := range []struct {
		amount data.Money
		bp     int
	}{{100, -1}, {100, 10001}, {data.MaxMoney + 1, 2000}, {-data.MaxMoney - 1, 2000}, {math.MaxInt64, 2000}, {math.MinInt64, 2000}} {
		_, err := data.TaxOf(bad.amount, bad.bp)
		wantCode(t, err, data.EInvalid)
	}
}

func TestAppointmentTypeFee(t *testing.T) {
	s := openStore(t)
	ctx := context.Background()
	bad := []data.AppointmentType{
		{Name: "Refund", DurationMin: 15, DefaultFee: -1},
		{Name: "Huge", DurationMin: 15, DefaultFee: data.MaxMoney + 1},
		{Name: "Blink", DurationMin: 4},
		{Name: "Marathon", DurationMin: 8*60 + 1},
		{Name: "", DurationMin: 15},
		{Name: "Colour", DurationMin: 15, Colour: "red"},
	}
	for _, typ := range bad {
		typ := typ
		err := s.Update(ctx, func(tx *data.Tx) error { return tx.Save(&typ) })
		wantCode(t, err, data.EInvalid)
	}
	neg := data.AppointmentType{Name: "Refund", DurationMin: 15, DefaultFee: -500}
	err := s.Update(ctx, func(tx *data.Tx) error { return tx.Save(&neg) })
	if !strings.Contains(data.ErrorMessage(err), "negative") {
		t.Errorf("message %q does not say the fee is negative", data.ErrorMessage(err))
	}
	good := data.AppointmentType{Name: "Consultation", DurationMin: 20, Colour: "#AABBCC", DefaultFee: 2650, Active: true}
	mustUpdate(t, s, func(tx *data.Tx) error { return tx.Save(&good) })
	types, err := s.AppointmentTypes(ctx)
	if err != nil || len(types) != 1 || types[0] != good {
		t.Errorf("AppointmentTypes = %+v, %v; want [%+v]", types, err, good)
	}
}
