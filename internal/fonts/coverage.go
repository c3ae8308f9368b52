package fonts

import (
	"unicode"

	"github.com/contrat-local-sante/cls/internal/textnorm"
)

// Covers reports whether the family can print r: every one of its four
// faces maps r to a real glyph in the character table the PDF writer
// reads, so that r prints the same in any style. Characters beyond U+FFFF
// (emoji, rare ideographs) never can: the writer's character map is 16
// bits wide. Control characters (carriage return included) and invisible ones
// (zero-width and direction marks) are not printable either; tab and line feed are, as are the
// space and the no-break spaces, which the layout turns into gaps
// whatever the font.
//
// The coverage is computed once by Load; Covers only reads it and is safe
// for concurrent use.
func (f *Family) Covers(r rune) bool {
	switch r {
	case '\t', '\n', ' ', '\u00a0', '\u202f':
		return true
	}
	if r > 0xFFFF || unicode.IsControl(r) || textnorm.Invisible(r) {
		return false
	}
	if f.cover == nil { // a family not made by Load: nothing is known
		return true
	}
	return f.cover.has(r)
}

// Uncovered returns the first character of s that the family cannot
// print, and its byte offset; ok is false when there is none.
func (f *Family) Uncovered(s string) (r rune, at int, ok bool) {
	for i, c := range s {
		if c < 0x7f && c >= ' ' { // printable ASCII: the common case
			if f.cover == nil || f.cover.has(c) {
				continue
			}
		}
		if !f.Covers(c) {
			return c, i, true
		}
	}
	return 0, 0, false
}
