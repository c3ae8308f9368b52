package source

import (
	"errors"
	"io/fs"
	"path/filepath"

	"github.com/contrat-local-sante/cls/internal/diag"
	"github.com/contrat-local-sante/cls/internal/labels"
	"github.com/contrat-local-sante/cls/internal/model"
	"github.com/contrat-local-sante/cls/internal/safefile"
)

// readLabels reads templates/libelles.yaml over the shipped labels; a
// territory without the file prints the shipped words.
func readLabels(c *model.Contract, dir string, g *glyphs, probs *diag.List) {
	c.Labels = labels.Defaults()
	p := filepath.Join(dir, labels.FileName)
	b, err := safefile.ReadFile(p, safefile.TextLimit)
	if errors.Is(err, fs.ErrNotExist) {
		return
	}
	if err != nil {
		probs.Errorf(displayPath(p), "", "", "libellés refusés : %s ; attendu un fichier texte YAML", safefile.Describe(err))
		return
	}
	text := cleanTemplate(displayPath(p), string(b), g, probs)
	l, lp := labels.Parse([]byte(text), displayPath(p), labels.Defaults())
	*probs = append(*probs, lp...)
	c.Labels = l
	c.SourceFiles = append(c.SourceFiles, model.SourceFile{Name: "templates/" + labels.FileName, Content: b})
}
