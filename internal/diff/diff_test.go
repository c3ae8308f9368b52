package diff

import (
	"strings"
	"testing"

	"github.com/contrat-local-sante/cls/internal/model"
)

// signed is a small signed contract, the version an avenant starts from.
func signed() *model.Contract {
	return &model.Contract{
		Territory:   model.Territory{Name: "Communauté d'agglomération Lisieux Normandie"},
		Signature:   model.Signature{Place: "Lisieux", Date: "10 juillet 2025"},
		Steering:    []model.Member{{Name: "Préfecture"}, {Name: "Département"}},
		Signatories: []model.Signatory{{Name: "Anne Martin", Title: "Directrice"}},
		Levels:      []model.Level{{Name: "Régional", Dispositifs: []model.Dispositif{{Name: "Plan régional"}}}},
		Fiches: []model.Fiche{
			{Code: "FA1.1", Axe: "1", Title: "Dépister le diabète", Audience: "Adultes"},
			{Code: "FA1.2", Axe: "1", Title: "Vacciner"},
		},
		Sigles: []model.Sigle{{Sigle: "CPTS", Definition: "Communauté professionnelle"}, {Sigle: "PMI", Definition: "Protection maternelle"}},
		Stats: []model.StatTable{{Sheet: "Population", Source: "INSEE 2021", Series: []string{"2015", "2021"}, Rows: []model.StatRow{
			{Label: "Lisieux", Values: []float64{20000, 19500}, Set: []bool{true, true}, Decimals: []int{0, 0}},
		}}},
		TemplateFiles: map[string]model.Template{
			"01-preambule.md": {Text: "Un\nDeux\nTrois"},
			"02-acteurs.md":   {Text: "Acteurs"},
			"03-gouv.md":      {Text: "Gouvernance"},
		},
	}
}

// Identical versions have no change.
func TestSame(t *testing.T) {
	if got := Compare(signed(), signed()); len(got) != 0 {
		t.Errorf("changes between identical versions: %v", got)
	}
}

// Every kind of change gives its line, in a stable order: the contract,
// its lists, the avenants, the fiches, the sigles, the statistics, the
// templates.
func TestCompare(t *testing.T) {
	old, new := signed(), signed()
	new.Avenants = []model.Avenant{{Number: 1, Object: "Ajout d'une fiche", SignatureDate: "2026-03-02"}}
	new.Steering = []model.Member{{Name: "Préfecture"}, {Name: "Région"}}
	new.Fiches[0].Audience = "Adultes de plus de 45 ans"
	new.Fiches[0].Objectives = []model.Objective{{Number: "1", Text: "Repérer", Operational: []model.Operational{{Number: "1.1", Text: "Cartographier"}}}}
	new.Fiches = append(new.Fiches[:1], model.Fiche{Code: "FA2.1", Axe: "2", Title: "Soigner\nmieux"})
	new.Sigles = []model.Sigle{{Sigle: "CPTS", Definition: "Communauté professionnelle territoriale de santé"}, {Sigle: "ARS", Definition: "Agence régionale de santé"}}
	new.Stats[0].Source = "INSEE 2022"
	new.Stats[0].Rows[0].Values = []float64{20000, 19432.5}
	new.Stats[0].Rows[0].Decimals = []int{0, 1}
	new.Stats[0].Rows[0].Set = []bool{false, true}
	new.TemplateFiles = map[string]model.Template{
		"01-preambule.md": {Text: "Un\nDeux bis\nTrois\nQuatre"},
		"04-suivi.md":     {Text: "Suivi"},
	}
	want := []string{
		"Contrat : version : « Version initiale signée le 10 juillet 2025 » → « Version consolidée intégrant l'avenant n° 1 du 2 mars 2026 »",
		"Comité de pilotage : ajouté : « Région »",
		"Comité de pilotage : retiré : « Département »",
		"Avenant n° 1 : ajouté : « Ajout d'une fiche »",
		"Fiche FA1.1 : public visé : « Adultes » → « Adultes de plus de 45 ans »",
		"Fiche FA1.1 : objectifs : (vide) → « 1 Repérer → 1.1 Cartographier »",
		"Fiche FA2.1 : ajoutée : « Soigner / mieux » (axe 2)",
		"Fiche FA1.2 : supprimée : « Vacciner »",
		"Sigles : CPTS : « Communauté professionnelle » → « Communauté professionnelle territoriale de santé »",
		"Sigles : ajouté : ARS (Agence régionale de santé)",
		"Sigles : retiré : PMI",
		"Statistiques, feuille « Population » : source : « INSEE 2021 » → « INSEE 2022 »",
		"Statistiques, feuille « Population » : Lisieux, 2015 : 20\u202f000 → (vide)",
		"Statistiques, feuille « Population » : Lisieux, 2021 : 19\u202f500 → 19\u202f432,5", // narrow no-break spaces,
		"Modèle 01-preambule.md : modifié (2 ligne(s) ajoutée(s) ou changée(s), 1 retirée(s))",
		"Modèle 04-suivi.md : ajouté",
		"Modèle 02-acteurs.md : supprimé",
		"Modèle 03-gouv.md : supprimé",
	}
	var got []string
	for _, c := range Compare(old, new) {
		got = append(got, c.String())
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n\t%s\nwant\n\t%s", strings.Join(got, "\n\t"), strings.Join(want, "\n\t"))
	}
}

// A long text is cut in the line, whole characters kept.
func TestQuote(t *testing.T) {
	long := strings.Repeat("é", 200)
	if got := quote(long); got != "« "+strings.Repeat("é", 157)+"… »" {
		t.Errorf("quote(200 é) = %q", got)
	}
	if got := quote("  \n "); got != "(vide)" {
		t.Errorf("quote(blank) = %q", got)
	}
}

// Every field a fiche change may name has its French name on the command
// line: a missing one would print as an empty name.
func TestEveryFicheFieldHasAName(t *testing.T) {
	for _, k := range model.FicheFields() {
		if fieldNames[k] == "" {
			t.Errorf("field %q has no name", k)
		}
	}
}
