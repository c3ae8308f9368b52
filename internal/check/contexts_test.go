package check_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/contrat-local-sante/cls/internal/check"
	"github.com/contrat-local-sante/cls/internal/config"
	"github.com/contrat-local-sante/cls/internal/source"
	"github.com/contrat-local-sante/cls/internal/source/sourcetest"
)

// A « Titre du contexte » typed in the workbook for a fiche without
// templates/fiches/CODE.md is reported at the cell where it was typed.
func TestContextTitleWithoutContextIsReportedAtItsCell(t *testing.T) {
	dir := t.TempDir()
	tr := sourcetest.Example()
	tr.Fiches[1].Rows[2][4] = "Un réseau à construire" // FA2.1, which has no context page
	cfg, err := config.Load(tr.Write(t, dir, filepath.Join("..", "..", "fonts")), nil)
	if err != nil {
		t.Fatal(err)
	}
	wd, _ := os.Getwd()
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	defer os.Chdir(wd)
	c, probs := source.Read(cfg, source.Dirs{Sources: "sources", Templates: "templates"})
	if len(probs) > 0 {
		t.Fatalf("example territory read with problems: %v", probs)
	}
	want := "avertissement : sources/fiches.xlsx, feuille « Fiches », cellule E3 : titre du contexte « Un réseau à construire » sans page de contexte : templates/fiches/FA2.1.md est introuvable"
	var got []string // the example has other warnings (its sigles): only these count
	for _, p := range check.Check(c) {
		if strings.Contains(p.String(), "titre du contexte") {
			got = append(got, p.String())
		}
	}
	if len(got) != 1 || !strings.HasPrefix(got[0], want) {
		t.Errorf("got\n\t%s\nwant one line starting\n\t%s", strings.Join(got, "\n\t"), want)
	}
}
