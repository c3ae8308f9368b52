package check

import (
	"github.com/contrat-local-sante/cls/internal/model"
	"path/filepath"
	"testing"

	"github.com/contrat-local-sante/cls/internal/config"
	"github.com/contrat-local-sante/cls/internal/source"
)

// TestShippedTerritoryHasNoSigleWarning reads the Lisieux territory of the
// repository: a coordinator who sees warnings on every build learns to
// ignore them, so the shipped contract gives none.
func TestShippedTerritoryHasNoSigleWarning(t *testing.T) {
	root := filepath.Join("..", "..")
	cfg, err := config.Load(filepath.Join(root, "cls.yaml"), nil)
	if err != nil {
		t.Fatal(err)
	}
	c, probs := source.Read(cfg, source.Dirs{Sources: filepath.Join(root, "sources"), Templates: filepath.Join(root, "templates")})
	if len(probs) > 0 {
		t.Fatalf("reading the shipped territory:\n%s", probs.Error())
	}
	for _, p := range Check(c) {
		t.Errorf("%s", p)
	}
}

// contract is a contract of one template and cells, defining ARS and FA,
// not yet signed (a sigle defined and not used is worth a warning).
func siglesContract(template string, cells ...model.CellText) *model.Contract {
	return &model.Contract{
		Files:         model.Files{Contrat: "sources/contrat.xlsx", Fiches: "sources/fiches.xlsx", Sigles: "sources/sigles.xlsx", Templates: "templates"},
		Signatories:   []model.Signatory{{Institution: "L'Agence", Name: "Anne MARTIN", Representation: "sa Directrice, Madame Anne MARTIN"}},
		Fiches:        []model.Fiche{{Code: "FA1.1", Axe: "1"}},
		Axes:          []model.Axe{{Number: "1"}},
		Sigles:        []model.Sigle{{Sigle: "ARS", Definition: "Agence Régionale de Santé", Cell: "A2"}, {Sigle: "FA", Definition: "Fiche Action", Cell: "A3"}},
		TemplateFiles: map[string]model.Template{"01-texte.md": {Name: "01-texte.md", Text: template}},
		Texts: append([]model.CellText{
			{File: "sources/fiches.xlsx", Sheet: "Fiches", Cell: "A2", Text: "FA1.1"},
			{File: "sources/contrat.xlsx", Sheet: "Signataires", Cell: "B2", Text: "sa Directrice, Madame Anne MARTIN"},
			{File: "sources/contrat.xlsx", Sheet: "Signataires", Cell: "C2", Text: "Anne MARTIN"},
		}, cells...),
	}
}

func siglesLines(c *model.Contract) []string {
	var out []string
	for _, p := range checkSigles(c) {
		out = append(out, p.String())
	}
	return out
}

const expected = " ; attendu une ligne dans sources/sigles.xlsx : feuille « Sigles » (liste imprimée) ou « Autres sigles » (expliqué, non imprimé), ou feuille « Mots en capitales » si ce n'est pas un sigle"

// Every warning says where: the cell of a workbook, the line of a template.
func TestSigleWarningsAreLocated(t *testing.T) {
	c := siglesContract("# Titre\n\nL'ARS et la CPTS.\n\nPuis l'UC-IRSA, la CPTS encore et la PMI.\n",
		model.CellText{File: "sources/fiches.xlsx", Sheet: "Fiches", Cell: "N4", Text: "CH – PSLA/URPS, CPTS"},
		model.CellText{File: "sources/diagnostic.xlsx", Sheet: "Espérance de vie", Cell: "B2", Text: "INSEE 2021"})
	assertLines(t, siglesLines(c), []string{
		"avertissement : templates/01-texte.md, ligne 3 : sigle « CPTS » employé mais défini nulle part" + expected,
		"avertissement : templates/01-texte.md, ligne 5 : sigles « UC-IRSA », « PMI » employés mais définis nulle part" + expected,
		"avertissement : sources/fiches.xlsx, feuille « Fiches », cellule N4 : sigles « CH », « PSLA », « URPS » employés mais définis nulle part" + expected,
		"avertissement : sources/diagnostic.xlsx, feuille « Espérance de vie », cellule B2 : sigle « INSEE » employé mais défini nulle part" + expected,
	})
}

// The fiche codes use their letters as a sigle, reported at the code's cell.
func TestFicheCodePrefixIsLocated(t *testing.T) {
	c := siglesContract("L'ARS.")
	c.Sigles = c.Sigles[:1]
	assertLines(t, siglesLines(c), []string{
		"avertissement : sources/fiches.xlsx, feuille « Fiches », cellule A2 : sigle « FA » employé mais défini nulle part" + expected,
	})
}

// A sigle may hold digits (C2S, T2A); a code or a formula ending with a
// number (FA1.1, CO₂, PM10) is no sigle, and a number after a hyphen is
// set aside (COVID-19).
func TestSiglesWithDigits(t *testing.T) {
	c := siglesContract("L'ARS, la C2S et la T2A ; FA2.3, le CO₂, les PM10 et le COVID-19.")
	assertLines(t, siglesLines(c), []string{
		"avertissement : templates/01-texte.md, ligne 1 : sigles « C2S », « T2A », « COVID » employés mais définis nulle part" + expected,
	})
	c.OtherSigles = []model.Sigle{{Sigle: "C2S", Definition: "Complémentaire Santé Solidaire"}, {Sigle: "T2A", Definition: "Tarification à l'activité"}, {Sigle: "COVID", Definition: "Maladie à coronavirus"}}
	assertLines(t, siglesLines(c), nil)
}

// Words in capitals that are not sigles: a title typed in capitals, a
// surname after a first name, a word joined to a single letter (E-SANTE),
// the words of a web address, Roman numerals.
func TestWordsInCapitalsThatAreNoSigles(t *testing.T) {
	c := siglesContract("L'ARS. Voir https://sante.gouv.fr/IMG/pdf/X.pdf et le titre II.",
		model.CellText{File: "sources/fiches.xlsx", Sheet: "Fiches", Cell: "E7", Text: "DEVELOPPER LES CONNAISSANCES EN SANTE DE LA POPULATION ET DE L'ARS"},
		model.CellText{File: "sources/fiches.xlsx", Sheet: "Fiches", Cell: "E4", Text: "« E-SANTE »"})
	c.Present = []model.Person{{Name: "Jean-Yves BREDIN"}}
	c.Texts = append(c.Texts, model.CellText{File: "sources/contrat.xlsx", Sheet: "Présents à la signature", Cell: "A2", Text: "Jean-Yves BREDIN"})
	assertLines(t, siglesLines(c), nil)

	// a sigle of the signed list within a title still counts as used
	c = siglesContract("Rien.", model.CellText{File: "sources/fiches.xlsx", Sheet: "Fiches", Cell: "E7", Text: "AGIR AVEC L'ARS ET LES CPTS"})
	assertLines(t, siglesLines(c), nil)
}

// The sheets « Autres sigles » and « Mots en capitales » silence the
// warnings without printing anything; their unused rows are reported
// at their cell.
func TestOtherSiglesAndCapitalWords(t *testing.T) {
	c := siglesContract("L'ARS, la CPTS et SOS Amitié.")
	c.OtherSigles = []model.Sigle{{Sigle: "CPTS", Definition: "Communauté Professionnelle Territoriale de Santé", Cell: "A2"}, {Sigle: "PMI", Definition: "Protection Maternelle et Infantile", Cell: "A3"}}
	c.CapitalWords = []model.CapitalWord{{Word: "SOS", Cell: "A2"}, {Word: "SHIFT", Cell: "A3"}}
	assertLines(t, siglesLines(c), []string{
		"avertissement : sources/sigles.xlsx, feuille « Autres sigles », cellule A3 : sigle « PMI » employé nulle part dans le contrat ; attendu : supprimer la ligne",
		"avertissement : sources/sigles.xlsx, feuille « Mots en capitales », cellule A3 : mot « SHIFT » employé nulle part dans le contrat ; attendu : supprimer la ligne",
	})
}

// A sigle of the printed list used nowhere is worth a warning while the
// contract is drafted; once signed, the list is the signed text.
func TestUnusedSigleOfTheSignedList(t *testing.T) {
	c := siglesContract("Rien.")
	assertLines(t, siglesLines(c), []string{
		"avertissement : sources/sigles.xlsx, feuille « Sigles », cellule A2 : sigle « ARS » défini mais employé nulle part dans le contrat ; attendu : supprimer la ligne, ou employer le sigle",
	})
	c.Signature.Date = "10 juillet 2025"
	assertLines(t, siglesLines(c), nil)
}

// « DDTM 14 » defines DDTM; a hyphenated sigle is defined by its parts;
// a word inside a longer one is no sigle.
func TestLongerFormsAndParts(t *testing.T) {
	c := siglesContract("La DDTM, l'ORS-CREAI, ABCDEFGHIJ et CPTSx ; l'ARS.")
	c.Sigles = append(c.Sigles, model.Sigle{Sigle: "DDTM 14", Definition: "Direction Départementale des Territoires et de la Mer du Calvados"},
		model.Sigle{Sigle: "ORS", Definition: "Observatoire Régional de la Santé"}, model.Sigle{Sigle: "CREAI", Definition: "Centre Régional d'Études, d'Actions et d'Informations"})
	assertLines(t, siglesLines(c), nil)
}
