package pipeline

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/contrat-local-sante/cls/internal/source/sourcetest"
)

// bernay is a second territory built as a coordinator would: its name and
// its partners' names need « de l' », « du », « représenté » and
// « représentée », and no « Article » column says so; the names do.
func bernay() *sourcetest.Territory {
	tr := amendable(revisionArticle)
	tr.Config = strings.Replace(tr.Config, "nom: Communauté de communes du Val d'Exemple", "nom: Intercom Bernay Terres de Normandie", 1)
	tr.Config = strings.Replace(tr.Config, "lieu: Exempleville", "lieu: Bernay", 1)
	tr.Contrat[0] = sourcetest.Sheet{Name: "Signataires", Rows: [][]string{
		{"Institution", "Représentée par", "Nom", "Fonction", "Partie"}, // no Article nor Genre column
		{"Intercom Bernay Terres de Normandie", "sa Présidente, Madame Alice MARTIN", "Alice MARTIN", "Présidente de l'Intercom", ""},
		{"Département de l'Eure", "son Président, Monsieur Bruno PETIT", "Bruno PETIT", "Président du Département", ""},
		{"Agence Régionale de Santé de Normandie", "son Directeur général, Monsieur Paul DURAND", "Paul DURAND", "Directeur général de l'ARS", ""},
		{"État", "le Préfet de l'Eure, Monsieur Jean ROUX", "Jean ROUX", "Préfet de l'Eure", ""},
	}}
	return tr
}

func TestGrammarOfASecondTerritory(t *testing.T) {
	fontsDir := filepath.Join("..", "..", "fonts")
	base := t.TempDir()
	cfg := bernay().Write(t, filepath.Join(base, "bernay"), fontsDir)

	av, err := Avenant(Options{Config: cfg}, 1, "", filepath.Join(base, "avenant.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	text := plainSpaces(allText(av))
	for _, want := range []string{
		"L'Intercom Bernay Terres de Normandie, représentée par sa Présidente",
		"Le Département de l'Eure, représenté par son Président",
		"L'Agence Régionale de Santé de Normandie, représentée par son Directeur général",
		"L'État, représenté par le Préfet de l'Eure",
		"Vu le Contrat Local de Santé 2026 – 2030 de l'Intercom Bernay Terres de Normandie, signé à Bernay",
		"Vu la validation du Comité de Pilotage du 1er février 2027.", // the last visa ends the list
		"À Bernay, le 15 mars 2027",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the avenant does not show %q", want)
		}
	}
	for _, wrong := range []string{"de la Intercom", "A Bernay", "L'État, représentée", "Le Département de l'Eure, représentée", "1er février 2027 ;"} {
		if strings.Contains(text, wrong) {
			t.Errorf("the avenant shows %q", wrong)
		}
	}

	res, err := Build(Options{Config: cfg})
	if err != nil {
		t.Fatal(err)
	}
	text = plainSpaces(allText(res))
	for _, want := range []string{"L'État, représenté par le Préfet de l'Eure, Monsieur Jean ROUX.", "L'Agence Régionale de Santé de Normandie, représentée par"} {
		if !strings.Contains(text, want) {
			t.Errorf("the contract does not show %q", want)
		}
	}
	for _, p := range res.Problems {
		if strings.Contains(p.Message, "indéterminé") {
			t.Errorf("unexpected warning: %s", p)
		}
	}
}

// A name whose article cannot be decided is a warning at its cell, and
// the « Article » column settles it.
func TestGrammarWarningAndColumn(t *testing.T) {
	fontsDir := filepath.Join("..", "..", "fonts")
	base := t.TempDir()
	tr := bernay()
	sheet := &tr.Contrat[0]
	sheet.Rows = append(sheet.Rows, []string{"Ugecam Normandie", "sa Directrice, Madame Léa BLANC", "Léa BLANC", "Directrice", ""})
	cfg := tr.Write(t, filepath.Join(base, "a"), fontsDir)
	probs, err := Check(Options{Config: cfg})
	if err != nil {
		t.Fatal(err)
	}
	want := "avertissement : bernay-a/sources/contrat.xlsx, feuille « Signataires », cellule A6 : article de « Ugecam Normandie » indéterminé ; attendu la, le, l', les ou aucun dans la colonne « Article »"
	found := false
	for _, p := range probs {
		s := strings.Replace(p.String(), filepath.ToSlash(filepath.Join(base, "a")), "bernay-a", 1)
		if s == want {
			found = true
		}
	}
	if !found {
		t.Errorf("check:\n got %v\nwant %s", probs, want)
	}

	// the column says it: l', feminine
	sheet.Rows[0] = append(sheet.Rows[0], "Article", "Genre")
	sheet.Rows[5] = append(sheet.Rows[5], "l'", "f")
	cfg = tr.Write(t, filepath.Join(base, "b"), fontsDir)
	av, err := Avenant(Options{Config: cfg}, 1, "", filepath.Join(base, "b.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	if text := plainSpaces(allText(av)); !strings.Contains(text, "L'Ugecam Normandie, représentée par sa Directrice") {
		t.Errorf("the avenant does not show « L'Ugecam Normandie, représentée par sa Directrice »")
	}
	for _, p := range av.Problems {
		if strings.Contains(p.Message, "indéterminé") {
			t.Errorf("unexpected warning: %s", p)
		}
	}

	// a value the column cannot hold is an error at its cell
	sheet.Rows[5][6] = "x"
	cfg = tr.Write(t, filepath.Join(base, "c"), fontsDir)
	probs, err = Check(Options{Config: cfg})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(probs.Error(), "feuille « Signataires », cellule G6 : genre « x » inconnu ; attendu f (féminin) ou m (masculin), ou une cellule vide") {
		t.Errorf("check: %v", probs)
	}
}
