package data

import (
	"fmt"
	"strings"
)

// Names of the consent fields, as forms and messages call them.
const (
	FieldConsentLetters = "Agreed to receive letters"
	FieldConsentSMS     = "Agreed to receive text messages"
	FieldConsentEmail   = "Agreed to receive emails"
)

// demographicField is one field the demographics form edits: whether two
// patients differ in it, how to copy it, and how a message shows it.
type demographicField struct {
	name   string
	differ func(a, b *Patient) bool
	copy   func(dst, src *Patient)
	text   func(p *Patient) string
}

func demographic[T comparable](name string, at func(p *Patient) *T, text func(T) string) demographicField {
	return demographicField{
		name:   name,
		differ: func(a, b *Patient) bool { return *at(a) != *at(b) },
		copy:   func(dst, src *Patient) { *at(dst) = *at(src) },
		text:   func(p *Patient) string { return text(*at(p)) },
	}
}

func quotedText(s string) string {
	if s == "" {
		return "empty"
	}
	return "“" + clip(s) + "”"
}

func dateText(d Date) string {
	if d.IsZero() {
		return "empty"
	}
	return d.String()
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// demographicFields are the fields SaveDemographics saves; the chart
// number and the merge link are not among them.
var demographicFields = []demographicField{
	demographic(FieldFamilyName, func(p *Patient) *string { return &p.FamilyName }, quotedText),
	demographic(FieldGivenName, func(p *Patient) *string { return &p.GivenName }, quotedText),
	demographic(FieldPreferredName, func(p *Patient) *string { return &p.PreferredName }, quotedText),
	demographic(FieldSex, func(p *Patient) *string { return &p.Sex }, quotedText),
	demographic(FieldGenderIdentity, func(p *Patient) *string { return &p.GenderIdentity }, quotedText),
	demographic(FieldBirthDate, func(p *Patient) *Date { return &p.BirthDate }, dateText),
	demographic(FieldDeceasedDate, func(p *Patient) *Date { return &p.DeceasedDate }, dateText),
	demographic(FieldPhone, func(p *Patient) *string { return &p.Phone }, quotedText),
	demographic(FieldPhone2, func(p *Patient) *string { return &p.Phone2 }, quotedText),
	demographic(FieldEmail, func(p *Patient) *string { return &p.Email }, quotedText),
	demographic(FieldAddress, func(p *Patient) *string { return &p.Address }, quotedText),
	demographic(FieldLanguage, func(p *Patient) *string { return &p.Language }, quotedText),
	demographic(FieldEmergencyContact, func(p *Patient) *string { return &p.EmergencyContact }, quotedText),
	demographic(FieldEmergencyPhone, func(p *Patient) *string { return &p.EmergencyPhone }, quotedText),
	demographic(FieldPayerName, func(p *Patient) *string { return &p.PayerName }, quotedText),
	demographic(FieldPayerNumber, func(p *Patient) *string { return &p.PayerNumber }, quotedText),
	demographic(FieldReferringDoctor, func(p *Patient) *string { return &p.ReferringDoctor }, quotedText),
	demographic(FieldNotes, func(p *Patient) *string { return &p.Notes }, quotedText),
	demographic(FieldConsentLetters, func(p *Patient) *bool { return &p.ConsentLetters }, yesNo),
	demographic(FieldConsentSMS, func(p *Patient) *bool { return &p.ConsentSMS }, yesNo),
	demographic(FieldConsentEmail, func(p *Patient) *bool { return &p.ConsentEmail }, yesNo),
}

// DemographicsConflict is the cause of an EConflict from SaveDemographics:
// fields the form changed were changed elsewhere too, to something else,
// since the form was filled. Stored is the patient as stored now, for the
// form to show it again with the typed changes kept.
type DemographicsConflict struct {
	Fields []string // names, in the form's order
	Stored Patient
}

func (c *DemographicsConflict) Error() string {
	return "changed elsewhere meanwhile: " + strings.Join(c.Fields, ", ")
}

// SaveDemographics saves what the demographics form changed: the fields
// where pt differs from loaded, the patient as the form was filled with
// it. Fields the form left alone keep their stored value, so a phone
// number changed elsewhere meanwhile is not put back by an e-mail-only
// save; the chart number and the merge link are never the form's. A
// field changed here that was also changed elsewhere, to another value,
// is not overwritten: nothing is saved, and the EConflict error names
// each such field with its stored value (its cause is a
// *DemographicsConflict). A patient without an ID is created. pt is
// updated to the saved patient.
func (tx *Tx) SaveDemographics(loaded Patient, pt *Patient) error {
	if pt.ID == "" {
		return tx.CreatePatient(pt)
	}
	if err := pt.Validate(); err != nil {
		return err
	}
	cur, err := loadPatient(tx.ctx, tx.tx, pt.ID)
	if err != nil {
		return err
	}
	if cur.MergedInto != "" {
		return Errorf(EConflict, "This file was merged into another one; edit the other file instead.")
	}
	next := cur
	var clash []demographicField
	for _, f := range demographicFields {
		if !f.differ(pt, &loaded) {
			continue // not changed by this form
		}
		if f.differ(&cur, &loaded) && f.differ(&cur, pt) {
			clash = append(clash, f)
			continue
		}
		f.copy(&next, pt)
	}
	if len(clash) > 0 {
		return demographicsConflict(clash, cur)
	}
	if err := tx.Save(&next); err != nil {
		return err
	}
	*pt = next
	return nil
}

func demographicsConflict(fields []demographicField, stored Patient) error {
	c := &DemographicsConflict{Stored: stored}
	parts := make([]string, len(fields))
	for i, f := range fields {
		c.Fields = append(c.Fields, f.name)
		parts[i] = fmt.Sprintf("%s (now %s)", f.name, f.text(&stored))
	}
	return &Error{Code: EConflict, Err: c,
		Message: "Changed elsewhere while this form was open: " + strings.Join(parts, ", ") + ". Nothing was saved."}
}
