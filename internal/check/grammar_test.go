package check

import (
	"slices"
	"testing"

	"github.com/contrat-local-sante/cls/internal/frgram"
	"github.com/contrat-local-sante/cls/internal/model"
)

func TestGrammarWarnings(t *testing.T) {
	c := &model.Contract{
		Files:     model.Files{Contrat: "sources/contrat.xlsx"},
		Territory: model.Territory{Name: "Bernay Terres de Normandie", Origin: "cls.yaml"},
		Signatories: []model.Signatory{
			{Institution: "Département de l'Eure", Cell: "A2"},           // derived: le
			{Institution: "Sandwich Santé Bernay", Cell: "A3"},           // undecidable
			{Institution: "L'Ugecam", Cell: "A4"},                        // l', but which gender?
			{Institution: "Ugecam", Article: frgram.Elided, Cell: "A5"},  // the same
			{Institution: "Ugecam", Gender: frgram.Feminine, Cell: "A6"}, // settled by the « Genre » column
			{Institution: "Bernay", Article: frgram.Bare, Gender: frgram.Feminine, Cell: "A7"},
			{Institution: "", Cell: "A8"}, // an empty cell is the reader's error
		},
	}
	want := []string{
		"avertissement : cls.yaml : territoire.nom : article de « Bernay Terres de Normandie » indéterminé ; attendu territoire.article : la, le, l', les ou aucun",
		"avertissement : sources/contrat.xlsx, feuille « Signataires », cellule A3 : article de « Sandwich Santé Bernay » indéterminé ; attendu la, le, l', les ou aucun dans la colonne « Article »",
		"avertissement : sources/contrat.xlsx, feuille « Signataires », cellule A4 : genre de « L'Ugecam » indéterminé (« représenté » ou « représentée » ?) ; attendu f ou m dans la colonne « Genre »",
		"avertissement : sources/contrat.xlsx, feuille « Signataires », cellule A5 : genre de « Ugecam » indéterminé (« représenté » ou « représentée » ?) ; attendu f ou m dans la colonne « Genre »",
	}
	var got []string
	for _, p := range checkGrammar(c) {
		got = append(got, p.String())
	}
	if !slices.Equal(got, want) {
		t.Errorf("got\n%s\nwant\n%s", join(got), join(want))
	}

	// a territory whose name says its grammar, or whose cls.yaml does,
	// and signatories that say theirs: no warning
	c.Territory = model.Territory{Name: "Intercom Bernay Terres de Normandie", Origin: "cls.yaml"}
	c.Signatories = []model.Signatory{{Institution: "La communauté d'Agglomération de Lisieux Normandie"}, {Institution: "L'Agence Régionale de Santé de Normandie"}, {Institution: "État"}}
	if p := checkGrammar(c); len(p) != 0 {
		t.Errorf("unexpected warnings: %v", p)
	}
	c.Territory = model.Territory{Name: "Bernay Terres de Normandie", Article: frgram.Bare}
	if p := checkGrammar(c); len(p) != 0 {
		t.Errorf("territoire.article aucun: unexpected warnings: %v", p)
	}
}

func join(l []string) string {
	out := ""
	for _, s := range l {
		out += s + "\n"
	}
	return out
}
