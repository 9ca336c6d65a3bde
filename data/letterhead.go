package data

import (
	"context"
	"encoding/json"
)

// Letterhead is what heads the practice's documents (letters, invoices,
// receipts, the patient summary): the practice's details as they were
// when the document was made. A sent letter keeps its Letterhead as a
// snapshot (Snapshot, ParseLetterhead), so a reprint years later is
// identical after the practice moved or changed its logo. The images
// themselves are stored once (practice_images) and named by their ID.
type Letterhead struct {
	Name         string `json:"name"`
	Address      string `json:"address"`
	Phone        string `json:"phone"`
	Email        string `json:"email"`
	Registration string `json:"registration"`
	TaxNumber    string `json:"tax_number"`
	Footer       string `json:"footer"`
	LogoID       string `json:"logo,omitempty"`
	SignatureID  string `json:"signature,omitempty"`

	// The images, filled by Store.Letterhead and Store.LetterheadImages;
	// nil when there is none (or it could not be read: a document is
	// still printed, without the picture).
	Logo      *Image `json:"-"`
	Signature *Image `json:"-"`
}

// LetterheadOf is the practice's letterhead, without its images.
func LetterheadOf(pr Practice) Letterhead {
	return Letterhead{Name: pr.Name, Address: pr.Address, Phone: pr.Phone, Email: pr.Email,
		Registration: pr.Registration, TaxNumber: pr.TaxNumber, Footer: pr.Footer,
		LogoID: pr.LogoID, SignatureID: pr.SignatureID}
}

// Snapshot is the letterhead as stored with a sent document.
func (lh Letterhead) Snapshot() string {
	b, _ := json.Marshal(lh) // strings only: cannot fail
	return string(b)
}

// ParseLetterhead reads a stored snapshot (without its images).
func ParseLetterhead(snapshot string) (Letterhead, error) {
	var lh Letterhead
	if err := json.Unmarshal([]byte(snapshot), &lh); err != nil {
		return lh, &Error{Code: EDamaged, Message: "The letterhead kept with this document is damaged.", Err: err}
	}
	return lh, nil
}

// Letterhead returns the practice's letterhead now, with its images.
func (s *Store) Letterhead(ctx context.Context) (Letterhead, error) {
	pr, err := s.Practice(ctx)
	if err != nil {
		return Letterhead{}, err
	}
	lh := LetterheadOf(pr)
	return lh, s.LetterheadImages(ctx, &lh)
}

// LetterheadImages reads the images a letterhead names. A missing image
// (a sync that has not brought it yet) leaves its place empty; only a
// failure to read the database is an error.
func (s *Store) LetterheadImages(ctx context.Context, lh *Letterhead) error {
	for _, slot := range []struct {
		id  string
		img **Image
	}{{lh.LogoID, &lh.Logo}, {lh.SignatureID, &lh.Signature}} {
		*slot.img = nil
		if slot.id == "" {
			continue
		}
		im, err := s.Image(ctx, slot.id)
		if ErrorCode(err) == ENotFound {
			continue
		} else if err != nil {
			return err
		}
		*slot.img = &im
	}
	return nil
}
