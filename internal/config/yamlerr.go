package config

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/contrat-local-sante/cls/internal/diag"
)

// yamlLine finds the line number in the YAML reader's messages
// (« yaml: line 3: did not find expected key »).
var yamlLine = regexp.MustCompile(`line (\d+)`)

// yamlDuplicate finds a key given twice in one section.
var yamlDuplicate = regexp.MustCompile(`mapping key "([^"]*)" already defined at line (\d+)`)

// yamlMessages turns the YAML reader's usual messages into French, with
// the likely cause; the reader's English never reaches the coordinator.
var yamlMessages = []struct{ en, fr string }{
	{"excessive aliasing", "trop de renvois &ancre / *alias, le fichier se déplierait démesurément ; attendu des valeurs écrites en toutes lettres"},
	{"did not find expected node content", "valeur manquante (crochet [ ou accolade { non fermé ?)"},
	{"did not find expected key", "indentation incohérente, une clé était attendue ; attendu des clés d'une même section alignées avec des espaces"},
	{"could not find expected ':'", "« : » manquant après une clé ; attendu « clé: valeur »"},
	{"mapping values are not allowed", "« : » inattendu ; attendu une valeur entre guillemets quand elle contient « : »"},
	{"found a tab character", "tabulation dans l'indentation ; attendu des espaces"},
	{"found character that cannot start any token", "caractère inattendu en début de valeur (tabulation, @ ou ` ?) ; attendu des espaces pour l'indentation et la valeur entre guillemets"},
	{"unexpected end of stream", "fin de fichier inattendue (guillemet non fermé ?)"},
	{"found unknown escape character", "séquence « \\ » inconnue entre guillemets doubles ; attendu des guillemets simples ou « \\\\ »"},
	{"unknown anchor", "renvoi *alias vers une &ancre inconnue"},
	{"UTF-8", "texte qui n'est pas en UTF-8 ; attendu un fichier enregistré en UTF-8"},
	{"control characters are not allowed", "caractère de contrôle dans le fichier ; attendu du texte seulement"},
	{"cannot unmarshal !!seq into map", "le fichier est une liste ; attendu des sections « clé: valeur » comme dans le cls.yaml livré"},
	{"cannot unmarshal", "le fichier n'est pas une suite de sections « clé: valeur » ; attendu la forme du cls.yaml livré"},
	{"did not find expected", "structure incorrecte (indentation, tiret ou guillemet ?)"},
}

// yamlProblem describes a YAML syntax error of file in French, located on
// its line when the reader gives one.
func yamlProblem(file string, err error) diag.Problem {
	msg := err.Error()
	p := diag.Problem{Severity: diag.Error, File: file}
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		p.Line, _ = strconv.Atoi(m[1])
	}
	if m := yamlDuplicate.FindStringSubmatch(msg); m != nil {
		p.Message = "YAML illisible : clé « " + shorten(m[1]) + " » définie deux fois (déjà en ligne " + m[2] + ") ; attendu une seule ligne par clé"
		return p
	}
	what := "structure incorrecte ; attendu la forme du cls.yaml livré, décrite dans docs/sources.md"
	for _, t := range yamlMessages {
		if strings.Contains(msg, t.en) {
			what = t.fr
			break
		}
	}
	p.Message = "YAML illisible : " + what
	return p
}
