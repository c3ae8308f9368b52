package config

import (
	"os"
	"strings"
	"testing"
)

// load writes text as cls.yaml in a fresh current folder, so that messages
// name « cls.yaml » as the coordinator would see them, and loads it.
func load(t *testing.T, text string, overrides map[string]string) (*Config, error) {
	t.Helper()
	t.Chdir(t.TempDir())
	if err := os.WriteFile("cls.yaml", []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return Load("cls.yaml", overrides)
}

// refused checks that Load refuses the configuration with exactly the
// given messages, one per line, in this order.
func refused(t *testing.T, name, text string, overrides map[string]string, want ...string) {
	t.Helper()
	_, err := load(t, text, overrides)
	if err == nil {
		t.Errorf("%s: accepted, want %q", name, want)
		return
	}
	if got := err.Error(); got != strings.Join(want, "\n") {
		t.Errorf("%s:\n got %s\nwant %s", name, got, strings.Join(want, "\n"))
	}
}

func paper(lines string) string { return minimal + "papier:\n" + lines }

func TestTextSize(t *testing.T) {
	for value, want := range map[string]string{
		"0":     "papier.taille_texte vaut 0 points ; attendu une taille de texte entre 7 et 16 points",
		"105":   "papier.taille_texte vaut 105 points ; attendu une taille de texte entre 7 et 16 points",
		"-1":    "papier.taille_texte vaut -1 points ; attendu une taille de texte entre 7 et 16 points",
		".nan":  "papier.taille_texte n'est pas un nombre (NaN) ; attendu une taille de texte entre 7 et 16 points",
		".inf":  "papier.taille_texte est infini ; attendu une taille de texte entre 7 et 16 points",
		"-.inf": "papier.taille_texte est infini ; attendu une taille de texte entre 7 et 16 points",
		"1e400": "papier.taille_texte est infini ; attendu une taille de texte entre 7 et 16 points",
		"grand": "papier.taille_texte vaut « grand » ; attendu un nombre (par exemple 10.5)",
		"true":  "papier.taille_texte vaut « true » (oui/non) ; attendu un nombre (par exemple 10.5)",
		"[1]":   "papier.taille_texte vaut une liste de 1 élément(s) ; attendu un nombre (par exemple 10.5)",
	} {
		refused(t, value, paper("  taille_texte: "+value+"\n"), nil, "erreur : cls.yaml : "+want)
	}
	c, err := load(t, paper("  taille_texte: \"11,5\"\n"), nil)
	if err != nil || c.Papier.TailleTexte != 11.5 {
		t.Errorf("a French decimal comma: %v, %v", c, err)
	}
}

func TestNumberFromEnvironmentAndFlag(t *testing.T) {
	t.Setenv("CLS_PAPIER_TAILLE_TEXTE", "grand")
	refused(t, "env", minimal, nil, "erreur : variable d'environnement CLS_PAPIER_TAILLE_TEXTE : papier.taille_texte vaut « grand » ; attendu un nombre (par exemple 10.5)")
	t.Setenv("CLS_PAPIER_TAILLE_TEXTE", "NaN")
	refused(t, "env NaN", minimal, nil, "erreur : variable d'environnement CLS_PAPIER_TAILLE_TEXTE : papier.taille_texte n'est pas un nombre (NaN) ; attendu une taille de texte entre 7 et 16 points")
	refused(t, "empty flag", minimal, map[string]string{"papier.taille_texte": ""}, "erreur : option --set papier.taille_texte : papier.taille_texte est vide ; attendu un nombre (par exemple 10.5)")
	refused(t, "flag", minimal, map[string]string{"papier.taille_texte": "Inf"}, "erreur : option --set papier.taille_texte : papier.taille_texte est infini ; attendu une taille de texte entre 7 et 16 points")
}

func TestMargins(t *testing.T) {
	refused(t, "zero", paper("  marges:\n    gauche: 0\n    haut: 200\n"), nil,
		"erreur : cls.yaml : papier.marges.haut vaut 200 mm ; attendu une marge (elle porte l'en-tête) entre 15 et 60 mm",
		"erreur : cls.yaml : papier.marges.gauche vaut 0 mm ; attendu une marge entre 10 et 60 mm")
	refused(t, "no room for the footer", paper("  marges:\n    bas: 12\n"), nil,
		"erreur : cls.yaml : papier.marges.bas vaut 12 mm ; attendu une marge (elle porte le pied de page) entre 15 et 60 mm")
	refused(t, "no room", paper("  marges:\n    gauche: 60\n    droite: 55.5\n"), nil,
		"erreur : cls.yaml : papier.marges.gauche et papier.marges.droite (60 + 55.5 mm) ne laissent que 94.5 mm de largeur de texte sur une page A4 de 210 mm ; attendu au moins 100 mm : diminuer ces marges")
	t.Setenv("CLS_PAPIER_MARGES_DROITE", "51")
	refused(t, "no room, two origins", paper("  marges:\n    gauche: 60\n"), nil,
		"erreur : cls.yaml et variable d'environnement CLS_PAPIER_MARGES_DROITE : papier.marges.gauche et papier.marges.droite (60 + 51 mm) ne laissent que 99 mm de largeur de texte sur une page A4 de 210 mm ; attendu au moins 100 mm : diminuer ces marges")
}

func TestAllProblemsAtOnce(t *testing.T) {
	text := "territoire:\n  nom: [a, b]\ndocument:\n  periode: 2026\n  date: 2025-02-30\nsignatur:\n  lieu: X\nsortie:\n  fichier: ../contrat.pdf\npapier: A3\n"
	refused(t, "all", text, map[string]string{"signature.date": "2025-7-10", "document.titr": "X"},
		"erreur : option --set document.titr : clé inconnue « document.titr » (faute de frappe ? vouliez-vous dire « document.titre » ?) ; les clés possibles sont décrites dans docs/sources.md",
		"erreur : cls.yaml : papier vaut « A3 » ; attendu une section avec les clés format, marges.haut, marges.bas, marges.gauche, marges.droite, taille_texte",
		"erreur : cls.yaml : clé inconnue « signatur.lieu » (faute de frappe ? vouliez-vous dire « signature.lieu » ?) ; les clés possibles sont décrites dans docs/sources.md",
		"erreur : cls.yaml : territoire.nom est une liste de 2 élément(s) ; attendu un texte",
		"erreur : cls.yaml : signature.lieu manque ou est vide ; attendu le lieu de signature (par exemple « Cambremer »)",
		"erreur : cls.yaml : document.date vaut « 2025-02-30 » ; attendu une date AAAA-MM-JJ qui existe (par exemple 2025-07-10)",
		"erreur : option --date ou --set signature.date : signature.date vaut « 2025-7-10 » ; attendu une date AAAA-MM-JJ qui existe (par exemple 2025-07-10)",
		"erreur : cls.yaml : sortie.fichier vaut « ../contrat.pdf », un nom avec un dossier ; attendu un simple nom de fichier se terminant par .pdf (par exemple « CLS-2025-2029.pdf ») — le dossier se règle avec sortie.dossier")
}

func TestValues(t *testing.T) {
	for name, c := range map[string]struct{ set, want string }{
		"format":    {"papier.format=A3", "erreur : option --set papier.format : papier.format vaut « A3 » ; seul « A4 » est pris en charge"},
		"not pdf":   {"sortie.fichier=contrat.docx", "erreur : option --set sortie.fichier : sortie.fichier vaut « contrat.docx », un nom qui ne se termine pas par .pdf ; attendu un simple nom de fichier se terminant par .pdf (par exemple « CLS-2025-2029.pdf ») — le dossier se règle avec sortie.dossier"},
		"hidden":    {"sortie.fichier=.pdf", "erreur : option --set sortie.fichier : sortie.fichier vaut « .pdf », un nom qui commence par un point ; attendu un simple nom de fichier se terminant par .pdf (par exemple « CLS-2025-2029.pdf ») — le dossier se règle avec sortie.dossier"},
		"backslash": {`sortie.fichier=a\b.pdf`, `erreur : option --set sortie.fichier : sortie.fichier vaut « a\b.pdf », un nom avec un dossier ; attendu un simple nom de fichier se terminant par .pdf (par exemple « CLS-2025-2029.pdf ») — le dossier se règle avec sortie.dossier`},
		"empty":     {"sources=", "erreur : option --set sources : sources manque ou est vide ; attendu le dossier des classeurs (par défaut « sources »)"},
		"huge":      {"territoire.nom=" + strings.Repeat("x", 10<<20), "erreur : option --set territoire.nom : territoire.nom fait 10485760 caractères ; attendu au plus 500"},
		"escape":    {"signature.date=\x1b[31m", "erreur : option --date ou --set signature.date : signature.date vaut « [31m » ; attendu une date AAAA-MM-JJ qui existe (par exemple 2025-07-10)"},
	} {
		k, v, _ := strings.Cut(c.set, "=")
		refused(t, name, minimal, map[string]string{k: v}, c.want)
	}
}

func TestYAMLErrors(t *testing.T) {
	refused(t, "bracket", "territoire: [\n", nil, "erreur : cls.yaml, ligne 1 : YAML illisible : valeur manquante (crochet [ ou accolade { non fermé ?)")
	refused(t, "indent", "territoire:\n  nom: a\n sigle: b\n", nil, "erreur : cls.yaml, ligne 2 : YAML illisible : indentation incohérente, une clé était attendue ; attendu des clés d'une même section alignées avec des espaces")
	refused(t, "twice", minimal+"territoire:\n  nom: b\n", nil, "erreur : cls.yaml, ligne 8 : YAML illisible : clé « territoire » définie deux fois (déjà en ligne 1) ; attendu une seule ligne par clé")
	refused(t, "tab", "territoire:\n\tnom: x\n", nil, "erreur : cls.yaml, ligne 2 : YAML illisible : caractère inattendu en début de valeur (tabulation, @ ou ` ?) ; attendu des espaces pour l'indentation et la valeur entre guillemets")
	refused(t, "colon", "territoire:\n  nom: a: b\n", nil, "erreur : cls.yaml, ligne 2 : YAML illisible : « : » inattendu ; attendu une valeur entre guillemets quand elle contient « : »")
	refused(t, "latin-1", "territoire:\n  nom: caf\xe9\n", nil, "erreur : cls.yaml : YAML illisible : texte qui n'est pas en UTF-8 ; attendu un fichier enregistré en UTF-8")
	refused(t, "list", "- a\n", nil, "erreur : cls.yaml, ligne 1 : YAML illisible : le fichier est une liste ; attendu des sections « clé: valeur » comme dans le cls.yaml livré")
	refused(t, "huge", minimal+"# "+strings.Repeat("x", 1<<20)+"\n", nil, "erreur : cls.yaml : fichier de plus de 1 Mo ; attendu un cls.yaml de quelques lignes (celui livré fait moins de 2 Ko)")
}

// TestYAMLBomb: nine levels of nine aliases would unfold into 9⁹ values
// (billion laughs); the reader must refuse it, not build it.
func TestYAMLBomb(t *testing.T) {
	bomb := "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
	prev := "a"
	for _, n := range "bcdefghi" {
		name := string(n)
		bomb += name + ": &" + name + " [" + strings.TrimSuffix(strings.Repeat("*"+prev+", ", 9), ", ") + "]\n"
		prev = name
	}
	refused(t, "bomb", bomb, nil, "erreur : cls.yaml : YAML illisible : trop de renvois &ancre / *alias, le fichier se déplierait démesurément ; attendu des valeurs écrites en toutes lettres")
}
