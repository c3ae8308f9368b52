package compose

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/contrat-local-sante/cls/internal/chart"
	"github.com/contrat-local-sante/cls/internal/config"
	"github.com/contrat-local-sante/cls/internal/doc"
	"github.com/contrat-local-sante/cls/internal/source"
	"github.com/contrat-local-sante/cls/internal/source/sourcetest"
)

// A signatory whose « Partie » is left empty is listed on the cover by its
// institution without the article the cell starts with, like the parties
// typed in full; the article 1 of the cadre still writes it with its
// article, from the grammar.
func TestEmptyPartieListsWithoutArticle(t *testing.T) {
	tr := sourcetest.Example()
	sig := tr.Contrat[0]
	if sig.Name != "Signataires" {
		t.Fatalf("the example's first sheet is %q", sig.Name)
	}
	sig.Rows = append(sig.Rows,
		[]string{"La Caisse primaire d'assurance maladie d'Exemple", "sa Directrice, Madame Claire DUBOIS", "Claire DUBOIS", "La Directrice de la Caisse", "", "", ""},
		[]string{"L'Hôpital d'Exemple", "son Directeur, Monsieur Paul ROUX", "Paul ROUX", "Le Directeur de l'Hôpital", "", "", ""},
		[]string{"Bernay", "son Maire, Monsieur Jean DURAND", "Jean DURAND", "Le Maire", "", "aucun", "f"})
	tr.Contrat[0] = sig
	dir := t.TempDir()
	cfg, err := config.Load(tr.Write(t, dir, filepath.Join("..", "..", "fonts")), nil)
	if err != nil {
		t.Fatal(err)
	}
	c, probs := source.Read(cfg, source.Dirs{Sources: filepath.Join(dir, "sources"), Templates: filepath.Join(dir, "templates")})
	if probs.HasErrors() {
		t.Fatal(probs)
	}
	d, probs := Compose(c, runeMeasurer{}, chart.Fonts{})
	if probs.HasErrors() {
		t.Fatal(probs)
	}
	var cover doc.Cover
	var text []string
	for _, b := range d.Blocks {
		switch v := b.(type) {
		case doc.Cover:
			cover = v
		case doc.List:
			for _, it := range v.Items {
				text = append(text, doc.PlainText(it.Blocks[0].(doc.Paragraph).Text))
			}
		}
	}
	got := strings.Join(cover.Parties, "|")
	want := "Communauté de communes du Val d'Exemple|Agence Régionale de Santé|Caisse primaire d'assurance maladie d'Exemple|Hôpital d'Exemple|Bernay"
	if got != want {
		t.Errorf("cover parties:\ngot  %s\nwant %s", got, want)
	}
	all := strings.NewReplacer("\u00a0", " ", "\u202f", " ").Replace(strings.Join(text, "|"))
	for _, w := range []string{
		"La Caisse primaire d'assurance maladie d'Exemple, représentée par sa Directrice",
		"L'Hôpital d'Exemple, représenté par son Directeur",
		"Bernay, représentée par son Maire",
	} {
		if !strings.Contains(all, w) {
			t.Errorf("article 1 lacks %q:\n%s", w, all)
		}
	}
}
