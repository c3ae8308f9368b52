package pipeline

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/contrat-local-sante/cls/internal/doc"
	"github.com/contrat-local-sante/cls/internal/layout"
	"github.com/contrat-local-sante/cls/internal/source/sourcetest"
)

// pageText is the text drawn on one page, runs joined by spaces, no-break
// spaces made plain.
func pageText(p layout.Page) string {
	var b strings.Builder
	for _, it := range p.Items {
		if t, ok := it.(doc.Text); ok {
			b.WriteString(t.Text)
			b.WriteByte(' ')
		}
	}
	return plainSpaces(b.String())
}

// TestTerritoryLabelsArePrinted: a territory's templates/libelles.yaml
// changes the words the program prints around its data (a fiche table's
// label, the governance diagram's box, the signature page's heading, the
// footer's page number, the sommaire's title, a figure's caption), and
// only those.
func TestTerritoryLabelsArePrinted(t *testing.T) {
	tr := sourcetest.Example()
	tr.Templates["libelles.yaml"] = `fiche:
  porteur: Responsable de l'action
  public: Pour qui
gouvernance:
  copil: Conseil stratégique
  descend: décide
signatures:
  signataires: "Ont signé :"
pied_de_page:
  page: "feuillet {page} sur {pages}"
sommaire:
  titre: Table des matières
figure:
  legende: "Schéma {numero}. {titre}"
`
	cfg := tr.Write(t, t.TempDir(), filepath.Join("..", "..", "fonts"))
	res, err := Build(Options{Config: cfg})
	if err != nil {
		t.Fatal(err)
	}
	text := plainSpaces(allText(res))
	for _, want := range []string{"Responsable de l'action", "Pour qui", "Conseil stratégique", "décide", "Ont signé :",
		"Table des matières", "Schéma 1. Espérance de vie à la naissance", "Schéma 5. Gouvernance",
		// the words the file leaves out keep the shipped wording
		"Objectif général", "Comité technique", "propose, rend compte", "En présence des membres du Comité de Pilotage"} {
		if !strings.Contains(text, want) {
			t.Errorf("the contract does not print %q", want)
		}
	}
	for _, gone := range []string{"Maître d'œuvre", "Public visé", "Comité de pilotage", "oriente, valide", "Les signataires", "Sommaire", "Figure 1"} {
		if strings.Contains(text, gone) {
			t.Errorf("the contract still prints the shipped %q", gone)
		}
	}
	n := len(res.Layout.Pages)
	for i, p := range res.Layout.Pages {
		if p.Cover {
			continue
		}
		if want := fmt.Sprintf("feuillet %d sur %d", i+1, n); !strings.Contains(pageText(p), want) {
			t.Errorf("page %d: footer lacks %q", i+1, want)
		}
	}
}

// TestShippedLabelsAllPrint: with the shipped labels no word prints as its
// key (« [fiche.porteur] »), and the counts take their singular form: the
// example territory has one comité technique member and one working group.
func TestShippedLabelsAllPrint(t *testing.T) {
	cfg := sourcetest.Example().Write(t, t.TempDir(), filepath.Join("..", "..", "fonts"))
	res, err := Build(Options{Config: cfg})
	if err != nil {
		t.Fatal(err)
	}
	text := plainSpaces(allText(res))
	if m := regexp.MustCompile(`\[[a-z_]+\.[a-z_0-9]+\]`).FindString(text); m != "" {
		t.Errorf("a label prints as its key: %s", m)
	}
	for _, want := range []string{"Maître d'œuvre / Porteur", "Comité de pilotage", "Les signataires :", "Sommaire",
		"– 1 membre", "– 1 groupe lors de l'élaboration", "page 2 / "} {
		if !strings.Contains(text, want) {
			t.Errorf("the contract does not print %q", want)
		}
	}
}
