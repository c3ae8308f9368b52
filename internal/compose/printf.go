package compose

import (
	"fmt"
	"regexp"
)

// fmtMark is what fmt writes in place of a value that does not fit its
// verb (« %!d(string=a) »), of a missing or extra value, or of a bad
// width: Go's words, which would otherwise print in the contract.
var fmtMark = regexp.MustCompile(`%!(?:[a-zA-Z]?\(|\(MISSING\)|\(EXTRA|\(NOVERB\)|\(BADWIDTH\)|\(BADPREC\)|\(BADINDEX\))`)

// checkedPrintf is text/template's printf that refuses, in French, a
// format its values do not fit, rather than printing fmt's marks.
func checkedPrintf(format string, args ...any) (string, error) {
	s := fmt.Sprintf(format, args...)
	if m := fmtMark.FindString(s); m != "" {
		return "", fmt.Errorf("le format « %s » ne convient pas à ses valeurs (%d donnée(s)) ; attendu autant de valeurs que de %%… dans le format, et de la bonne nature (%%d : un nombre entier, %%s : un texte, %%.1f : un nombre)", format, len(args))
	}
	return s, nil
}
