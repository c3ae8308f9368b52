package pipeline

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/contrat-local-sante/cls/internal/doc"
	"github.com/contrat-local-sante/cls/internal/source/sourcetest"
)

// writeYear writes the blank workbook of a year, then lets fill change it.
func writeYear(t *testing.T, cfg string, year int, fill func(f *excelize.File)) {
	t.Helper()
	path := filepath.Join(filepath.Dir(cfg), "sources", "evaluation", fmt.Sprintf("%d.xlsx", year))
	if _, err := EvaluationTemplate(Options{Config: cfg}, year, path); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	fill(f)
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()
}

func TestEvaluationAnnex(t *testing.T) {
	dir := t.TempDir()
	cfg := sourcetest.Example().Write(t, dir, filepath.Join("..", "..", "fonts"))
	// the blank workbook: one row per fiche, one per indicator
	writeYear(t, cfg, 2026, func(f *excelize.File) {
		rows, _ := f.GetRows("Fiches")
		if len(rows) != 3 || rows[1][0] != "FA1.1" || rows[2][0] != "FA2.1" {
			t.Fatalf("Fiches sheet: %q", rows)
		}
		ind, _ := f.GetRows("Indicateurs")
		if len(ind) != 4 || ind[1][3] != "Tournées organisées" {
			t.Fatalf("Indicateurs sheet: %q", ind)
		}
		dvs, _ := f.GetDataValidations("Fiches")
		if len(dvs) != 1 || !strings.Contains(dvs[0].Formula1, "réalisée") {
			t.Fatalf("état list: %+v", dvs)
		}
		f.SetCellStr("Fiches", "D2", "en cours")
		f.SetCellInt("Indicateurs", "E3", 80) // Nombre de personnes dépistées
	})
	writeYear(t, cfg, 2027, func(f *excelize.File) {
		f.SetCellStr("Annexe", "B3", "oui")
		f.SetCellStr("Fiches", "D2", "réalisée")
		f.SetCellStr("Fiches", "E2", "Tournées dans les 12 communes.")
		f.SetCellInt("Indicateurs", "E3", 145)
		f.SetCellInt("Indicateurs", "F3", 150)
		// FA2.1 left blank: "non renseignée"
	})
	out := filepath.Join(dir, "annexe.pdf")
	res, err := Evaluation(Options{Config: cfg}, 2027, out)
	if err != nil {
		t.Fatal(err)
	}
	text := plainSpaces(allText(res))
	for _, want := range []string{
		"Évaluation annuelle 2027", "EXEMPLE", "Tableau de bord",
		"réalisée", "non renseignée", // FA2.1 absent from 2027: shown, never dropped
		"2026", "2027", "80", "145", "150", "Tournées dans les 12 communes.",
		"Évolution des indicateurs – FA1.1", // two years of values: a trend chart
		"État d'avancement renseigné pour 1 fiches sur 2",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the annex does not show %q", want)
		}
	}
	if len(res.Layout.TOC) == 0 {
		t.Error("the annex has no sommaire entries")
	}
	for _, e := range res.Layout.TOC {
		if res.Layout.Printed[e.Anchor] != e.At.Page {
			t.Errorf("%s: sommaire %d, page %d", e.Title, res.Layout.Printed[e.Anchor], e.At.Page)
		}
	}

	// --append: the consolidated contract followed by the annex
	withAnnex, err := Make(Options{Config: cfg, EvaluationYear: 2027})
	if err != nil {
		t.Fatal(err)
	}
	plain, _ := Make(Options{Config: cfg})
	if len(withAnnex.Layout.Pages) <= len(plain.Layout.Pages) {
		t.Errorf("appending the annex added no page (%d vs %d)", len(withAnnex.Layout.Pages), len(plain.Layout.Pages))
	}
	last := withAnnex.Layout.TOC[len(withAnnex.Layout.TOC)-1]
	found := false
	for _, e := range withAnnex.Layout.TOC {
		found = found || strings.HasPrefix(e.Title, "Annexe — Évaluation annuelle 2027")
	}
	if !found {
		t.Errorf("the annex is not in the contract's sommaire (last entry %q)", last.Title)
	}
}

func TestEvaluationErrors(t *testing.T) {
	cases := []struct {
		fill func(f *excelize.File)
		want string
	}{
		{func(f *excelize.File) { f.SetCellStr("Fiches", "D2", "terminée") },
			"2026.xlsx, feuille « Fiches », cellule D2 : état « terminée » inconnu ; attendu : non démarrée, en cours, réalisée, reportée, abandonnée"},
		{func(f *excelize.File) { f.SetCellStr("Fiches", "A3", "FA9.9") },
			"2026.xlsx, feuille « Fiches », cellule A3 : fiche « FA9.9 » inconnue"},
		{func(f *excelize.File) { f.SetCellStr("Indicateurs", "E2", "beaucoup") },
			"2026.xlsx, feuille « Indicateurs », cellule E2 : « beaucoup » n'est pas un nombre"},
		{func(f *excelize.File) { f.SetCellStr("Indicateurs", "D3", "Nombre de personnes soignées") },
			"2026.xlsx, feuille « Indicateurs », cellule D3 : « Nombre de personnes soignées » n'est pas un critère ou indicateur de la fiche FA1.1"},
		{func(f *excelize.File) { f.SetCellStr("Indicateurs", "A4", "FA3.1") },
			"2026.xlsx, feuille « Indicateurs », cellule A4 : fiche « FA3.1 » inconnue"},
	}
	for _, tc := range cases {
		dir := t.TempDir()
		cfg := sourcetest.Example().Write(t, dir, filepath.Join("..", "..", "fonts"))
		writeYear(t, cfg, 2026, tc.fill)
		_, err := Evaluation(Options{Config: cfg}, 2026, filepath.Join(dir, "a.pdf"))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("want %q, got %v", tc.want, err)
		}
	}
	dir := t.TempDir()
	cfg := sourcetest.Example().Write(t, dir, filepath.Join("..", "..", "fonts"))
	if _, err := Evaluation(Options{Config: cfg}, 2030, filepath.Join(dir, "a.pdf")); err == nil || !strings.Contains(err.Error(), "classeur d'évaluation introuvable") {
		t.Errorf("missing year: %v", err)
	}
}

func TestShippedEvaluationExample(t *testing.T) {
	res, err := Evaluation(realOptions(), 2025, filepath.Join(t.TempDir(), "annexe.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(allText(res), "EXEMPLE") {
		t.Error("the shipped example is not marked as such")
	}
}

// evalTerritory writes the example territory with its 2026 evaluation
// workbook, one fiche and one value filled in.
func evalTerritory(t *testing.T, dir string) string {
	t.Helper()
	cfg := sourcetest.Example().Write(t, dir, filepath.Join("..", "..", "fonts"))
	writeYear(t, cfg, 2026, func(f *excelize.File) {
		f.SetCellStr("Fiches", "D2", "en cours")
		f.SetCellStr("Fiches", "E2", "Deux tournées.")
		f.SetCellInt("Indicateurs", "E3", 80)
	})
	return cfg
}

// A territory's templates/evaluation/ is the annex's wording: a title and a
// table header changed there are what the annex prints. A territory
// without the folder (the other tests) prints the shipped wording.
func TestEvaluationTemplatesOfTheTerritory(t *testing.T) {
	dir := t.TempDir()
	cfg := evalTerritory(t, dir)
	set := filepath.Join(dir, "templates", "evaluation")
	if err := os.CopyFS(set, os.DirFS(filepath.Join("..", "..", "templates", "evaluation"))); err != nil {
		t.Fatal(err)
	}
	edit := func(name, old, new string) {
		p := filepath.Join(set, name)
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), old) {
			t.Fatalf("%s does not hold %q", name, old)
		}
		if err := os.WriteFile(p, []byte(strings.Replace(string(b), old, new, 1)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	edit("02-tableau-de-bord.md", "# Tableau de bord", "# Bilan de l'année en un coup d'œil")
	edit("03-etats.md", "porteur: Porteur", "porteur: Pilote de l'action")
	res, err := Evaluation(Options{Config: cfg}, 2026, filepath.Join(dir, "annexe.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	text := plainSpaces(allText(res))
	for _, want := range []string{"Bilan de l'année en un coup d'œil", "Pilote de l'action", "Évaluation annuelle 2026", "Deux tournées."} {
		if !strings.Contains(text, want) {
			t.Errorf("the annex does not show %q", want)
		}
	}
	if strings.Contains(text, "Tableau de bord") {
		t.Error("the shipped title is still printed")
	}
	if title := res.Layout.TOC[0].Title; title != "Bilan de l'année en un coup d'œil" {
		t.Errorf("first sommaire entry %q", title)
	}
	for _, p := range res.Layout.Pages {
		for _, it := range p.Items {
			if tx, ok := it.(doc.Text); ok && tx.Text == "Porteur" {
				t.Error("the shipped header « Porteur » is still printed")
			}
		}
	}

	// a parameter left out is named, with the template's file and line
	edit("03-etats.md", "porteur: Pilote de l'action\n", "")
	_, err = Evaluation(Options{Config: cfg}, 2026, filepath.Join(dir, "annexe2.pdf"))
	if err == nil || !strings.Contains(err.Error(), "03-etats.md, ligne 4 : directive « etats » : paramètre absent : porteur") {
		t.Errorf("missing parameter: %v", err)
	}
}

// The annex names its workbook as the territory does, never where the
// territory is: built from two folders, it has the same bytes.
func TestEvaluationAnnexSameFromAnyFolder(t *testing.T) {
	a := filepath.Join(t.TempDir(), "clsa")
	cfgA := evalTerritory(t, a)
	b := filepath.Join(t.TempDir(), "un", "autre", "dossier")
	if err := os.CopyFS(b, os.DirFS(a)); err != nil {
		t.Fatal(err)
	}
	cfgB := filepath.Join(b, "cls.yaml")
	resA, err := Evaluation(Options{Config: cfgA}, 2026, filepath.Join(a, "annexe.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	resB, err := Evaluation(Options{Config: cfgB}, 2026, filepath.Join(b, "annexe.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	text := plainSpaces(allText(resA))
	if want := "Source : évaluation annuelle 2026 (sources/evaluation/2026.xlsx)"; !strings.Contains(text, want) {
		t.Errorf("the annex does not show %q", want)
	}
	if strings.Contains(text, a) || strings.Contains(string(resA.PDF), a) {
		t.Errorf("the annex holds its folder %s", a)
	}
	if resA.SHA256 != resB.SHA256 || !bytes.Equal(resA.PDF, resB.PDF) {
		t.Errorf("the annex differs with its folder: %s and %s", resA.SHA256, resB.SHA256)
	}
}
