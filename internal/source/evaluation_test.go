package source

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/contrat-local-sante/cls/internal/evalsheet"
	"github.com/contrat-local-sante/cls/internal/model"
	"github.com/contrat-local-sante/cls/internal/source/sourcetest"
)

// TestEvaluationCellsAreCheckedLikeTheOthers: the evaluation annex prints
// its workbook's comments, so they get the same glyph and invisible
// character checks as the contract's sources, one message per cell.
func TestEvaluationCellsAreCheckedLikeTheOthers(t *testing.T) {
	covers := carlito(t).Covers
	dir := t.TempDir()
	wd, _ := os.Getwd()
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	defer os.Chdir(wd)
	sourcetest.WriteWorkbook(t, filepath.Join("sources", EvaluationDir, "2026.xlsx"),
		sourcetest.Sheet{Name: evalsheet.SheetInfo, Rows: [][]string{{"Paramètre", "Valeur"}, {"Année", "2026"}}},
		sourcetest.Sheet{Name: "Fiches", Rows: [][]string{evalsheet.FicheCols,
			{"FA1.1", "Dépistage", "CCVE", "en cours", "Très bien 👍"},
			{"FA2.1", "Réseau", "CCVE", "réalisée", "Fait\u200b."}}},
		sourcetest.Sheet{Name: evalsheet.SheetIndicators, Rows: [][]string{evalsheet.IndicatorCols}},
	)
	c := &model.Contract{Fiches: []model.Fiche{{Code: "FA1.1"}, {Code: "FA2.1"}}, Files: model.Files{Fiches: "sources/fiches.xlsx"}}
	evals, probs := ReadEvaluations(c, "sources", 2026, covers)
	var msgs []string
	for _, p := range probs {
		msgs = append(msgs, p.String())
	}
	want := []string{
		"erreur : sources/evaluation/2026.xlsx, feuille « Fiches », cellule E2 : caractère « 👍 » (U+1F44D) impossible à imprimer : aucune police du contrat ne le contient ; attendu du texte en caractères latins (remplacer ou supprimer ce caractère)",
		"avertissement : sources/evaluation/2026.xlsx, feuille « Fiches », cellule E3 : caractère invisible U+200B supprimé ; attendu du texte sans caractère de contrôle ni caractère invisible (souvent collé depuis un courriel ou une page web)",
	}
	if strings.Join(msgs, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(msgs, "\n"), strings.Join(want, "\n"))
	}
	if len(evals) != 1 || evals[0].States["FA2.1"].Comment != "Fait." {
		t.Errorf("evaluations: %+v", evals)
	}
}
