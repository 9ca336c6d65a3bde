package reports

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/mail"
	"net/textproto"
	"strings"
	"time"
)

// Email is a message with one PDF attached, as the system's mail program
// opens it from a .eml file and sends it when the computer is online:
// Frontdesk needs no mail server of its own.
type Email struct {
	From, To       mail.Address
	Subject, Body  string
	AttachmentName string
	Attachment     []byte // the PDF
	Date           time.Time
	MessageID      string // without the angle brackets
}

// WriteEML writes m as an RFC 5322 message with a MIME multipart body
// (the text, then the PDF in base64). "X-Unsent: 1" makes mail programs
// that know it (Outlook, Thunderbird) open it as a draft ready to send.
func WriteEML(w io.Writer, m Email) error {
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	header := func(k, v string) { fmt.Fprintf(&b, "%s: %s\r\n", k, v) }
	from := m.From.String()
	if m.From.Address == "" {
		from = mime.QEncoding.Encode("utf-8", m.From.Name) + " <>"
	}
	header("From", from)
	header("To", m.To.String())
	header("Subject", mime.QEncoding.Encode("utf-8", m.Subject))
	header("Date", m.Date.Format(time.RFC1123Z))
	header("Message-ID", "<"+m.MessageID+">")
	header("MIME-Version", "1.0")
	header("X-Unsent", "1")
	header("Content-Type", "multipart/mixed; boundary="+mw.Boundary())
	b.WriteString("\r\n")

	text, err := mw.CreatePart(textproto.MIMEHeader{
		"Content-Type":              {"text/plain; charset=utf-8"},
		"Content-Transfer-Encoding": {"base64"},
	})
	if err != nil {
		return err
	}
	if err := writeBase64(text, []byte(strings.ReplaceAll(m.Body, "\n", "\r\n"))); err != nil {
		return err
	}
	name := mime.QEncoding.Encode("utf-8", m.AttachmentName)
	att, err := mw.CreatePart(textproto.MIMEHeader{
		"Content-Type":              {"application/pdf; name=\"" + name + "\""},
		"Content-Disposition":       {"attachment; filename=\"" + name + "\""},
		"Content-Transfer-Encoding": {"base64"},
	})
	if err != nil {
		return err
	}
	if err := writeBase64(att, m.Attachment); err != nil {
		return err
	}
	if err := mw.Close(); err != nil {
		return err
	}
	_, err = w.Write(b.Bytes())
	return err
}

// writeBase64 writes data in base64 lines of 76 characters (RFC 2045).
func writeBase64(w io.Writer, data []byte) error {
	enc := base64.StdEncoding.EncodeToString(data)
	for len(enc) > 76 {
		if _, err := io.WriteString(w, enc[:76]+"\r\n"); err != nil {
			return err
		}
		enc = enc[76:]
	}
	_, err := io.WriteString(w, enc+"\r\n")
	return err
}
