// Package pipeline runs the whole pipeline — read, check, compose, lay out,
// write — and puts the PDF in place without ever damaging the previous one.
package pipeline

import (
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
	"github.com/contrat-local-sante/cls/internal/parallel"
	"github.com/contrat-local-sante/cls/internal/pdfwrite"
	"github.com/contrat-local-sante/cls/internal/safefile"
	"github.com/contrat-local-sante/cls/internal/source"
	"github.com/contrat-local-sante/cls/internal/textnorm"
)

// Options select the inputs and the output. Their paths are the command
// line's: taken from the current folder. When one is empty, the path
// comes from cls.yaml and is taken from the territory folder (see Dirs).
type Options struct {
	Config    string // path of cls.yaml
	Sources   string // sources folder; from cls.yaml when empty
	Templates string // templates folder; from cls.yaml when empty
	Out       string // the contract's PDF; from cls.yaml when empty
	Fonts     string // fonts folder; from cls.yaml when empty
	// EvaluationYear, when set, appends that year's evaluation annex to the
	// contract.
	EvaluationYear int
	Overrides      map[string]string // configuration overrides, keyed like cls.yaml
	// ReleasePages lets the layout drop each page's items once the
	// writer has them (layout.Stream), the largest part of a long
	// contract's memory: Result.Layout then keeps the pages, their count
	// and everything else, but not what they draw.
	ReleasePages bool

	cache *caches // what a Rebuilder keeps between builds; nil for one build
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

// Loaded is a territory read and checked: its configuration, its
// folders, its fonts and its model, with every problem found. The model
// may be partial when Problems has errors.
type Loaded struct {
	Config   *config.Config
	Dirs     Dirs
	Fonts    *fonts.Family
	Contract *model.Contract
	Problems diag.List

	// draft is the PDF writer's document, prepared with the fonts while
	// the sources are checked and composed (pdfwrite.Prepare). A face
	// fpdf cannot read is its error: the writer's, or Check's
	draft *pdfwrite.Draft
}

// Load reads and checks the sources. The error is for what stops the
// reading early (cls.yaml, the fonts); problems of the workbooks and
// templates, errors included, are in Problems.
func Load(opt Options) (*Loaded, error) {
	cfg, err := config.Load(opt.Config, opt.Overrides)
	if err != nil {
		return nil, err
	}
	dirs := opt.Dirs(cfg)
	fam, err := opt.cache.loadFonts(dirs.Fonts, cfg.Polices.Famille, fonts.Files{
		Regular: cfg.Polices.Regulier, Bold: cfg.Polices.Gras, Italic: cfg.Polices.Italique, BoldItalic: cfg.Polices.GrasItalique,
	})
	if err != nil {
		return nil, err
	}
	sd := dirs.source(fam.Covers)
	sd.Cache = opt.cache.workbooks(fam)
	c, probs := source.Read(cfg, sd)
	// fpdf parses the faces for the writer on another goroutine. Started
	// once the workbooks are read, which keeps both cores busy, it runs
	// beside the checks, the composition and the layout, which use one
	draft := opt.cache.draft(geometry(cfg), fam)
	// figures are drawn at the column's width, which the paper sets
	c.Theme = c.Theme.WithColumn(geometry(cfg).Width())
	probs = append(probs, check.Check(c)...)
	probs = append(probs, cfg.Warnings...)
	probs = append(probs, cfg.CheckGlyphs(fam.Covers)...)
	return &Loaded{Config: cfg, Dirs: dirs, Fonts: fam, Contract: c, Problems: probs.Dedup(), draft: draft}, nil
}

// session is a loaded contract ready to compose: the shared first steps
// of every command that produces a document, and the result it fills.
type session struct {
	*Loaded
	opt Options
	m   *fonts.Measurer
	cf  chart.Fonts
	res *Result
}

// start loads and checks the sources and prepares the fonts. When the
// sources have errors it returns them (a diag.List) with the session, so
// that the result so far, and its warnings, can be reported; it returns
// no session when cls.yaml or the fonts could not be read.
func start(opt Options) (*session, error) {
	l, err := Load(opt)
	if err != nil {
		return nil, err
	}
	s := &session{Loaded: l, opt: opt, res: &Result{Config: l.Config, Contract: l.Contract, Problems: l.Problems}}
	if l.Problems.HasErrors() {
		return s, l.Problems
	}
	if s.cf, err = opt.cache.chartFonts(l.Fonts); err != nil {
		return s, err
	}
	s.m = fonts.NewMeasurer(l.Fonts)
	return s, nil
}

// result is the result so far of s, which may be nil.
func (s *session) result() *Result {
	if s == nil {
		return nil
	}
	return s.res
}

// composed records the composition's problems; it reports errors.
func (s *session) composed(probs diag.List) error {
	s.res.Problems = append(s.res.Problems, probs...)
	if probs.HasErrors() {
		return s.res.Problems
	}
	return nil
}

// render lays the document out and writes the PDF in memory, with the
// sources attached when asked (attachments). Text the fonts cannot print
// is refused (unprintable) before any layout error is reported; the
// check and the attachments are made beside the layout, which reads the
// document as they do.
func (s *session) render(d *doc.Document, withSources bool) error {
	g := geometry(s.Config)
	var (
		lr     *layout.Result
		lerr   error
		bad    diag.List
		attach []pdfwrite.Attachment
		attErr error
	)
	// the writer draws each page as soon as it is laid out
	w := pdfwrite.NewWriter(pdfwrite.Options{Geometry: g, Family: s.Fonts, Meta: d.Meta, Draft: s.draft, Deflated: s.opt.cache.streams()})
	defer w.Close() // the layout failed, or panicked: stop the drawing
	parallel.Each(2, func(i int) bool {
		if i == 0 {
			lr, lerr = layout.Stream(d, g, s.Contract.Theme, s.m, w, s.opt.ReleasePages)
			return true
		}
		bad = unprintable(d, s.Fonts)
		if withSources && !bad.HasErrors() {
			attach, attErr = s.attachments()
		}
		return true
	})
	err := s.composed(bad)
	if err == nil {
		err = attErr
	}
	if err == nil {
		err = lerr
	}
	if err != nil {
		return err
	}
	pdf, err := w.Finish(lr, attach)
	if err != nil {
		return err
	}
	s.res.Document, s.res.Layout, s.res.PDF, s.res.SHA256 = d, lr, pdf, embed.Sum(pdf)
	return nil
}

// geometry is the page format cls.yaml's papier describes.
func geometry(cfg *config.Config) layout.Geometry {
	p := cfg.Papier
	return layout.A4(p.Marges.Haut, p.Marges.Bas, p.Marges.Gauche, p.Marges.Droite, p.TailleTexte)
}

// write renders d, a document that carries no sources (an avenant, an
// annex), and saves it at t.
func (s *session) write(d *doc.Document, t target) (*Result, error) {
	if err := s.render(d, false); err != nil {
		return s.res, err
	}
	return s.res, save(s.res, t)
}

// evaluations reads the evaluation workbooks up to year.
func (s *session) evaluations(year int) ([]model.Evaluation, error) {
	evals, probs := source.ReadEvaluations(s.Contract, s.Dirs.Sources, year, s.Fonts.Covers)
	return evals, s.composed(probs)
}

// Check reads, checks and composes the contract without laying it out:
// every problem of the workbooks, the templates and the configuration.
// The error is for what stops the reading early (cls.yaml, the fonts).
func Check(opt Options) (diag.List, error) {
	s, err := start(opt)
	if err != nil {
		if s != nil && s.Problems.HasErrors() {
			return s.Problems, nil
		}
		return nil, err
	}
	d, cprobs := compose.Compose(s.Contract, s.m, s.cf)
	// a face fpdf cannot read stops a build as the fonts' other errors do
	if err := s.draft.Err(); err != nil {
		return nil, err
	}
	probs := append(s.res.Problems, cprobs...)
	probs = append(probs, compose.CheckAvenant(s.Contract)...)
	probs = append(probs, unprintable(d, s.Fonts)...)
	probs = append(probs, outputProblems(opt, s.Config)...)
	return probs.Dedup(), nil
}

// Make builds the PDF in memory: the contract, followed by the evaluation
// annex of opt.EvaluationYear when it is set.
func Make(opt Options) (*Result, error) {
	s, err := start(opt)
	if err != nil {
		return s.result(), err
	}
	return s.res, s.make()
}

// make composes the contract and renders it with its attachments.
func (s *session) make() error {
	d, err := s.contract()
	if err != nil {
		return err
	}
	return s.render(d, true)
}

// contract composes the contract, with the evaluation annex asked for.
func (s *session) contract() (*doc.Document, error) {
	if year := s.opt.EvaluationYear; year > 0 {
		evals, err := s.evaluations(year)
		if err != nil {
			return nil, err
		}
		d, probs := compose.ComposeWithEvaluation(s.Contract, evals, s.m, s.cf)
		return d, s.composed(probs)
	}
	d, probs := compose.Compose(s.Contract, s.m, s.cf)
	return d, s.composed(probs)
}

// attachments are the files the PDF carries: cls.yaml, the workbooks,
// the templates and the logo, named relative to the territory folder, and
// a manifest with their hashes, the version and the fonts' hashes.
func (s *session) attachments() ([]pdfwrite.Attachment, error) {
	yaml, err := safefile.ReadFile(s.opt.Config, safefile.TextLimit)
	if err != nil {
		return nil, wrapf(err, "%s : %s ; attendu le fichier cls.yaml, pour le joindre au PDF", textnorm.Escape(s.opt.Config), safefile.Describe(err))
	}
	files := []embed.File{{Name: "cls.yaml", Content: yaml}}
	for _, f := range s.Contract.SourceFiles {
		files = append(files, embed.File{Name: f.Name, Content: f.Content})
	}
	if logo := s.Config.Document.Logo; logo != "" && filepath.IsLocal(logo) {
		if b, err := safefile.ReadFile(s.Config.Path(logo), safefile.ImageLimit); err == nil {
			files = append(files, embed.File{Name: filepath.ToSlash(filepath.Clean(logo)), Content: b})
		}
	}
	faces := map[string][]byte{}
	for st, path := range s.Fonts.Files {
		faces[filepath.Base(path)] = s.Fonts.Faces[st]
	}
	bundle, err := embed.Bundle(files, s.Contract.Version(), faces)
	if err != nil {
		return nil, err
	}
	attach := make([]pdfwrite.Attachment, len(bundle))
	for i, f := range bundle {
		attach[i] = pdfwrite.Attachment{Name: f.Name, Content: f.Content}
	}
	return attach, nil
}

// Build builds the contract and writes it: to opt.Out when set, else to
// sortie.dossier/sortie.fichier — or, with the evaluation annex, beside
// it as NAME-avec-evaluation-YEAR.pdf, so that the consolidated contract
// never replaces the contract. The PDF is written to a temporary file
// beside the target and renamed into place only once complete, so a
// failed build leaves the previous PDF untouched.
func Build(opt Options) (*Result, error) {
	s, err := start(opt)
	if err != nil {
		return s.result(), err
	}
	if err := s.make(); err != nil {
		return s.res, err
	}
	name := s.Config.Sortie.Fichier
	if opt.EvaluationYear > 0 {
		name = outputName(s.Config, consolidatedName, opt.EvaluationYear)
	}
	t, err := pdfTarget(opt, s.Config, opt.Out, name, "")
	if err != nil {
		return s.res, err
	}
	return s.res, save(s.res, t)
}

// Avenant builds avenant n as its own PDF and writes it to out, by
// default NAME-avenant-N.pdf in sortie.dossier. before, when set, names
// the sources before the avenant (the previous signed PDF, or a folder),
// needed when the avenant modifies fiches.
func Avenant(opt Options, n int, before, out string) (*Result, error) {
	s, err := start(opt)
	if err != nil {
		return s.result(), err
	}
	t, err := pdfTarget(opt, s.Config, out, outputName(s.Config, avenantName, n), before)
	if err != nil {
		return s.res, err
	}
	var old *model.Contract
	if before != "" {
		if old, err = ReadVersion(before); err != nil {
			return s.res, err
		}
	}
	d, probs := compose.ComposeAvenant(s.Contract, old, n, s.m, s.cf)
	if err := s.composed(probs); err != nil {
		return s.res, err
	}
	return s.write(d, t)
}

// Evaluation builds the yearly evaluation annex of year as its own PDF
// and writes it to out, by default NAME-evaluation-YEAR.pdf in
// sortie.dossier.
func Evaluation(opt Options, year int, out string) (*Result, error) {
	s, err := start(opt)
	if err != nil {
		return s.result(), err
	}
	t, err := pdfTarget(opt, s.Config, out, outputName(s.Config, evaluationName, year), "")
	if err != nil {
		return s.res, err
	}
	evals, err := s.evaluations(year)
	if err != nil {
		return s.res, err
	}
	d, probs := compose.ComposeEvaluation(s.Contract, evals, s.m, s.cf)
	if err := s.composed(probs); err != nil {
		return s.res, err
	}
	return s.write(d, t)
}
