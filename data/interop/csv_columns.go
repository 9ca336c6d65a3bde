package interop

import (
	"strings"
	"unicode"

	"frontdesk/data"
	"frontdesk/data/i18n"
)

// Target is what a column of the file holds: a field of the patient
// (data's Field names), a part of the postal address (joined into the
// patient's address), or nothing to import ("").
type Target string

// The targets that are not fields of the patient, and Skip.
const (
	Skip         Target = ""
	AddressLine2 Target = "address2"
	Postcode     Target = "postcode"
	City         Target = "city"
	Region       Target = "region"
	Country      Target = "country"
)

func field(f string) Target { return Target(f) }

// Targets lists what a column can hold, in the order a screen offers it.
var Targets = []Target{
	field(data.FieldFamilyName), field(data.FieldGivenName), field(data.FieldPreferredName),
	field(data.FieldSex), field(data.FieldGenderIdentity), field(data.FieldBirthDate), field(data.FieldDeceasedDate),
	field(data.FieldPhone), field(data.FieldPhone2), field(data.FieldEmail),
	field(data.FieldAddress), AddressLine2, Postcode, City, Region, Country,
	field(data.FieldEmergencyContact), field(data.FieldEmergencyPhone),
	field(data.FieldPayerName), field(data.FieldPayerNumber), field(data.FieldReferringDoctor),
	field(data.FieldLanguage), field(data.FieldNotes),
}

// partLabels name the targets that are not fields of the patient.
var partLabels = map[Target]i18n.Key{
	Skip:         "import.target.skip",
	AddressLine2: "import.target.address2",
	Postcode:     "import.target.postcode",
	City:         "import.target.city",
	Region:       "import.target.region",
	Country:      "import.target.country",
}

// Label is the catalogue's name of what a column holds.
func (t Target) Label() i18n.Key {
	if k, ok := partLabels[t]; ok {
		return k
	}
	return data.PatientLabel(string(t))
}

// headerWords are what the headers of spreadsheets and former practice
// programs call each target, in English, French and Spanish, as Fold
// writes them (lower case, no accents, punctuation as spaces).
var headerWords = map[Target][]string{
	field(data.FieldFamilyName): {"family name", "last name", "last", "surname", "name", "family",
		"nom", "nom de famille", "nom d usage", "nom de naissance", "nom patronymique",
		"apellido", "apellidos", "primer apellido"},
	field(data.FieldGivenName): {"given name", "first name", "first", "forename", "given", "christian name",
		"prenom", "prenoms", "nombre", "nombres", "nombre de pila"},
	field(data.FieldPreferredName): {"preferred name", "nickname", "known as", "called",
		"prenom usuel", "surnom", "nombre preferido", "apodo"},
	field(data.FieldSex):            {"sex", "gender", "sex at birth", "sexe", "genre", "sexo", "genero"},
	field(data.FieldGenderIdentity): {"gender identity", "identite de genre", "identidad de genero"},
	field(data.FieldBirthDate): {"birth date", "date of birth", "dob", "birthday", "born", "birth", "d o b",
		"date de naissance", "naissance", "ne le", "ne e le", "nee le", "ddn", "date naissance",
		"fecha de nacimiento", "fecha nacimiento", "nacimiento", "f nacimiento", "fec nac", "fecha nac"},
	field(data.FieldDeceasedDate): {"deceased", "deceased date", "date of death", "death date", "died", "dod", "death",
		"date deceased", "deces", "date de deces", "date deces", "decede", "decede le", "decede e le",
		"fecha de defuncion", "defuncion", "fallecimiento", "fecha de fallecimiento", "fallecido", "fecha fallecimiento"},
	field(data.FieldPhone): {"phone", "telephone", "tel", "phone number", "telephone number", "mobile", "mobile phone",
		"cell", "cell phone", "home phone", "portable", "tel portable", "telephone portable", "tel domicile",
		"telephone domicile", "numero de telephone", "gsm", "fixe", "tel fixe",
		"telefono", "movil", "celular", "telefono movil", "telefono fijo", "numero de telefono"},
	field(data.FieldPhone2): {"phone 2", "other phone", "work phone", "second phone", "alternate phone", "business phone",
		"telephone 2", "tel 2", "tel travail", "telephone professionnel", "autre telephone",
		"telefono 2", "otro telefono", "telefono trabajo"},
	field(data.FieldEmail): {"email", "e mail", "mail", "email address", "e mail address",
		"courriel", "adresse email", "adresse e mail", "adresse mail", "adresse electronique",
		"correo", "correo electronico", "email paciente"},
	field(data.FieldAddress): {"address", "address 1", "address line 1", "street", "street address", "home address",
		"adresse", "adresse 1", "adresse postale", "rue", "voie", "direccion", "direccion 1", "domicilio", "calle"},
	AddressLine2: {"address 2", "address line 2", "adresse 2", "complement d adresse", "complement adresse",
		"complement", "direccion 2"},
	Postcode: {"zip", "zip code", "postcode", "post code", "postal code", "code postal", "cp",
		"codigo postal", "cod postal"},
	City:    {"city", "town", "ville", "commune", "localite", "ciudad", "localidad", "poblacion", "municipio"},
	Region:  {"state", "province", "county", "region", "departement", "estado", "provincia"},
	Country: {"country", "pays", "pais"},
	field(data.FieldEmergencyContact): {"emergency contact", "next of kin", "contact d urgence", "personne a prevenir",
		"contacto de emergencia"},
	field(data.FieldEmergencyPhone): {"emergency phone", "telephone d urgence", "tel urgence", "telefono de emergencia"},
	field(data.FieldPayerName): {"insurer", "insurance", "insurance company", "payer", "health insurance",
		"mutuelle", "assurance", "caisse", "organisme", "aseguradora", "seguro", "mutua"},
	field(data.FieldPayerNumber): {"insurance number", "policy number", "member id", "member number", "insurance id",
		"numero de securite sociale", "n securite sociale", "securite sociale", "nir", "n ss", "numero ss", "num ss",
		"numero adherent", "n adherent", "numero de afiliacion", "numero de poliza", "nss", "numero seguridad social"},
	field(data.FieldReferringDoctor): {"referring doctor", "referring physician", "referrer", "gp", "family doctor",
		"medecin traitant", "medecin", "medico de cabecera", "medico", "medico remitente"},
	field(data.FieldLanguage): {"language", "preferred language", "langue", "idioma", "lengua"},
	field(data.FieldNotes): {"notes", "note", "comments", "comment", "remarks", "remarques", "commentaire",
		"commentaires", "observations", "notas", "observaciones", "comentarios"},
}

// headerIndex maps a header's compact form (headerKey) to its target.
var headerIndex = func() map[string]Target {
	m := map[string]Target{}
	for t, words := range headerWords {
		for _, w := range words {
			m[strings.ReplaceAll(w, " ", "")] = t
		}
	}
	return m
}()

// aroundWords are the words around a header's meaning that exports add:
// "Patient First Name", "PAT_DOB", "date de naissance du patient".
var aroundWords = map[string]bool{"patient": true, "pt": true, "pat": true, "client": true, "du": true,
	"de": true, "del": true, "paciente": true, "cliente": true, "the": true, "s": true, "1": true}

// headerTarget reads one header: camelCase split into words ("DateOfBirth"),
// folded, then the words around its meaning taken off one at a time
// until it is a known name.
func headerTarget(h string) Target {
	words := strings.Fields(data.Fold(splitCamel(h)))
	for len(words) > 0 {
		if t, ok := headerIndex[strings.Join(words, "")]; ok {
			return t
		}
		switch {
		case aroundWords[words[0]]:
			words = words[1:]
		case aroundWords[words[len(words)-1]]:
			words = words[:len(words)-1]
		default:
			return Skip
		}
	}
	return Skip
}

// splitCamel puts a space where a lower-case letter meets an upper-case
// one: "FirstName" → "First Name"; "DOB" stays.
func splitCamel(s string) string {
	var b strings.Builder
	var prev rune
	for _, r := range s {
		if unicode.IsUpper(r) && unicode.IsLower(prev) {
			b.WriteByte(' ')
		}
		b.WriteRune(r)
		prev = r
	}
	return b.String()
}

// GuessColumns guesses what each column holds from its header. A target
// goes to the first column that names it; a second phone column becomes
// the second phone, a second address column the address's second line,
// any other repeat is not imported.
func GuessColumns(header []string) []Target {
	out := make([]Target, len(header))
	taken := map[Target]bool{}
	for i, h := range header {
		t := headerTarget(h)
		if taken[t] {
			switch t {
			case field(data.FieldPhone):
				t = field(data.FieldPhone2)
			case field(data.FieldAddress):
				t = AddressLine2
			}
		}
		if t == Skip || taken[t] {
			continue
		}
		taken[t] = true
		out[i] = t
	}
	return out
}
