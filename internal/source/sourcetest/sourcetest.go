// Package sourcetest writes small territories for tests: a cls.yaml, the
// three workbooks and a few templates, all different from the shipped
// Lisieux Normandie contract, so that tests can tell data from code.
package sourcetest

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"
)

// Sheet is a named sheet with its rows, header first.
type Sheet struct {
	Name string
	Rows [][]string
}

// WriteWorkbook writes an .xlsx file with the given sheets.
func WriteWorkbook(t testing.TB, path string, sheets ...Sheet) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, s := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", s.Name); err != nil {
				t.Fatal(err)
			}
		} else if _, err := f.NewSheet(s.Name); err != nil {
			t.Fatal(err)
		}
		for r, row := range s.Rows {
			for c, v := range row {
				cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
				if err := f.SetCellStr(s.Name, cell, v); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

// Territory is the content of a test territory; tests change fields before
// writing it.
type Territory struct {
	Config    string
	Contrat   []Sheet
	Fiches    []Sheet
	Sigles    []Sheet
	Stats     []Sheet
	Templates map[string]string
}

// Example returns a small complete territory, the "Val d'Exemple".
func Example() *Territory {
	return &Territory{
		Config: `territoire:
  nom: Communauté de communes du Val d'Exemple
  sigle: CCVE
document:
  titre: Contrat Local de Santé
  periode: 2026 – 2030
  date: 2026-03-02
signature:
  lieu: Exempleville
  date: 2026-03-02
polices:
  dossier: FONTS
sortie:
  fichier: cls-val-exemple.pdf
`,
		Contrat: []Sheet{
			// Article and Genre are optional: the first row gives them, the
			// second leaves them to the name (« L'Agence… »)
			{"Signataires", [][]string{{"Institution", "Représentée par", "Nom", "Fonction", "Partie", "Article", "Genre"},
				{"La Communauté de communes du Val d'Exemple", "sa Présidente, Madame Alice MARTIN", "Alice MARTIN", "La Présidente de la Communauté de communes", "Communauté de communes du Val d'Exemple", "la", "f"},
				{"L'Agence Régionale de Santé", "son Directeur, Monsieur Bruno PETIT", "Bruno PETIT", "Le Directeur de l'Agence Régionale de Santé", "Agence Régionale de Santé", "", ""}}},
			{"Comité de pilotage", [][]string{{"Institution"}, {"Caisse d'Exemple"}, {"Hôpital d'Exemple"}}},
			{"Comité technique", [][]string{{"Institution"}, {"Service santé du Val"}}},
			{"Présents à la signature", [][]string{{"Nom", "Fonction"}, {"Claire DUBOIS", "Directrice de la Caisse d'Exemple"}}},
			{"Acteurs", [][]string{{"Acteur"}, {"Association Exemple Santé"}, {"Maison de santé du Val"}}},
			{"Groupes de travail", [][]string{{"Axe", "Intitulé", "Date", "Participants"}, {"1", "Prévenir", "Lundi 5 janvier 2026", "12"}}},
			{"Échelons", [][]string{{"Échelon", "Introduction"}, {"Echelle locale", ""}, {"Echelle nationale", "Une stratégie nationale encadre le contrat."}}},
			{"Dispositifs", [][]string{{"Échelon", "Dispositif", "Libellé court", "Texte"},
				{"Echelle locale", "Atelier santé du Val", "ASV", "dispositifs/asv.md"},
				{"Echelle nationale", "Stratégie nationale de santé", "SNS", ""}}},
		},
		Fiches: []Sheet{
			{"Axes", [][]string{{"Numéro", "Intitulé", "Intitulé synthèse"}, {"1", "Prévenir les maladies", ""}, {"2", "Coordonner", ""}}},
			{"Fiches", [][]string{{"Code", "Axe", "Intitulé", "Intitulé synthèse", "Titre du contexte", "Libellé de l'axe", "Statut", "Articulation", "Objectif général", "Objectifs synthèse", "Porteur", "Public visé", "Déroulé", "Partenaires", "Outils"},
				{"FA1.1", "1", "Dépistage itinérant", "", "", "", "nouvelle", "Plan régional", "Aller vers les habitants éloignés du soin.", "", "CCVE", "Habitants", "1 – Réunir\n2 – Agir", "- Caisse d'Exemple\n- Hôpital d'Exemple", ""},
				{"FA2.1", "2", "Réseau des acteurs", "", "", "", "", "", "Animer le réseau.", "", "CCVE", "Partenaires", "", "Tous", ""}}},
			{"Objectifs", [][]string{{"Fiche", "N° stratégique", "Objectif stratégique", "N° opérationnel", "Objectif opérationnel"},
				{"FA1.1", "1", "Repérer les besoins", "1.1", "Cartographier les zones blanches"},
				{"FA1.1", "", "", "1.2", "Organiser des tournées"},
				{"FA2.1", "", "", "", "Réunir les partenaires deux fois par an"}}},
			{"Évaluation", [][]string{{"Fiche", "Évaluation", "Type", "Texte"},
				{"FA1.1", "processus", "critère", "Tournées organisées"},
				{"FA1.1", "résultats", "indicateur", "Nombre de personnes dépistées"},
				{"FA2.1", "", "", "Nombre de réunions"}}},
		},
		Stats: []Sheet{
			{"Espérance de vie", [][]string{{"Titre", "Espérance de vie à la naissance"}, {"Source", "INSEE 2021"}, {"Unité", "ans"}, {},
				{"Sexe", "France", "Région", "Val"}, {"Femmes", "85.8", "84.9", "84.2"}, {"Hommes", "80.1", "78.9", "77.1"}}},
			{"Patients", [][]string{{"Titre", "Patients par pathologie"}, {"Source", "Assurance Maladie 2022"}, {"Unité", ""}, {},
				{"Pathologie", "Patients"}, {"Cancer", "4622"}, {"Maladie cardio-vasculaire", "6773"}, {"Maladie chronique respiratoire (hors mucoviscidose)", "4528"}}},
			{"Graphiques", [][]string{{"Identifiant", "Classeur", "Feuille", "Catégories", "Séries", "Type", "Titre", "Axe des valeurs"},
				{"esperance", "", "Espérance de vie", "", "", "barres", "Espérance de vie à la naissance", "années"},
				{"patients", "", "Patients", "", "Patients", "barres horizontales", "Patients par pathologie", "patients"},
				{"groupes", "contrat.xlsx", "Groupes de travail", "Intitulé", "Participants", "barres horizontales", "Participants par groupe", "participants"}}},
		},
		Sigles: []Sheet{{"Sigles", [][]string{{"Sigle", "Définition"}, {"CCVE", "Communauté de communes du Val d'Exemple"}, {"ASV", "Atelier Santé Ville"}, {"ARS", "Agence Régionale de Santé"}}}},
		Templates: map[string]string{
			"01-preambule.md":    "# Préambule\n\nLa {{ .Territoire.Nom }} s'engage avec l'ARS : {{ len .GroupesDeTravail }} groupe(s), {{ .Participations }} participations.\n\nLes femmes vivent {{ donnee \"Espérance de vie\" \"Femmes\" \"Val\" }} ans ; {{ donnee \"Patients\" \"Cancer\" \"Patients\" }} patients ont un cancer.\n\n{{ tableau \"Espérance de vie\" }}\n\n```cls\ngraphique esperance\n```\n\n```cls\ngraphique patients\n```\n\n```cls\ngraphique groupes\n```\n",
			"02-acteurs.md":      "# Acteurs\n\n{{ puces .Acteurs \"\" \"\" }}\n",
			"03-dispositifs.md":  "# Dispositifs\n\n```cls\nfigure dispositifs\ntitre: Les dispositifs du Val\n```\n\n```cls\ndispositifs\n```\n",
			"04-cadre.md":        "```cls\nsaut-de-page\n```\n\n# Cadre\n\n{{ range .Signataires }}- {{ article . | majuscule }}, {{ accord . \"représenté\" }} par {{ .Representation }}.\n{{ end }}\n{{ puces .ComitePilotage \" ;\" \".\" }}\n\n```cls\nfigure gouvernance\ntitre: Gouvernance\n```\n\nA {{ .Signature.Lieu }}, le {{ .Signature.Date }}\n\n```cls\nsignatures\n```\n",
			"05-synthese.md":     "# Synthèse\n\n```cls\nsynthese\n```\n",
			"06-fiches.md":       "# Fiches\n\n```cls\nfiches\n```\n",
			"07-sigles.md":       "# Sigles\n\n```cls\nsigles\n```\n",
			"08-figures.md":      "# Table des figures\n\n```cls\ntable-des-figures\n```\n",
			"dispositifs/asv.md": "L'atelier santé du Val réunit les acteurs.\n",
			"fiches/FA1.1.md":    "Le dépistage recule dans le Val.\n\n| Année | Dépistés |\n| --- | --- |\n| 2024 | 120 |\n",
		},
	}
}

// Write writes the territory under dir and returns the path of its
// cls.yaml. fontsDir is the folder holding the TTF files.
func (tr *Territory) Write(t testing.TB, dir, fontsDir string) string {
	t.Helper()
	abs, err := filepath.Abs(fontsDir)
	if err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(dir, "cls.yaml")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(cfg, []byte(replaceFonts(tr.Config, abs)), 0o644); err != nil {
		t.Fatal(err)
	}
	if tr.Contrat != nil {
		WriteWorkbook(t, filepath.Join(dir, "sources", "contrat.xlsx"), tr.Contrat...)
	}
	if tr.Fiches != nil {
		WriteWorkbook(t, filepath.Join(dir, "sources", "fiches.xlsx"), tr.Fiches...)
	}
	if tr.Sigles != nil {
		WriteWorkbook(t, filepath.Join(dir, "sources", "sigles.xlsx"), tr.Sigles...)
	}
	if tr.Stats != nil {
		WriteWorkbook(t, filepath.Join(dir, "sources", "diagnostic.xlsx"), tr.Stats...)
	}
	for name, text := range tr.Templates {
		p := filepath.Join(dir, "templates", filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return cfg
}

func replaceFonts(cfg, dir string) string {
	out := []byte{}
	for i := 0; i < len(cfg); i++ {
		if i+5 <= len(cfg) && cfg[i:i+5] == "FONTS" {
			out = append(out, dir...)
			i += 4
			continue
		}
		out = append(out, cfg[i])
	}
	return string(out)
}

// EditPart rewrites one part of an .xlsx file (a zip archive), e.g.
// "xl/worksheets/sheet1.xml", through edit: tests use it to damage a
// workbook the way a crash or a bad copy does.
func EditPart(t testing.TB, path, part string, edit func(string) string) {
	t.Helper()
	z, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	found := false
	for _, f := range z.File {
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			t.Fatal(err)
		}
		if f.Name == part {
			b, found = []byte(edit(string(b))), true
		}
		out, err := w.Create(f.Name)
		if err != nil {
			t.Fatal(err)
		}
		out.Write(b)
	}
	z.Close()
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if !found {
		t.Fatalf("%s: no part %s", path, part)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}
