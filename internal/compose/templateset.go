package compose

import (
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	cls "github.com/contrat-local-sante/cls"
	"github.com/contrat-local-sante/cls/internal/model"
)

// templateSet returns the files of a template set — the Markdown files
// directly in templates/DIR (« avenant »), in file-name order, which make
// a document of their own. A territory that has any takes them all; one
// that has none gets the shipped set carried in the program, so that its
// avenant prints the shipped wording until it writes its own.
func templateSet(c *model.Contract, dir string) []model.Template {
	prefix := dir + "/"
	var own []model.Template
	for name, t := range c.TemplateFiles {
		if rest, ok := strings.CutPrefix(name, prefix); ok && !strings.Contains(rest, "/") {
			own = append(own, t)
		}
	}
	if len(own) > 0 {
		sort.Slice(own, func(i, j int) bool { return own[i].Name < own[j].Name })
		return own
	}
	return shippedSet(dir)
}

// shippedSet is the set DIR as the program carries it (package cls).
func shippedSet(dir string) []model.Template {
	root := path.Join("templates", dir)
	entries, err := fs.ReadDir(cls.Defaults, root)
	if err != nil {
		panic(fmt.Errorf("compose: no %s in the program: %w", root, err))
	}
	var out []model.Template
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".md") {
			continue
		}
		b, err := fs.ReadFile(cls.Defaults, path.Join(root, e.Name()))
		if err != nil {
			panic(fmt.Errorf("compose: %w", err))
		}
		out = append(out, model.Template{
			Name: dir + "/" + e.Name(),
			Path: path.Join(root, e.Name()), // where the coordinator would copy it
			Text: string(b),
		})
	}
	return out
}
