package i18n_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"text/template/parse"

	"frontdesk/data/i18n"
)

// keyPattern is the naming rule: lower-case dotted words, at least two.
var keyPattern = regexp.MustCompile(`^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$`)

// TestCataloguesAreComplete checks the translation files against each
// other: every key of English in French and Spanish and no other, plural
// forms where English has them, and the same template arguments in
// every language, so that no translation drops or invents a value.
func TestCataloguesAreComplete(t *testing.T) {
	en := catalogue(t, i18n.English)
	for _, k := range i18n.SortedKeys(en) {
		if !keyPattern.MatchString(string(k)) {
			t.Errorf("key %q breaks the naming rule (lower-case dotted words)", k)
		}
		if e := en[k]; e.Plural && (e.One == "" || e.Other == "") {
			t.Errorf("en: %q needs both the one and the other form", k)
		}
	}
	for _, l := range []i18n.Lang{i18n.French, i18n.Spanish} {
		c := catalogue(t, l)
		for _, k := range i18n.SortedKeys(en) {
			e, ok := c[k]
			if !ok {
				t.Errorf("%s: %q is missing", l, k)
				continue
			}
			if e.Plural != en[k].Plural {
				t.Errorf("%s: %q has plural forms in one language and not in the other", l, k)
			}
			if e.Plural && (e.One == "" || e.Other == "") {
				t.Errorf("%s: %q needs both the one and the other form", l, k)
			}
			want, got := strings.Join(templateArgs(t, en[k]), ", "), strings.Join(templateArgs(t, e), ", ")
			if want != got {
				t.Errorf("%s: %q has the arguments [%s]; English has [%s]", l, k, got, want)
			}
		}
		for _, k := range i18n.SortedKeys(c) {
			if _, ok := en[k]; !ok {
				t.Errorf("%s: %q is not in English, the source", l, k)
			}
		}
	}
}

// TestCodeAndCatalogueAgree reads the program's Go source (tests left
// out) and checks the catalogue against what it uses: every key the code
// names is in English, every key of English is named somewhere, a key
// given to T, N, Msg, Report or NewError is a literal (or a value from a
// table of literals), never built by concatenation, N gets plural texts
// and T the others, and the argument names given are the template's.
func TestCodeAndCatalogueAgree(t *testing.T) {
	en := catalogue(t, i18n.English)
	groups := map[string]bool{}
	for k := range en {
		groups[strings.SplitN(string(k), ".", 2)[0]] = true
	}
	uses := collectUses(t, moduleRoot(t))
	named := map[i18n.Key]bool{}
	for _, lit := range uses.literals {
		k := i18n.Key(lit.value)
		if _, ok := en[k]; ok {
			named[k] = true
			continue
		}
		if keyPattern.MatchString(lit.value) && groups[strings.SplitN(lit.value, ".", 2)[0]] {
			t.Errorf("%s: %q looks like a key but is not in en.json", lit.pos, lit.value)
		}
	}
	for _, c := range uses.calls {
		if c.problem != "" {
			t.Errorf("%s: %s", c.pos, c.problem)
			continue
		}
		if c.key == "" {
			continue // a key from a table: the table's literals are checked above
		}
		e, ok := en[c.key]
		if !ok {
			t.Errorf("%s: %s(%q): the key is not in en.json", c.pos, c.fn, c.key)
			continue
		}
		if c.plural && !e.Plural {
			t.Errorf("%s: %s(%q): the text has no plural forms", c.pos, c.fn, c.key)
		} else if !c.plural && e.Plural && c.fn != "Key" {
			t.Errorf("%s: %s(%q): a text with plural forms needs N", c.pos, c.fn, c.key)
		}
		if c.args == nil {
			continue // arguments passed on from elsewhere (args...) or none checked
		}
		given := append([]string(nil), c.args...)
		if c.plural {
			given = append(given, "Count")
		}
		sort.Strings(given)
		if got, want := strings.Join(given, ", "), strings.Join(templateArgs(t, e), ", "); got != want {
			t.Errorf("%s: %s(%q) gives [%s]; the text uses [%s]", c.pos, c.fn, c.key, got, want)
		}
	}
	for _, k := range i18n.SortedKeys(en) {
		if !named[k] {
			t.Errorf("%q is in en.json but no code uses it", k)
		}
	}
}

func catalogue(t *testing.T, l i18n.Lang) map[i18n.Key]i18n.Entry {
	t.Helper()
	c, err := i18n.Catalogue(l)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// templateArgs lists the arguments ({{.Name}}) a text uses, in every
// form, sorted.
func templateArgs(t *testing.T, e i18n.Entry) []string {
	t.Helper()
	set := map[string]bool{}
	for _, src := range []string{e.One, e.Other} {
		trees, err := parse.Parse("text", src, "{{", "}}")
		if err != nil {
			t.Errorf("%q does not parse: %v", src, err)
			continue
		}
		for _, tr := range trees {
			fields(tr.Root, set)
		}
	}
	var out []string
	for n := range set {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

func fields(n parse.Node, set map[string]bool) {
	switch x := n.(type) {
	case *parse.ListNode:
		if x == nil {
			return
		}
		for _, c := range x.Nodes {
			fields(c, set)
		}
	case *parse.ActionNode:
		fields(x.Pipe, set)
	case *parse.PipeNode:
		for _, c := range x.Cmds {
			for _, a := range c.Args {
				fields(a, set)
			}
		}
	case *parse.FieldNode:
		set[strings.Join(x.Ident, ".")] = true
	case *parse.IfNode:
		fields(x.Pipe, set)
		fields(x.List, set)
		fields(x.ElseList, set)
	}
}

// moduleRoot is the folder of go.mod, above this package.
func moduleRoot(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("go.mod not found above the test")
		}
		dir = parent
	}
}

type literal struct {
	pos   token.Position
	value string
}

// use is one call that takes a key: T, N, Msg, MsgN, Key(…), Report,
// NewError.
type use struct {
	pos     token.Position
	fn      string
	key     i18n.Key // "" when the key is not a literal
	plural  bool
	args    []string // the literal argument names; nil when not all are known
	problem string
}

type uses struct {
	literals []literal
	calls    []use
}

// keyCalls are the functions that take a key: where it is among their
// arguments, where the name, value pairs start, and whether the text is
// plural.
var keyCalls = map[string]struct {
	key, pairs int
	plural     bool
}{
	"T": {0, 1, false}, "N": {0, 2, true}, "Msg": {0, 1, false}, "MsgN": {0, 2, true},
	"Key": {0, -1, false}, "Report": {1, 2, false}, "NewError": {1, 2, false},
}

func collectUses(t *testing.T, root string) uses {
	t.Helper()
	var u uses
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && path != root && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata" || d.Name() == "out") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch x := n.(type) {
			case *ast.BasicLit:
				if x.Kind == token.STRING {
					if s, err := strconv.Unquote(x.Value); err == nil {
						u.literals = append(u.literals, literal{fset.Position(x.Pos()), s})
					}
				}
			case *ast.CallExpr:
				if c, ok := keyUse(fset, x); ok {
					u.calls = append(u.calls, c)
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(u.calls) == 0 {
		t.Fatal("no call of T or N found: the walk missed the source")
	}
	return u
}

func keyUse(fset *token.FileSet, call *ast.CallExpr) (use, bool) {
	var name string
	switch f := call.Fun.(type) {
	case *ast.Ident:
		name = f.Name
	case *ast.SelectorExpr:
		name = f.Sel.Name
	}
	kc, ok := keyCalls[name]
	if !ok || len(call.Args) <= kc.key {
		return use{}, false
	}
	u := use{pos: fset.Position(call.Pos()), fn: name, plural: kc.plural}
	switch k := call.Args[kc.key].(type) {
	case *ast.BasicLit:
		if k.Kind != token.STRING {
			return use{}, false
		}
		s, _ := strconv.Unquote(k.Value)
		u.key = i18n.Key(s)
	case *ast.BinaryExpr:
		u.problem = name + ": a key built by joining strings; write each key whole, as a literal"
		return u, true
	default:
		return u, true // a key from a variable or a table
	}
	if kc.pairs < 0 || call.Ellipsis.IsValid() {
		return u, true
	}
	pairs := call.Args[min(kc.pairs, len(call.Args)):]
	if len(pairs)%2 != 0 {
		u.problem = name + "(" + strconv.Quote(string(u.key)) + "): arguments must come as name, value pairs"
		return u, true
	}
	u.args = []string{}
	for i := 0; i < len(pairs); i += 2 {
		lit, ok := pairs[i].(*ast.BasicLit)
		if !ok || lit.Kind != token.STRING {
			u.args = nil
			return u, true
		}
		s, _ := strconv.Unquote(lit.Value)
		u.args = append(u.args, s)
	}
	return u, true
}
