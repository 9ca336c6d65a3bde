package data_test

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"testing"

	"frontdesk/data"
)

// pngOf encodes a w × h picture, 16 bits a sample when deep.
func pngOf(t testing.TB, w, h int, deep bool) []byte {
	t.Helper()
	var img image.Image
	if deep {
		m := image.NewRGBA64(image.Rect(0, 0, w, h))
		m.Set(0, 0, color.RGBA64{0xffff, 0x1234, 0, 0xffff})
		img = m
	} else {
		m := image.NewNRGBA(image.Rect(0, 0, w, h))
		m.Set(0, 0, color.NRGBA{200, 30, 30, 255})
		img = m
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestReadImageChecksKindSizeAndPixels(t *testing.T) {
	logo, err := data.ReadImage(data.FieldLogo, pngOf(t, 40, 20, false))
	if err != nil {
		t.Fatal(err)
	}
	if logo.MediaType != "image/png" || logo.Width != 40 || logo.Height != 20 || len(logo.ID) != 64 {
		t.Errorf("logo read as %+v", logo)
	}
	var jb bytes.Buffer
	if err := jpeg.Encode(&jb, image.NewGray(image.Rect(0, 0, 10, 30)), nil); err != nil {
		t.Fatal(err)
	}
	if im, err := data.ReadImage(data.FieldSignature, jb.Bytes()); err != nil || im.MediaType != "image/jpeg" {
		t.Errorf("a JPEG signature: %+v, %v", im, err)
	}
	// A 16-bit PNG is written again as an 8-bit one the PDF writer embeds.
	deep, err := data.ReadImage(data.FieldLogo, pngOf(t, 8, 8, true))
	if err != nil {
		t.Fatal(err)
	}
	if deep.Data[24] != 8 {
		t.Errorf("the 16-bit PNG kept %d bits a sample", deep.Data[24])
	}
	for name, tc := range map[string]struct {
		raw   []byte
		field string
	}{
		"text":      {[]byte("GIF89a not a picture at all"), data.FieldLogo},
		"too large": {append(pngOf(t, 4, 4, false), make([]byte, data.MaxImageBytes)...), data.FieldLogo},
		"too wide":  {pngOf(t, data.MaxImagePixels+1, 1, false), data.FieldSignature},
	} {
		_, err := data.ReadImage(tc.field, tc.raw)
		ps := data.ProblemsOf(err)
		if len(ps) != 1 || ps[0].Field != tc.field {
			t.Errorf("%s: problems %+v", name, ps)
		}
	}
}

func TestLetterheadImagesTravelThroughTheWritePath(t *testing.T) {
	s, err := data.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	logo, err := data.ReadImage(data.FieldLogo, pngOf(t, 30, 10, false))
	if err != nil {
		t.Fatal(err)
	}
	pr := data.Practice{Name: "Cabinet", Currency: "EUR", TimeZone: "Europe/Paris", Registration: " 10003456789 ",
		TaxNumber: "FR 12 345678901", Footer: "Sur rendez-vous", LogoID: logo.ID}
	mustUpdate(t, s, func(tx *data.Tx) error {
		if err := tx.SaveImage(logo); err != nil {
			return err
		}
		if err := tx.SaveImage(logo); err != nil { // stored once
			return err
		}
		return tx.Save(&pr)
	})
	ctx := context.Background()
	lh, err := s.Letterhead(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if lh.Registration != "10003456789" || lh.Footer != "Sur rendez-vous" || lh.Logo == nil || !bytes.Equal(lh.Logo.Data, logo.Data) || lh.Signature != nil {
		t.Errorf("letterhead read back as %+v", lh)
	}
	if n := queryInt(t, s.ReadDB(), `SELECT COUNT(*) FROM practice_images`); n != 1 {
		t.Errorf("%d images stored, want 1", n)
	}
	// Its bytes are in its creation, and in no other change.
	if n := queryInt(t, s.ReadDB(), `SELECT COUNT(*) FROM changes WHERE tbl = 'practice_images'
		AND (field = 'data' OR (field = '*' AND json_type(new, '$.data') IS NOT NULL))`); n != 1 {
		t.Errorf("%d change records of the image's bytes, want 1", n)
	}
	// The snapshot names the image; read back it has the same words.
	back, err := data.ParseLetterhead(lh.Snapshot())
	if err != nil {
		t.Fatal(err)
	}
	if back.LogoID != logo.ID || back.Name != "Cabinet" || back.Logo != nil {
		t.Errorf("snapshot read back as %+v", back)
	}
	// An image that does not match its fingerprint is refused.
	bad := logo
	bad.ID = "0000000000000000000000000000000000000000000000000000000000000000"
	err = s.Update(ctx, func(tx *data.Tx) error { return tx.SaveImage(bad) })
	wantCode(t, err, data.EInvalid)
}
