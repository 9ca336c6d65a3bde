package data

import (
	"strings"

	"frontdesk/data/i18n"
)

// The consent fields (FieldConsent is the three together, on the file).
const (
	FieldConsentLetters = "consent_letters"
	FieldConsentSMS     = "consent_sms"
	FieldConsentEmail   = "consent_email"
)

// demographicField is one field the demographics form edits: whether two
// patients differ in it, how to copy it, and how a message shows its
// value (an argument of the catalogue's texts).
type demographicField struct {
	name   string
	differ func(a, b *Patient) bool
	copy   func(dst, src *Patient)
	text   func(p *Patient) any
}

func demographic[T comparable](name string, at func(p *Patient) *T, text func(T) any) demographicField {
	return demographicField{
		name:   name,
		differ: func(a, b *Patient) bool { return *at(a) != *at(b) },
		copy:   func(dst, src *Patient) { *at(dst) = *at(src) },
		text:   func(p *Patient) any { return text(*at(p)) },
	}
}

func quotedText(s string) any {
	if s == "" {
		return i18n.Key("patient.value.empty")
	}
	return i18n.Msg("patient.value.quoted", "Text", clip(s))
}

func dateText(d Date) any {
	if d.IsZero() {
		return i18n.Key("patient.value.empty")
	}
	return d
}

func yesNo(b bool) any {
	if b {
		return i18n.Key("patient.value.yes")
	}
	return i18n.Key("patient.value.no")
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
		return NewError(EConflict, "patient.error.merged_away")
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
	parts := make([]i18n.Message, len(fields))
	for i, f := range fields {
		c.Fields = append(c.Fields, f.name)
		parts[i] = i18n.Msg("patient.error.changed_field", "Field", PatientLabel(f.name), "Now", f.text(&stored))
	}
	e := NewError(EConflict, "patient.error.changed_elsewhere", "Fields", parts)
	e.Err = c
	return e
}
