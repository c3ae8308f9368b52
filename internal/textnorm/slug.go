package textnorm

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// ligatures are the letters NFD does not split but a file name spells
// out.
var ligatures = strings.NewReplacer("œ", "oe", "æ", "ae", "ß", "ss")

// Slug is s as a file or folder name that travels everywhere: lower case
// ASCII letters and digits, accents dropped, ligatures spelled out, every
// other run of characters one dash (« Communauté d'Œuvres » →
// « communaute-d-oeuvres »). It is empty when s has no letter or digit.
func Slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFD.String(ligatures.Replace(strings.ToLower(s))) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			b.WriteRune(r)
			dash = false
		case !dash:
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.Trim(b.String(), "-")
}
