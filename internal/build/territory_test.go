package build

import (
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/contrat-local-sante/cls/internal/doc"
	"github.com/contrat-local-sante/cls/internal/source/sourcetest"
)

// allText returns every text drawn in the layout, joined by spaces.
func allText(res *Result) string {
	var b strings.Builder
	for _, p := range res.Layout.Pages {
		for _, it := range p.Items {
			if t, ok := it.(doc.Text); ok {
				b.WriteString(t.Text)
				b.WriteByte(' ')
			}
		}
	}
	return b.String()
}

func TestAnotherTerritoryGivesItsOwnContract(t *testing.T) {
	dir := t.TempDir()
	cfg := sourcetest.Example().Write(t, dir, filepath.Join("..", "..", "fonts"))
	res, err := Build(Options{Config: cfg})
	if err != nil {
		t.Fatal(err)
	}
	if res.Path != filepath.Join(dir, "output", "cls-val-exemple.pdf") {
		t.Errorf("written to %s", res.Path)
	}
	text := allText(res)
	for _, want := range []string{"Val", "d'Exemple", "Alice", "MARTIN", "Exempleville", "Dépistage", "itinérant", "Cartographier", "Atelier", "2026", "12", "participations."} {
		if !strings.Contains(text, want) {
			t.Errorf("the contract does not show %q", want)
		}
	}
	for _, foreign := range []string{"Lisieux", "CALN", "Cambremer", "AUBEY", "2029"} {
		if strings.Contains(text, foreign) {
			t.Errorf("another territory's contract shows %q: territory data leaked from code or defaults", foreign)
		}
	}
	var titles []string
	for _, e := range res.Layout.TOC {
		titles = append(titles, plainSpaces(e.Title))
	}
	want := []string{"Préambule", "Acteurs", "Dispositifs", "Cadre", "Synthèse", "Fiches", "Axe 1 : Prévenir les maladies",
		"FA1.1 – Dépistage itinérant", "Axe 2 : Coordonner", "FA2.1 – Réseau des acteurs", "Sigles"}
	if strings.Join(titles, "|") != strings.Join(want, "|") {
		t.Errorf("sommaire:\n got %q\nwant %q", titles, want)
	}
	for _, e := range res.Layout.TOC {
		if res.Layout.Printed[e.Anchor] != e.At.Page {
			t.Errorf("%s: sommaire says %d, heading on %d", e.Title, res.Layout.Printed[e.Anchor], e.At.Page)
		}
	}
}

func TestSourcesAndTemplatesFlags(t *testing.T) {
	// the shipped cls.yaml with another territory's folders
	dir := t.TempDir()
	sourcetest.Example().Write(t, dir, filepath.Join("..", "..", "fonts"))
	opt := realOptions()
	opt.Sources = filepath.Join(dir, "sources")
	opt.Templates = filepath.Join(dir, "templates")
	res, err := Make(opt)
	if err != nil {
		t.Fatal(err)
	}
	text := allText(res)
	if !strings.Contains(text, "Cartographier") || strings.Contains(text, "parentalité") {
		t.Error("--sources/--templates did not replace the shipped sources")
	}
}

// TestFicheWithHugeCellLosesNoWord builds a contract whose fiche has a
// Déroulé of several thousand words (as many as a spreadsheet cell holds:
// 32,767 characters): the row runs over several pages and every word must
// come out once.
func TestFicheWithHugeCellLosesNoWord(t *testing.T) {
	dir := t.TempDir()
	tr := sourcetest.Example()
	var words []string
	for i := 0; i < 3000; i++ {
		words = append(words, "étape"+itoa(i))
	}
	tr.Fiches[1].Rows[1][12] = strings.Join(words, " ")
	cfg := tr.Write(t, dir, filepath.Join("..", "..", "fonts"))
	res, err := Make(Options{Config: cfg})
	if err != nil {
		t.Fatal(err)
	}
	count := map[string]int{}
	pages := map[int]bool{}
	for i, p := range res.Layout.Pages {
		for _, it := range p.Items {
			if tx, ok := it.(doc.Text); ok {
				for _, w := range strings.Fields(tx.Text) {
					count[w]++
					if strings.HasPrefix(w, "étape") {
						pages[i] = true
					}
				}
			}
		}
	}
	for _, w := range words {
		if count[w] != 1 {
			t.Fatalf("%s printed %d times", w, count[w])
		}
	}
	if len(pages) < 3 {
		t.Errorf("3000 words on %d pages", len(pages))
	}
	p := res.Config.Papier
	for i, pg := range res.Layout.Pages {
		if pg.Cover {
			continue
		}
		for _, v := range layoutOutOfBody(pg, p.Marges.Haut, p.Marges.Bas, p.Marges.Gauche, p.Marges.Droite, p.TailleTexte) {
			t.Errorf("page %d: %s", i+1, v)
		}
	}
}

func TestCoverLogoFromConfig(t *testing.T) {
	dir := t.TempDir()
	tr := sourcetest.Example()
	tr.Config = strings.Replace(tr.Config, "  date: 2026-03-02\nsignature:", "  date: 2026-03-02\n  logo: logo.png\nsignature:", 1)
	cfg := tr.Write(t, dir, filepath.Join("..", "..", "fonts"))
	img := image.NewRGBA(image.Rect(0, 0, 200, 100))
	f, _ := os.Create(filepath.Join(dir, "logo.png"))
	png.Encode(f, img)
	f.Close()
	res, err := Make(Options{Config: cfg})
	if err != nil {
		t.Fatal(err)
	}
	var logo *doc.Image
	for _, it := range res.Layout.Pages[0].Items {
		if im, ok := it.(doc.Image); ok {
			logo = &im
		}
	}
	if logo == nil || logo.W/logo.H < 1.99 || logo.W/logo.H > 2.01 {
		t.Fatalf("logo on the cover: %+v", logo)
	}
	// a logo that is not an image is an error, in French
	os.WriteFile(filepath.Join(dir, "logo.png"), []byte("not an image"), 0o644)
	if _, err := Make(Options{Config: cfg}); err == nil || !strings.Contains(err.Error(), "n'est pas une image PNG ou JPEG lisible") {
		t.Errorf("bad logo: %v", err)
	}
}
