package compose

import (
	"testing"

	"github.com/contrat-local-sante/cls/internal/diag"
	"github.com/contrat-local-sante/cls/internal/frgram"
	"github.com/contrat-local-sante/cls/internal/model"
)

// bernay is a second territory whose names need every form: an elided
// feminine territory, a masculine département, an agency left to the
// derivation, the State (masculine, elided) and a name given its article
// in the « Article » column.
func bernay() *model.Contract {
	c := contract()
	c.Territory = model.Territory{Name: "Intercom Bernay Terres de Normandie", Short: "IBTN"}
	c.Signature.Place = "à Bernay"
	c.Signatories = []model.Signatory{
		{Institution: "Département de l'Eure", Representation: "son Président"},
		{Institution: "Agence Régionale de Santé", Representation: "son Directeur"},
		{Institution: "État", Representation: "le Préfet"},
		{Institution: "Ugecam", Article: frgram.Elided, Gender: frgram.Feminine, Representation: "sa Directrice"},
		{Institution: "Mutuelles de l'Eure", Article: frgram.Les, Gender: frgram.Feminine, Representation: "leur Présidente"},
	}
	c.Steering = []model.Member{{Name: "Caisse d'Allocations Familiales"}, {Name: "Centre Hospitalier"}, {Name: "Ville de Bernay"}}
	return c
}

// runGrammar runs a template over c with the functions every template has.
func runGrammar(t *testing.T, c *model.Contract, text string) string {
	t.Helper()
	var probs diag.List
	out, _ := execute(model.Template{Name: "09.md", Path: "templates/09.md", Text: text}, newTemplateData(c), baseFuncs, &probs)
	if len(probs) > 0 {
		t.Fatalf("%s: %s", text, probs[0])
	}
	return out
}

func TestGrammarFunctions(t *testing.T) {
	c := bernay()
	for text, want := range map[string]string{
		`le Contrat Local de Santé {{ de .Territoire }}`:  "le Contrat Local de Santé de l'Intercom Bernay Terres de Normandie",
		`{{ article .Territoire | majuscule }} s'engage`:  "L'Intercom Bernay Terres de Normandie s'engage",
		`{{ a .Territoire }}`:                             "à l'Intercom Bernay Terres de Normandie",
		`{{ à .Territoire }}`:                             "à l'Intercom Bernay Terres de Normandie",
		`{{ .Territoire }}`:                               "Intercom Bernay Terres de Normandie",
		`{{ majuscule .Signature.Lieu }}, le 2 mars 2026`: "À Bernay, le 2 mars 2026",
		`{{ range .Signataires }}- {{ article . | majuscule }}, {{ accord . "représenté" }} par {{ .Representation }}{{ "\n" }}{{ end }}`: "- Le Département de l'Eure, représenté par son Président\n" +
			"- L'Agence Régionale de Santé, représentée par son Directeur\n" +
			"- L'État, représenté par le Préfet\n" +
			"- L'Ugecam, représentée par sa Directrice\n" +
			"- Les Mutuelles de l'Eure, représentées par leur Présidente\n",
		`{{ range .Signataires }}{{ de . }} ; {{ a . }}|{{ end }}`: "du Département de l'Eure ; au Département de l'Eure|" +
			"de l'Agence Régionale de Santé ; à l'Agence Régionale de Santé|de l'État ; à l'État|" +
			"de l'Ugecam ; à l'Ugecam|des Mutuelles de l'Eure ; aux Mutuelles de l'Eure|",
		`{{ range .ComitePilotage }}{{ de . }}|{{ end }}`:                                                               "de la Caisse d'Allocations Familiales|du Centre Hospitalier|de la Ville de Bernay|",
		`{{ de "La Communauté de communes" }} {{ de "Le Havre" }} {{ de "Évreux" }}`:                                    "de la Communauté de communes du Havre d'Évreux",
		`{{ range $i, $s := .Signataires }}{{ $s.Representation }}{{ ponctue $i $.Signataires " ;" "." }} {{ end }}`:    "son Président ; son Directeur ; le Préfet ; sa Directrice ; leur Présidente. ",
		`{{ liste .ComitePilotage ", " " et " }}.`:                                                                      "Caisse d'Allocations Familiales, Centre Hospitalier et Ville de Bernay.",
		`{{ accord (index .Signataires 3) "son" "sa" "leurs" }} {{ accord (index .Signataires 4) "son" "sa" "leurs" }}`: "sa leurs",
	} {
		if got := runGrammar(t, c, text); got != want {
			t.Errorf("%s\n got %q\nwant %q", text, got, want)
		}
	}
}

// A function given something that is not a name, or the wrong number of
// values, says so in French at the template's line.
func TestGrammarFunctionErrors(t *testing.T) {
	for text, want := range map[string]string{
		"\n{{ de 3 }}":                            "erreur : templates/09.md, ligne 2 : {{ de … }} : de attend un nom (par exemple .Territoire, un signataire ou un texte entre guillemets), pas un nombre entier",
		"{{ accord .Territoire }}":                "erreur : templates/09.md, ligne 1 : {{ accord … }} : accord attend un nom puis de 1 à 4 formes du mot (masculin, féminin, masculin pluriel, féminin pluriel), pas 0",
		"{{ liste .Territoire \", \" \" et \" }}": "erreur : templates/09.md, ligne 1 : {{ liste … }} : liste attend une liste (par exemple .Acteurs), pas le groupe .Territoire",
		"{{ de }}":                                "erreur : templates/09.md, ligne 1 : {{ de … }} attend 1 valeur (un nom), aucune donnée",
	} {
		var probs diag.List
		execute(model.Template{Name: "09.md", Path: "templates/09.md", Text: text}, newTemplateData(bernay()), baseFuncs, &probs)
		if len(probs) != 1 || probs[0].String() != want {
			t.Errorf("%s\n got %v\nwant %s", text, probs, want)
		}
	}
}
