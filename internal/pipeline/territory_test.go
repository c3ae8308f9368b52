package pipeline

import (
	"fmt"
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
		"FA1.1 – Dépistage itinérant", "Axe 2 : Coordonner", "FA2.1 – Réseau des acteurs", "Sigles", "Table des figures"}
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

func TestChartsAndFiguresFromTheWorkbook(t *testing.T) {
	dir := t.TempDir()
	cfg := sourcetest.Example().Write(t, dir, filepath.Join("..", "..", "fonts"))
	res, err := Make(Options{Config: cfg})
	if err != nil {
		t.Fatal(err)
	}
	figs := res.Layout.Figures
	want := []string{"Figure 1 – Espérance de vie à la naissance", "Figure 2 – Patients par pathologie", "Figure 3 – Participants par groupe",
		"Figure 4 – Les dispositifs du Val", "Figure 5 – Gouvernance"}
	if len(figs) != len(want) {
		t.Fatalf("figures: %+v", figs)
	}
	for i, f := range figs {
		if f.Title != want[i] {
			t.Errorf("figure %d: %q, want %q", i+1, f.Title, want[i])
		}
		if res.Layout.Printed[f.Anchor] != f.At.Page {
			t.Errorf("%s: table des figures says page %d, figure is on page %d", f.Title, res.Layout.Printed[f.Anchor], f.At.Page)
		}
	}
	text := allText(res)
	for _, s := range []string{
		"84,2", "85,8", "77,1", // values on the bars and in the table, decimal comma
		"ans", "4", "622", // {{ donnee }} with a narrow no-break space between thousands
		"Source : INSEE 2021", "Source : Assurance Maladie 2022",
		"Maladie chronique respiratoire", // category labels
		"6 773",
	} {
		if !strings.Contains(plainSpaces(text), s) {
			t.Errorf("the contract does not show %q", s)
		}
	}
	// every chart is drawn as vector paths, not as an image
	paths := 0
	for _, p := range res.Layout.Pages {
		for _, it := range p.Items {
			switch it.(type) {
			case doc.Path:
				paths++
			case doc.Image:
				t.Error("a chart was drawn as an image")
			}
		}
	}
	if paths < 20 {
		t.Errorf("only %d vector paths: charts missing", paths)
	}
}

func TestBadStatisticPlaceholders(t *testing.T) {
	for tpl, want := range map[string]string{
		`{{ donnee "Espérance de vie" "Enfants" "Val" }}`: `ligne 3 : {{ donnee … }} : feuille « Espérance de vie » : pas de valeur pour la catégorie « Enfants » et la série « Val » ; catégories : Femmes, Hommes ; séries : France, Région, Val`,
		`{{ donnee "Natalité" "Femmes" "Val" }}`:          `ligne 3 : {{ donnee … }} : feuille « Natalité » inconnue dans DIR/sources/diagnostic.xlsx ; feuilles présentes : Espérance de vie, Patients`,
		"```cls\ngraphique camembert\n```":                `ligne 4 : graphique « camembert » inconnu`,
	} {
		dir := t.TempDir()
		tr := sourcetest.Example()
		tr.Templates["01-preambule.md"] = "# Préambule\n\n" + tpl + "\n"
		cfg := tr.Write(t, dir, filepath.Join("..", "..", "fonts"))
		_, err := Make(Options{Config: cfg})
		want = strings.ReplaceAll(want, "DIR", dir)
		if err == nil || !strings.Contains(err.Error(), "01-preambule.md, "+want) {
			t.Errorf("%s: error %v, want it to name the template line and say %q", tpl, err, want)
		}
	}
}

func TestFontErrors(t *testing.T) {
	for name, tc := range map[string]struct {
		prepare func(dir string)
		want    string
	}{
		"missing": {func(dir string) { os.Remove(filepath.Join(dir, "Carlito-Bold.ttf")) },
			"Carlito-Bold.ttf : police introuvable (polices.gras dans cls.yaml) ; attendu un fichier TrueType (.ttf)"},
		"not a font": {func(dir string) {
			os.WriteFile(filepath.Join(dir, "Carlito-Italic.ttf"), []byte("<html>not a font</html>"), 0o644)
		},
			"Carlito-Italic.ttf : ce fichier n'est pas une police TrueType (polices.italique dans cls.yaml) ; attendu un fichier .ttf"},
	} {
		t.Run(name, func(t *testing.T) {
			fontsDir := filepath.Join(t.TempDir(), "fonts")
			os.MkdirAll(fontsDir, 0o755)
			for _, f := range []string{"Carlito-Regular.ttf", "Carlito-Bold.ttf", "Carlito-Italic.ttf", "Carlito-BoldItalic.ttf"} {
				b, _ := os.ReadFile(filepath.Join("..", "..", "fonts", f))
				os.WriteFile(filepath.Join(fontsDir, f), b, 0o644)
			}
			tc.prepare(fontsDir)
			_, err := Make(Options{Config: filepath.Join("..", "..", "cls.yaml"), Fonts: fontsDir})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v, want %q", err, tc.want)
			}
		})
	}
}

func TestOutputFolderNotWritable(t *testing.T) {
	dir := t.TempDir()
	blocker := filepath.Join(dir, "fichier")
	os.WriteFile(blocker, []byte("x"), 0o644)
	opt := realOptions()
	opt.Out = filepath.Join(blocker, "contrat.pdf") // a folder under a file
	_, err := Build(opt)
	if err == nil || err.Error() != "--out "+opt.Out+" : « "+blocker+" » n'est pas un dossier ; attendu le chemin d'un fichier PDF, par exemple output/contrat.pdf" {
		t.Errorf("got %v", err)
	}
}

// TestThousandFiches builds a contract of a thousand fiches: it must
// neither crash nor hang, and keep its sommaire exact.
func TestThousandFiches(t *testing.T) {
	if testing.Short() {
		t.Skip("long")
	}
	dir := t.TempDir()
	tr := sourcetest.Example()
	for i := 2; i <= 1000; i++ {
		code := fmt.Sprintf("FA2.%d", i)
		tr.Fiches[1].Rows = append(tr.Fiches[1].Rows, []string{code, "2", "Action " + code, "", "", "", "nouvelle", "", "Objectif " + code, "", "Porteur", "Public", "", "", ""})
	}
	cfg := tr.Write(t, dir, filepath.Join("..", "..", "fonts"))
	res, err := Make(Options{Config: cfg})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Layout.TOC) < 1000 {
		t.Fatalf("%d sommaire entries", len(res.Layout.TOC))
	}
	for _, e := range res.Layout.TOC {
		if res.Layout.Printed[e.Anchor] != e.At.Page {
			t.Fatalf("%s: sommaire %d, page %d", e.Title, res.Layout.Printed[e.Anchor], e.At.Page)
		}
	}
}
