package data

import (
	"context"
	"encoding/json"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"frontdesk/data/i18n"
)

// Search as you type. The index has three parts, each an ordered b-tree
// range per keystroke so that a search costs well under a millisecond on
// 100 000 patients:
//   - patients.name_key (folded "family given") and family_key: a prefix
//     of the family name, in name order, exact family names first;
//   - patient_search: every folded word of the family and given names
//     ('n') and the digits of each phone ('p'), kept by triggers from
//     patients.search_tokens; a query word is a prefix of some word;
//   - patients.birth_date and the unique chart_number.

// searchTokensJSON is the search_tokens column: the distinct folded words
// of the names and the digits of the phones, as a JSON array of
// "n:word" and "p:digits". The migration registers it as fd_search_tokens
// to backfill existing rows with this same code.
func searchTokensJSON(family, given, phone, phone2 string) string {
	seen := map[string]bool{}
	var toks []string
	add := func(t string) {
		if !seen[t] {
			seen[t] = true
			toks = append(toks, t)
		}
	}
	words := strings.Fields(Fold(family + " " + given))
	for _, w := range words {
		add("n:" + w)
	}
	// Ordered pairs of words at different places ("jean-jean" pairs
	// with itself), for queries of several words. A long name of many
	// words gives many pairs; eight words are plenty to find anyone.
	words = words[:min(len(words), maxPairWords)]
	for i, a := range words {
		for j, b := range words {
			if i != j {
				add("q:" + a + " " + b)
			}
		}
	}
	for _, ph := range []string{phone, phone2} {
		if d := Digits(ph); len(d) >= 3 {
			add("p:" + d)
		}
	}
	sort.Strings(toks)
	if toks == nil {
		return "[]"
	}
	b, _ := json.Marshal(toks)
	return string(b)
}

// maxPairWords bounds the name words that make pairs.
const maxPairWords = 8

// Kinds of search, as FindPatients understood the query.
const (
	SearchAll        = "all"        // nothing typed: patients in name order
	SearchName       = "name"       // words, each a prefix of a name word
	SearchPhone      = "phone"      // digits of a phone number
	SearchBirthDate  = "birth_date" // a date of birth in the practice's format
	SearchChart      = "chart"      // a chart number: A-000123, a123
	SearchUnfinished = "unfinished" // a date not finished, or not a date
)

// PatientSearch is the result of FindPatients: the hits and how the
// query was read, so that the list can say what it shows.
type PatientSearch struct {
	Kind string
	Hits []PatientHit
	// Hint explains an unfinished or impossible query in words
	// ("31/02/1980 is not a date: February 1980 has no day 31"): Why, in
	// English. The list writes Why in the desk's language.
	Hint string
	Why  i18n.Message
	// Date is the date of birth searched for (Kind SearchBirthDate).
	Date Date
}

// PatientHit is one line of the search list.
type PatientHit struct {
	ID           string
	ChartNumber  string
	FamilyName   string
	GivenName    string
	BirthDate    Date
	Phone        string
	DeceasedDate Date
	// NextDay and NextStart are the patient's next appointment that is
	// not cancelled, on the practice clock; NextDay is zero when none.
	NextDay   Date
	NextStart WallTime
}

// SortName is "FAMILY, Given".
func (h PatientHit) SortName() string {
	if h.GivenName == "" {
		return h.FamilyName
	}
	return h.FamilyName + ", " + h.GivenName
}

// SearchPatients returns up to limit patients matching what was typed:
// name words (each a prefix of a family or given name word, accents and
// case ignored, exact family names first, then family names that start
// with the query, then the rest, each in name order), a date of birth in
// the practice's format, a phone number by its digits, or a chart
// number. Merged duplicates are left out; the deceased are included.
func (s *Store) SearchPatients(ctx context.Context, query string, limit int) ([]PatientHit, error) {
	res, err := s.FindPatients(ctx, query, limit)
	return res.Hits, err
}

// FindPatients is SearchPatients with the reading of the query, for the
// search list's caption.
func (s *Store) FindPatients(ctx context.Context, query string, limit int) (PatientSearch, error) {
	if err := s.require(RightPatientsRead); err != nil {
		return PatientSearch{}, err
	}
	if limit <= 0 {
		limit = 50
	}
	limit = min(limit, 500)
	query = CleanText(query)
	if len([]rune(query)) > MaxName*2 {
		query = string([]rune(query)[:MaxName*2])
	}
	db := cached{s}
	df := DMY
	if looksLikeDate(query) {
		var f string
		if err := db.QueryRowContext(ctx, `SELECT date_format FROM practice WHERE deleted = 0 ORDER BY id LIMIT 1`).Scan(&f); err == nil {
			df = DateFormat(f)
		}
	}
	q := readQuery(query, df)
	res := PatientSearch{Kind: q.kind, Why: q.hint, Date: q.date}
	if q.hint.Key != "" {
		res.Hint = q.hint.Error()
	}
	var err error
	now := Now().Unix()
	switch q.kind {
	case SearchAll:
		res.Hits, err = scanHits(ctx, db, `SELECT `+hitColumns+` FROM patients p INDEXED BY patients_name_key
			WHERE p.deleted = 0 AND p.merged_into IS NULL ORDER BY p.name_key LIMIT ?`, now, limit)
	case SearchBirthDate:
		res.Hits, err = scanHits(ctx, db, `SELECT `+hitColumns+` FROM patients p
			WHERE p.birth_date = ? AND p.deleted = 0 AND p.merged_into IS NULL ORDER BY p.name_key LIMIT ?`, now, q.date, limit)
	case SearchChart:
		res.Hits, err = searchChart(ctx, db, q.chart, now, limit)
	case SearchPhone:
		res.Hits, err = scanHits(ctx, db, `SELECT `+hitColumns+` FROM
			(SELECT token AS tk, patient_id AS pid FROM patient_search WHERE kind = 'p' AND token >= ? AND token < ?
				ORDER BY token, name_key LIMIT ?) m
			CROSS JOIN patients p ON p.id = m.pid ORDER BY m.tk, p.name_key`, now, q.words[0], prefixEnd(q.words[0]), limit)
		res.Hits = dedupeHits(res.Hits)
	case SearchName:
		if len(q.words) == 1 {
			res.Hits, err = searchOneWord(ctx, db, q.words[0], now, limit)
		} else {
			res.Hits, err = searchWords(ctx, db, q.words, now, limit)
		}
	}
	return res, err
}

// hitColumns are the columns of a PatientHit; the first placeholder is
// the current Unix time, for the next appointment. Queries compute them
// only for the rows they return, never for candidates they sort.
const hitColumns = `p.id, p.chart_number, p.family_name, p.given_name, p.birth_date, p.phone, p.deceased_date,
	(SELECT a.start_local FROM appointments a WHERE a.patient_id = p.id AND a.start_utc > ?1
		AND a.status <> 'cancelled' AND a.deleted = 0 ORDER BY a.start_utc LIMIT 1)`

func scanHits(ctx context.Context, q querier, query string, args ...any) ([]PatientHit, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, sqlErr("searching patients", err)
	}
	defer rows.Close()
	var out []PatientHit
	for rows.Next() {
		var h PatientHit
		var next *string
		if err := rows.Scan(&h.ID, &h.ChartNumber, &h.FamilyName, &h.GivenName, &h.BirthDate, &h.Phone, &h.DeceasedDate, &next); err != nil {
			return nil, sqlErr("searching patients", err)
		}
		if next != nil {
			h.NextDay, h.NextStart, _ = parseLocalStamp(*next)
		}
		out = append(out, h)
	}
	return out, sqlErr("searching patients", rows.Err())
}

// dedupeHits drops repeated patients (one with two matching phones),
// keeping the first.
func dedupeHits(hits []PatientHit) []PatientHit {
	seen := map[string]bool{}
	out := hits[:0]
	for _, h := range hits {
		if !seen[h.ID] {
			seen[h.ID] = true
			out = append(out, h)
		}
	}
	return out
}

// searchOneWord ranks in three tiers, each an ordered index range that
// stops at the limit: the family name is the word; the family name starts
// with it; another name word starts with it.
func searchOneWord(ctx context.Context, db querier, w string, now int64, limit int) ([]PatientHit, error) {
	hits, err := scanHits(ctx, db, `SELECT `+hitColumns+` FROM patients p INDEXED BY patients_family_key
		WHERE p.family_key = ? AND p.deleted = 0 AND p.merged_into IS NULL ORDER BY p.name_key LIMIT ?`, now, w, limit)
	if err != nil || len(hits) >= limit {
		return hits, err
	}
	more, err := scanHits(ctx, db, `SELECT `+hitColumns+` FROM patients p INDEXED BY patients_name_key
		WHERE p.name_key >= ? AND p.name_key < ? AND p.family_key <> ? AND p.deleted = 0 AND p.merged_into IS NULL
		ORDER BY p.name_key LIMIT ?`, now, w, prefixEnd(w), w, limit-len(hits))
	if err != nil {
		return nil, err
	}
	hits = append(hits, more...)
	if len(hits) >= limit {
		return hits, nil
	}
	// The rest: a given name or a later family-name word starts with w;
	// those whose name_key starts with w were found above. The word's
	// range of the token index is sorted on its own (it holds the name
	// keys); the patients table is read for the rows shown only.
	more, err = scanHits(ctx, db, `SELECT `+hitColumns+` FROM
		(SELECT DISTINCT name_key AS nk, patient_id AS pid FROM patient_search
			WHERE kind = 'n' AND token >= ? AND token < ? AND NOT (name_key >= ? AND name_key < ?)
			ORDER BY nk, pid LIMIT ?) m
		CROSS JOIN patients p ON p.id = m.pid ORDER BY m.nk, m.pid`, now, w, prefixEnd(w), w, prefixEnd(w), limit-len(hits))
	if err != nil {
		return nil, err
	}
	return append(hits, more...), nil
}

// searchWords finds patients of whom every word is a prefix of some name
// word (of different name words for the two that drive). Two words
// drive through the pair index: pairs keyed by the first two letters of
// a name word starting with wa and a name word starting with wb form one
// range; the candidates are ranked on the index alone. Further words are
// looked up among each candidate's own tokens. Exact family names come
// first, then family names that start with the query as typed, then the
// rest, each in name order.
func searchWords(ctx context.Context, db querier, words []string, now int64, limit int) ([]PatientHit, error) {
	// wb: the longest word (the narrowest range); wa: the longest of the
	// others with two letters or more, whose first two letters key the
	// range.
	order := make([]int, len(words))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(i, j int) bool { return runeLen(words[order[i]]) > runeLen(words[order[j]]) })
	ib := order[0]
	ia := order[1]
	if runeLen(words[ib]) >= 2 && runeLen(words[ia]) < 2 {
		ia, ib = ib, ia // the one word of two letters or more must key the range
	}
	wa, wb := words[ia], words[ib]
	whole := strings.Join(words, " ")
	exact := append(append([]string{}, words...), whole)
	args := []any{now}
	for _, w := range exact {
		args = append(args, w)
	}
	args = append(args, whole, prefixEnd(whole))
	var where string
	if r := []rune(wa); len(r) >= 2 {
		where = `t.pfx = ? AND t.b >= ? AND t.b < ? AND t.a >= ? AND t.a < ?`
		args = append(args, string(r[:2]), wb, prefixEnd(wb), wa, prefixEnd(wa))
	} else {
		// Every word is one letter ("o'b" is "o b"): the pair range is
		// wide. Such a query is almost always the start of a family name
		// typed as written (O'Brien), which the name index finds in
		// order; the wide range is read only when that does not fill
		// the list.
		hits, err := scanHits(ctx, db, `SELECT `+hitColumns+` FROM patients p INDEXED BY patients_name_key
			WHERE p.name_key >= ? AND p.name_key < ? AND p.deleted = 0 AND p.merged_into IS NULL
			ORDER BY p.name_key LIMIT ?`, now, whole, prefixEnd(whole), limit)
		if err != nil || len(hits) >= limit {
			return hits, err
		}
		where = `t.pfx >= ? AND t.pfx < ? AND t.b >= ? AND t.b < ?`
		args = append(args, wa, prefixEnd(wa), wb, prefixEnd(wb))
	}
	var cond strings.Builder
	for i, w := range words {
		if i == ia || i == ib {
			continue
		}
		cond.WriteString(` AND EXISTS (SELECT 1 FROM patient_search u INDEXED BY patient_search_patient
			WHERE u.patient_id = t.patient_id AND u.kind = 'n' AND u.token >= ? AND u.token < ?)`)
		args = append(args, w, prefixEnd(w))
	}
	args = append(args, limit)
	q := `SELECT ` + hitColumns + ` FROM
		(SELECT DISTINCT CASE WHEN t.family_key IN (?` + strings.Repeat(", ?", len(exact)-1) + `) THEN 0
				WHEN t.name_key >= ? AND t.name_key < ? THEN 1 ELSE 2 END AS rk,
			t.name_key AS nk, t.patient_id AS pid
			FROM patient_pairs t WHERE ` + where + cond.String() + `
			ORDER BY rk, nk, pid LIMIT ?) m
		CROSS JOIN patients p ON p.id = m.pid ORDER BY m.rk, m.nk, m.pid`
	return scanHits(ctx, db, q, args...)
}

func runeLen(s string) int { return len([]rune(s)) }

// searchChart finds the chart number as typed in full ("a12" is
// A-000012) first, then those that start with what was typed.
func searchChart(ctx context.Context, db querier, c chartQuery, now int64, limit int) ([]PatientHit, error) {
	hits, err := scanHits(ctx, db, `SELECT `+hitColumns+` FROM patients p
		WHERE p.chart_number = ? AND p.deleted = 0 AND p.merged_into IS NULL`, now, c.full)
	if err != nil || c.prefix == c.full {
		return hits, err
	}
	more, err := scanHits(ctx, db, `SELECT `+hitColumns+` FROM patients p
		WHERE p.chart_number >= ? AND p.chart_number < ? AND p.chart_number <> ? AND p.deleted = 0 AND p.merged_into IS NULL
		ORDER BY p.chart_number LIMIT ?`, now, c.prefix, prefixEnd(c.prefix), c.full, limit-len(hits))
	return append(hits, more...), err
}

// prefixEnd returns the smallest string greater than every string that
// starts with prefix: the exclusive upper bound of a prefix range.
func prefixEnd(prefix string) string {
	return prefix + "\U0010FFFF"
}

// searchQuery is what readQuery made of the typed text.
type searchQuery struct {
	kind  string
	words []string // folded name words, or the phone digits
	date  Date
	chart chartQuery
	hint  i18n.Message
}

type chartQuery struct{ full, prefix string }

// looksLikeDate reports text that is digits with '/', '.' or '-' between
// them and nothing else: a date being typed.
func looksLikeDate(s string) bool {
	digits, seps := 0, 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == '/' || r == '.' || r == '-':
			seps++
		default:
			return false
		}
	}
	return digits > 0 && seps > 0 && !strings.ContainsAny(s[:1], "/.-")
}

// readQuery decides what the text is: a date of birth, a chart number, a
// phone number or name words. Names never hold digits, so digits mean a
// phone, a chart number (with its series letter) or a date.
func readQuery(s string, df DateFormat) searchQuery {
	s = strings.TrimSpace(s)
	if s == "" {
		return searchQuery{kind: SearchAll}
	}
	if c, ok := readChart(s); ok {
		return searchQuery{kind: SearchChart, chart: c}
	}
	if looksLikeDate(s) {
		seps := strings.Count(s, "/") + strings.Count(s, ".") + strings.Count(s, "-")
		// A phone written 06-12-34-56-78 has four separators; a date two.
		if seps == 2 {
			parts := strings.FieldsFunc(s, func(r rune) bool { return r == '/' || r == '.' || r == '-' })
			if len(parts) == 3 && (len(parts[0]) == 4 || len(parts[2]) == 4) {
				d, err := df.Parse(s)
				if err != nil {
					return searchQuery{kind: SearchUnfinished, hint: i18n.Msg("patients.search.hint.date", "Problem", err)}
				}
				return searchQuery{kind: SearchBirthDate, date: d}
			}
			if len(parts) == 3 && len(parts[2]) < 4 && len(parts[0]) <= 2 {
				return searchQuery{kind: SearchUnfinished, hint: i18n.Msg("patients.search.hint.year", "Example", df.BirthExample())}
			}
		} else if seps < 2 {
			return searchQuery{kind: SearchUnfinished, hint: i18n.Msg("patients.search.hint.whole_date", "Example", df.BirthExample())}
		}
	}
	if d := Digits(s); d != "" && isPhoneText(s) {
		if len(d) < 3 {
			return searchQuery{kind: SearchUnfinished, hint: i18n.Msg("patients.search.hint.phone")}
		}
		return searchQuery{kind: SearchPhone, words: []string{d}}
	}
	words := strings.Fields(Fold(s))
	if len(words) == 0 {
		// Only punctuation or emoji: nothing a name index can match.
		return searchQuery{kind: SearchUnfinished, hint: i18n.Msg("patients.search.hint.letters")}
	}
	if len(words) > 8 {
		words = words[:8]
	}
	return searchQuery{kind: SearchName, words: words}
}

// isPhoneText reports text made of what phone numbers are written with.
func isPhoneText(s string) bool {
	for _, r := range s {
		if !strings.ContainsRune("0123456789 +-./()", r) {
			return false
		}
	}
	return true
}

// readChart reads "A-000123", "a-123", "A123": one series letter, an
// optional dash, up to nine digits.
func readChart(s string) (chartQuery, bool) {
	r := []rune(s)
	if len(r) < 2 || r[0] > unicode.MaxASCII || !unicode.IsLetter(r[0]) {
		return chartQuery{}, false
	}
	rest := string(r[1:])
	dash := strings.HasPrefix(rest, "-")
	rest = strings.TrimPrefix(rest, "-")
	if rest == "" || len(rest) > 9 || !allDigits(rest) {
		return chartQuery{}, false
	}
	letter := strings.ToUpper(string(r[0]))
	n, _ := strconv.ParseInt(rest, 10, 64)
	c := chartQuery{full: ChartNumber(letter, n), prefix: letter + "-" + rest}
	if !dash && len(rest) < 6 {
		// "a12" means A-000012; the prefix reading is only for digits
		// typed with their leading zeros.
		c.prefix = c.full
	}
	return c, true
}
