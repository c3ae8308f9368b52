package source

import (
	"fmt"
	"strings"

	"github.com/contrat-local-sante/cls/internal/diag"
	"github.com/contrat-local-sante/cls/internal/textnorm"
)

// glyphs tells which characters the contract's fonts can draw. Text is
// checked where it is read, so that a character no font has is refused
// with its cell or template line instead of printing as an empty box (or
// crashing the PDF writer) far from where it was typed.
type glyphs struct {
	drawable func(rune) bool // nil: no check
	ascii    [128]bool       // drawable, for the printable ASCII fast path
}

func newGlyphs(drawable func(rune) bool) *glyphs {
	g := &glyphs{drawable: drawable}
	if drawable != nil {
		for r := rune(0x20); r < 0x7f; r++ {
			g.ascii[r] = drawable(r)
		}
	}
	return g
}

// missing returns the characters of s that no font can draw, each once,
// in order. Tabs and line feeds are layout, not glyphs.
func (g *glyphs) missing(s string) []rune {
	if g == nil || g.drawable == nil {
		return nil
	}
	var out []rune
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x80 {
			if !g.ascii[c] && c != '\n' && c != '\t' && !containsRune(out, rune(c)) {
				out = append(out, rune(c))
			}
			continue
		}
		// some non-ASCII text: check it rune by rune from here
		for _, r := range s[i:] {
			if r != '\n' && r != '\t' && (r < 0x80 && !g.ascii[r] || r >= 0x80 && !g.drawable(r)) && !containsRune(out, r) {
				out = append(out, r)
			}
		}
		break
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

// maxListed bounds how many characters one message lists: a cell pasted
// from a Chinese document needs no fifty code points to be understood.
const maxListed = 4

// quoteRunes writes characters as « 🏥 » (U+1F3E5), « 中 » (U+4E2D)…
func quoteRunes(rs []rune) string {
	var parts []string
	for i, r := range rs {
		if i == maxListed {
			break
		}
		parts = append(parts, textnorm.Quote(r))
	}
	s := strings.Join(parts, ", ")
	if more := len(rs) - maxListed; more == 1 {
		s += " et 1 autre"
	} else if more > 1 {
		s += fmt.Sprintf(" et %d autres", more)
	}
	return s
}

// textProblems describes what cleaning text found: the invisible
// characters removed (a warning) and the characters no font can draw (an
// error). Either may be empty.
func textProblems(removed, missing []rune) (warning, err string) {
	if len(removed) > 0 {
		s := ""
		if len(removed) > 1 {
			s = "s"
		}
		warning = fmt.Sprintf("caractère%s invisible%s %s supprimé%s ; attendu du texte sans caractère de contrôle ni caractère invisible (souvent collé depuis un courriel ou une page web)", s, s, quoteRunes(removed), s)
	}
	if len(missing) == 1 {
		err = fmt.Sprintf("caractère %s impossible à imprimer : aucune police du contrat ne le contient ; attendu du texte en caractères latins (remplacer ou supprimer ce caractère)", quoteRunes(missing))
	} else if len(missing) > 1 {
		err = fmt.Sprintf("caractères %s impossibles à imprimer : aucune police du contrat ne les contient ; attendu du texte en caractères latins (remplacer ou supprimer ces caractères)", quoteRunes(missing))
	}
	return warning, err
}

// cellText is the one way text leaves a workbook: line ends normalised,
// Unicode NFC, invisible characters removed and reported as a warning,
// characters no font can draw reported as an error, both with the cell
// (col counted from 0, row from 1, as in the sheet).
func (w *workbook) cellText(sheet string, col, row int, v string, probs *diag.List) string {
	if strings.Contains(v, "_x000D_") { // a carriage return as Excel escapes it
		v = strings.ReplaceAll(v, "_x000D_", "")
	}
	clean := textnorm.Clean(v)
	var removed []rune
	if clean != v {
		removed = textnorm.Invisibles(v)
	}
	warning, err := textProblems(removed, w.glyphs.missing(clean))
	if err != "" {
		probs.Errorf(w.name, sheet, cellName(col+1, row), "%s", err)
	}
	if warning != "" {
		probs.Warnf(w.name, sheet, cellName(col+1, row), "%s", warning)
	}
	w.keep(sheet, col, row, clean)
	return clean
}

// isASCIIText reports whether v is printable ASCII, tabs and line feeds.
func isASCIIText(v string) bool {
	for i := 0; i < len(v); i++ {
		if c := v[i]; c >= 0x7f || c < 0x20 && c != '\n' && c != '\t' {
			return false
		}
	}
	return true
}

// cleanTemplate puts a template's text in normal form and reports, with
// its line, each invisible character removed (a warning) and each
// character no font can draw (an error).
func cleanTemplate(file, text string, g *glyphs, probs *diag.List) string {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	if textnorm.Clean(text) == text && len(g.missing(text)) == 0 {
		return text // the common case: nothing to report, no line to split
	}
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		c := textnorm.Clean(l)
		var removed []rune
		if c != l {
			removed = textnorm.Invisibles(l)
		}
		warning, err := textProblems(removed, g.missing(c))
		if err != "" {
			*probs = append(*probs, diag.Problem{Severity: diag.Error, File: file, Line: i + 1, Message: err})
		}
		if warning != "" {
			*probs = append(*probs, diag.Problem{Severity: diag.Warning, File: file, Line: i + 1, Message: warning})
		}
		lines[i] = c
	}
	return strings.Join(lines, "\n")
}
