// Package build runs the whole pipeline — read, check, compose, lay out,
// write — and puts the PDF in place without ever damaging the previous one.
package build

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/contrat-local-sante/cls/internal/chart"
	"github.com/contrat-local-sante/cls/internal/check"
	"github.com/contrat-local-sante/cls/internal/compose"
	"github.com/contrat-local-sante/cls/internal/config"
	"github.com/contrat-local-sante/cls/internal/diag"
	"github.com/contrat-local-sante/cls/internal/doc"
	"github.com/contrat-local-sante/cls/internal/embed"
	"github.com/contrat-local-sante/cls/internal/evalsheet"
	"github.com/contrat-local-sante/cls/internal/fonts"
	"github.com/contrat-local-sante/cls/internal/layout"
	"github.com/contrat-local-sante/cls/internal/model"
	"github.com/contrat-local-sante/cls/internal/pdfwrite"
	"github.com/contrat-local-sante/cls/internal/source"
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

// render lays the document out and writes the PDF in memory.
func (s *session) render(d *doc.Document, attach []pdfwrite.Attachment) error {
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

// save writes the PDF and its checksum file.
func save(res *Result, out string) error {
	if err := WriteAtomic(out, res.PDF); err != nil {
		return err
	}
	if err := WriteAtomic(out+".sha256", []byte(res.SHA256+"  "+filepath.Base(out)+"\n")); err != nil {
		return err
	}
	res.Path = out
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
	_, cprobs := compose.Compose(s.c, s.m, s.cf)
	probs := append(res.Problems, cprobs...)
	if err := writable(filepath.Dir(OutputPath(s.cfg, opt.Out))); err != nil {
		probs = append(probs, diag.Problem{Severity: diag.Error, File: s.cfg.File, Message: err.Error()})
	}
	return probs.Dedup(), nil
}

// writable tells whether a PDF could be written in dir: the folder, or the
// nearest existing one above it, accepts a new file.
func writable(dir string) error {
	d := dir
	for {
		if st, err := os.Stat(d); err == nil {
			if !st.IsDir() {
				return fmt.Errorf("sortie.dossier : « %s » n'est pas un dossier ; attendu un dossier où écrire le PDF", d)
			}
			break
		}
		parent := filepath.Dir(d)
		if parent == d {
			break
		}
		d = parent
	}
	f, err := os.CreateTemp(d, ".cls-check-*")
	if err != nil {
		return fmt.Errorf("sortie.dossier : impossible d'écrire dans « %s » (%v) ; attendu un dossier accessible en écriture", d, err)
	}
	name := f.Name()
	f.Close()
	return os.Remove(name)
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
		evals, eprobs := source.ReadEvaluations(s.c, sourcesDir(opt, s.cfg), opt.EvaluationYear)
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
	yaml, err := os.ReadFile(opt.Config)
	if err != nil {
		return nil, err
	}
	files := []embed.File{{Name: "cls.yaml", Content: yaml}}
	for _, f := range c.SourceFiles {
		files = append(files, embed.File{Name: f.Name, Content: f.Content})
	}
	if logo := cfg.Document.Logo; logo != "" && filepath.IsLocal(logo) {
		if b, err := os.ReadFile(cfg.Path(logo)); err == nil {
			files = append(files, embed.File{Name: filepath.ToSlash(filepath.Clean(logo)), Content: b})
		}
	}
	faces := map[string][]byte{}
	for st, path := range fam.Files {
		faces[filepath.Base(path)] = fam.Faces[st]
	}
	return embed.Bundle(files, c.Version(), faces)
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
	if err := archivePrevious(path, res.PDF); err != nil {
		return res, err
	}
	return res, save(res, path)
}

// archivePrevious keeps the PDF that a build is about to replace, when it
// differs, under archive/ beside it, named with its version and hash: a
// signed copy is never lost by regenerating.
func archivePrevious(path string, next []byte) error {
	old, err := os.ReadFile(path)
	if err != nil || bytes.Equal(old, next) {
		return nil
	}
	version := "version-inconnue"
	if files, err := embed.Read(old); err == nil {
		if m, ok := embed.ManifestOf(files); ok {
			version = slug(m.Version)
		}
	}
	dir := filepath.Join(filepath.Dir(path), "archive")
	name := fmt.Sprintf("%s-%s-%s.pdf", strings.TrimSuffix(filepath.Base(path), ".pdf"), version, embed.Sum(old)[:12])
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("%s : dossier d'archive impossible à créer (%v)", dir, err)
	}
	return WriteAtomic(filepath.Join(dir, name), old)
}

// slug makes a file-name-safe form of a version line.
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(norm.NFD.String(s)) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			b.WriteRune(r)
			dash = false
		case !dash:
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.Trim(b.String(), "-")
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

// Avenant builds avenant n as its own PDF and writes it to out. before,
// when set, names the sources before the avenant (the previous signed
// PDF, or a folder), needed when the avenant modifies fiches.
func Avenant(opt Options, n int, before, out string) (*Result, error) {
	s, res, err := start(opt)
	if s == nil {
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
	return res, save(res, out)
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
	evals, eprobs := source.ReadEvaluations(s.c, sourcesDir(opt, s.cfg), year)
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
	return res, save(res, out)
}

// EvaluationTemplate writes the blank evaluation workbook of year.
func EvaluationTemplate(opt Options, year int, out string) error {
	_, _, c, probs, err := Load(opt)
	if err != nil {
		return err
	}
	if probs.HasErrors() {
		return probs
	}
	if _, err := os.Stat(out); err == nil {
		return fmt.Errorf("%s existe déjà : il n'est pas écrasé (il contient peut-être des valeurs saisies) ; choisir un autre nom ou le supprimer", out)
	}
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return err
	}
	return evalsheet.Write(c, year, out)
}

// TerritoryResult is the outcome of one territory of a BuildAll.
type TerritoryResult struct {
	Dir    string
	Result *Result
	Err    error
}

// BuildAll builds every territory folder (holding a cls.yaml) directly
// under dir, several at a time, each into its own output. One territory's
// failure does not stop the others. Results come in folder-name order.
func BuildAll(dir string, workers int, opt Options) ([]TerritoryResult, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("%s : dossier illisible (%v) ; attendu un dossier contenant un dossier par territoire", dir, err)
	}
	var dirs []string
	for _, e := range entries {
		if e.IsDir() {
			if _, err := os.Stat(filepath.Join(dir, e.Name(), "cls.yaml")); err == nil {
				dirs = append(dirs, filepath.Join(dir, e.Name()))
			}
		}
	}
	if len(dirs) == 0 {
		return nil, fmt.Errorf("%s : aucun dossier de territoire (avec cls.yaml) ; attendu un dossier par territoire", dir)
	}
	out := make([]TerritoryResult, len(dirs))
	jobs := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < max(workers, 1); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				o := opt
				o.Config = filepath.Join(dirs[i], "cls.yaml")
				o.Sources, o.Templates, o.Out = "", "", ""
				res, err := Build(o)
				out[i] = TerritoryResult{Dir: dirs[i], Result: res, Err: err}
			}
		}()
	}
	for i := range dirs {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	return out, nil
}
