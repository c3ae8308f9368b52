package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// runCLS runs cls with args and returns its exit code and output.
func runCLS(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = run(args, &out, &errb)
	return code, out.String(), errb.String()
}

// A fresh territory from cls init checks without a problem and builds at
// once, with no fonts folder: the program carries the faces.
func TestInitBuildsAtOnce(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "nouveau")
	code, out, errs := runCLS("init", dir)
	if code != 0 {
		t.Fatalf("init: exit %d: %s", code, errs)
	}
	cfg := filepath.Join(dir, "cls.yaml")
	for _, want := range []string{"Territoire créé dans " + dir, "  sources/fiches.xlsx\n", "  templates/09-cadre-conventionnel.md\n", "Pour construire le contrat : cls build --config " + cfg + "\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("init output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "À compléter") {
		t.Errorf("the default name needs nothing more:\n%s", out)
	}
	if _, err := os.Stat(filepath.Join(dir, "fonts")); !os.IsNotExist(err) {
		t.Fatal("init wrote a fonts folder")
	}

	code, out, errs = runCLS("check", "--config", cfg)
	if code != 0 || errs != "" || !strings.Contains(out, "Sources vérifiées : 0 avertissement(s), aucune erreur.") {
		t.Errorf("check: exit %d\n%s%s", code, out, errs)
	}

	code, out, errs = runCLS("build", "--config", cfg)
	if code != 0 || errs != "" {
		t.Fatalf("build: exit %d\n%s%s", code, out, errs)
	}
	pdf := filepath.Join(dir, "output", "contrat-local-de-sante.pdf")
	b, err := os.ReadFile(pdf)
	if err != nil || !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Fatalf("no PDF at %s: %v", pdf, err)
	}
	m := regexp.MustCompile(`\((\d+) pages`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("build output without page count: %s", out)
	}
	if n, _ := strconv.Atoi(m[1]); n < 10 {
		t.Errorf("%d pages; want every section of the skeleton", n)
	}
}

// The name given with --territoire is the territory's; a name whose
// article cannot be guessed is pointed out at once.
func TestInitNamesTheTerritory(t *testing.T) {
	code, out, _ := runCLS("init", filepath.Join(t.TempDir(), "bernay"), "--territoire", "Bernay Terres de Normandie")
	if code != 0 || !strings.Contains(out, "À compléter : l'article de « Bernay Terres de Normandie » ne se devine pas ; indiquez-le dans cls.yaml (territoire.article)") {
		t.Errorf("init of a name without article: exit %d\n%s", code, out)
	}
	dir := filepath.Join(t.TempDir(), "eure")
	if code, _, errs := runCLS("init", dir, "--territoire", "Agglomération Seine-Eure"); code != 0 {
		t.Fatalf("init: %s", errs)
	}
	b, _ := os.ReadFile(filepath.Join(dir, "cls.yaml"))
	if !strings.Contains(string(b), "  nom: \"Agglomération Seine-Eure\"\n") {
		t.Errorf("cls.yaml:\n%s", b)
	}
	code, out, errs := runCLS("check", "--config", filepath.Join(dir, "cls.yaml"))
	if code != 0 || !strings.Contains(out, "aucune erreur") {
		t.Errorf("check: exit %d\n%s%s", code, out, errs)
	}
}

// The workbooks have their headers on row 1, a note on every header, the
// drop-down lists of the columns with a fixed set of values, and an
// example row.
func TestInitWorkbooks(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "t")
	if code, _, errs := runCLS("init", dir); code != 0 {
		t.Fatal(errs)
	}
	type list struct{ sheet, column, values string }
	cases := []struct {
		file    string
		headers map[string][]string // sheet → row 1
		lists   []list
	}{
		{"contrat.xlsx", map[string][]string{
			"Signataires":             {"Institution", "Représentée par", "Nom", "Fonction", "Partie", "Article", "Genre"},
			"Comité de pilotage":      {"Institution"},
			"Comité technique":        {"Institution"},
			"Présents à la signature": {"Nom", "Fonction"},
			"Acteurs":                 {"Acteur"},
			"Groupes de travail":      {"Axe", "Intitulé", "Date", "Participants"},
			"Échelons":                {"Échelon", "Introduction"},
			"Dispositifs":             {"Échelon", "Dispositif", "Libellé court", "Texte"},
			"Avenants":                {"Numéro", "Date de validation COPIL", "Date de signature", "Objet", "Fiches ajoutées", "Fiches modifiées", "Partenaires ajoutés", "Membres du COPIL ajoutés"},
		}, []list{{"Signataires", "F", `"la,le,l',les,aucun"`}, {"Signataires", "G", `"f,m"`}, {"Dispositifs", "A", `'Échelons'!$A$2:$A$500`}}},
		{"fiches.xlsx", map[string][]string{
			"Axes":       {"Numéro", "Intitulé", "Intitulé synthèse"},
			"Fiches":     {"Code", "Axe", "Intitulé", "Intitulé synthèse", "Titre du contexte", "Libellé de l'axe", "Statut", "Articulation", "Objectif général", "Objectifs synthèse", "Porteur", "Public visé", "Déroulé", "Partenaires", "Outils"},
			"Objectifs":  {"Fiche", "N° stratégique", "Objectif stratégique", "N° opérationnel", "Objectif opérationnel"},
			"Évaluation": {"Fiche", "Évaluation", "Type", "Texte"},
		}, []list{{"Fiches", "G", `"renouvelée,nouvelle"`}, {"Fiches", "B", "Axes!$A$2:$A$500"}, {"Évaluation", "B", `"processus,résultats"`}, {"Évaluation", "C", `"critère,indicateur"`}, {"Objectifs", "A", "Fiches!$A$2:$A$500"}}},
		{"sigles.xlsx", map[string][]string{
			"Sigles":            {"Sigle", "Définition"},
			"Autres sigles":     {"Sigle", "Définition", "Remarque"},
			"Mots en capitales": {"Mot", "Remarque"},
		}, nil},
		{"diagnostic.xlsx", map[string][]string{
			"Graphiques": {"Identifiant", "Classeur", "Feuille", "Catégories", "Séries", "Type", "Titre", "Axe des valeurs"},
		}, []list{{"Graphiques", "F", `"barres,barres horizontales"`}}},
	}
	for _, c := range cases {
		f, err := excelize.OpenFile(filepath.Join(dir, "sources", c.file))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		for sheet, want := range c.headers {
			rows, err := f.GetRows(sheet)
			if err != nil || len(rows) == 0 {
				t.Errorf("%s, %s: no rows (%v)", c.file, sheet, err)
				continue
			}
			if strings.Join(rows[0], "|") != strings.Join(want, "|") {
				t.Errorf("%s, %s: row 1 %q, want %q", c.file, sheet, rows[0], want)
			}
			if sheet != "Avenants" && (len(rows) < 2 || strings.Join(rows[1], "") == "") {
				t.Errorf("%s, %s: no example row", c.file, sheet)
			}
			comments, _ := f.GetComments(sheet)
			noted := map[string]bool{}
			for _, cm := range comments {
				text := cm.Text
				for _, r := range cm.Paragraph {
					text += r.Text
				}
				if strings.TrimSpace(text) != "" {
					noted[cm.Cell] = true
				}
			}
			for i := range want {
				cell, _ := excelize.CoordinatesToCellName(i+1, 1)
				if !noted[cell] {
					t.Errorf("%s, %s: no note on header %s (%s)", c.file, sheet, cell, want[i])
				}
			}
		}
		for _, l := range c.lists {
			dvs, _ := f.GetDataValidations(l.sheet)
			found := false
			for _, dv := range dvs {
				if dv.Type == "list" && strings.HasPrefix(dv.Sqref, l.column+"2:") {
					found = true
					if got := strings.Trim(dv.Formula1, " "); got != l.values && !strings.Contains(got, l.values) {
						t.Errorf("%s, %s, column %s: list %q, want %q", c.file, l.sheet, l.column, dv.Formula1, l.values)
					}
				}
			}
			if !found {
				t.Errorf("%s, %s: no drop-down list in column %s", c.file, l.sheet, l.column)
			}
		}
	}
}

// init never writes into a folder that holds something.
func TestInitRefusesANonEmptyFolder(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "cls.yaml"), []byte("territoire:\n  nom: Ancien\n"), 0o644)
	code, out, errs := runCLS("init", dir)
	if code != 1 || out != "" || !strings.Contains(errs, "erreur : "+dir+" : dossier non vide (1 élément(s), dont « cls.yaml »)") {
		t.Errorf("exit %d\nstdout %s\nstderr %s", code, out, errs)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "cls.yaml")); string(b) != "territoire:\n  nom: Ancien\n" {
		t.Error("the existing cls.yaml changed")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("%d entries after a refused init", len(entries))
	}
}

// The faces the program carries are the shipped fonts folder's: a
// territory without fonts folder gets the same PDF, byte for byte, as
// with --fonts pointing at the shipped folder.
func TestCarriedFontsSameBytes(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "t")
	if code, _, errs := runCLS("init", dir); code != 0 {
		t.Fatal(errs)
	}
	cfg := filepath.Join(dir, "cls.yaml")
	carried, shipped := filepath.Join(dir, "carried.pdf"), filepath.Join(dir, "shipped.pdf")
	if code, out, errs := runCLS("build", "--config", cfg, "--out", carried); code != 0 {
		t.Fatalf("carried fonts: %s%s", out, errs)
	}
	if code, out, errs := runCLS("build", "--config", cfg, "--fonts", filepath.Join("..", "..", "fonts"), "--out", shipped); code != 0 {
		t.Fatalf("shipped fonts folder: %s%s", out, errs)
	}
	a, _ := os.ReadFile(carried)
	b, _ := os.ReadFile(shipped)
	if len(a) == 0 || !bytes.Equal(a, b) {
		t.Errorf("the PDFs differ (%d and %d bytes)", len(a), len(b))
	}
}
