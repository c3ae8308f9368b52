package source

import (
	"errors"
	"io/fs"
	"path/filepath"

	"github.com/contrat-local-sante/cls/internal/diag"
	"github.com/contrat-local-sante/cls/internal/model"
	"github.com/contrat-local-sante/cls/internal/safefile"
	"github.com/contrat-local-sante/cls/internal/theme"
)

// readTheme reads templates/theme.yaml over the shipped theme; a territory
// without the file prints in the shipped colours and sizes.
func readTheme(c *model.Contract, dir string, g *glyphs, probs *diag.List) {
	c.Theme = theme.Defaults()
	p := filepath.Join(dir, theme.FileName)
	b, err := safefile.ReadFile(p, safefile.TextLimit)
	if errors.Is(err, fs.ErrNotExist) {
		return
	}
	if err != nil {
		probs.Errorf(displayPath(p), "", "", "thème refusé : %s ; attendu un fichier texte YAML", safefile.Describe(err))
		return
	}
	text := cleanTemplate(displayPath(p), string(b), g, probs)
	t, tp := theme.Parse([]byte(text), displayPath(p), theme.Defaults())
	*probs = append(*probs, tp...)
	c.Theme = t
	c.SourceFiles = append(c.SourceFiles, model.SourceFile{Name: "templates/" + theme.FileName, Content: b})
}
