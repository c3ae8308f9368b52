// Package textnorm puts the text read from a coordinator's files into one
// form before anything else sees it: Unicode NFC (an accent typed on macOS
// arrives decomposed, NFD, and would not match its composed twin), and no
// invisible characters.
//
// Invisible characters — control characters other than tab and line feed,
// and the zero-width and direction marks (format characters, Unicode
// category Cf: U+200B, U+200D, U+FEFF, U+00AD…) — are removed: they draw
// nothing, no font of a contract has a glyph for them, and they come from
// copy and paste, not from intent. Readers report each removal as a
// warning with its place, so nothing is lost silently. Line and paragraph
// separators (U+2028, U+2029) and carriage returns become line feeds.
package textnorm

import (
	"fmt"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Clean returns s in NFC, line ends as "\n", invisible characters removed.
func Clean(s string) string {
	if isPlain(s) {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\r' || r == '\u2028' || r == '\u2029':
			return '\n'
		case Invisible(r):
			return -1
		}
		return r
	}, s)
	return norm.NFC.String(s)
}

// isPlain reports whether s is printable ASCII, tabs and line feeds: most
// cells are, and need no work.
func isPlain(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 0x7f || c < 0x20 && c != '\n' && c != '\t' {
			return false
		}
	}
	return true
}

// Invisible reports whether Clean removes r: a control character other
// than tab, line feed and carriage return, or a format character.
func Invisible(r rune) bool {
	switch r {
	case '\t', '\n', '\r', '\u2028', '\u2029':
		return false
	}
	return unicode.Is(unicode.Cc, r) || unicode.Is(unicode.Cf, r)
}

// Invisibles returns the invisible characters of s, each once, in order.
func Invisibles(s string) []rune {
	var out []rune
	for _, r := range s {
		if Invisible(r) && !containsRune(out, r) {
			out = append(out, r)
		}
	}
	return out
}

func containsRune(rs []rune, r rune) bool {
	for _, x := range rs {
		if x == r {
			return true
		}
	}
	return false
}

// CodePoint writes r as « U+1F3E5 ».
func CodePoint(r rune) string { return fmt.Sprintf("U+%04X", r) }

// Quote shows r to the coordinator: the character itself between French
// quotes when it is visible, and always its code point, « 🏥 » (U+1F3E5).
// Invisible and control characters are shown by code point only, so that
// a message never carries a terminal escape.
func Quote(r rune) string {
	if Invisible(r) || !unicode.IsPrint(r) && r != ' ' {
		return CodePoint(r)
	}
	return fmt.Sprintf("« %c » (%s)", r, CodePoint(r))
}

// Escape makes s safe to print on a terminal: every control, format or
// other non-printing character is written as <U+XXXX>.
func Escape(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r == ' ' || unicode.IsPrint(r) && !Invisible(r) {
			b.WriteRune(r)
			continue
		}
		fmt.Fprintf(&b, "<%s>", CodePoint(r))
	}
	return b.String()
}
