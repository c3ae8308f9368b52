package pipeline

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/contrat-local-sante/cls/internal/diff"
	"github.com/contrat-local-sante/cls/internal/source/sourcetest"
)

// TestAvenantScenario follows a contract through an avenant: the
// coordinator adds a fiche and rewrites another, registers avenant n° 1,
// rebuilds, produces the avenant and compares the two versions.
func TestAvenantScenario(t *testing.T) {
	fontsDir := filepath.Join("..", "..", "fonts")
	base := t.TempDir()

	// the signed version
	v0 := sourcetest.Example()
	v0.Templates["045-historique.md"] = "# Historique des avenants\n\n```cls\nhistorique\n```\n"
	// this territory's cadre revises the contract in its article 7
	v0.Templates["04-cadre.md"] += revisionArticle
	dir0 := filepath.Join(base, "v0")
	cfg0 := v0.Write(t, dir0, fontsDir)
	signed, err := Build(Options{Config: cfg0})
	if err != nil {
		t.Fatal(err)
	}

	// the amended version
	v1 := sourcetest.Example()
	v1.Templates = v0.Templates
	v1.Fiches[1].Rows = append(v1.Fiches[1].Rows, []string{"FA1.2", "1", "Vaccination de proximité", "", "", "", "nouvelle", "", "Rapprocher la vaccination des habitants.", "", "CCVE", "Familles", "", "Pharmacies", ""})
	v1.Fiches[2].Rows = append(v1.Fiches[2].Rows, []string{"FA1.2", "1", "Organiser des séances", "", "Une séance par commune"})
	v1.Fiches[3].Rows = append(v1.Fiches[3].Rows, []string{"FA1.2", "résultats", "indicateur", "Nombre de personnes vaccinées"})
	v1.Fiches[1].Rows[2][8] = "Animer le réseau et l'ouvrir aux pharmacies."
	v1.Contrat = append(v1.Contrat, sourcetest.Sheet{Name: "Avenants", Rows: [][]string{
		{"Numéro", "Date de validation COPIL", "Date de signature", "Objet", "Fiches ajoutées", "Fiches modifiées", "Partenaires ajoutés", "Membres du COPIL ajoutés"},
		{"1", "2027-02-01", "15/03/2027", "Ajout d'une action de vaccination et ouverture du réseau aux pharmacies", "FA1.2", "FA2.1", "Pharmacies du Val", ""},
	}})
	dir1 := filepath.Join(base, "v1")
	cfg1 := v1.Write(t, dir1, fontsDir)
	amended, err := Build(Options{Config: cfg1})
	if err != nil {
		t.Fatal(err)
	}

	// the consolidated contract
	var toc []string
	for _, e := range amended.Layout.TOC {
		toc = append(toc, plainSpaces(e.Title))
		if amended.Layout.Printed[e.Anchor] != e.At.Page {
			t.Errorf("%s: sommaire says %d, heading on %d", e.Title, amended.Layout.Printed[e.Anchor], e.At.Page)
		}
	}
	if !strings.Contains(strings.Join(toc, "|"), "FA1.1 – Dépistage itinérant|FA1.2 – Vaccination de proximité|Axe 2") {
		t.Errorf("the new fiche is not in the sommaire: %q", toc)
	}
	text := plainSpaces(allText(amended))
	for _, want := range []string{
		"Version consolidée intégrant l'avenant n° 1 du 15 mars 2027", // footer and cover
		"(ajoutée, avenant n° 1)", "(modifiée, avenant n° 1)",         // synthèse
		"Fiche ajoutée par l'avenant n° 1 du 15 mars 2027", "Fiche modifiée par l'avenant n° 1 du 15 mars 2027", // fiche tables
		"Avenant n° 1", "1er février 2027", "Pharmacies du Val", // history page
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the consolidated contract does not show %q", want)
		}
	}
	if strings.Contains(plainSpaces(allText(signed)), "Version consolidée") {
		t.Error("the signed version calls itself consolidated")
	}

	// the avenant itself, from the signed PDF as the "before"
	out := filepath.Join(base, "avenant-1.pdf")
	av, err := Avenant(Options{Config: cfg1}, 1, signed.Path, out)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(out); err != nil {
		t.Fatal(err)
	}
	atext := plainSpaces(allText(av))
	for _, want := range []string{
		"Avenant n° 1 au", "Vu l'article 7 du cadre conventionnel, qui prévoit la révision du contrat par avenant ;", "Vu la validation du Comité de Pilotage du 1er février 2027",
		"Article 1 : Objet de l'avenant", "Article 2 : Fiches actions ajoutées", "Article 3 : Fiches actions modifiées",
		"Rédaction précédente", "Animer le réseau.", "Animer le réseau et l'ouvrir aux pharmacies.",
		"Vaccination de proximité", "Une séance par commune", "Nombre de personnes vaccinées", // the new fiche in full
		"Les signataires", "Alice MARTIN",
	} {
		if !strings.Contains(atext, want) {
			t.Errorf("the avenant does not show %q", want)
		}
	}
	if strings.Contains(strings.ToLower(atext), "article 9") {
		t.Error("the avenant cites an article 9 the cadre does not have")
	}
	// a territory without templates/avenant/ gets the shipped wording
	for _, want := range []string{"Entre les parties", "ci-après « les signataires ».", "Il est convenu ce qui suit :",
		"Les autres dispositions du contrat et de ses avenants antérieurs demeurent inchangées.", "À Exempleville, le 15 mars 2027",
		"Validé par le Comité de Pilotage le 1er février 2027", "Avenant n° 1 – signé le 15 mars 2027"} {
		if !strings.Contains(atext, want) {
			t.Errorf("the avenant does not show the shipped %q", want)
		}
	}
	// without the "before", an avenant that modifies fiches cannot say how
	if _, err := Avenant(Options{Config: cfg1}, 1, "", filepath.Join(base, "x.pdf")); err == nil || !strings.Contains(err.Error(), "--avant") {
		t.Errorf("avenant without --avant: %v", err)
	}
	if _, err := Avenant(Options{Config: cfg1}, 2, signed.Path, filepath.Join(base, "x.pdf")); err == nil || !strings.Contains(err.Error(), "avenant n° 2 absent du registre") {
		t.Errorf("avenant 2: %v", err)
	}

	// the difference between the signed PDF and the amended folder
	old, err := ReadVersion(signed.Path)
	if err != nil {
		t.Fatal(err)
	}
	cur, err := ReadVersion(dir1)
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, c := range diff.Compare(old, cur) {
		lines = append(lines, c.String())
	}
	all := strings.Join(lines, "\n")
	for _, want := range []string{
		"Fiche FA1.2 : ajoutée : « Vaccination de proximité » (axe 1)",
		"Fiche FA2.1 : objectif général : « Animer le réseau. » → « Animer le réseau et l'ouvrir aux pharmacies. »",
		"Avenant n° 1 : ajouté",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("diff lacks %q:\n%s", want, all)
		}
	}
	if same := diff.Compare(cur, cur); len(same) != 0 {
		t.Errorf("a version differs from itself: %v", same)
	}
}

// revisionArticle is the article of a test cadre that provides for
// avenants, numbered 7 as in some territories (9 in Lisieux).
const revisionArticle = "\n## Article 7 : La révision du contrat {#revision}\n\nLe contrat est révisé par avenant.\n"

// amendable is the example territory with avenant n° 1 in its register
// (new partners only, so that it needs no previous version), and cadre as
// its revision article.
func amendable(cadre string) *sourcetest.Territory {
	tr := sourcetest.Example()
	tr.Templates["04-cadre.md"] += cadre
	tr.Contrat = append(tr.Contrat, sourcetest.Sheet{Name: "Avenants", Rows: [][]string{
		{"Numéro", "Date de validation COPIL", "Date de signature", "Objet", "Fiches ajoutées", "Fiches modifiées", "Partenaires ajoutés", "Membres du COPIL ajoutés"},
		{"1", "2027-02-01", "15/03/2027", "Ouverture aux pharmacies", "", "", "Pharmacies du Val", ""},
	}})
	return tr
}

// A citation of a label no heading carries stops check and avenant, at
// the template's line, and says which labels there are.
func TestAvenantCitesAMissingLabel(t *testing.T) {
	fontsDir := filepath.Join("..", "..", "fonts")
	base := t.TempDir()
	// the cadre's label misspelt: the shipped visa cites {#revision}
	cfg := amendable(strings.Replace(revisionArticle, "{#revision}", "{#revsion}", 1)).Write(t, filepath.Join(base, "a"), fontsDir)
	want := "erreur : templates/avenant/03-visas.md, ligne 4 : {{ ref … }} : renvoi « revision » : aucun titre ne porte l'étiquette {#revision} ; étiquettes présentes : revsion ; attendu l'une d'elles, ou {#revision} à la fin du titre cité"
	_, err := Avenant(Options{Config: cfg}, 1, "", filepath.Join(base, "a.pdf"))
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("avenant:\n got %v\nwant %s", err, want)
	}
	probs, err := Check(Options{Config: cfg})
	if err != nil || !probs.HasErrors() || !strings.Contains(probs.Error(), want) {
		t.Errorf("check:\n got %v %v\nwant %s", err, probs, want)
	}
	// the contract itself does not need the label: it still builds
	if _, err := Build(Options{Config: cfg}); err != nil {
		t.Errorf("build: %v", err)
	}

	// the territory's own avenant text, with a typo in a citation
	tr := amendable(revisionArticle)
	tr.Templates["avenant/01-texte.md"] = "# Avenant n° {{ .Avenant.Numero }}\n\nVu l'{{ ref \"revison\" }}.\n"
	cfg = tr.Write(t, filepath.Join(base, "b"), fontsDir)
	want = "templates/avenant/01-texte.md, ligne 3 : {{ ref … }} : renvoi « revison » : aucun titre ne porte l'étiquette {#revison} ; étiquettes présentes : revision ;"
	if _, err := Avenant(Options{Config: cfg}, 1, "", filepath.Join(base, "b.pdf")); err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("avenant:\n got %v\nwant %s", err, want)
	}
	if probs, _ := Check(Options{Config: cfg}); !strings.Contains(probs.Error(), want) {
		t.Errorf("check:\n got %v\nwant %s", probs, want)
	}
}

// A territory's own templates/avenant/ replaces the shipped text whole,
// and the cadre's labels never print.
func TestAvenantFromTheTerritorysTemplates(t *testing.T) {
	fontsDir := filepath.Join("..", "..", "fonts")
	base := t.TempDir()
	tr := amendable(revisionArticle)
	tr.Templates["avenant/01-texte.md"] = "```cls\ncouverture\nsurtitre: Premier avenant au\n```\n\n# Préambule de l'avenant {{ .Avenant.Numero }}\n\nEn application de l'{{ ref \"revision\" }}, les parties conviennent : {{ .Avenant.Objet }}.\n\n## Point {{ compteur \"point\" }}\n\n## Point {{ compteur \"point\" }}\n"
	cfg := tr.Write(t, filepath.Join(base, "t"), fontsDir)
	av, err := Avenant(Options{Config: cfg}, 1, "", filepath.Join(base, "t.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	text := plainSpaces(allText(av))
	for _, want := range []string{"Premier avenant au", "Préambule de l'avenant 1", "En application de l'article 7, les parties conviennent : Ouverture aux pharmacies.", "Point 1", "Point 2"} {
		if !strings.Contains(text, want) {
			t.Errorf("the avenant does not show %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "Il est convenu") {
		t.Error("the shipped text is printed beside the territory's")
	}
	res, err := Build(Options{Config: cfg})
	if err != nil {
		t.Fatal(err)
	}
	contract := plainSpaces(allText(res))
	if !strings.Contains(contract, "Article 7 : La révision du contrat") || strings.Contains(contract, "{#") {
		t.Error("the labelled heading does not print as written, without its label")
	}
}
