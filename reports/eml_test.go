package reports

import (
	"bytes"
	"encoding/base64"
	"io"
	"mime"
	"mime/multipart"
	"net/mail"
	"strings"
	"testing"

	"frontdesk/data/i18n"
)

func TestEMLParsesBackWithItsPDFIntact(t *testing.T) {
	pdf := letterPDF(t, testLetter(t, i18n.French, "Zoé Lefèvre\n1 rue A", "Madame,\n\nVotre rendez-vous."))
	var buf bytes.Buffer
	err := WriteEML(&buf, Email{
		From: mail.Address{Name: "Cabinet des Tilleuls", Address: "accueil@tilleuls.example"},
		To:   mail.Address{Name: "Zoé Lefèvre", Address: "zoe@example.org"}, Subject: "Votre rendez-vous — confirmation",
		Body: "Madame,\nveuillez trouver ci-joint notre courrier.", AttachmentName: "courrier-A-000123.pdf", Attachment: pdf,
		Date: fixedTime, MessageID: "letter-1@frontdesk",
	})
	if err != nil {
		t.Fatal(err)
	}
	msg, err := mail.ReadMessage(&buf)
	if err != nil {
		t.Fatal(err)
	}
	dec := new(mime.WordDecoder)
	subject, _ := dec.DecodeHeader(msg.Header.Get("Subject"))
	to, err := msg.Header.AddressList("To")
	if err != nil || len(to) != 1 || to[0].Address != "zoe@example.org" || to[0].Name != "Zoé Lefèvre" || subject != "Votre rendez-vous — confirmation" {
		t.Fatalf("headers: to %v (%v), subject %q", to, err, subject)
	}
	mt, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil || mt != "multipart/mixed" {
		t.Fatalf("content type %q, %v", mt, err)
	}
	r := multipart.NewReader(msg.Body, params["boundary"])
	textPart, err := r.NextPart()
	if err != nil {
		t.Fatal(err)
	}
	text, _ := io.ReadAll(textPart) // the multipart reader decodes quoted-printable only
	if !strings.Contains(decodeB64(t, text), "veuillez trouver ci-joint") {
		t.Errorf("the text part reads %q", text)
	}
	att, err := r.NextPart()
	if err != nil {
		t.Fatal(err)
	}
	if att.FileName() != "courrier-A-000123.pdf" {
		t.Errorf("attachment named %q", att.FileName())
	}
	raw, _ := io.ReadAll(att)
	if got := decodeB64(t, raw); got != string(pdf) {
		t.Errorf("the attached PDF differs: %d bytes, want %d", len(got), len(pdf))
	}
	if _, err := r.NextPart(); err != io.EOF {
		t.Errorf("a third part: %v", err)
	}
}

func decodeB64(t *testing.T, b []byte) string {
	t.Helper()
	var out bytes.Buffer
	dec := base64Decoder(bytes.NewReader(b))
	if _, err := io.Copy(&out, dec); err != nil {
		t.Fatal(err)
	}
	return out.String()
}

func base64Decoder(r io.Reader) io.Reader {
	return base64.NewDecoder(base64.StdEncoding, newlineStripper{r})
}

// newlineStripper drops the line breaks of base64 text.
type newlineStripper struct{ r io.Reader }

func (n newlineStripper) Read(p []byte) (int, error) {
	k, err := n.r.Read(p)
	j := 0
	for _, c := range p[:k] {
		if c != '\r' && c != '\n' {
			p[j] = c
			j++
		}
	}
	return j, err
}
