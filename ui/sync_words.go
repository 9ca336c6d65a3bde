package ui

import (
	"strings"
	"time"

	"frontdesk/data"
	"frontdesk/data/i18n"
)

// The words of the conflicts screen: a conflict as a sentence a
// secretary reads ("Phone of DUPONT, Marie: kept “07 22…”, written by
// computer B (laptop) on 30/11/2026 at 10:42; this computer wrote
// “06 11…” on …").

// conflictFields names the fields whose conflicts the screen words with
// the label their form gives them; any other is named by its column.
var conflictFields = map[string]map[string]i18n.Key{
	"patients": {
		"family_name":       "patient.field.family_name",
		"given_name":        "patient.field.given_name",
		"preferred_name":    "patient.field.preferred_name",
		"chart_number":      "patient.field.chart_number",
		"sex":               "patient.field.sex",
		"gender_identity":   "patient.field.gender_identity",
		"birth_date":        "patient.field.birth_date",
		"deceased_date":     "patient.field.deceased_date",
		"phone":             "patient.field.phone",
		"phone2":            "patient.field.phone",
		"email":             "patient.field.email",
		"address":           "patient.field.address",
		"emergency_contact": "patient.field.emergency_contact",
		"emergency_phone":   "patient.field.emergency_phone",
		"payer_name":        "patient.field.payer_name",
		"payer_number":      "patient.field.payer_number",
		"referring_doctor":  "patient.field.referring_doctor",
		"consent_letters":   "patient.field.consent_letters",
		"consent_sms":       "patient.field.consent_sms",
		"consent_email":     "patient.field.consent_email",
		"language":          "patient.field.language",
		"notes":             "patient.field.notes",
	},
	"appointments": {
		"practitioner_id": "appointment.field.practitioner",
		"patient_id":      "appointment.field.patient",
		"start_local":     "appointment.field.time",
		"end_local":       "appointment.field.time",
		"status":          "appointment.field.status",
		"notes":           "appointment.field.notes",
		"cancel_reason":   "appointment.field.cancel_reason",
	},
	"practitioners": {
		"display_name": "practitioner.field.name",
		"title":        "practitioner.field.title",
		"speciality":   "practitioner.field.speciality",
		"colour":       "practitioner.field.colour",
	},
	"users": {
		"full_name":     "user.field.full_name",
		"login":         "user.field.login",
		"role":          "user.field.role",
		"password_hash": "user.field.password",
	},
}

// conflictFieldName is a conflict's field in words.
func conflictFieldName(w words, table, field string) string {
	if k, ok := conflictFields[table][field]; ok {
		return w.T(k)
	}
	return w.T("conflicts.field", "Field", field)
}

// subjectName is whose row the conflict is about, in words.
func subjectName(w words, cf data.SyncConflict) string {
	switch {
	case cf.Table == "appointments" && !cf.Day.IsZero():
		return w.T("conflicts.subject.appointment", "Name", cf.Subject, "Date", cf.Day, "Time", cf.Start.String())
	case cf.Subject != "":
		return cf.Subject
	}
	return w.T("conflicts.subject.record")
}

// computerName names a device: this computer, or the other by its letter
// and name.
func computerName(w words, cd conflictsData, id string) string {
	if id == cd.me {
		return w.T("conflicts.this_computer")
	}
	if dv, ok := cd.devices[id]; ok {
		if dv.Name != "" {
			return w.T("conflicts.computer_named", "Letter", dv.Series, "Name", dv.Name)
		}
		return w.T("conflicts.computer", "Letter", dv.Series)
	}
	return w.T("conflicts.other_computer")
}

// atWords is a moment on the practice's clock: "30/11/2026 at 10:42".
func atWords(w words, pr data.Practice, t time.Time) string {
	t = t.In(pr.Location())
	return w.T("conflicts.at", "Date", data.DateOf(t), "Time", t.Format("15:04"))
}

// shortValue is a value as a button names it: cut after a few words.
func shortValue(w words, v string) string {
	if r := []rune(v); len(r) > 28 {
		return string(r[:27]) + "…"
	}
	return v
}

// conflictSentence is a conflict in words. A secret's values are never
// written: only that it changed on two computers and the newer was kept.
func conflictSentence(w words, pr data.Practice, cd conflictsData, cf data.SyncConflict) string {
	if cf.Secret {
		return w.T("conflicts.secret", "Field", conflictFieldName(w, cf.Table, cf.Field), "Subject", subjectName(w, cf),
			"KeptBy", computerName(w, cd, cf.KeptBy), "KeptAt", atWords(w, pr, cf.KeptAt))
	}
	return w.T("conflicts.sentence", "Field", conflictFieldName(w, cf.Table, cf.Field), "Subject", subjectName(w, cf),
		"Kept", valueWords(w, cf.Kept), "KeptBy", computerName(w, cd, cf.KeptBy), "KeptAt", atWords(w, pr, cf.KeptAt),
		"Lost", valueWords(w, cf.Lost), "LostBy", computerName(w, cd, cf.LostBy), "LostAt", atWords(w, pr, cf.LostAt))
}

// valueWords is a value in a sentence or on a button: in quotes, or
// "nothing". A short value (a phone number) is kept on one line.
func valueWords(w words, v string) string {
	if v == "" {
		return w.T("conflicts.empty")
	}
	if len([]rune(v)) <= 30 {
		v = strings.ReplaceAll(v, " ", "\u00a0")
	}
	return w.T("conflicts.quoted", "Value", v)
}
