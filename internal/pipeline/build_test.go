package pipeline

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	pmodel "github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

	"github.com/contrat-local-sante/cls/internal/doc"
	"github.com/contrat-local-sante/cls/internal/embed"
	"github.com/contrat-local-sante/cls/internal/layout"
)

// realOptions builds the Lisieux Normandie contract shipped in the
// repository.
func realOptions() Options {
	return Options{Config: filepath.Join("..", "..", "cls.yaml")}
}

var (
	realOnce sync.Once
	realRes  *Result
	realErr  error
)

// real builds the real contract once for all the tests of this file.
func real(t *testing.T) *Result {
	t.Helper()
	realOnce.Do(func() { realRes, realErr = Make(realOptions()) })
	if realErr != nil {
		t.Fatalf("build of the real contract failed:\n%v", realErr)
	}
	return realRes
}

func TestRealContractIsAValidPDF(t *testing.T) {
	res := real(t)
	if err := api.Validate(bytes.NewReader(res.PDF), pmodel.NewDefaultConfiguration()); err != nil {
		t.Fatalf("pdfcpu validation: %v", err)
	}
	// pdfcpu's strict mode also wants link annotations as indirect objects,
	// where fpdf writes them inline in each page's /Annots array; viewers
	// and printers read both. The default (relaxed) mode checks the rest.
	info, err := api.PDFInfo(bytes.NewReader(res.PDF), "contrat.pdf", nil, true, pmodel.NewDefaultConfiguration())
	if err != nil {
		t.Fatal(err)
	}
	if info.PageCount != len(res.Layout.Pages) {
		t.Errorf("PDF has %d pages, layout made %d", info.PageCount, len(res.Layout.Pages))
	}
	if info.PageCount < 60 {
		t.Errorf("only %d pages: the contract with its 19 fiches runs well over 60", info.PageCount)
	}
	for _, d := range info.Dimensions {
		// A4 in points, portrait
		if d.Width < 595 || d.Width > 596 || d.Height < 841 || d.Height > 842 {
			t.Errorf("page size %.2f × %.2f pt, want A4 portrait 595.28 × 841.89", d.Width, d.Height)
		}
	}
	wantTitle := "Contrat Local de Santé 2025 – 2029 – Communauté d'Agglomération Lisieux Normandie"
	if info.Title != wantTitle {
		t.Errorf("title = %q, want %q", info.Title, wantTitle)
	}
	for name, v := range map[string]string{"author": info.Author, "subject": info.Subject, "creator": info.Creator} {
		if v == "" {
			t.Errorf("metadata %s is empty", name)
		}
	}
	if len(info.Keywords) == 0 {
		t.Error("no keywords in the metadata")
	}
	if !strings.Contains(info.CreationDate, "2025") {
		t.Errorf("creation date %q does not come from cls.yaml (2025-07-10)", info.CreationDate)
	}
	if !info.Outlines {
		t.Error("the PDF has no outline")
	}
	if len(info.Fonts) == 0 {
		t.Error("no fonts listed")
	}
	for _, f := range info.Fonts {
		if !f.Embedded {
			t.Errorf("font %s is not embedded", f.Name)
		}
	}
}

func TestOutlineMirrorsSommaire(t *testing.T) {
	res := real(t)
	bms, err := api.Bookmarks(bytes.NewReader(res.PDF), pmodel.NewDefaultConfiguration())
	if err != nil {
		t.Fatal(err)
	}
	var flat []pdfcpu.Bookmark
	var walk func([]pdfcpu.Bookmark)
	walk = func(bs []pdfcpu.Bookmark) {
		for _, b := range bs {
			flat = append(flat, b)
			walk(b.Kids)
		}
	}
	walk(bms)
	if len(flat) != len(res.Layout.TOC) {
		t.Fatalf("outline has %d entries, sommaire %d", len(flat), len(res.Layout.TOC))
	}
	for i, e := range res.Layout.TOC {
		if flat[i].Title != plainSpaces(e.Title) || flat[i].PageFrom != e.At.Page {
			t.Errorf("outline entry %d = %q p.%d, sommaire has %q p.%d", i, flat[i].Title, flat[i].PageFrom, e.Title, e.At.Page)
		}
	}
}

func TestSommaireNumbersAreWhereHeadingsLanded(t *testing.T) {
	res := real(t)
	if len(res.Layout.TOC) < 14+7+19 {
		t.Fatalf("sommaire has %d entries; want the 14 sections, 7 axes and 19 fiches", len(res.Layout.TOC))
	}
	for _, e := range res.Layout.TOC {
		printed, ok := res.Layout.Printed[e.Anchor]
		if !ok {
			t.Errorf("%q: no number printed in the sommaire", e.Title)
			continue
		}
		if printed != e.At.Page {
			t.Errorf("%q: sommaire says page %d, heading is on page %d", e.Title, printed, e.At.Page)
		}
	}
	want := []string{"Mot du Président", "Préambule", "Contexte réglementaire", "Présentation du territoire", "Éléments de diagnostic",
		"Méthodologie", "Liste des acteurs mobilisés", "Les Liens avec les dispositifs", "Le Cadre Conventionnel", "Historique des avenants",
		"Synthèse générale des fiches actions", "Les fiches actions", "Liste des Sigles", "Table des figures"}
	var top []string
	for _, e := range res.Layout.TOC {
		if e.Level == 1 {
			top = append(top, e.Title)
		}
	}
	if len(top) != len(want) {
		t.Fatalf("sections in the sommaire: %q", top)
	}
	for i, w := range want {
		if !strings.HasPrefix(top[i], w) {
			t.Errorf("section %d is %q, want %q (the reference's order)", i+1, top[i], w)
		}
	}
}

// TestSommaireInPrintedText reads the PDF's text (with pdftotext, when
// installed) and checks that each sommaire entry's page really carries
// its heading.
func TestSommaireInPrintedText(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed (Debian package poppler-utils)")
	}
	res := real(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "c.pdf")
	if err := os.WriteFile(path, res.PDF, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, e := range res.Layout.TOC {
		out, err := exec.Command("pdftotext", "-f", itoa(e.At.Page), "-l", itoa(e.At.Page), path, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		text := strings.Join(strings.Fields(strings.NewReplacer("\u00a0", " ", "\u202f", " ").Replace(string(out))), " ")
		words := strings.Fields(e.Title)
		probe := strings.Join(words[:min(3, len(words))], " ")
		if e.Level == 3 {
			probe = strings.Fields(e.Title)[0] // the fiche code
			probe = "action " + strings.TrimPrefix(probe, "FA")
		}
		if !strings.Contains(strings.ToLower(text), strings.ToLower(probe)) {
			t.Errorf("page %d does not show %q (sommaire entry %q)", e.At.Page, probe, e.Title)
		}
	}
}

func itoa(n int) string { return strings.TrimSpace(strings.Repeat(" ", 0) + fmtInt(n)) }

func fmtInt(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for n > 0 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	return string(b)
}

func TestBuildIsDeterministic(t *testing.T) {
	a := real(t)
	b, err := Make(realOptions())
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.PDF, b.PDF) {
		t.Fatalf("two builds of the same sources differ (%d and %d bytes)", len(a.PDF), len(b.PDF))
	}
}

func TestNothingOutsideTheMargins(t *testing.T) {
	res := real(t)
	p := res.Config.Papier
	g := layout.A4(p.Marges.Haut, p.Marges.Bas, p.Marges.Gauche, p.Marges.Droite, p.TailleTexte)
	for i, pg := range res.Layout.Pages {
		if pg.Cover {
			continue
		}
		for _, v := range layout.OutOfBody(pg, g) {
			t.Errorf("page %d: %s", i+1, v)
		}
	}
}

func TestFailedBuildKeepsPreviousPDF(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "contrat.pdf")
	previous := []byte("%PDF-1.4 previous signed version")
	if err := os.WriteFile(out, previous, 0o644); err != nil {
		t.Fatal(err)
	}
	opt := realOptions()
	opt.Out = out
	opt.Sources = filepath.Join(dir, "nowhere")
	if _, err := Build(opt); err == nil {
		t.Fatal("a build from a missing sources folder succeeded")
	} else if !strings.Contains(err.Error(), "classeur introuvable") {
		t.Errorf("error does not say what is missing: %v", err)
	}
	got, err := os.ReadFile(out)
	if err != nil || !bytes.Equal(got, previous) {
		t.Fatalf("the previous PDF was touched by a failed build")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("a failed build left files behind: %v", entries)
	}
}

func TestBuildWritesThePDF(t *testing.T) {
	dir := t.TempDir()
	opt := realOptions()
	opt.Out = filepath.Join(dir, "sub", "contrat.pdf")
	res, err := Build(opt)
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(opt.Out)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b, res.PDF) || !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Fatal("written file differs from the built PDF")
	}
}

// plainSpaces replaces no-break spaces with spaces.
func plainSpaces(s string) string {
	return strings.NewReplacer("\u00a0", " ", "\u202f", " ").Replace(s)
}

func layoutOutOfBody(p layout.Page, top, bottom, left, right, body float64) []string {
	return layout.OutOfBody(p, layout.A4(top, bottom, left, right, body))
}

// TestLinksPointAtPages checks every internal destination (sommaire links,
// synthèse links, outline) against the page objects of the PDF's page
// tree: fpdf numbers them as if no file were embedded, which pdfwrite
// corrects.
func TestLinksPointAtPages(t *testing.T) {
	res := real(t)
	ctx, err := api.ReadContext(bytes.NewReader(res.PDF), pmodel.NewDefaultConfiguration())
	if err != nil {
		t.Fatal(err)
	}
	x := ctx.XRefTable
	if err := x.EnsurePageCount(); err != nil {
		t.Fatal(err)
	}
	pages := map[int]bool{}
	for i := 1; i <= x.PageCount; i++ {
		_, ref, _, err := x.PageDict(i, false)
		if err != nil {
			t.Fatal(err)
		}
		pages[ref.ObjectNumber.Value()] = true
	}
	if len(pages) != len(res.Layout.Pages) {
		t.Fatalf("%d page objects for %d pages", len(pages), len(res.Layout.Pages))
	}
	dests := 0
	var walk func(o types.Object)
	walk = func(o types.Object) {
		switch v := o.(type) {
		case types.Dict:
			if d, ok := v["Dest"].(types.Array); ok {
				dests++
				if ref, ok := d[0].(types.IndirectRef); !ok || !pages[ref.ObjectNumber.Value()] {
					t.Fatalf("a link points at %v, which is not a page", d[0])
				}
			}
			for _, e := range v {
				walk(e)
			}
		case types.Array:
			for _, e := range v {
				walk(e)
			}
		}
	}
	for n, e := range x.Table {
		if e != nil && !e.Free {
			o := e.Object
			if _, packed := o.(types.LazyObjectStreamObject); packed { // in an object stream
				o, _ = x.Dereference(types.IndirectRef{ObjectNumber: types.Integer(n)})
			}
			walk(o)
		}
	}
	if dests < len(res.Layout.TOC)*2 {
		t.Fatalf("only %d destinations", dests)
	}
}

// TestPDFCarriesItsSources extracts the embedded files and rebuilds from
// them: same bytes.
func TestPDFCarriesItsSources(t *testing.T) {
	res := real(t)
	dir := t.TempDir()
	pdf := filepath.Join(dir, "c.pdf")
	os.WriteFile(pdf, res.PDF, 0o644)
	files, err := embed.Extract(pdf, filepath.Join(dir, "x"))
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for _, f := range files {
		names[f.Name] = true
	}
	for _, want := range []string{"cls.yaml", "sources/contrat.xlsx", "sources/fiches.xlsx", "sources/sigles.xlsx", "sources/diagnostic.xlsx", "templates/05-diagnostic.md", "templates/fiches/FA2.3.md", "cls-manifeste.json"} {
		if !names[want] {
			t.Errorf("%s not embedded", want)
		}
	}
	again, err := Make(Options{Config: filepath.Join(dir, "x", "cls.yaml"), Fonts: filepath.Join("..", "..", "fonts")})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again.PDF, res.PDF) {
		t.Fatalf("build → extract → build differs (%d vs %d bytes)", len(again.PDF), len(res.PDF))
	}
}

func TestRebuildArchivesThePreviousPDF(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "contrat.pdf")
	opt := realOptions()
	opt.Out = out
	first, err := Build(opt)
	if err != nil {
		t.Fatal(err)
	}
	sum, _ := os.ReadFile(out + ".sha256")
	if string(sum) != first.SHA256+"  contrat.pdf\n" {
		t.Errorf("checksum file: %q", sum)
	}
	// the same sources again: nothing to archive
	if _, err := Build(opt); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "archive")); err == nil {
		t.Error("an identical rebuild archived the PDF")
	}
	// a change: the previous PDF is kept, named with its version and hash
	opt.Overrides = map[string]string{"signature.lieu": "Lisieux"}
	if _, err := Build(opt); err != nil {
		t.Fatal(err)
	}
	kept := filepath.Join(dir, "archive", "contrat-version-initiale-signee-le-10-juillet-2025-"+first.SHA256[:12]+".pdf")
	b, err := os.ReadFile(kept)
	if err != nil || !bytes.Equal(b, first.PDF) {
		t.Fatalf("previous PDF not archived as %s", kept)
	}
}

// TestEveryInternalLinkHasItsTarget checks that each clickable place
// (sommaire, table des figures, synthèse codes, diagram boxes) leads to an
// anchor the layout placed.
func TestEveryInternalLinkHasItsTarget(t *testing.T) {
	res := real(t)
	n := 0
	for i, p := range res.Layout.Pages {
		for _, it := range p.Items {
			if l, ok := it.(doc.Link); ok && strings.HasPrefix(l.Target, "#") {
				n++
				if _, ok := res.Layout.Anchors[l.Target[1:]]; !ok {
					t.Errorf("page %d: link to %s, which is nowhere", i+1, l.Target)
				}
			}
		}
	}
	// sommaire (40), table des figures (13), synthèse codes (19), diagram boxes (19)
	if n < 40+13+19+19 {
		t.Errorf("only %d internal links", n)
	}
}
