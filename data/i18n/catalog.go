package i18n

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"sort"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"

	"frontdesk/assets"
)

// Key names one text of the catalogue: dotted, stable, grouped by screen
// ("patients.column.birth_date"). Keys are written as literals in the
// code (see doc.go) so that a test can check the catalogue against them.
type Key string

// catalogDir is where the translation files live in assets.
const catalogDir = "translations"

// bundle holds every language's texts, loaded once from assets; it is
// only read after that, by any number of goroutines.
var bundle = mustLoad(assets.Translations)

func mustLoad(fsys fs.FS) *goi18n.Bundle {
	b, err := load(fsys)
	if err != nil {
		// The files are compiled in: a broken one is a bug the tests
		// catch, not something a person can act on.
		panic(err)
	}
	return b
}

// load reads en.json, fr.json and es.json. A plural text without the
// "many" form (a million, in French and Spanish) uses its "other" form,
// as the languages themselves do for every number a desk meets.
func load(fsys fs.FS) (*goi18n.Bundle, error) {
	b := goi18n.NewBundle(language.English)
	b.RegisterUnmarshalFunc("json", json.Unmarshal)
	for _, l := range Langs {
		name := catalogDir + "/" + string(l) + ".json"
		raw, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("i18n: %w", err)
		}
		f, err := b.ParseMessageFileBytes(raw, name)
		if err != nil {
			return nil, fmt.Errorf("i18n: %s: %w", name, err)
		}
		var many []*goi18n.Message
		for _, m := range f.Messages {
			if m.One != "" && m.Many == "" {
				c := *m
				c.Many = m.Other
				many = append(many, &c)
			}
		}
		if err := b.AddMessages(l.tag(), many...); err != nil {
			return nil, fmt.Errorf("i18n: %s: %w", name, err)
		}
	}
	return b, nil
}

// Entry is one text of a language's file, as written there: Other alone
// for a plain text, One and Other for a text with plural forms.
type Entry struct {
	One, Other string
	Plural     bool
}

// Catalogue returns the texts of one language's file by key, as written
// (for the completeness tests and tools, not for showing).
func Catalogue(l Lang) (map[Key]Entry, error) {
	raw, err := fs.ReadFile(assets.Translations, catalogDir+"/"+string(l)+".json")
	if err != nil {
		return nil, err
	}
	var top map[string]json.RawMessage
	if err := json.Unmarshal(raw, &top); err != nil {
		return nil, fmt.Errorf("%s.json: %w", l, err)
	}
	out := make(map[Key]Entry, len(top))
	for k, v := range top {
		var s string
		if json.Unmarshal(v, &s) == nil {
			out[Key(k)] = Entry{Other: s}
			continue
		}
		var forms map[string]string
		if err := json.Unmarshal(v, &forms); err != nil {
			return nil, fmt.Errorf("%s.json: %q is neither a text nor plural forms", l, k)
		}
		for f := range forms {
			if f != "one" && f != "other" && f != "many" {
				return nil, fmt.Errorf("%s.json: %q has the plural form %q; use one, other (and many)", l, k, f)
			}
		}
		out[Key(k)] = Entry{One: forms["one"], Other: forms["other"], Plural: true}
	}
	return out, nil
}

// SortedKeys returns the keys of a catalogue in order.
func SortedKeys(c map[Key]Entry) []Key {
	keys := make([]Key, 0, len(c))
	for k := range c {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	return keys
}
