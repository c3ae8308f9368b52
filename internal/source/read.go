package source

import (
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/contrat-local-sante/cls/internal/config"
	"github.com/contrat-local-sante/cls/internal/diag"
	"github.com/contrat-local-sante/cls/internal/model"
	"github.com/contrat-local-sante/cls/internal/safefile"
	"github.com/contrat-local-sante/cls/internal/textnorm"
)

// Workbook file names inside the sources folder.
const (
	ContratFile = "contrat.xlsx"
	SiglesFile  = "sigles.xlsx"
	FichesFile  = "fiches.xlsx"
)

// Dirs are the folders to read from.
type Dirs struct {
	Sources   string
	Templates string
	// Drawable reports whether some font of the contract has a glyph for
	// a character: text that no font can draw is refused where it is
	// typed, rather than printed as an empty box or crashing the writer.
	// Nil means no glyph check (diff, which prints nothing).
	Drawable func(rune) bool
	// Cache, when set, keeps the workbooks from one reading to the next
	// (cache.go); nil reads every workbook afresh.
	Cache *Cache
}

// Read reads the whole contract. It returns the model even when problems
// were found, so that the check stage can add its own.
func Read(cfg *config.Config, dirs Dirs) (*model.Contract, diag.List) {
	var probs diag.List
	c := &model.Contract{TemplateFiles: map[string]model.Template{}}
	c.Territory = model.Territory{Name: cfg.Territoire.Nom, Short: cfg.Territoire.Sigle, Origin: cfg.Origin("territoire.nom")}
	c.Territory.Article, c.Territory.Gender = cfg.TerritoryGrammar()
	d := cfg.Document
	c.Document = model.DocumentInfo{Title: d.Titre, Period: d.Periode, ShortTitle: d.TitreCourt, Author: d.Auteur, Subject: d.Sujet, Keywords: d.MotsCles, Date: d.Date, Logo: cfg.Path(d.Logo), Kicker: d.Surtitre}
	if d.Logo == "" {
		c.Document.Logo = ""
	}
	c.Signature = model.Signature{Place: cfg.Signature.Lieu, Date: config.FrenchDate(cfg.Signature.Date)}

	rel := func(dir, file string) string { return displayPath(filepath.Join(dir, file)) }
	c.Files = model.Files{Contrat: rel(dirs.Sources, ContratFile), Fiches: rel(dirs.Sources, FichesFile), Sigles: rel(dirs.Sources, SiglesFile),
		Diagnostic: rel(dirs.Sources, DiagnosticFile), Templates: displayPath(dirs.Templates)}
	// each workbook is opened once; the independent ones are read at the
	// same time, each into its own part of the model and its own problem
	// list, merged in a fixed order so that messages and output never
	// depend on timing
	g := newGlyphs(dirs.Drawable)
	books := openBooks(dirs.Sources, g, dirs.Cache, &probs)
	defer books.close()
	stats := books.get(DiagnosticFile)
	var parts [5]diag.List
	fichesOK := false
	var wg sync.WaitGroup
	for i, read := range []func(*diag.List){
		func(p *diag.List) { readContrat(c, books.get(ContratFile), p) },
		func(p *diag.List) { readSigles(c, books.get(SiglesFile), p) },
		func(p *diag.List) { fichesOK = readFiches(c, books.get(FichesFile), p) },
		func(p *diag.List) {
			readTemplates(c, dirs.Templates, g, p)
			readLabels(c, dirs.Templates, g, p)
			readTheme(c, dirs.Templates, g, p)
		},
		func(p *diag.List) {
			*p = append(*p, books.statsProblems...)
			readStatSheets(c, stats, p)
		},
	} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// a panic here would bypass the command's own recover and end
			// the process: it becomes this file's error instead
			defer func() {
				if r := recover(); r != nil {
					file := [...]string{c.Files.Contrat, c.Files.Sigles, c.Files.Fiches, c.Files.Templates, c.Files.Diagnostic}[i]
					readPanic(&parts[i], file, r)
				}
			}()
			read(&parts[i])
		}()
	}
	wg.Wait()
	for _, p := range parts {
		probs = append(probs, p...)
	}
	readCharts(c, books, stats, &probs)
	readAvenants(c, books.get(ContratFile), fichesOK, &probs)
	c.Texts = books.texts()
	for _, f := range []string{ContratFile, SiglesFile, FichesFile, DiagnosticFile} {
		if b, err := safefile.ReadFile(filepath.Join(dirs.Sources, f), safefile.WorkbookLimit); err == nil {
			c.SourceFiles = append(c.SourceFiles, model.SourceFile{Name: "sources/" + f, Content: b})
		}
	}
	c.Incomplete = probs.HasErrors()
	return c, probs.Dedup()
}

// readPanic records a panic recovered while reading file as that file's
// error: in a reader's goroutine it would bypass the command's own
// recover and end the process.
func readPanic(p *diag.List, file string, r any) {
	p.Errorf(file, "", "", "erreur interne en lisant ce fichier (%s) ; merci de signaler ce problème avec ce fichier", safefile.Recovered(r))
}

// displayPath shortens a path for messages: relative to the working
// directory when it is inside it.
func displayPath(p string) string {
	wd, err := os.Getwd()
	if err != nil {
		return p
	}
	abs, err := filepath.Abs(p)
	if err != nil {
		return p
	}
	if r, err := filepath.Rel(wd, abs); err == nil && !strings.HasPrefix(r, "..") {
		return filepath.ToSlash(r)
	}
	return p
}

// books are the sources folder's workbooks, each opened once.
type books struct {
	cache  *Cache // nil: no cache
	dir    string
	glyphs *glyphs
	open   map[string]*workbook
	errs   map[string]bool
	// statsProblems are those found opening the statistics workbook,
	// reported with its tables (readStatSheets)
	statsProblems diag.List
}

// openBooks opens the three required workbooks, reporting those missing or
// unreadable, and the statistics workbook when there is one (a contract
// may have none), all at the same time; the others open on demand. The
// problems come in the order of the files, whatever the timing.
func openBooks(dir string, g *glyphs, cache *Cache, probs *diag.List) *books {
	b := &books{cache: cache, dir: dir, glyphs: g, open: map[string]*workbook{}, errs: map[string]bool{}}
	files := []string{ContratFile, SiglesFile, FichesFile}
	if _, err := os.Stat(filepath.Join(dir, DiagnosticFile)); err == nil {
		files = append(files, DiagnosticFile)
	}
	opened := make([]*workbook, len(files))
	found := make([]diag.List, len(files))
	var wg sync.WaitGroup
	for i, f := range files {
		wg.Go(func() {
			defer func() {
				if r := recover(); r != nil { // as Read's readers
					readPanic(&found[i], displayPath(filepath.Join(dir, f)), r)
				}
			}()
			opened[i] = b.openFile(f, &found[i])
		})
	}
	wg.Wait()
	for i, f := range files {
		if opened[i] == nil {
			b.errs[f] = true
		} else {
			b.open[f] = opened[i]
		}
		if f == DiagnosticFile {
			b.statsProblems = found[i]
		} else {
			*probs = append(*probs, found[i]...)
		}
	}
	return b
}

// load returns the workbook file of the sources folder, opening it the
// first time.
func (b *books) load(file string, probs *diag.List) *workbook {
	if wb, ok := b.open[file]; ok || b.errs[file] {
		return wb
	}
	wb := b.openFile(file, probs)
	if wb == nil {
		b.errs[file] = true
		return nil
	}
	b.open[file] = wb
	return wb
}

// openFile opens a workbook of the sources folder, through the cache
// when there is one. It changes nothing in b.
func (b *books) openFile(file string, probs *diag.List) *workbook {
	p := filepath.Join(b.dir, file)
	if b.cache != nil {
		return b.cache.open(p, displayPath(p), b.glyphs, probs)
	}
	return openWorkbook(p, displayPath(p), b.glyphs, probs)
}

// get returns an opened workbook, nil when it could not be opened.
func (b *books) get(file string) *workbook { return b.open[file] }

func (b *books) close() {
	for _, wb := range b.open {
		wb.close()
	}
}

func readContrat(c *model.Contract, wb *workbook, probs *diag.List) {
	if wb == nil {
		return
	}
	name := wb.name
	readSignatories(c, wb, probs)
	members := func(sheet, col string) []model.Member {
		var out []model.Member
		if t := wb.sheet(sheet, []string{col}, probs); t != nil {
			for i := range t.rows {
				out = append(out, model.Member{Name: t.required(i, col, probs)})
			}
		}
		return out
	}
	c.Steering = members("Comité de pilotage", "Institution")
	c.Technical = members("Comité technique", "Institution")
	c.Actors = members("Acteurs", "Acteur")
	if t := wb.sheet("Présents à la signature", []string{"Nom", "Fonction"}, probs); t != nil {
		for i := range t.rows {
			c.Present = append(c.Present, model.Person{Name: t.required(i, "Nom", probs), Title: t.required(i, "Fonction", probs)})
		}
	}
	if t := wb.sheet("Groupes de travail", []string{"Axe", "Intitulé", "Date", "Participants"}, probs); t != nil {
		for i := range t.rows {
			c.WorkingGroups = append(c.WorkingGroups, model.WorkingGroup{
				Axe: t.required(i, "Axe", probs), Title: t.required(i, "Intitulé", probs),
				Date: t.required(i, "Date", probs), Participants: t.integer(i, "Participants", probs),
			})
		}
	}
	index := map[string]int{}
	levels := wb.sheet("Échelons", []string{"Échelon", "Introduction"}, probs)
	if t := levels; t != nil {
		for i := range t.rows {
			n := t.required(i, "Échelon", probs)
			index[n] = len(c.Levels)
			c.Levels = append(c.Levels, model.Level{Name: n, Intro: t.get(i, "Introduction")})
		}
	}
	if t := wb.sheet("Dispositifs", []string{"Échelon", "Dispositif", "Libellé court", "Texte"}, probs); t != nil {
		for i := range t.rows {
			lv := t.required(i, "Échelon", probs)
			k, ok := index[lv]
			if !ok {
				if lv != "" && levels != nil { // else Échelons could not be read, and says so
					probs.Errorf(name, t.sheet, t.ref(i, "Échelon"), "échelon « %s » inconnu ; attendu un échelon de la feuille « Échelons »", lv)
				}
				continue
			}
			c.Levels[k].Dispositifs = append(c.Levels[k].Dispositifs, model.Dispositif{
				Name: t.required(i, "Dispositif", probs), Short: t.get(i, "Libellé court"), Text: t.get(i, "Texte"),
			})
		}
	}
}

func readSigles(c *model.Contract, wb *workbook, probs *diag.List) {
	if wb == nil {
		return
	}
	name := wb.name
	if t := wb.sheet("Sigles", []string{"Sigle", "Définition"}, probs); t != nil {
		seen := map[string]string{}
		for i := range t.rows {
			s := model.Sigle{Sigle: t.required(i, "Sigle", probs), Definition: t.required(i, "Définition", probs), Cell: t.ref(i, "Sigle")}
			if prev, dup := seen[s.Sigle]; dup && s.Sigle != "" {
				probs.Errorf(name, t.sheet, t.ref(i, "Sigle"), "sigle « %s » défini deux fois (déjà en %s) ; attendu une seule ligne par sigle", s.Sigle, prev)
			}
			seen[s.Sigle] = t.ref(i, "Sigle")
			c.Sigles = append(c.Sigles, s)
		}
		readMoreSigles(c, wb, seen, probs)
	}
}

// readTemplates loads every Markdown file under dir. Files at the top level
// are the contract's sections, in file-name order; files in sub-folders are
// pulled in by the sections (dispositifs, fiches).
func readTemplates(c *model.Contract, dir string, g *glyphs, probs *diag.List) {
	var names []string
	// the folder may be a link (a shared folder): walk where it leads
	root := dir
	if r, err := filepath.EvalSymlinks(dir); err == nil {
		root = r
	}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || !strings.HasSuffix(strings.ToLower(d.Name()), ".md") {
			return nil
		}
		r, err := filepath.Rel(root, p)
		if err != nil {
			return err
		}
		names = append(names, filepath.ToSlash(r))
		return nil
	})
	if err != nil {
		probs.Errorf(displayPath(dir), "", "", "dossier des modèles illisible : %s ; attendu le dossier des textes du contrat", safefile.Describe(err))
		return
	}
	sort.Strings(names)
	for _, n := range names {
		p := filepath.Join(dir, filepath.FromSlash(n))
		err := safefile.Inside(p, dir)
		var b []byte
		if err == nil {
			b, err = safefile.ReadFile(p, safefile.TextLimit)
		}
		if err != nil {
			probs.Errorf(displayPath(p), "", "", "modèle refusé : %s ; attendu un fichier texte Markdown (.md)", safefile.Describe(err))
			continue
		}
		// a file name typed with an accent on macOS may be stored NFD,
		// while the cell naming it is read NFC
		key := textnorm.Clean(n)
		t := model.Template{Name: key, Path: displayPath(p), Text: cleanTemplate(displayPath(p), string(b), g, probs)}
		c.TemplateFiles[key] = t
		if !strings.Contains(n, "/") {
			c.Templates = append(c.Templates, t)
		}
		c.SourceFiles = append(c.SourceFiles, model.SourceFile{Name: "templates/" + n, Content: b})
	}
	if len(c.Templates) == 0 {
		probs.Errorf(displayPath(dir), "", "", "aucun modèle .md trouvé ; attendu les sections du contrat (01-….md, 02-….md, …)")
	}
}
