package source

import (
	"github.com/contrat-local-sante/cls/internal/golden"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/contrat-local-sante/cls/internal/config"
	"github.com/contrat-local-sante/cls/internal/fonts"
	"github.com/contrat-local-sante/cls/internal/model"
	"github.com/contrat-local-sante/cls/internal/source/sourcetest"
)

func readReal(t *testing.T) *model.Contract {
	t.Helper()
	cfg, err := config.Load(filepath.Join("..", "..", "cls.yaml"), nil)
	if err != nil {
		t.Fatal(err)
	}
	c, probs := Read(cfg, Dirs{Sources: cfg.Path(cfg.Sources), Templates: cfg.Path(cfg.Modeles), Drawable: carlito(t).Covers})
	if len(probs) != 0 {
		t.Fatalf("the shipped sources have problems:\n%v", probs)
	}
	return c
}

// carlito loads the shipped fonts, whose coverage the glyph check uses.
func carlito(t testing.TB) *fonts.Family {
	t.Helper()
	fam, err := fonts.Load(filepath.Join("..", "..", "fonts"), "Carlito", fonts.Files{
		Regular: "Carlito-Regular.ttf", Bold: "Carlito-Bold.ttf", Italic: "Carlito-Italic.ttf", BoldItalic: "Carlito-BoldItalic.ttf"})
	if err != nil {
		t.Fatal(err)
	}
	return fam
}

// TestRealSources checks the model read from the shipped workbooks against
// the signed contract.
func TestRealSources(t *testing.T) {
	c := readReal(t)
	if len(c.Signatories) != 2 || c.Signatories[0].Name != "François AUBEY" || c.Signatories[1].Name != "François MENGIN LECREULX" {
		t.Errorf("signatories: %+v", c.Signatories)
	}
	for name, got := range map[string]int{
		"comité de pilotage": len(c.Steering), "comité technique": len(c.Technical), "présents": len(c.Present),
		"acteurs": len(c.Actors), "groupes de travail": len(c.WorkingGroups), "échelons": len(c.Levels),
		"axes": len(c.Axes), "fiches": len(c.Fiches), "sigles": len(c.Sigles),
	} {
		want := map[string]int{"comité de pilotage": 10, "comité technique": 11, "présents": 11, "acteurs": 43,
			"groupes de travail": 6, "échelons": 4, "axes": 7, "fiches": 19, "sigles": 68}[name]
		if got != want {
			t.Errorf("%s: %d, want %d", name, got, want)
		}
	}
	n := 0
	for _, lv := range c.Levels {
		n += len(lv.Dispositifs)
		for _, d := range lv.Dispositifs {
			if _, ok := c.TemplateFiles[d.Text]; !ok {
				t.Errorf("dispositif %q: text %q missing", d.Name, d.Text)
			}
		}
	}
	if n != 19 {
		t.Errorf("%d dispositifs, want 19", n)
	}
	perAxe := map[string]int{}
	for _, f := range c.Fiches {
		perAxe[f.Axe]++
		if len(f.Evaluation) == 0 {
			t.Errorf("%s has no evaluation", f.Code)
		}
		if len(f.Objectives) == 0 {
			t.Errorf("%s has no objectives", f.Code)
		}
	}
	for axe, want := range map[string]int{"1": 2, "2": 5, "3": 2, "4": 3, "5": 3, "6": 3, "7": 1} {
		if perAxe[axe] != want {
			t.Errorf("axe %s: %d fiches, want %d", axe, perAxe[axe], want)
		}
	}
	fa11 := c.Fiches[0]
	if fa11.Code != "FA1.1" || fa11.Title != "Soutien à la parentalité" || fa11.Status != model.StatusRenewed {
		t.Errorf("FA1.1: %+v", fa11)
	}
	if len(fa11.Objectives) != 5 || fa11.Objectives[3].Number != "4" || len(fa11.Objectives[3].Operational) != 4 {
		t.Errorf("FA1.1 objectives: %+v", fa11.Objectives)
	}
	sum := 0
	for _, g := range c.WorkingGroups {
		sum += g.Participants
	}
	if sum != 108 {
		t.Errorf("participants: %d, want 108 (25+24+17+23+9+10)", sum)
	}
	if c.Signature.Place != "Cambremer" || c.Signature.Date != "10 juillet 2025" {
		t.Errorf("signature: %+v", c.Signature)
	}
}

// TestBadInput checks that each kind of mistake a coordinator can make is
// reported with the file, sheet, cell and what was expected.
func TestBadInput(t *testing.T) {
	cases := []struct {
		name   string
		mutate func(tr *sourcetest.Territory, dir string)
		want   string
	}{
		{"missing workbook", func(tr *sourcetest.Territory, dir string) { tr.Sigles = nil },
			"erreur : sources/sigles.xlsx : classeur introuvable ; attendu un fichier Excel .xlsx à cet emplacement"},
		{"missing sheet", func(tr *sourcetest.Territory, dir string) { tr.Contrat = tr.Contrat[1:] },
			"erreur : sources/contrat.xlsx : feuille « Signataires » introuvable ; feuilles présentes : Comité de pilotage, Comité technique, Présents à la signature, Acteurs, Groupes de travail, Échelons, Dispositifs"},
		{"missing column", func(tr *sourcetest.Territory, dir string) { tr.Sigles[0].Rows[0][1] = "Signification" },
			"erreur : sources/sigles.xlsx, feuille « Sigles », ligne 1 : colonne « Définition » absente de la ligne d'en-têtes ; en-têtes attendus : Sigle | Définition"},
		{"empty required cell", func(tr *sourcetest.Territory, dir string) {
			tr.Contrat[4].Rows[2][0] = ""
			tr.Contrat[4].Rows = append(tr.Contrat[4].Rows, []string{"", "x"})
		},
			"erreur : sources/contrat.xlsx, feuille « Acteurs », cellule A4 : cellule vide ; attendu : Acteur"},
		{"text in a number cell", func(tr *sourcetest.Territory, dir string) { tr.Contrat[5].Rows[1][3] = "douze" },
			"erreur : sources/contrat.xlsx, feuille « Groupes de travail », cellule D2 : « douze » n'est pas un nombre entier ; attendu un nombre (Participants)"},
		{"duplicate fiche code", func(tr *sourcetest.Territory, dir string) { tr.Fiches[1].Rows[2][0] = "FA1.1" },
			"erreur : sources/fiches.xlsx, feuille « Fiches », cellule A3 : code de fiche « FA1.1 » en double ; attendu un code unique par fiche"},
		{"unknown axe", func(tr *sourcetest.Territory, dir string) { tr.Fiches[1].Rows[2][1] = "9" },
			"erreur : sources/fiches.xlsx, feuille « Fiches », cellule B3 : axe « 9 » inconnu ; attendu un numéro de la feuille « Axes »"},
		{"unknown fiche", func(tr *sourcetest.Territory, dir string) { tr.Fiches[2].Rows[3][0] = "FA3.3" },
			"erreur : sources/fiches.xlsx, feuille « Objectifs », cellule A4 : fiche « FA3.3 » inconnue ; attendu un code de la feuille « Fiches »"},
		{"unknown status", func(tr *sourcetest.Territory, dir string) { tr.Fiches[1].Rows[1][6] = "reconduite" },
			"erreur : sources/fiches.xlsx, feuille « Fiches », cellule G2 : statut « reconduite » inconnu ; attendu « renouvelée », « nouvelle » ou vide"},
		{"unknown evaluation kind", func(tr *sourcetest.Territory, dir string) { tr.Fiches[3].Rows[1][1] = "impact" },
			"erreur : sources/fiches.xlsx, feuille « Évaluation », cellule B2 : type d'évaluation « impact » inconnu ; attendu « processus », « résultats » ou vide"},
		{"sigle defined twice", func(tr *sourcetest.Territory, dir string) {
			tr.Sigles[0].Rows = append(tr.Sigles[0].Rows, []string{"ARS", "Autre"})
		},
			"erreur : sources/sigles.xlsx, feuille « Sigles », cellule A5 : sigle « ARS » défini deux fois (déjà en A4) ; attendu une seule ligne par sigle"},
		{"unknown échelon", func(tr *sourcetest.Territory, dir string) { tr.Contrat[7].Rows[1][0] = "Echelle cantonale" },
			"erreur : sources/contrat.xlsx, feuille « Dispositifs », cellule A2 : échelon « Echelle cantonale » inconnu ; attendu un échelon de la feuille « Échelons »"},
		{"xls instead of xlsx", func(tr *sourcetest.Territory, dir string) {
			tr.Sigles = nil
			os.MkdirAll(filepath.Join(dir, "sources"), 0o755)
			os.WriteFile(filepath.Join(dir, "sources", "sigles.xls"), []byte("old"), 0o644)
		}, "erreur : sources/sigles.xlsx : classeur introuvable, mais sigles.xls existe : format .xls non pris en charge ; attendu un classeur .xlsx"},
		{"ods instead of xlsx", func(tr *sourcetest.Territory, dir string) {
			tr.Fiches = nil
			os.MkdirAll(filepath.Join(dir, "sources"), 0o755)
			os.WriteFile(filepath.Join(dir, "sources", "fiches.ods"), []byte("ods"), 0o644)
		}, "erreur : sources/fiches.xlsx : classeur introuvable, mais fiches.ods existe : format .ods non pris en charge"},
		{"text where a number is expected", func(tr *sourcetest.Territory, dir string) { tr.Stats[0].Rows[5][2] = "environ 85" },
			"erreur : sources/diagnostic.xlsx, feuille « Espérance de vie », cellule C6 : « environ 85 » n'est pas un nombre ; attendu une valeur numérique (Femmes, Région)"},
		{"chart naming an unknown sheet", func(tr *sourcetest.Territory, dir string) { tr.Stats[2].Rows[1][2] = "Natalité" },
			"erreur : sources/diagnostic.xlsx, feuille « Graphiques », cellule C2 : feuille « Natalité » introuvable dans diagnostic.xlsx ; attendu le nom d'une feuille de données de ce classeur"},
		{"chart naming a missing series", func(tr *sourcetest.Territory, dir string) { tr.Stats[2].Rows[2][4] = "Patientes" },
			"erreur : sources/diagnostic.xlsx, feuille « Graphiques », cellule E3 : série « Patientes » absente de la feuille « Patients » ; séries présentes : Patients"},
		{"empty statistics sheet", func(tr *sourcetest.Territory, dir string) {
			tr.Stats[1].Rows = [][]string{{"Titre", "Patients"}, {"Source", "X"}}
		},
			"erreur : sources/diagnostic.xlsx, feuille « Patients », cellule A1 : feuille sans tableau"},
		{"statistics without a source", func(tr *sourcetest.Territory, dir string) { tr.Stats[0].Rows[1][1] = "" },
			"erreur : sources/diagnostic.xlsx, feuille « Espérance de vie », cellule A2 : source absente"},
		{"unknown chart type", func(tr *sourcetest.Territory, dir string) { tr.Stats[2].Rows[1][5] = "camembert" },
			"erreur : sources/diagnostic.xlsx, feuille « Graphiques », cellule F2 : type de graphique « camembert » inconnu"},
		{"chart of another workbook with text", func(tr *sourcetest.Territory, dir string) { tr.Contrat[5].Rows[1][3] = "12 personnes" },
			"erreur : sources/contrat.xlsx, feuille « Groupes de travail », cellule D2 : « 12 personnes » n'est pas un nombre"},
		{"chart reaching outside the sources", func(tr *sourcetest.Territory, dir string) { tr.Stats[2].Rows[3][1] = "../../secret.xlsx" },
			"erreur : sources/diagnostic.xlsx, feuille « Graphiques », cellule B4 : classeur « ../../secret.xlsx » refusé"},
		{"corrupt workbook", func(tr *sourcetest.Territory, dir string) {
			tr.Sigles = nil
			os.MkdirAll(filepath.Join(dir, "sources"), 0o755)
			os.WriteFile(filepath.Join(dir, "sources", "sigles.xlsx"), []byte("PK\x03\x04 not really a zip"), 0o644)
		}, "erreur : sources/sigles.xlsx : classeur illisible"},
		{"emoji in a cell", func(tr *sourcetest.Territory, dir string) { tr.Sigles[0].Rows[2][1] = "Atelier Santé Ville 🏥" },
			"erreur : sources/sigles.xlsx, feuille « Sigles », cellule B3 : caractère « 🏥 » (U+1F3E5) impossible à imprimer : aucune police du contrat ne le contient ; attendu du texte en caractères latins (remplacer ou supprimer ce caractère)"},
		{"arabic and chinese in a cell", func(tr *sourcetest.Territory, dir string) {
			tr.Fiches[1].Rows[1][8] = "Aller vers les habitants — مرحبا 你好"
		},
			"erreur : sources/fiches.xlsx, feuille « Fiches », cellule I2 : caractères « م » (U+0645), « ر » (U+0631), « ح » (U+062D), « ب » (U+0628) et 3 autres impossibles à imprimer"},
		{"emoji in a statistics sheet", func(tr *sourcetest.Territory, dir string) { tr.Stats[1].Rows[5][0] = "Cancer 🎗" },
			"erreur : sources/diagnostic.xlsx, feuille « Patients », cellule A6 : caractère « 🎗 » (U+1F397) impossible à imprimer"},
		{"CJK in a template line", func(tr *sourcetest.Territory, dir string) {
			tr.Templates["02-acteurs.md"] = "# Acteurs\n\nLes acteurs 中文 du Val.\n\n{{ puces .Acteurs \"\" \"\" }}\n"
		}, "erreur : templates/02-acteurs.md, ligne 3 : caractères « 中 » (U+4E2D), « 文 » (U+6587) impossibles à imprimer : aucune police du contrat ne les contient"},
		{"control and zero-width characters in a cell", func(tr *sourcetest.Territory, dir string) {
			tr.Contrat[4].Rows[1][0] = "Association\u200b Exemple\u00ad Santé"
		}, "avertissement : sources/contrat.xlsx, feuille « Acteurs », cellule A2 : caractères invisibles U+200B, U+00AD supprimés ; attendu du texte sans caractère de contrôle ni caractère invisible"},
		{"zero-width character in a template line", func(tr *sourcetest.Territory, dir string) {
			tr.Templates["02-acteurs.md"] = "# Acteurs\n\nLes acteurs\ufeff du Val.\n\n{{ puces .Acteurs \"\" \"\" }}\n"
		}, "avertissement : templates/02-acteurs.md, ligne 3 : caractère invisible U+FEFF supprimé"},
		{"invisible character in a number cell", func(tr *sourcetest.Territory, dir string) { tr.Contrat[5].Rows[1][3] = "douze\u200b" },
			"erreur : sources/contrat.xlsx, feuille « Groupes de travail », cellule D2 : « douze » n'est pas un nombre entier"},
		{"decomposed accent in a header", func(tr *sourcetest.Territory, dir string) { tr.Sigles[0].Rows[0][1] = "De\u0301finition" }, ""},
		{"decomposed accent in a sheet name", func(tr *sourcetest.Territory, dir string) { tr.Fiches[3].Name = "E\u0301valuation" }, ""},
		{"misspelt header in Fiches", func(tr *sourcetest.Territory, dir string) { tr.Fiches[1].Rows[0][0] = "Cod" },
			"erreur : sources/fiches.xlsx, feuille « Fiches », ligne 1 : colonne « Code » absente de la ligne d'en-têtes"},
		{"two misspelt headers", func(tr *sourcetest.Territory, dir string) {
			tr.Contrat[0].Rows[0][2] = "Nom et prénom"
			tr.Contrat[0].Rows[0][3] = "Fonctions"
		}, "erreur : sources/contrat.xlsx, feuille « Signataires », ligne 1 : colonnes « Nom », « Fonction » absentes de la ligne d'en-têtes"},
	}
	// damages done to the written workbooks
	damage := map[string]struct{ file, part, old, new string }{
		"corrupt sheet XML":                      {"sigles.xlsx", "xl/worksheets/sheet1.xml", `<row r="3"`, `<row r="3"><c r="A3" <<`},
		"corrupt shared strings":                 {"sigles.xlsx", "xl/sharedStrings.xml", `<si>`, `<si><<`},
		"corrupt list of sheets":                 {"contrat.xlsx", "xl/workbook.xml", `<sheets>`, `<sheets><sheet`},
		"truncated sheet":                        {"fiches.xlsx", "xl/worksheets/sheet2.xml", ``, ``},
		"control character as Excel stores it":   {"sigles.xlsx", "xl/sharedStrings.xml", `Atelier Santé Ville`, `Atelier_x0007_ Santé Ville`},
		"text reference past the shared strings": {"sigles.xlsx", "xl/worksheets/sheet1.xml", `<c r="B3" t="s"><v>`, `<c r="B3" t="s"><v>9999`},
	}
	cases = append(cases, []struct {
		name   string
		mutate func(tr *sourcetest.Territory, dir string)
		want   string
	}{
		{"corrupt sheet XML", nil, "erreur : sources/sigles.xlsx, feuille « Sigles » : classeur endommagé : le contenu de la feuille (xl/worksheets/sheet1.xml) n'est pas du XML valide"},
		{"corrupt shared strings", nil, "erreur : sources/sigles.xlsx : classeur endommagé : la table des textes des cellules (xl/sharedStrings.xml) n'est pas du XML valide"},
		{"corrupt list of sheets", nil, "erreur : sources/contrat.xlsx : classeur endommagé : la liste des feuilles (xl/workbook.xml) n'est pas du XML valide"},
		{"control character as Excel stores it", nil, "avertissement : sources/sigles.xlsx, feuille « Sigles », cellule B3 : caractère invisible U+0007 supprimé"},
		{"text reference past the shared strings", nil, "erreur : sources/sigles.xlsx, feuille « Sigles », cellule B3 : classeur endommagé : la cellule renvoie au texte n° 9999"},
		{"truncated sheet", nil, "erreur : sources/fiches.xlsx, feuille « Fiches » : classeur endommagé : le contenu de la feuille (xl/worksheets/sheet2.xml) n'est pas du XML valide"},
	}...)
	fam := carlito(t)
	var corpus strings.Builder
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			tr := sourcetest.Example()
			if tc.mutate != nil {
				tc.mutate(tr, dir)
			}
			cfgPath := tr.Write(t, dir, filepath.Join("..", "..", "fonts"))
			if d, ok := damage[tc.name]; ok {
				sourcetest.EditPart(t, filepath.Join(dir, "sources", d.file), d.part, func(s string) string {
					if d.old == "" { // cut the part in the middle of a row
						return s[:strings.LastIndex(s, "<row ")+12]
					}
					if !strings.Contains(s, d.old) {
						t.Fatalf("%s has no %s", d.part, d.old)
					}
					return strings.Replace(s, d.old, d.new, 1)
				})
			}
			cfg, err := config.Load(cfgPath, nil)
			if err != nil {
				t.Fatal(err)
			}
			wd, _ := os.Getwd()
			if err := os.Chdir(dir); err != nil {
				t.Fatal(err)
			}
			defer os.Chdir(wd)
			_, probs := Read(cfg, Dirs{Sources: "sources", Templates: "templates", Drawable: fam.Covers})
			var msgs []string
			for _, p := range probs {
				msgs = append(msgs, p.String())
			}
			corpus.WriteString("== " + tc.name + "\n" + strings.Join(msgs, "\n") + "\n\n")
			if tc.want == "" { // text that must now read clean
				if len(msgs) != 0 {
					t.Errorf("want no problem, got:\n%s", strings.Join(msgs, "\n"))
				}
				return
			}
			found := false
			for _, m := range msgs {
				if strings.HasPrefix(m, tc.want) {
					found = true
				}
			}
			if !found {
				t.Errorf("want %q among:\n%s", tc.want, strings.Join(msgs, "\n"))
			}
		})
	}
	golden.Check(t, filepath.Join("testdata", "bad-input.golden"), corpus.String())
}

func TestExampleTerritoryReadsClean(t *testing.T) {
	dir := t.TempDir()
	cfgPath := sourcetest.Example().Write(t, dir, filepath.Join("..", "..", "fonts"))
	cfg, err := config.Load(cfgPath, nil)
	if err != nil {
		t.Fatal(err)
	}
	c, probs := Read(cfg, Dirs{Sources: cfg.Path(cfg.Sources), Templates: cfg.Path(cfg.Modeles)})
	if len(probs) != 0 {
		t.Fatalf("unexpected problems:\n%v", probs)
	}
	f := c.Fiches[0]
	if len(f.Objectives) != 1 || len(f.Objectives[0].Operational) != 2 || f.Objectives[0].Operational[1].Number != "1.2" {
		t.Errorf("objectives not grouped: %+v", f.Objectives)
	}
	if c.Fiches[1].Status != "" || c.Fiches[0].Status != model.StatusNew {
		t.Errorf("statuses: %q %q", c.Fiches[0].Status, c.Fiches[1].Status)
	}
}
