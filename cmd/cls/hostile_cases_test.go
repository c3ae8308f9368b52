//go:build unix

package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/contrat-local-sante/cls/internal/source/sourcetest"
)

// The corpus's cases for the other classes of hostile input: characters
// the fonts cannot draw, unbounded work, fonts, silent loss, output paths,
// hostile PDFs, crashes. Each is one line, like those of hostile_test.go.
func init() {
	hostile = append(hostile, []struct {
		name  string
		setup setup
	}{
		// class 1: characters no font can draw; invisible ones
		{"emoji in a cell", check(func(tr *sourcetest.Territory, dir string) { tr.Sigles[0].Rows[2][1] = "Atelier 🏥 Santé Ville" })},
		{"Chinese and Arabic in a template line", check(func(tr *sourcetest.Territory, dir string) {
			tr.Templates["02-acteurs.md"] += "\nLes acteurs 中文 et ع du Val.\n"
		})},
		{"emoji in --set", check(nil).plus("--set", "territoire.nom=Agglo 🏥")},
		{"emoji in the workbook of the year's evaluation", custom(func(t *testing.T, dir string) []string {
			cfg := territory(t, dir, nil)
			sourcetest.WriteWorkbook(t, filepath.Join(dir, "sources", "evaluation", "2026.xlsx"),
				sourcetest.Sheet{Name: "Annexe", Rows: [][]string{{"Paramètre", "Valeur"}, {"Année", "2026"}}},
				sourcetest.Sheet{Name: "Fiches", Rows: [][]string{{"Code", "Intitulé", "Porteur", "État d'avancement", "Commentaire"}, {"FA1.1", "Dépistage itinérant", "CCVE", "en cours", "Très bien 👍"}}},
				sourcetest.Sheet{Name: "Indicateurs", Rows: [][]string{{"Fiche", "Évaluation", "Type", "Critère ou indicateur", "Valeur", "Cible", "Commentaire"}}})
			return []string{"evaluation", "2026", "--config", cfg, "--out", filepath.Join(dir, "annexe.pdf")}
		})},
		{"zero-width space and a control character in cells: removed, with a warning", check(func(tr *sourcetest.Territory, dir string) {
			tr.Contrat[4].Rows[1][0] = "Association\u200b Exemple Santé"
			tr.Sigles[0].Rows[2][1] = "Atelier\u202e Santé Ville"
		})},
		// class 2: unbounded work
		{"template: a loop of 10^11 turns", check(func(tr *sourcetest.Territory, dir string) {
			tr.Templates["02-acteurs.md"] += "\n{{ range 100000000000 }}bla{{ end }}\n"
		})},
		{"template: nested loops", check(func(tr *sourcetest.Territory, dir string) {
			tr.Templates["02-acteurs.md"] += "\n{{ range 1000 }}{{ range 1000 }}{{ end }}{{ end }}\n"
		})},
		{"template: calling itself", check(func(tr *sourcetest.Territory, dir string) {
			tr.Templates["02-acteurs.md"] += "\n{{ define \"r\" }}{{ template \"r\" . }}{{ end }}{{ template \"r\" . }}\n"
		})},
		{"text size 0", check(nil).plus("--set", "papier.taille_texte=0")},
		{"text size 105", check(nil).plus("--set", "papier.taille_texte=105")},
		{"text size NaN", check(nil).plus("--set", "papier.taille_texte=NaN")},
		{"text size +Inf", check(nil).plus("--set", "papier.taille_texte=+Inf")},
		{"text size that is not a number", check(nil).plus("--set", "papier.taille_texte=grand")},
		{"margins that leave no room", check(nil).plus("--set", "papier.marges.gauche=60", "--set", "papier.marges.droite=60")},
		{"paper format", check(nil).plus("--set", "papier.format=Letter")},
		{"a workbook that is a FIFO", custom(func(t *testing.T, dir string) []string {
			cfg := territory(t, dir, nil)
			p := filepath.Join(dir, "sources", "sigles.xlsx")
			os.Remove(p)
			if err := syscall.Mkfifo(p, 0o644); err != nil {
				t.Fatal(err)
			}
			return []string{"check", "--config", cfg}
		})},
		// class 3: fonts
		{"truncated font", custom(func(t *testing.T, dir string) []string {
			return []string{"check", "--config", territory(t, dir, nil), "--fonts", fontsWith(t, dir, "Carlito-Bold.ttf", func(b []byte) []byte { return b[:1000] })}
		})},
		{"a text file as a font", custom(func(t *testing.T, dir string) []string {
			return []string{"check", "--config", territory(t, dir, nil), "--fonts", fontsWith(t, dir, "Carlito-Italic.ttf", func([]byte) []byte { return []byte("<html>pas une police</html>\n") })}
		})},
		// class 4: silent loss
		{"a broken row in a sheet's XML", custom(func(t *testing.T, dir string) []string {
			cfg := territory(t, dir, nil)
			sourcetest.EditPart(t, filepath.Join(dir, "sources", "sigles.xlsx"), "xl/worksheets/sheet1.xml", func(s string) string {
				return strings.Replace(s, "<row r=\"3\"", "<row r=\"3\" <", 1)
			})
			return []string{"check", "--config", cfg}
		})},
		{"header and sheet name typed with a decomposed accent (NFD): read as typed", check(func(tr *sourcetest.Territory, dir string) {
			tr.Sigles[0].Rows[0][1] = "De\u0301finition"
			tr.Fiches[3].Name = "E\u0301valuation"
		})},
		{"a misspelt header is one error", check(func(tr *sourcetest.Territory, dir string) { tr.Fiches[1].Rows[0][0] = "Cod" })},
		// class 5: output paths
		{"--out a device", buildOne(nil).plus("--out", "/dev/full")},
		{"--out a source workbook", buildOne(nil).plus("--out", "$DIR/sources/contrat.xlsx")},
		{"--out a folder", buildOne(nil).plus("--out", "$DIR/sources")},
		{"sortie.dossier outside the territory", check(nil).plus("--set", "sortie.dossier=../../..")},
		{"sortie.fichier with a folder", check(nil).plus("--set", "sortie.fichier=../x.pdf")},
		{"--out a FIFO", custom(func(t *testing.T, dir string) []string {
			cfg := territory(t, dir, nil)
			p := filepath.Join(dir, "tube.pdf")
			if err := syscall.Mkfifo(p, 0o644); err != nil {
				t.Fatal(err)
			}
			return []string{"build", "--config", cfg, "--out", p}
		})},
		// class 6: hostile PDFs
		{"extract: not a PDF", custom(func(t *testing.T, dir string) []string {
			os.WriteFile(filepath.Join(dir, "x.pdf"), []byte("bonjour\n"), 0o644)
			return []string{"extract", filepath.Join(dir, "x.pdf"), filepath.Join(dir, "out")}
		})},
		{"diff: a truncated PDF", custom(func(t *testing.T, dir string) []string {
			pdf := builtPDF(t, dir)
			b, _ := os.ReadFile(pdf)
			os.WriteFile(filepath.Join(dir, "coupe.pdf"), b[:len(b)/2], 0o644)
			return []string{"diff", filepath.Join(dir, "coupe.pdf"), pdf}
		})},
		{"extract over existing files", custom(func(t *testing.T, dir string) []string {
			pdf := builtPDF(t, dir)
			return []string{"extract", pdf, dir}
		})},
		{"an output folder that links out of the territory", custom(func(t *testing.T, dir string) []string {
			cfg := territory(t, dir, nil)
			elsewhere := t.TempDir()
			os.Symlink(elsewhere, filepath.Join(dir, "lien"))
			return []string{"build", "--config", cfg, "--set", "sortie.dossier=lien"}
		})},
		// class 9: arguments
		{"an evaluation year out of range", line("evaluation", "template", "99999999999", "--out", "$DIR/e.xlsx")},
		{"an avenant of an empty register", custom(func(t *testing.T, dir string) []string {
			return []string{"avenant", "1", "--config", territory(t, dir, nil), "--out", filepath.Join(dir, "a.pdf")}
		})},
		// class 7: files written atomically, never overwritten
		{"evaluation template over an existing workbook", custom(func(t *testing.T, dir string) []string {
			cfg := territory(t, dir, nil)
			p := filepath.Join(dir, "sources", "evaluation", "2026.xlsx")
			os.MkdirAll(filepath.Dir(p), 0o755)
			os.WriteFile(p, []byte("valeurs saisies"), 0o644)
			return []string{"evaluation", "template", "2026", "--config", cfg, "--out", p}
		})},
	}...)
}

// custom is a case that prepares its folder itself.
func custom(f func(t *testing.T, dir string) []string) setup {
	return setup{make: func(t *testing.T, dir string, _ func(*sourcetest.Territory, string)) []string { return f(t, dir) }}
}

// plus appends arguments to a case's command line ($DIR is its folder).
func (s setup) plus(extra ...string) setup {
	inner := s.make
	s.make = func(t *testing.T, dir string, change func(*sourcetest.Territory, string)) []string {
		args := inner(t, dir, change)
		for _, e := range extra {
			args = append(args, strings.ReplaceAll(e, "$DIR", dir))
		}
		return args
	}
	return s
}

// fontsWith copies the shipped fonts into dir/polices, one of them
// changed, and returns the folder.
func fontsWith(t *testing.T, dir, name string, change func([]byte) []byte) string {
	out := filepath.Join(dir, "polices")
	os.MkdirAll(out, 0o755)
	for _, f := range []string{"Carlito-Regular.ttf", "Carlito-Bold.ttf", "Carlito-Italic.ttf", "Carlito-BoldItalic.ttf"} {
		b, err := os.ReadFile(filepath.Join(fontsDir, f))
		if err != nil {
			t.Fatal(err)
		}
		if f == name {
			b = change(b)
		}
		os.WriteFile(filepath.Join(out, f), b, 0o644)
	}
	return out
}

// builtPDF builds the example territory in dir and returns its PDF.
func builtPDF(t *testing.T, dir string) string {
	cfg := territory(t, dir, nil)
	pdf := filepath.Join(dir, "output", "cls-val-exemple.pdf")
	if code, _, errOut := runAll(t, "build", "--config", cfg); code != 0 {
		t.Fatalf("build: %s", errOut)
	}
	return pdf
}
