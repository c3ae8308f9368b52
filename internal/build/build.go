// Package build runs the whole pipeline — read, check, compose, lay out,
// write — and puts the PDF in place without ever damaging the previous one.
package build

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"

	"github.com/contrat-local-sante/cls/internal/chart"
	"github.com/contrat-local-sante/cls/internal/check"
	"github.com/contrat-local-sante/cls/internal/compose"
	"github.com/contrat-local-sante/cls/internal/config"
	"github.com/contrat-local-sante/cls/internal/diag"
	"github.com/contrat-local-sante/cls/internal/doc"
	"github.com/contrat-local-sante/cls/internal/fonts"
	"github.com/contrat-local-sante/cls/internal/layout"
	"github.com/contrat-local-sante/cls/internal/model"
	"github.com/contrat-local-sante/cls/internal/pdfwrite"
	"github.com/contrat-local-sante/cls/internal/source"
)

// Options select the inputs and the output.
type Options struct {
	Config    string            // path of cls.yaml
	Sources   string            // sources folder; from cls.yaml when empty
	Templates string            // templates folder; from cls.yaml when empty
	Out       string            // output PDF; from cls.yaml when empty
	Overrides map[string]string // configuration overrides, keyed like cls.yaml
}

// Result is a built contract.
type Result struct {
	Config   *config.Config
	Contract *model.Contract
	Document *doc.Document
	Layout   *layout.Result
	PDF      []byte
	SHA256   string
	Path     string // where the PDF was written, if it was
	Problems diag.List
}

// Load reads and checks the sources; it returns the problems found, with
// the model when the reading went far enough.
func Load(opt Options) (*config.Config, *fonts.Family, *model.Contract, diag.List, error) {
	cfg, err := config.Load(opt.Config, opt.Overrides)
	if err != nil {
		return nil, nil, nil, nil, err
	}
	fam, err := fonts.Load(cfg.Path(cfg.Polices.Dossier), cfg.Polices.Famille, fonts.Files{
		Regular: cfg.Polices.Regulier, Bold: cfg.Polices.Gras, Italic: cfg.Polices.Italique, BoldItalic: cfg.Polices.GrasItalique,
	})
	if err != nil {
		return cfg, nil, nil, nil, err
	}
	dirs := source.Dirs{Sources: cfg.Path(cfg.Sources), Templates: cfg.Path(cfg.Modeles)}
	if opt.Sources != "" {
		dirs.Sources = opt.Sources
	}
	if opt.Templates != "" {
		dirs.Templates = opt.Templates
	}
	c, probs := source.Read(cfg, dirs)
	probs = append(probs, check.Check(c)...)
	return cfg, fam, c, probs.Dedup(), nil
}

// Check reads, checks and composes the contract without laying it out:
// every problem of the workbooks, the templates and the configuration.
func Check(opt Options) (diag.List, error) {
	_, fam, c, probs, err := Load(opt)
	if err != nil {
		return nil, err
	}
	if probs.HasErrors() {
		return probs, nil
	}
	cf, err := chart.ParseFonts(fam.Faces[0], fam.Faces[doc.Bold])
	if err != nil {
		return nil, err
	}
	_, cprobs := compose.Compose(c, fonts.NewMeasurer(fam), cf)
	return append(probs, cprobs...).Dedup(), nil
}

// Make builds the PDF in memory.
func Make(opt Options) (*Result, error) {
	cfg, fam, c, probs, err := Load(opt)
	if err != nil {
		return nil, err
	}
	res := &Result{Config: cfg, Contract: c, Problems: probs}
	if probs.HasErrors() {
		return res, probs
	}
	m := fonts.NewMeasurer(fam)
	cf, err := chart.ParseFonts(fam.Faces[0], fam.Faces[doc.Bold])
	if err != nil {
		return res, err
	}
	d, cprobs := compose.Compose(c, m, cf)
	res.Problems = append(res.Problems, cprobs...)
	if cprobs.HasErrors() {
		return res, res.Problems
	}
	res.Document = d
	p := cfg.Papier
	g := layout.A4(p.Marges.Haut, p.Marges.Bas, p.Marges.Gauche, p.Marges.Droite, p.TailleTexte)
	lr, err := layout.Layout(d, g, layout.DefaultTheme(), m)
	if err != nil {
		return res, err
	}
	res.Layout = lr
	pdf, err := pdfwrite.Write(lr, pdfwrite.Options{Geometry: g, Family: fam, Meta: d.Meta})
	if err != nil {
		return res, err
	}
	res.PDF = pdf
	sum := sha256.Sum256(pdf)
	res.SHA256 = hex.EncodeToString(sum[:])
	return res, nil
}

// OutputPath is where the PDF goes: the --out flag, else cls.yaml's
// sortie.dossier/sortie.fichier.
func OutputPath(cfg *config.Config, out string) string {
	if out != "" {
		return out
	}
	return filepath.Join(cfg.Path(cfg.Sortie.Dossier), cfg.Sortie.Fichier)
}

// Build builds the contract and writes it. The PDF is written to a
// temporary file beside the target and renamed into place only once
// complete, so a failed build leaves the previous PDF untouched.
func Build(opt Options) (*Result, error) {
	res, err := Make(opt)
	if err != nil {
		return res, err
	}
	path := OutputPath(res.Config, opt.Out)
	if err := WriteAtomic(path, res.PDF); err != nil {
		return res, err
	}
	res.Path = path
	return res, nil
}

// WriteAtomic writes data to path through a temporary file and a rename.
func WriteAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("%s : dossier de sortie impossible à créer (%v) ; attendu un dossier accessible en écriture", dir, err)
	}
	tmp, err := os.CreateTemp(dir, ".cls-*.pdf.tmp")
	if err != nil {
		return fmt.Errorf("%s : impossible d'écrire dans le dossier de sortie (%v) ; attendu un dossier accessible en écriture", dir, err)
	}
	name := tmp.Name()
	defer os.Remove(name)
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("%s : écriture interrompue (%v)", name, err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("%s : écriture interrompue (%v)", name, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("%s : écriture interrompue (%v)", name, err)
	}
	if err := os.Chmod(name, 0o644); err != nil {
		return err
	}
	if err := os.Rename(name, path); err != nil {
		return fmt.Errorf("%s : impossible de remplacer le fichier (%v) ; est-il ouvert dans un autre programme ?", path, err)
	}
	return nil
}
