// Package pipeline runs the whole pipeline — read, check, compose, lay out,
// write — and puts the PDF in place without ever damaging the previous one.
package pipeline

import (
	"fmt"
	"path/filepath"

	"github.com/contrat-local-sante/cls/internal/chart"
	"github.com/contrat-local-sante/cls/internal/check"
	"github.com/contrat-local-sante/cls/internal/compose"
	"github.com/contrat-local-sante/cls/internal/config"
	"github.com/contrat-local-sante/cls/internal/diag"
	"github.com/contrat-local-sante/cls/internal/doc"
	"github.com/contrat-local-sante/cls/internal/embed"
	"github.com/contrat-local-sante/cls/internal/fonts"
	"github.com/contrat-local-sante/cls/internal/layout"
	"github.com/contrat-local-sante/cls/internal/model"
	"github.com/contrat-local-sante/cls/internal/pdfwrite"
	"github.com/contrat-local-sante/cls/internal/safefile"
	"github.com/contrat-local-sante/cls/internal/source"
	"github.com/contrat-local-sante/cls/internal/textnorm"
)

// Options select the inputs and the output.
type Options struct {
	Config    string // path of cls.yaml
	Sources   string // sources folder; from cls.yaml when empty
	Templates string // templates folder; from cls.yaml when empty
	Out       string // output PDF; from cls.yaml when empty
	Fonts     string // fonts folder; from cls.yaml when empty
	// EvaluationYear, when set, appends that year's evaluation annex to the
	// contract.
	EvaluationYear int
	Overrides      map[string]string // configuration overrides, keyed like cls.yaml
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
	fontsDir := cfg.Path(cfg.Polices.Dossier)
	if opt.Fonts != "" {
		fontsDir = opt.Fonts
	}
	fam, err := fonts.Load(fontsDir, cfg.Polices.Famille, fonts.Files{
		Regular: cfg.Polices.Regulier, Bold: cfg.Polices.Gras, Italic: cfg.Polices.Italique, BoldItalic: cfg.Polices.GrasItalique,
	})
	if err != nil {
		return cfg, nil, nil, nil, err
	}
	dirs := source.Dirs{Sources: cfg.Path(cfg.Sources), Templates: cfg.Path(cfg.Modeles), Drawable: fam.Covers}
	if opt.Sources != "" {
		dirs.Sources = opt.Sources
	}
	if opt.Templates != "" {
		dirs.Templates = opt.Templates
	}
	c, probs := source.Read(cfg, dirs)
	probs = append(probs, check.Check(c)...)
	probs = append(probs, cfg.Warnings...)
	probs = append(probs, cfg.CheckGlyphs(fam.Covers)...)
	return cfg, fam, c, probs.Dedup(), nil
}

// session is a loaded contract ready to compose: the shared first steps
// of every command that produces a document.
type session struct {
	cfg *config.Config
	fam *fonts.Family
	c   *model.Contract
	m   *fonts.Measurer
	cf  chart.Fonts
	res *Result
}

// start loads and checks the sources and prepares the fonts. When the
// sources have errors it returns them, with the result so far.
func start(opt Options) (*session, *Result, error) {
	cfg, fam, c, probs, err := Load(opt)
	if err != nil {
		return nil, nil, err
	}
	res := &Result{Config: cfg, Contract: c, Problems: probs}
	if probs.HasErrors() {
		return nil, res, probs
	}
	cf, err := chart.ParseFonts(fam.Faces[0], fam.Faces[doc.Bold])
	if err != nil {
		return nil, res, err
	}
	return &session{cfg: cfg, fam: fam, c: c, m: fonts.NewMeasurer(fam), cf: cf, res: res}, res, nil
}

// composed records the composition's problems; it reports errors.
func (s *session) composed(probs diag.List) error {
	s.res.Problems = append(s.res.Problems, probs...)
	if probs.HasErrors() {
		return s.res.Problems
	}
	return nil
}

// render lays the document out and writes the PDF in memory. Text the
// fonts cannot print is refused first (unprintable).
func (s *session) render(d *doc.Document, attach []pdfwrite.Attachment) error {
	if err := s.composed(unprintable(d, s.fam)); err != nil {
		return err
	}
	p := s.cfg.Papier
	g := layout.A4(p.Marges.Haut, p.Marges.Bas, p.Marges.Gauche, p.Marges.Droite, p.TailleTexte)
	lr, err := layout.Layout(d, g, layout.DefaultTheme(), s.m)
	if err != nil {
		return err
	}
	pdf, err := pdfwrite.Write(lr, pdfwrite.Options{Geometry: g, Family: s.fam, Meta: d.Meta, Attachments: attach})
	if err != nil {
		return err
	}
	s.res.Document, s.res.Layout, s.res.PDF, s.res.SHA256 = d, lr, pdf, embed.Sum(pdf)
	return nil
}

// Check reads, checks and composes the contract without laying it out:
// every problem of the workbooks, the templates and the configuration.
func Check(opt Options) (diag.List, error) {
	s, res, err := start(opt)
	if s == nil {
		if res != nil && res.Problems.HasErrors() {
			return res.Problems, nil
		}
		return nil, err
	}
	d, cprobs := compose.Compose(s.c, s.m, s.cf)
	probs := append(res.Problems, cprobs...)
	probs = append(probs, compose.CheckAvenant(s.c)...)
	probs = append(probs, unprintable(d, s.fam)...)
	probs = append(probs, outputProblems(opt, s.cfg)...)
	return probs.Dedup(), nil
}

// Make builds the PDF in memory.
func Make(opt Options) (*Result, error) {
	s, res, err := start(opt)
	if s == nil {
		return res, err
	}
	var d *doc.Document
	var cprobs diag.List
	if opt.EvaluationYear > 0 {
		evals, eprobs := source.ReadEvaluations(s.c, sourcesDir(opt, s.cfg), opt.EvaluationYear, s.fam.Covers)
		if err := s.composed(eprobs); err != nil {
			return res, err
		}
		d, cprobs = compose.ComposeWithEvaluation(s.c, evals, s.m, s.cf)
	} else {
		d, cprobs = compose.Compose(s.c, s.m, s.cf)
	}
	if err := s.composed(cprobs); err != nil {
		return res, err
	}
	files, err := embeddedSources(opt, s.cfg, s.c, s.fam)
	if err != nil {
		return res, err
	}
	var attach []pdfwrite.Attachment
	for _, f := range files {
		attach = append(attach, pdfwrite.Attachment{Name: f.Name, Content: f.Content})
	}
	return res, s.render(d, attach)
}

// embeddedSources are the files the PDF carries: cls.yaml, the workbooks,
// the templates and the logo, named relative to the territory folder, and
// a manifest with their hashes, the version and the fonts' hashes.
func embeddedSources(opt Options, cfg *config.Config, c *model.Contract, fam *fonts.Family) ([]embed.File, error) {
	yaml, err := safefile.ReadFile(opt.Config, safefile.TextLimit)
	if err != nil {
		return nil, fmt.Errorf("%s : %s ; attendu le fichier cls.yaml, pour le joindre au PDF", textnorm.Escape(opt.Config), safefile.Describe(err))
	}
	files := []embed.File{{Name: "cls.yaml", Content: yaml}}
	for _, f := range c.SourceFiles {
		files = append(files, embed.File{Name: f.Name, Content: f.Content})
	}
	if logo := cfg.Document.Logo; logo != "" && filepath.IsLocal(logo) {
		if b, err := safefile.ReadFile(cfg.Path(logo), safefile.ImageLimit); err == nil {
			files = append(files, embed.File{Name: filepath.ToSlash(filepath.Clean(logo)), Content: b})
		}
	}
	faces := map[string][]byte{}
	for st, path := range fam.Files {
		faces[filepath.Base(path)] = fam.Faces[st]
	}
	return embed.Bundle(files, c.Version(), faces)
}

// Build builds the contract and writes it. The PDF is written to a
// temporary file beside the target and renamed into place only once
// complete, so a failed build leaves the previous PDF untouched.
func Build(opt Options) (*Result, error) {
	res, err := Make(opt)
	if err != nil {
		return res, err
	}
	t, err := pdfTarget(opt, res.Config, opt.Out, "")
	if err != nil {
		return res, err
	}
	return res, save(res, t)
}

// Avenant builds avenant n as its own PDF and writes it to out. before,
// when set, names the sources before the avenant (the previous signed
// PDF, or a folder), needed when the avenant modifies fiches.
func Avenant(opt Options, n int, before, out string) (*Result, error) {
	s, res, err := start(opt)
	if s == nil {
		return res, err
	}
	t, err := explicitTarget(opt, s.cfg, out, before)
	if err != nil {
		return res, err
	}
	var old *model.Contract
	if before != "" {
		if old, err = ReadVersion(before); err != nil {
			return res, err
		}
	}
	d, cprobs := compose.ComposeAvenant(s.c, old, n, s.m, s.cf)
	if err := s.composed(cprobs); err != nil {
		return res, err
	}
	if err := s.render(d, nil); err != nil {
		return res, err
	}
	return res, save(res, t)
}

// sourcesDir is the sources folder a build reads.
func sourcesDir(opt Options, cfg *config.Config) string {
	if opt.Sources != "" {
		return opt.Sources
	}
	return cfg.Path(cfg.Sources)
}

// Evaluation builds the yearly evaluation annex of year as its own PDF.
func Evaluation(opt Options, year int, out string) (*Result, error) {
	s, res, err := start(opt)
	if s == nil {
		return res, err
	}
	t, err := explicitTarget(opt, s.cfg, out, "")
	if err != nil {
		return res, err
	}
	evals, eprobs := source.ReadEvaluations(s.c, sourcesDir(opt, s.cfg), year, s.fam.Covers)
	if err := s.composed(eprobs); err != nil {
		return res, err
	}
	d, cprobs := compose.ComposeEvaluation(s.c, evals, s.m, s.cf)
	if err := s.composed(cprobs); err != nil {
		return res, err
	}
	if err := s.render(d, nil); err != nil {
		return res, err
	}
	return res, save(res, t)
}
