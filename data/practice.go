package data

import (
	"context"
	"database/sql"
	"time"
)

// Practice holds the practice-wide settings.
type Practice struct {
	ID         string
	Name       string
	Address    string
	Phone      string
	Email      string
	Currency   string // ISO 4217
	TimeZone   string // IANA
	DateFormat DateFormat
}

// Validate cleans the text and checks every field.
func (pr *Practice) Validate() error {
	var p Problems
	pr.Name = CleanText(pr.Name)
	pr.Address = CleanMultiline(pr.Address)
	pr.Phone = CleanText(pr.Phone)
	pr.Email = CleanText(pr.Email)
	checkRequired(&p, "Practice name", pr.Name, MaxName)
	checkLength(&p, "Address", pr.Address, MaxAddress)
	checkPhone(&p, "Phone", pr.Phone)
	checkEmail(&p, "Email", pr.Email)
	if c, err := ParseCurrency(pr.Currency); err != nil {
		p.Add("%s", ErrorMessage(err))
	} else {
		pr.Currency = c.Code
	}
	if _, err := LoadZone(pr.TimeZone); err != nil {
		p.Add("%s", ErrorMessage(err))
	}
	if pr.DateFormat == "" {
		pr.DateFormat = DMY
	}
	if !pr.DateFormat.Valid() {
		p.Add("Date format: %q is not one of DMY, MDY or YMD.", pr.DateFormat)
	}
	return p.Err()
}

func (pr *Practice) row() row {
	return row{"practice", &pr.ID,
		[]string{"name", "address", "phone", "email", "currency", "time_zone", "date_format"},
		[]any{pr.Name, pr.Address, pr.Phone, pr.Email, pr.Currency, pr.TimeZone, string(pr.DateFormat)}}
}

// Location returns the practice's time zone.
func (pr *Practice) Location() *time.Location {
	loc, err := LoadZone(pr.TimeZone)
	if err != nil {
		return time.UTC
	}
	return loc
}

// Money returns the practice currency.
func (pr *Practice) Money() Currency {
	c, err := ParseCurrency(pr.Currency)
	if err != nil {
		return Currency{Code: pr.Currency, Digits: 2}
	}
	return c
}

// Practice returns the practice settings, ENotFound before the first
// start has set them.
func (s *Store) Practice(ctx context.Context) (Practice, error) {
	return loadPractice(ctx, s.r)
}

func loadPractice(ctx context.Context, q querier) (Practice, error) {
	var pr Practice
	var df string
	err := q.QueryRowContext(ctx, `SELECT id, name, address, phone, email, currency, time_zone, date_format
		FROM practice WHERE deleted = 0 ORDER BY id LIMIT 1`).
		Scan(&pr.ID, &pr.Name, &pr.Address, &pr.Phone, &pr.Email, &pr.Currency, &pr.TimeZone, &df)
	if err == sql.ErrNoRows {
		return pr, Errorf(ENotFound, "The practice has not been set up yet.")
	}
	pr.DateFormat = DateFormat(df)
	return pr, mapSQLError(err)
}
