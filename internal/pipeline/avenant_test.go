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
		"Avenant n° 1 au", "Vu l'article 9 du cadre conventionnel", "Vu la validation du Comité de Pilotage du 1er février 2027",
		"Article 1 : Objet de l'avenant", "Article 2 : Fiches actions ajoutées", "Article 3 : Fiches actions modifiées",
		"Rédaction précédente", "Animer le réseau.", "Animer le réseau et l'ouvrir aux pharmacies.",
		"Vaccination de proximité", "Une séance par commune", "Nombre de personnes vaccinées", // the new fiche in full
		"Les signataires", "Alice MARTIN",
	} {
		if !strings.Contains(atext, want) {
			t.Errorf("the avenant does not show %q", want)
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
