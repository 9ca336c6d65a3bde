package data

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"image"
	"image/draw"
	_ "image/jpeg" // the formats a letterhead image may have
	"image/png"
)

// Limits of a letterhead image. A logo or a scanned signature is a few
// dozen kilobytes; the cap keeps every letter, backup and sync small and
// refuses a photograph chosen by mistake.
const (
	MaxImageBytes  = 512 << 10
	MaxImagePixels = 4000 // per side
)

// Image is a picture of the letterhead (a logo, a signature), stored once
// under the SHA-256 of its bytes. It never changes: another picture is
// another Image, so a sent letter keeps the one it went out with.
type Image struct {
	ID            string // SHA-256 of Data, hex
	MediaType     string // image/png or image/jpeg
	Width, Height int
	Data          []byte
}

// Fields of the practice's letterhead.
const (
	FieldRegistration = "registration"
	FieldTaxNumber    = "tax_number"
	FieldFooter       = "footer"
	FieldLogo         = "logo_image"
	FieldSignature    = "signature_image"
)

// ReadImage checks raw bytes for use in the letterhead: a PNG or JPEG
// file of at most MaxImageBytes and MaxImagePixels a side. field names
// the setting (FieldLogo, FieldSignature) in a problem.
func ReadImage(field string, raw []byte) (Image, error) {
	var p Problems
	label := PracticeLabel(field)
	if len(raw) > MaxImageBytes {
		p.Report(field, "practice.problem.image_size", "Field", label, "Size", len(raw)>>10, "Max", MaxImageBytes>>10)
		return Image{}, p.Err()
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(raw))
	if err != nil || (format != "png" && format != "jpeg") {
		p.Report(field, "practice.problem.image_format", "Field", label)
		return Image{}, p.Err()
	}
	if cfg.Width < 1 || cfg.Height < 1 || cfg.Width > MaxImagePixels || cfg.Height > MaxImagePixels {
		p.Report(field, "practice.problem.image_pixels", "Field", label, "Width", cfg.Width, "Height", cfg.Height, "Max", MaxImagePixels)
		return Image{}, p.Err()
	}
	if format == "png" && !plainPNG(raw) {
		if raw, err = reencodePNG(raw); err != nil || len(raw) > MaxImageBytes {
			p.Report(field, "practice.problem.image_format", "Field", label)
			return Image{}, p.Err()
		}
	}
	sum := sha256.Sum256(raw)
	return Image{ID: hex.EncodeToString(sum[:]), MediaType: "image/" + format, Width: cfg.Width, Height: cfg.Height,
		Data: bytes.Clone(raw)}, nil
}

// plainPNG reports whether a PNG has 8 bits a sample (or fewer) and no
// interlacing, the kind the PDF writer embeds; its header says so at
// fixed places.
func plainPNG(raw []byte) bool {
	return len(raw) > 28 && raw[24] <= 8 && raw[28] == 0
}

// reencodePNG writes a 16-bit or interlaced PNG again as a plain 8-bit
// one, so that any PNG a practice has can head its letters.
func reencodePNG(raw []byte) ([]byte, error) {
	img, err := png.Decode(bytes.NewReader(raw))
	if err != nil {
		return nil, err
	}
	plain := image.NewNRGBA(img.Bounds())
	draw.Draw(plain, plain.Bounds(), img, img.Bounds().Min, draw.Src)
	var out bytes.Buffer
	err = png.Encode(&out, plain)
	return out.Bytes(), err
}

// Validate checks the image again, as sync applies it too: a plain PNG
// or a JPEG within the limits, stored under the hash of its bytes.
func (im *Image) Validate() error {
	checked, err := ReadImage(FieldLogo, im.Data)
	if err != nil {
		return err
	}
	if im.ID != checked.ID || im.MediaType != checked.MediaType {
		return Errorf(EInvalid, "The picture does not match its fingerprint.")
	}
	im.Width, im.Height = checked.Width, checked.Height
	return nil
}

func (im *Image) row() row {
	return row{"practice_images", &im.ID, []string{"media_type", "width", "height", "data"},
		[]any{im.MediaType, im.Width, im.Height, base64.StdEncoding.EncodeToString(im.Data)}}
}

// SaveImage stores an image once: saving one already stored writes nothing.
func (tx *Tx) SaveImage(im Image) error { return tx.Save(&im) }

// Image returns a stored image by its ID.
func (s *Store) Image(ctx context.Context, id string) (Image, error) { return loadImage(ctx, s.r, id) }

func loadImage(ctx context.Context, q querier, id string) (Image, error) {
	im := Image{ID: id}
	var b64 string
	err := q.QueryRowContext(ctx, `SELECT media_type, width, height, data FROM practice_images WHERE id = ? AND deleted = 0`, id).
		Scan(&im.MediaType, &im.Width, &im.Height, &b64)
	if err == sql.ErrNoRows {
		return im, Errorf(ENotFound, "The picture of the letterhead is missing.")
	} else if err != nil {
		return im, sqlErr("reading a letterhead picture", err)
	}
	im.Data, err = base64.StdEncoding.DecodeString(b64)
	if err != nil {
		return im, &Error{Code: EDamaged, Message: "The picture of the letterhead is damaged.", Err: err}
	}
	return im, nil
}
