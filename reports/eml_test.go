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
)

func TestEMLReadsBackWithItsAttachment(t *testing.T) {
	pdf := bytes.Repeat([]byte("%PDF-1.4 é\x00\xff"), 200)
	var buf bytes.Buffer
	err := WriteEML(&buf, Mail{From: "Cabinet des Tilleuls <accueil@tilleuls.example>", To: "jean.dupont@example.org",
		Subject: "Facture n° A-2026-00042", Body: "Bonjour,\nVeuillez trouver ci-joint votre facture.\n", Attachment: "invoice-A-2026-00042.pdf",
		Data: pdf, Date: fixedTime})
	if err != nil {
		t.Fatal(err)
	}
	msg, err := mail.ReadMessage(&buf)
	if err != nil {
		t.Fatal(err)
	}
	subject, _ := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
	if subject != "Facture n° A-2026-00042" || msg.Header.Get("To") != "jean.dupont@example.org" || msg.Header.Get("X-Unsent") != "1" {
		t.Errorf("headers: %v (subject %q)", msg.Header, subject)
	}
	_, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil {
		t.Fatal(err)
	}
	mr := multipart.NewReader(msg.Body, params["boundary"])
	text, err := mr.NextPart()
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(text)
	if !strings.Contains(string(b), "Veuillez trouver ci-joint votre facture.") {
		t.Errorf("body: %q", b)
	}
	att, err := mr.NextPart()
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(base64.NewDecoder(base64.StdEncoding, att))
	if att.FileName() != "invoice-A-2026-00042.pdf" || !bytes.Equal(got, pdf) {
		t.Errorf("attachment %q: %d bytes back of %d", att.FileName(), len(got), len(pdf))
	}
}
