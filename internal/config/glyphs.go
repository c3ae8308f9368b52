package config

import (
	"github.com/contrat-local-sante/cls/internal/diag"
	"github.com/contrat-local-sante/cls/internal/textnorm"
)

// printed are the keys whose text is drawn on the pages with the
// contract's fonts. The others are either paths and file names (never
// drawn), dates (checked as AAAA-MM-JJ, drawn in words), numbers, or PDF
// metadata (document.auteur, sujet, mots_cles: stored as Unicode text in
// the file's properties, not drawn, so any character is fine there).
var printed = []string{
	"territoire.nom", "territoire.sigle",
	"document.titre", "document.periode", "document.surtitre", "document.titre_court",
	"signature.lieu",
}

// CheckGlyphs returns one error per printed key and character that no font
// of the contract can draw (drawable reports false): such a character
// would come out as an empty box or nothing at all.
func (c *Config) CheckGlyphs(drawable func(rune) bool) diag.List {
	var probs diag.List
	values := map[string]string{}
	for _, f := range c.fields() {
		values[f.key] = f.val.String()
	}
	for _, key := range printed {
		var seen []rune
		for _, r := range values[key] {
			if r == '\n' || r == '\t' || drawable(r) || containsRune(seen, r) {
				continue
			}
			seen = append(seen, r)
			probs.Errorf(c.Origin(key), "", "", "%s : caractère %s impossible à imprimer : aucune police du contrat ne le contient ; attendu du texte en caractères latins", key, textnorm.Quote(r))
		}
	}
	return probs
}

func containsRune(rs []rune, r rune) bool {
	for _, x := range rs {
		if x == r {
			return true
		}
	}
	return false
}
