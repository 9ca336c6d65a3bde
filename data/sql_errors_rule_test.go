package data_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestSQLErrorsNameTheirOperation keeps the rule of errors.go for later
// code: the package's SQL errors pass through sqlErr with the operation
// that failed, never through a bare mapSQLError (which leaves the log
// saying "the disk is full" without saying while doing what), and the
// operation is never left empty.
func TestSQLErrorsNameTheirOperation(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	checked := 0
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue // tests may classify an error without logging it
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, decl := range f.Decls {
			fn, ok := decl.(*ast.FuncDecl)
			if !ok || fn.Body == nil {
				continue
			}
			ast.Inspect(fn.Body, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok {
					return true
				}
				id, ok := call.Fun.(*ast.Ident)
				if !ok {
					return true
				}
				switch id.Name {
				case "mapSQLError":
					if fn.Name.Name != "sqlErr" {
						t.Errorf("%s: %s calls mapSQLError without naming the operation: use sqlErr(\"what was being done\", err)",
							fset.Position(call.Pos()), fn.Name.Name)
					}
				case "sqlErr", "WithOp":
					checked++
					if len(call.Args) != 2 {
						return true
					}
					if lit, ok := call.Args[0].(*ast.BasicLit); ok && lit.Kind == token.STRING {
						if s, _ := strconv.Unquote(lit.Value); strings.TrimSpace(s) == "" {
							t.Errorf("%s: %s names no operation", fset.Position(call.Pos()), id.Name)
						}
					}
				}
				return true
			})
		}
	}
	if checked < 100 {
		t.Errorf("found %d calls of sqlErr and WithOp, expected over a hundred: is the test reading the package?", checked)
	}
}
