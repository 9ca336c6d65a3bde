package reports

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/textproto"
	"strings"
	"time"
)

// Mail is an e-mail with one attachment, written as a .eml file that the
// practice's mail program opens ready to send: Frontdesk itself sends
// nothing (it has no network).
type Mail struct {
	From, To   string
	Subject    string
	Body       string // plain text
	Attachment string // file name
	Data       []byte
	Date       time.Time
}

// WriteEML writes m as an RFC 5322 message: headers encoded for any
// language (RFC 2047), a plain text part and the attachment in base64,
// marked as not yet sent (X-Unsent) so that mail programs open it as a
// draft.
func WriteEML(w io.Writer, m Mail) error {
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	h := func(k, v string) string { return k + ": " + v + "\r\n" }
	var head strings.Builder
	head.WriteString(h("X-Unsent", "1"))
	if m.From != "" {
		head.WriteString(h("From", mime.QEncoding.Encode("utf-8", m.From)))
	}
	if m.To != "" {
		head.WriteString(h("To", m.To))
	}
	head.WriteString(h("Subject", mime.QEncoding.Encode("utf-8", m.Subject)))
	date := m.Date
	if date.IsZero() {
		date = time.Now()
	}
	head.WriteString(h("Date", date.Format(time.RFC1123Z)))
	head.WriteString(h("MIME-Version", "1.0"))
	head.WriteString(h("Content-Type", fmt.Sprintf("multipart/mixed; boundary=%q", mw.Boundary())))
	head.WriteString("\r\n")

	text, err := mw.CreatePart(textproto.MIMEHeader{
		"Content-Type":              {"text/plain; charset=utf-8"},
		"Content-Transfer-Encoding": {"quoted-printable"},
	})
	if err != nil {
		return err
	}
	if err := writeQuotedPrintable(text, m.Body); err != nil {
		return err
	}
	att, err := mw.CreatePart(textproto.MIMEHeader{
		"Content-Type":              {mime.FormatMediaType("application/pdf", map[string]string{"name": m.Attachment})},
		"Content-Disposition":       {mime.FormatMediaType("attachment", map[string]string{"filename": m.Attachment})},
		"Content-Transfer-Encoding": {"base64"},
	})
	if err != nil {
		return err
	}
	enc := base64.StdEncoding.EncodeToString(m.Data)
	for len(enc) > 76 {
		if _, err := io.WriteString(att, enc[:76]+"\r\n"); err != nil {
			return err
		}
		enc = enc[76:]
	}
	if _, err := io.WriteString(att, enc+"\r\n"); err != nil {
		return err
	}
	if err := mw.Close(); err != nil {
		return err
	}
	if _, err := io.WriteString(w, head.String()); err != nil {
		return err
	}
	_, err = w.Write(body.Bytes())
	return err
}

func writeQuotedPrintable(w io.Writer, s string) error {
	qp := quotedprintable.NewWriter(w)
	if _, err := io.WriteString(qp, strings.ReplaceAll(s, "\n", "\r\n")); err != nil {
		return err
	}
	return qp.Close()
}
