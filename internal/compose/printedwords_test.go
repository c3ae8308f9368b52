package compose

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// Where printed words could hide in Go: the packages that decide what the
// contract says (compose) and draw it (layout, chart).
var printedWordDirs = []string{".", "../layout", "../chart"}

// Files whose strings are never printed in the contract, with why.
var printedWordFiles = map[string]string{
	"templateerr.go":     "translates text/template's errors for the coordinator (French, by design)",
	"../layout/check.go": "the layout's self-check, for tests and developers",
}

// Strings that look French but are never printed: values read from the
// workbooks, compared to sort the evaluation indicators into columns.
var printedWordAllowed = map[string]bool{
	"processus": true, "résultats": true, "critère": true, "indicateur": true,
}

// Calls and types whose strings are messages to the coordinator, not
// printed words: French on purpose (internal/diag).
var messageCalls = map[string]bool{
	"Errorf": true, "New": true, "problemAt": true, "fail": true, "Warnf": true,
	"nounFunc": true, // nounFunc("de", …): a template function's name, for its errors
}

// Struct fields, tables and constants whose strings only error messages
// show: a statistic table's sheet name, the names template errors give
// types, the directive names an unknown directive's message lists.
var messageFields = map[string]bool{"Sheet": true, "Message": true, "typeNames": true, "annexDirectives": true}

var (
	accented   = regexp.MustCompile(`[àâäçéèêëîïôöùûüÿœæÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸŒÆ]`)
	capitalled = regexp.MustCompile(`(^|[^\pL])[A-Z][a-z]{2,}($|[^\pL])`)
	letters    = regexp.MustCompile(`\pL+`)
	labelKey   = regexp.MustCompile(`^[a-z_]+\.[a-z_0-9]+$`) // "fiche.porteur", asked of Labels
)

// frenchLinks are the short words that bind a French phrase: one alone in
// a string (« " du " ») is a piece of a printed sentence.
var frenchLinks = map[string]bool{
	"de": true, "du": true, "des": true, "le": true, "la": true, "les": true, "et": true,
	"en": true, "par": true, "pour": true, "sur": true, "au": true, "aux": true, "avec": true,
}

// looksPrinted tells whether a string literal reads like a French word or
// phrase: an accented letter, a capitalised word (« Code », « Axe  »),
// two words with a space (« oriente, valide »), or a binding word (« du »).
func looksPrinted(s string) bool {
	if accented.MatchString(s) || capitalled.MatchString(s) {
		return true
	}
	long := 0
	for _, w := range letters.FindAllString(s, -1) {
		if frenchLinks[strings.ToLower(w)] {
			return true
		}
		if len(w) >= 2 {
			long++
		}
	}
	return long >= 2 && strings.Contains(s, " ")
}

// TestNoPrintedWordInGo: every word the contract prints comes from the
// templates, the workbooks or templates/libelles.yaml, so that a territory
// changes any of them without a programmer. A French word in a Go string
// of these packages, outside an error message, is one a territory could
// not change.
func TestNoPrintedWordInGo(t *testing.T) {
	fset := token.NewFileSet()
	scanned := 0
	for _, dir := range printedWordDirs {
		files, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil {
			t.Fatal(err)
		}
		for _, path := range files {
			if strings.HasSuffix(path, "_test.go") || printedWordFiles[filepath.ToSlash(path)] != "" {
				continue
			}
			f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
			if err != nil {
				t.Fatal(err)
			}
			scanned++
			for _, lit := range printedLiterals(f) {
				s, _ := strconv.Unquote(lit.Value)
				if looksPrinted(s) && !printedWordAllowed[s] && !labelKey.MatchString(s) {
					t.Errorf("%s: printed word %s in Go; put it in templates/libelles.yaml (or a template) and read it with Labels.Get", fset.Position(lit.Pos()), lit.Value)
				}
			}
		}
	}
	if scanned < 10 {
		t.Fatalf("only %d files scanned", scanned)
	}
}

// printedLiterals returns the string literals of f outside error
// messages (the arguments of messageCalls, diag.Problem{…} literals,
// messageFields), map keys and switch cases (words looked up or
// compared, not printed).
func printedLiterals(f *ast.File) []*ast.BasicLit {
	var out []*ast.BasicLit
	var walk func(n ast.Node) bool
	walk = func(n ast.Node) bool {
		switch v := n.(type) {
		case *ast.CallExpr:
			if messageCalls[callName(v.Fun)] {
				return false
			}
		case *ast.CompositeLit:
			if name := callName(v.Type); name == "Problem" || name == "boundError" {
				return false
			}
		case *ast.KeyValueExpr:
			// a map key ("de": nounFunc…) is a name looked up, not printed
			if _, ok := v.Key.(*ast.BasicLit); ok || messageFields[callName(v.Key)] {
				if !messageFields[callName(v.Key)] {
					ast.Inspect(v.Value, walk)
				}
				return false
			}
		case *ast.ValueSpec:
			for _, n := range v.Names {
				if messageFields[n.Name] {
					return false
				}
			}
		case *ast.AssignStmt:
			for _, l := range v.Lhs {
				if ix, ok := l.(*ast.IndexExpr); ok && messageFields[callName(ix.X)] {
					return false
				}
			}
		case *ast.CaseClause:
			// case "saut-de-page": a word the coordinator types, compared
			for _, stmt := range v.Body {
				ast.Inspect(stmt, walk)
			}
			return false
		case *ast.BasicLit:
			if v.Kind == token.STRING {
				out = append(out, v)
			}
		}
		return true
	}
	ast.Inspect(f, walk)
	return out
}

// callName is the last name of a function or type expression: fmt.Errorf
// → Errorf, diag.Problem → Problem.
func callName(e ast.Expr) string {
	switch v := e.(type) {
	case *ast.Ident:
		return v.Name
	case *ast.SelectorExpr:
		return v.Sel.Name
	case *ast.IndexExpr:
		return callName(v.X)
	}
	return ""
}
