package ui

import (
	"frontdesk/data"
	"frontdesk/data/i18n"
)

// words are a language's words: the catalogue's texts (T, N), numbers,
// money and dates as that language writes them, dates in the practice's
// order.
type words struct{ *i18n.Localizer }

func newWords(l i18n.Lang, df data.DateFormat) words {
	return words{i18n.For(l).WithDateOrder(string(df))}
}

// englishWords speak for the forms until the desk has a language.
var englishWords = newWords(i18n.English, data.DMY)

// fieldProblems puts each problem under its field (data's Field names),
// in the words' language, several of one field on separate lines; a
// problem of no field is under "". nil when there are none.
func fieldProblems(w words, ps data.Problems) map[string]string {
	if len(ps) == 0 {
		return nil
	}
	problems := map[string]string{}
	for _, is := range ps {
		line := is.In(w.Localizer)
		if problems[is.Field] != "" {
			line = problems[is.Field] + "\n" + line
		}
		problems[is.Field] = line
	}
	return problems
}
