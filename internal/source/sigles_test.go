package source

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/contrat-local-sante/cls/internal/config"
	"github.com/contrat-local-sante/cls/internal/model"
	"github.com/contrat-local-sante/cls/internal/source/sourcetest"
)

// readExample writes tr and reads it back.
func readExample(t *testing.T, tr *sourcetest.Territory) (*model.Contract, string) {
	t.Helper()
	dir := t.TempDir()
	cfg, err := config.Load(tr.Write(t, dir, filepath.Join("..", "..", "fonts")), nil)
	if err != nil {
		t.Fatal(err)
	}
	c, probs := Read(cfg, Dirs{Sources: filepath.Join(dir, "sources"), Templates: filepath.Join(dir, "templates")})
	var lines []string
	for _, p := range probs {
		lines = append(lines, strings.ReplaceAll(p.String(), dir+string(filepath.Separator), ""))
	}
	return c, strings.Join(lines, "\n")
}

// The optional sheets of sigles.xlsx: sigles explained but not printed,
// words in capitals that are no sigles; the signed list is read as before.
func TestOtherSiglesSheets(t *testing.T) {
	tr := sourcetest.Example()
	tr.Sigles = append(tr.Sigles,
		sourcetest.Sheet{Name: "Autres sigles", Rows: [][]string{{"Sigle", "Définition", "Remarque"}, {"INSEE", "Institut National de la Statistique et des Études Économiques", "source des figures"}, {"C2S", "Complémentaire Santé Solidaire", ""}}},
		sourcetest.Sheet{Name: "Mots en capitales", Rows: [][]string{{"Mot"}, {"SOS"}}})
	c, probs := readExample(t, tr)
	if probs != "" {
		t.Fatalf("problems:\n%s", probs)
	}
	if len(c.Sigles) != 3 || c.Sigles[0] != (model.Sigle{Sigle: "CCVE", Definition: "Communauté de communes du Val d'Exemple", Cell: "A2"}) {
		t.Errorf("signed list: %+v", c.Sigles)
	}
	want := []model.Sigle{{Sigle: "INSEE", Definition: "Institut National de la Statistique et des Études Économiques", Cell: "A2"}, {Sigle: "C2S", Definition: "Complémentaire Santé Solidaire", Cell: "A3"}}
	if len(c.OtherSigles) != 2 || c.OtherSigles[0] != want[0] || c.OtherSigles[1] != want[1] {
		t.Errorf("other sigles: %+v", c.OtherSigles)
	}
	if len(c.CapitalWords) != 1 || c.CapitalWords[0] != (model.CapitalWord{Word: "SOS", Cell: "A2"}) {
		t.Errorf("capital words: %+v", c.CapitalWords)
	}
}

// A word is defined once, in one sheet.
func TestSigleInTwoSheets(t *testing.T) {
	tr := sourcetest.Example()
	tr.Sigles = append(tr.Sigles,
		sourcetest.Sheet{Name: "Autres sigles", Rows: [][]string{{"Sigle", "Définition"}, {"ARS", "Agence Régionale de Santé"}}},
		sourcetest.Sheet{Name: "Mots en capitales", Rows: [][]string{{"Mot"}, {"ASV"}}})
	_, probs := readExample(t, tr)
	want := "erreur : sources/sigles.xlsx, feuille « Autres sigles », cellule A2 : « ARS » figure déjà dans ce classeur (feuille « Sigles », A4) ; attendu une seule ligne par mot, dans une seule feuille\n" +
		"erreur : sources/sigles.xlsx, feuille « Mots en capitales », cellule A2 : « ASV » figure déjà dans ce classeur (feuille « Sigles », A3) ; attendu une seule ligne par mot, dans une seule feuille"
	if probs != want {
		t.Errorf("got\n%s\nwant\n%s", probs, want)
	}
}

// The reader keeps every text cell with its place, the diagnostic's too
// (the source printed under a figure), but not the sigles' own cells.
func TestTextsKeepTheirCell(t *testing.T) {
	c, probs := readExample(t, sourcetest.Example())
	if probs != "" {
		t.Fatalf("problems:\n%s", probs)
	}
	has := func(want model.CellText) bool {
		for _, tx := range c.Texts {
			if strings.HasSuffix(tx.File, want.File) && tx.Sheet == want.Sheet && tx.Cell == want.Cell && strings.TrimSpace(tx.Text) == want.Text {
				return true
			}
		}
		return false
	}
	for _, want := range []model.CellText{
		{File: "sources/diagnostic.xlsx", Sheet: "Espérance de vie", Cell: "B2", Text: "INSEE 2021"},
		{File: "sources/fiches.xlsx", Sheet: "Fiches", Cell: "A2", Text: "FA1.1"},
		{File: "sources/fiches.xlsx", Sheet: "Fiches", Cell: "K2", Text: "CCVE"},
		{File: "sources/contrat.xlsx", Sheet: "Dispositifs", Cell: "C3", Text: "SNS"},
	} {
		if !has(want) {
			t.Errorf("no text %+v among the %d kept", want, len(c.Texts))
		}
	}
	// a table's header row is cls's words, a statistics sheet's title is not
	if has(model.CellText{File: "sources/fiches.xlsx", Sheet: "Fiches", Cell: "A1", Text: "Code"}) {
		t.Error("a header cell kept as text")
	}
	if !has(model.CellText{File: "sources/diagnostic.xlsx", Sheet: "Espérance de vie", Cell: "B1", Text: "Espérance de vie à la naissance"}) {
		t.Error("a statistics sheet's title not kept")
	}
	for _, tx := range c.Texts {
		if strings.HasSuffix(tx.File, "sigles.xlsx") {
			t.Errorf("a cell of the sigles kept as a use: %+v", tx)
			break
		}
	}
}
