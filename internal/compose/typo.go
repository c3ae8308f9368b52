package compose

import (
	"regexp"
	"strings"
)

// Narrow and ordinary no-break spaces.
const (
	nnbsp = "\u202f"
	nbsp  = "\u00a0"
)

var (
	// a space before a high punctuation sign, as the text has it
	spaceBeforeColon = regexp.MustCompile(` +:`)
	spaceBeforeHigh  = regexp.MustCompile(` +([;!?])`)
	spaceAfterOpen   = regexp.MustCompile(`« +`)
	spaceBeforeClose = regexp.MustCompile(` +»`)
	// thousands groups: 72 812, 1 000
	thousands = regexp.MustCompile(`(\d) (\d{3})\b`)
)

// frenchSpaces applies French typography to a text: the spaces it already
// has before « : ; ! ? » and inside « » become no-break spaces, so that a
// colon never starts a line, and so do the spaces inside numbers.
func frenchSpaces(s string) string {
	if !strings.Contains(s, " ") {
		return s
	}
	// each rule runs only when its sign is there: most runs have none
	if strings.Contains(s, " :") {
		s = spaceBeforeColon.ReplaceAllString(s, nbsp+":")
	}
	if strings.Contains(s, " ;") || strings.Contains(s, " !") || strings.Contains(s, " ?") {
		s = spaceBeforeHigh.ReplaceAllString(s, nnbsp+"$1")
	}
	if strings.Contains(s, "« ") {
		s = spaceAfterOpen.ReplaceAllString(s, "«"+nbsp)
	}
	if strings.Contains(s, " »") {
		s = spaceBeforeClose.ReplaceAllString(s, nbsp+"»")
	}
	if digitSpaceDigit(s) {
		for i := 0; i < 2; i++ { // twice, for 1 000 000
			s = thousands.ReplaceAllString(s, "$1"+nnbsp+"$2")
		}
	}
	return s
}

// digitSpaceDigit reports whether s holds a digit, a space and a digit:
// where thousands may be grouped.
func digitSpaceDigit(s string) bool {
	for i := strings.IndexByte(s, ' '); i >= 0; {
		if i > 0 && i+1 < len(s) && '0' <= s[i-1] && s[i-1] <= '9' && '0' <= s[i+1] && s[i+1] <= '9' {
			return true
		}
		j := strings.IndexByte(s[i+1:], ' ')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return false
}
