package config

import (
	"math"
	"reflect"
	"strings"
	"time"

	"github.com/contrat-local-sante/cls/internal/diag"
)

// The ranges a value must lie in. They are wide enough for any real
// contract and narrow enough that no value makes an unreadable PDF or
// thousands of pages: text below 7 pt cannot be read in print, text above
// 16 pt turns the 94 pages of the shipped contract into hundreds; the
// running header and the footer are printed in the top and bottom margins
// (8 and 10 mm from the text), which must hold them on the page; side
// margins under 10 mm are cut by printers.
const (
	minTextSize, maxTextSize = 7.0, 16.0    // points
	minMargin, maxMargin     = 10.0, 60.0   // mm, left and right
	minBand                  = 15.0         // mm, top and bottom
	pageWidth, pageHeight    = 210.0, 297.0 // A4, mm
	minTextWidth             = 100.0        // mm left between the side margins
	minTextHeight            = 150.0        // mm left between top and bottom margins
	maxTextLen               = 500          // characters of a printed text
	maxMetaLen               = 2000         // characters of a PDF property
	maxPathLen               = 1000         // characters of a path
	maxFileName              = 255          // bytes of a file name, as file systems allow
)

// maxLen is the longest value key may hold, in characters.
func maxLen(key string) int {
	switch key {
	case "document.auteur", "document.sujet", "document.mots_cles":
		return maxMetaLen
	}
	for _, k := range printed {
		if k == key {
			return maxTextLen
		}
	}
	return maxPathLen
}

// required are the keys without a default that a contract cannot do
// without, with what they hold, and the paths that must not be emptied.
var required = []struct{ key, what string }{
	{"territoire.nom", "le nom du territoire (par exemple « Communauté d'Agglomération Lisieux Normandie »)"},
	{"document.periode", "la période du contrat (par exemple « 2025 – 2029 »)"},
	{"signature.lieu", "le lieu de signature (par exemple « Cambremer »)"},
	{"sources", "le dossier des classeurs (par défaut « sources »)"},
	{"modeles", "le dossier des modèles (par défaut « templates »)"},
	{"polices.dossier", "le dossier des polices (par défaut « fonts »)"},
	{"polices.famille", "le nom de la famille de polices (par défaut « Carlito »)"},
	{"polices.regulier", "le fichier de la police normale (par défaut « Carlito-Regular.ttf »)"},
	{"polices.gras", "le fichier de la police grasse (par défaut « Carlito-Bold.ttf »)"},
	{"polices.italique", "le fichier de la police italique (par défaut « Carlito-Italic.ttf »)"},
	{"polices.gras_italique", "le fichier de la police grasse italique (par défaut « Carlito-BoldItalic.ttf »)"},
	{"sortie.dossier", "le dossier où écrire le PDF (par défaut « output »)"},
	{"sortie.fichier", "le nom du PDF (par exemple « CLS-Lisieux-Normandie-2025-2029.pdf »)"},
}

// validate checks every value against its documented range and adds one
// problem per value out of it, naming the key, where its value came from,
// what was found and what was expected.
func (c *Config) validate(probs *diag.List) {
	values := map[string]string{}
	for _, f := range c.fields() {
		if f.val.Kind() == reflect.String {
			values[f.key] = f.val.String()
		}
	}
	for _, r := range required {
		if strings.TrimSpace(values[r.key]) == "" && !c.bad[r.key] {
			probs.Errorf(c.Origin(r.key), "", "", "%s manque ou est vide ; attendu %s", r.key, r.what)
		}
	}
	for _, key := range []string{"document.date", "signature.date"} {
		s := values[key]
		if s == "" || c.bad[key] {
			continue
		}
		if _, err := time.Parse("2006-01-02", s); err != nil {
			probs.Errorf(c.Origin(key), "", "", "%s vaut « %s » ; attendu une date AAAA-MM-JJ qui existe (par exemple 2025-07-10)", key, shorten(s))
		}
	}
	if f := c.Papier.Format; f != "A4" && !c.bad["papier.format"] {
		probs.Errorf(c.Origin("papier.format"), "", "", "papier.format vaut « %s » ; seul « A4 » est pris en charge", shorten(f))
	}
	c.checkFileName(probs)
	c.checkGrammar(probs)
	c.checkRange(probs, "papier.taille_texte", c.Papier.TailleTexte, minTextSize, maxTextSize, "points", "une taille de texte")
	m := c.Papier.Marges
	ok := c.checkRange(probs, "papier.marges.haut", m.Haut, minBand, maxMargin, "mm", "une marge (elle porte l'en-tête)")
	ok = c.checkRange(probs, "papier.marges.bas", m.Bas, minBand, maxMargin, "mm", "une marge (elle porte le pied de page)") && ok
	if ok && pageHeight-m.Haut-m.Bas < minTextHeight {
		probs.Errorf(c.origins2("papier.marges.haut", "papier.marges.bas"), "", "", "papier.marges.haut et papier.marges.bas (%s + %s mm) ne laissent que %s mm de hauteur de texte sur une page A4 de 297 mm ; attendu au moins %s mm : diminuer ces marges",
			formatNumber(m.Haut), formatNumber(m.Bas), formatNumber(pageHeight-m.Haut-m.Bas), formatNumber(minTextHeight))
	}
	ok = c.checkRange(probs, "papier.marges.gauche", m.Gauche, minMargin, maxMargin, "mm", "une marge")
	ok = c.checkRange(probs, "papier.marges.droite", m.Droite, minMargin, maxMargin, "mm", "une marge") && ok
	if ok && pageWidth-m.Gauche-m.Droite < minTextWidth {
		probs.Errorf(c.origins2("papier.marges.gauche", "papier.marges.droite"), "", "", "papier.marges.gauche et papier.marges.droite (%s + %s mm) ne laissent que %s mm de largeur de texte sur une page A4 de 210 mm ; attendu au moins %s mm : diminuer ces marges",
			formatNumber(m.Gauche), formatNumber(m.Droite), formatNumber(pageWidth-m.Gauche-m.Droite), formatNumber(minTextWidth))
	}
}

// checkRange adds a problem when x is not a finite number in [lo, hi].
func (c *Config) checkRange(probs *diag.List, key string, x, lo, hi float64, unit, what string) bool {
	switch {
	case c.bad[key]:
		// already reported by decode
	case math.IsNaN(x):
		probs.Errorf(c.Origin(key), "", "", "%s n'est pas un nombre (NaN) ; attendu %s entre %s et %s %s", key, what, formatNumber(lo), formatNumber(hi), unit)
	case math.IsInf(x, 0):
		probs.Errorf(c.Origin(key), "", "", "%s est infini ; attendu %s entre %s et %s %s", key, what, formatNumber(lo), formatNumber(hi), unit)
	case x < lo || x > hi:
		probs.Errorf(c.Origin(key), "", "", "%s vaut %s %s ; attendu %s entre %s et %s %s", key, formatNumber(x), unit, what, formatNumber(lo), formatNumber(hi), unit)
	default:
		return true
	}
	return false
}

// origins2 names where two keys checked together came from.
func (c *Config) origins2(a, b string) string {
	oa, ob := c.Origin(a), c.Origin(b)
	if oa == ob {
		return oa
	}
	return oa + " et " + ob
}

// checkFileName checks the shape of sortie.fichier: a plain file name
// ending in .pdf. Where the folder may be is sortie.dossier's business.
func (c *Config) checkFileName(probs *diag.List) {
	f := c.Sortie.Fichier
	if f == "" || c.bad["sortie.fichier"] {
		return // reported as required
	}
	var why string
	switch {
	case strings.ContainsAny(f, `/\`):
		why = "un nom avec un dossier"
	case f == "." || f == ".." || strings.HasPrefix(f, "."):
		why = "un nom qui commence par un point"
	case !strings.HasSuffix(strings.ToLower(f), ".pdf") || len(f) == len(".pdf"):
		why = "un nom qui ne se termine pas par .pdf"
	case len(f) > maxFileName:
		why = "un nom trop long pour un fichier"
	case strings.ContainsAny(f, ":*?\"<>|"):
		why = "un nom avec un caractère interdit par Windows (: * ? \" < > |)"
	default:
		return
	}
	probs.Errorf(c.Origin("sortie.fichier"), "", "", "sortie.fichier vaut « %s », %s ; attendu un simple nom de fichier se terminant par .pdf (par exemple « CLS-2025-2029.pdf ») — le dossier se règle avec sortie.dossier", shorten(f), why)
}
