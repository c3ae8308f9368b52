package labels

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
)

// moduleRoot is the repository root, two folders up from this package.
const moduleRoot = "../.."

// keyLiterals returns every string literal of the program's Go code (not
// its tests) shaped like a labels key of a shipped section, with where it
// is written: the keys the code asks Get and Format for, directly or
// through a helper (countKey(n, "a.un", "a.plusieurs")).
func keyLiterals(t *testing.T, sections map[string]bool) map[string]string {
	t.Helper()
	shape := regexp.MustCompile(`^([a-z_]+)\.[a-z_0-9]+$`)
	found := map[string]string{}
	fset := token.NewFileSet()
	err := filepath.WalkDir(moduleRoot, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".") && path != moduleRoot) {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			s, err := strconv.Unquote(lit.Value)
			if err != nil {
				return true
			}
			if m := shape.FindStringSubmatch(s); m != nil && sections[m[1]] {
				found[s] = fset.Position(lit.Pos()).String()
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return found
}

// TestEveryKeyTheCodeAsksForIsShipped: a key missing from the shipped
// templates/libelles.yaml would print as « [cle] » in every contract; a
// shipped key nothing asks for would be a word the coordinator changes in
// vain.
func TestEveryKeyTheCodeAsksForIsShipped(t *testing.T) {
	d := Defaults()
	sections := map[string]bool{}
	for _, k := range d.Keys() {
		s, _, _ := strings.Cut(k, ".")
		sections[s] = true
	}
	used := keyLiterals(t, sections)
	var keys []string
	for k := range used {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if !d.Has(k) {
			t.Errorf("%s asks for the label %q, which templates/%s does not define", used[k], k, FileName)
		}
	}
	for _, k := range d.Keys() {
		if _, ok := used[k]; !ok {
			t.Errorf("templates/%s defines %q, which no Go code asks for", FileName, k)
		}
	}
	if len(used) < 50 {
		t.Errorf("only %d keys found in the code: the scan misses calls", len(used))
	}
}

// TestEveryKeyIsInTheGuide: docs/sources.md lists every key, with where it
// prints and its default, so that a coordinator finds the word to change.
func TestEveryKeyIsInTheGuide(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(moduleRoot, "docs", "sources.md"))
	if err != nil {
		t.Fatal(err)
	}
	guide := string(b)
	for _, k := range Defaults().Keys() {
		if !strings.Contains(guide, "`"+k+"`") {
			t.Errorf("docs/sources.md does not list the label `%s`", k)
		}
	}
}
