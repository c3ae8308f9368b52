package pipeline

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/contrat-local-sante/cls/internal/config"
	"github.com/contrat-local-sante/cls/internal/source"
)

// Dirs are the folders a command reads and writes, resolved in one
// place so that every command agrees on them. A path cls.yaml names is
// taken from the territory folder (the folder of cls.yaml), whatever the
// current folder: `cls … --config OTHER/cls.yaml` reads and writes in
// OTHER. A flag (--sources, --templates, --fonts, --out) replaces the
// matching key and, as on any command line, is taken from the current
// folder.
type Dirs struct {
	Sources   string // the workbooks: --sources, else cls.yaml's sources
	Templates string // the prose templates: --templates, else modeles
	Fonts     string // the font files: --fonts, else polices.dossier
	Output    string // where outputs go by default: sortie.dossier
}

// Dirs resolves the folders of opt's command in the territory of cfg.
func (opt Options) Dirs(cfg *config.Config) Dirs {
	d := Dirs{
		Sources:   cfg.Path(cfg.Sources),
		Templates: cfg.Path(cfg.Modeles),
		Fonts:     cfg.Path(cfg.Polices.Dossier),
		Output:    cfg.Path(cfg.Sortie.Dossier),
	}
	if opt.Sources != "" {
		d.Sources = opt.Sources
	}
	if opt.Templates != "" {
		d.Templates = opt.Templates
	}
	if opt.Fonts != "" {
		d.Fonts = opt.Fonts
	}
	return d
}

// source is the part of d the source reader needs.
func (d Dirs) source(drawable func(rune) bool) source.Dirs {
	return source.Dirs{Sources: d.Sources, Templates: d.Templates, Drawable: drawable}
}

// EvaluationWorkbook is where the evaluation workbook of year is read,
// and where `cls evaluation template` writes it by default.
func (d Dirs) EvaluationWorkbook(year int) string {
	return filepath.Join(d.Sources, source.EvaluationDir, fmt.Sprintf("%d.xlsx", year))
}

// The default names of the documents other than the contract, written
// beside it in sortie.dossier. They start with the contract's file name
// (sortie.fichier without .pdf), so that a PDF sent on its own still says
// which contract it belongs to, and two territories' documents gathered
// in one folder do not collide. File names are not printed text: they
// are not in templates/libelles.yaml.
const (
	avenantName      = "%s-avenant-%d.pdf"
	evaluationName   = "%s-evaluation-%d.pdf"
	consolidatedName = "%s-avec-evaluation-%d.pdf"
)

// outputName is a default file name in sortie.dossier made from pattern
// and n: "CLS-Lisieux-Normandie-2025-2029-avenant-1.pdf".
func outputName(cfg *config.Config, pattern string, n int) string {
	f := cfg.Sortie.Fichier
	return fmt.Sprintf(pattern, strings.TrimSuffix(f, filepath.Ext(f)), n)
}
