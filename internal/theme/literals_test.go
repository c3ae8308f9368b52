package theme

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// styleLiteral matches a colour written in Go (doc.Color{R: 31, …},
// drawing.Color{R: 31, …}) and a type size given to a printed role
// (Size: 9.5, p.Size = 12): those belong in templates/theme.yaml.
var styleLiteral = regexp.MustCompile(`Color\{R:\s*[0-9]|\bSize:\s*[0-9]|\.Size\s*=\s*[0-9]`)

// allowed are the lines where such a literal is not a style.
var allowed = map[string]string{}

// No colour and no type size of a printed role is written in Go outside
// this package: the theme is the one place a territory changes them.
func TestNoStyleLiteralInGo(t *testing.T) {
	root := filepath.Join("..", "..")
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			switch d.Name() {
			case ".git", "testdata", "theme", "output":
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for i, line := range strings.Split(string(b), "\n") {
			if strings.HasPrefix(strings.TrimSpace(line), "//") || !styleLiteral.MatchString(line) {
				continue
			}
			rel, _ := filepath.Rel(root, path)
			if _, ok := allowed[rel]; ok {
				continue
			}
			t.Errorf("%s:%d: a colour or a type size written in Go: %s\n\tput it in templates/theme.yaml and read it from the theme", rel, i+1, strings.TrimSpace(line))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
