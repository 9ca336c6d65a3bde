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

// TestEMLOfAnInvoiceReadsBack: the e-mail of an invoice names the
// practice as its sender (a name with accents and brackets), is marked
// unsent, and carries its text and the PDF intact.
func TestEMLOfAnInvoiceReadsBack(t *testing.T) {
	pdf := bytes.Repeat([]byte("%PDF-1.4 é\x00\xff"), 200)
	var buf bytes.Buffer
	err := WriteEML(&buf, Email{From: mail.Address{Name: "Cabinet des Tilleuls (démo)", Address: "accueil@tilleuls.example"},
		To: mail.Address{Address: "jean.dupont@example.org"}, Subject: "Facture n° A-2026-00042",
		Body: "Bonjour,\nVeuillez trouver ci-joint votre facture.\n", AttachmentName: "invoice-A-2026-00042.pdf",
		Attachment: pdf, Date: fixedTime, MessageID: "invoice-A-2026-00042@frontdesk"})
	if err != nil {
		t.Fatal(err)
	}
	msg, err := mail.ReadMessage(&buf)
	if err != nil {
		t.Fatal(err)
	}
	subject, _ := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
	from, err := msg.Header.AddressList("From")
	if err != nil || len(from) != 1 || from[0].Name != "Cabinet des Tilleuls (démo)" || from[0].Address != "accueil@tilleuls.example" {
		t.Errorf("from %v (%v): want the practice's name and address", from, err)
	}
	if subject != "Facture n° A-2026-00042" || msg.Header.Get("To") != "<jean.dupont@example.org>" || msg.Header.Get("X-Unsent") != "1" {
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
	b, _ := io.ReadAll(base64.NewDecoder(base64.StdEncoding, text))
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

// TestEMLWithoutAnAddressLeavesItToTheMailProgram: a practice or a
// patient without an e-mail address still gets the message, with no
// From or To header (not "<>" or "<@>", which do not parse) for the mail
// program to fill in.
func TestEMLWithoutAnAddressLeavesItToTheMailProgram(t *testing.T) {
	var buf bytes.Buffer
	err := WriteEML(&buf, Email{From: mail.Address{Name: "Cabinet des Tilleuls"}, To: mail.Address{Name: "Jean Dupont"}, Subject: "Facture", Body: "Bonjour", AttachmentName: "invoice.pdf",
		Attachment: []byte("%PDF-1.4"), Date: fixedTime, MessageID: "invoice-1@frontdesk"})
	if err != nil {
		t.Fatal(err)
	}
	msg, err := mail.ReadMessage(&buf)
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range []string{"From", "To"} {
		if v, ok := msg.Header[h]; ok {
			t.Errorf("%s: %q; want none without an address", h, v)
		}
	}
	if msg.Header.Get("X-Unsent") != "1" || msg.Header.Get("Subject") != "Facture" {
		t.Errorf("headers: %v", msg.Header)
	}
}
