package source

import (
	"errors"
	"io/fs"
	"path/filepath"

	"github.com/contrat-local-sante/cls/internal/diag"
	"github.com/contrat-local-sante/cls/internal/labels"
	"github.com/contrat-local-sante/cls/internal/model"
	"github.com/contrat-local-sante/cls/internal/safefile"
	"github.com/contrat-local-sante/cls/internal/theme"
)

// readOverride reads name, an optional YAML file of the templates folder
// that refines the shipped one, carried in the program: its cleaned text
// and its path for messages, ok false when the territory has none (or it
// could not be read: then refused says so in probs). The file travels in
// the PDF with the other sources.
func readOverride(c *model.Contract, dir, name, refused string, g *glyphs, probs *diag.List) (text []byte, shown string, ok bool) {
	p := filepath.Join(dir, name)
	shown = displayPath(p)
	err := safefile.Inside(p, dir)
	var b []byte
	if err == nil {
		b, err = safefile.ReadFile(p, safefile.TextLimit)
	}
	if errors.Is(err, fs.ErrNotExist) {
		return nil, shown, false
	}
	if err != nil {
		probs.Errorf(shown, "", "", "%s : %s ; attendu un fichier texte YAML", refused, safefile.Describe(err))
		return nil, shown, false
	}
	c.SourceFiles = append(c.SourceFiles, model.SourceFile{Name: "templates/" + name, Content: b})
	return []byte(cleanTemplate(shown, string(b), g, probs)), shown, true
}

// readLabels reads templates/libelles.yaml over the shipped labels; a
// territory without the file prints the shipped words.
func readLabels(c *model.Contract, dir string, g *glyphs, probs *diag.List) {
	c.Labels = labels.Defaults()
	if text, shown, ok := readOverride(c, dir, labels.FileName, "libellés refusés", g, probs); ok {
		l, lp := labels.Parse(text, shown, labels.Defaults())
		*probs = append(*probs, lp...)
		c.Labels = l
	}
}

// readTheme reads templates/theme.yaml over the shipped theme; a territory
// without the file prints in the shipped colours and sizes.
func readTheme(c *model.Contract, dir string, g *glyphs, probs *diag.List) {
	c.Theme = theme.Defaults()
	if text, shown, ok := readOverride(c, dir, theme.FileName, "thème refusé", g, probs); ok {
		t, tp := theme.Parse(text, shown, theme.Defaults())
		*probs = append(*probs, tp...)
		c.Theme = t
	}
}
