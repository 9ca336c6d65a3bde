package data

import "frontdesk/data/i18n"

// # Who may see and do what: the guide
//
// Every person at the desk signs in as a User with one Role; the store
// then acts for them (Store.SignIn, Store.ActAs) and names them in the
// audit log. What a role may do is the table roleRights below, and
// nothing else: one place, read by the store and the screens alike.
//
//	data.Can(actor, data.RightClinicalRead)  // the screens: show or hide
//	s.Actor()                                 // who the store acts for
//
// The store enforces the same rights itself, so a screen that forgets a
// check shows an error, never hidden data:
//
//   - reads: a read function of data that returns what a right guards
//     starts with s.require(ctx, RightX) (or s.requirePatient for what
//     "break the glass" may open), which returns an EForbidden error;
//     LoadPatientFile leaves out what the actor may not see and says so
//     in PatientFile.Hidden;
//   - writes: Tx.Save and Tx.Delete look the record's table up in
//     tableRights and refuse the change (EForbidden) without the right.
//     A table missing from tableRights may be written by administrators
//     only: a new table of practice data is added there (the test
//     TestEveryTableHasAWriteRight fails until it is).
//
// A new screen (letters, billing) picks the right that guards its data
// (or adds one below, with its role column in roleRights), checks
// data.Can to show or hide, and calls s.require in its read functions.
// Hidden means hidden everywhere: on the screens, in search results,
// in PDFs and in exports.
//
// "Break the glass": a user without RightClinicalRead may open the
// clinical part of one patient's file after typing a reason
// (Store.BreakGlass); it is audited (action "break_glass") and lasts
// until that user signs out.
//
// The command line acts as the operating-system user who owns the data
// folder, with an administrator's rights (whoever can read the folder
// can read the database file itself), audited as "os:NAME".

// Role is what a user does at the practice.
type Role string

// The roles of DESIGN §4.
const (
	RolePractitioner Role = "practitioner"
	RoleSecretary    Role = "secretary"
	RoleBilling      Role = "billing"
	RoleAdmin        Role = "admin"
)

// Roles lists the roles in the order the screens offer them.
var Roles = []Role{RoleSecretary, RolePractitioner, RoleBilling, RoleAdmin}

// Valid reports whether r is one of Roles.
func (r Role) Valid() bool {
	_, ok := roleRights[r]
	return ok
}

// Right is one thing a role may do.
type Right string

// The rights. A read right guards what the store returns; a write right
// guards the tables of tableRights.
const (
	// RightPatientsRead: demographics, search, a patient's appointments,
	// the calendar, the waiting room and the call lists.
	RightPatientsRead Right = "patients_read"
	// RightPatientsWrite: create and edit demographics, merge duplicates.
	RightPatientsWrite Right = "patients_write"
	// RightAllergiesRead: the allergy banner and list.
	RightAllergiesRead Right = "allergies_read"
	// RightClinicalRead: notes, vital signs, problems, medications and
	// attachments.
	RightClinicalRead Right = "clinical_read"
	// RightClinicalWrite: record and withdraw clinical data, allergies too.
	RightClinicalWrite Right = "clinical_write"
	// RightBook: book, move, cancel; arrivals; waitlist, recalls, days off.
	RightBook Right = "book"
	// RightBilling: invoices, payments and the Reports screen.
	RightBilling Right = "billing"
	// RightLetters: letters, their templates and the call log. Letters
	// carry clinical content (a referral's reason, the medications) and
	// calls often do, so billing, who sees invoices and not notes, has
	// not this right.
	RightLetters Right = "letters"
	// RightSettings: the practice, its practitioners and appointment types.
	RightSettings Right = "settings"
	// RightUsers: users, their roles and passwords, the lock time.
	RightUsers Right = "users"
	// RightAudit: the audit screen and its export.
	RightAudit Right = "audit"
	// RightExport: bulk exports of every patient or appointment.
	RightExport Right = "export"
)

// roleRights is the role → rights table. Administrators have every
// right: in a small practice the administrator is often the doctor.
var roleRights = map[Role][]Right{
	RolePractitioner: {RightPatientsRead, RightPatientsWrite, RightAllergiesRead, RightClinicalRead, RightClinicalWrite,
		RightBook, RightBilling, RightLetters},
	RoleSecretary: {RightPatientsRead, RightPatientsWrite, RightAllergiesRead, RightBook, RightBilling, RightLetters},
	RoleBilling:   {RightPatientsRead, RightBilling},
	RoleAdmin: {RightPatientsRead, RightPatientsWrite, RightAllergiesRead, RightClinicalRead, RightClinicalWrite,
		RightBook, RightBilling, RightLetters, RightSettings, RightUsers, RightAudit, RightExport},
}

// Grantable are the rights an administrator may give a user beyond
// their role: a secretary who files letters may be granted the clinical
// records ("unless granted", DESIGN §4).
var Grantable = []Right{RightClinicalRead}

// tableRights is the right that writing each table of practice data
// needs (Tx.Save, Tx.Delete, Snapshot.Insert). A table missing here may
// be written by administrators only.
var tableRights = map[string]Right{
	"patients":           RightPatientsWrite,
	"patient_merges":     RightPatientsWrite,
	"appointments":       RightBook,
	"appointment_series": RightBook,
	"waitlist":           RightBook,
	"recalls":            RightBook,
	"days_off":           RightBook,
	"allergies":          RightClinicalWrite,
	"medications":        RightClinicalWrite,
	"problems":           RightClinicalWrite,
	"vital_signs":        RightClinicalWrite,
	"clinical_notes":     RightClinicalWrite,
	"attachments":        RightClinicalWrite,
	"practice":           RightSettings,
	"practitioners":      RightSettings,
	"working_hours":      RightSettings,
	"appointment_types":  RightSettings,
	"devices":            RightSettings,
	"backup_keys":        RightSettings,
	"users":              RightUsers,
	"practice_images":    RightSettings,
	"tax_rates":          RightSettings,
	"fee_items":          RightSettings,
	"billing_settings":   RightSettings,
	"invoices":           RightBilling,
	"invoice_lines":      RightBilling,
	"payments":           RightBilling,
	// Correspondence: whoever may read letters and calls writes them
	// (billing may not). What a letter merges from the clinical lists is
	// guarded by the reads themselves.
	"letters":          RightLetters,
	"letter_templates": RightLetters,
	"calls":            RightLetters,
}

// RoleRights returns the rights of a role, for the screens that list them.
func RoleRights(r Role) []Right { return append([]Right(nil), roleRights[r]...) }

// Can reports whether a may do what r guards: by its role, or by a
// right granted to it.
func Can(a Actor, r Right) bool {
	for _, have := range roleRights[a.Role] {
		if have == r {
			return true
		}
	}
	for _, g := range a.Grants {
		if g == r {
			return true
		}
	}
	return false
}

// mayWrite reports whether a may write table.
func mayWrite(a Actor, table string) bool {
	r, ok := tableRights[table]
	if !ok {
		return a.Role == RoleAdmin
	}
	return Can(a, r)
}

// forbidden is the error of an action the actor's rights do not allow.
func forbidden(r Right) error {
	return NewError(EForbidden, "access.forbidden", "Right", RightLabel(r))
}

// RightLabel is the catalogue's name of a right ("the clinical records").
func RightLabel(r Right) i18n.Key { return rightLabels[r] }

// RoleLabel is the catalogue's name of a role.
func RoleLabel(r Role) i18n.Key { return roleLabels[r] }

var roleLabels = map[Role]i18n.Key{
	RolePractitioner: "access.role.practitioner",
	RoleSecretary:    "access.role.secretary",
	RoleBilling:      "access.role.billing",
	RoleAdmin:        "access.role.admin",
}

// rightLabels name the rights for people.
var rightLabels = map[Right]i18n.Key{
	RightPatientsRead:  "access.right.patients_read",
	RightPatientsWrite: "access.right.patients_write",
	RightAllergiesRead: "access.right.allergies_read",
	RightClinicalRead:  "access.right.clinical_read",
	RightClinicalWrite: "access.right.clinical_write",
	RightBook:          "access.right.book",
	RightBilling:       "access.right.billing",
	RightLetters:       "access.right.letters",
	RightSettings:      "access.right.settings",
	RightUsers:         "access.right.users",
	RightAudit:         "access.right.audit",
	RightExport:        "access.right.export",
}
