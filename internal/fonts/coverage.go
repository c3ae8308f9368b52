package fonts

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/contrat-local-sante/cls/internal/textnorm"
)

// coverage is the set of Basic Multilingual Plane characters a face maps
// to a real glyph, one bit per character (8 KiB).
type coverage [0x10000 / 64]uint64

func (c *coverage) clear(r rune)    { c[r>>6] &^= 1 << (r & 63) }
func (c *coverage) set(r int)       { c[r>>6] |= 1 << (r & 63) }
func (c *coverage) has(r rune) bool { return r >= 0 && r <= 0xFFFF && c[r>>6]&(1<<(r&63)) != 0 }
func (c *coverage) and(o *coverage) {
	for i := range c {
		c[i] &= o[i]
	}
}

// Covers reports whether the family can print r: every one of its four
// faces maps r to a real glyph in the character table the PDF writer
// reads, so that r prints the same in any style. Characters beyond U+FFFF
// (emoji, rare ideographs) never can: the writer's character map is 16
// bits wide. Control characters (carriage return included) and invisible
// ones (zero-width and direction marks) are not printable either, even
// when the font has a glyph for them; tab and line feed are, as are the
// space and the no-break spaces, which the layout turns into gaps
// whatever the font.
//
// The coverage is computed once by Load; Covers only reads it and is safe
// for concurrent use.
func (f *Family) Covers(r rune) bool {
	if f.cover == nil { // a family not made by Load: nothing is known
		return r <= 0xFFFF && !unicode.IsControl(r) && !textnorm.Invisible(r) || gap(r)
	}
	return f.cover.has(r)
}

// gap reports whether r is drawn as a gap or a break by the layout,
// whatever the font.
func gap(r rune) bool {
	switch r {
	case '\t', '\n', ' ', '\u00a0', '\u202f':
		return true
	}
	return false
}

// printableOnly removes from c the characters that are never printed
// (controls, invisible characters) and adds those drawn as gaps.
func (c *coverage) printableOnly() {
	for r := range rune(0xA0) { // the control characters are all below
		if unicode.IsControl(r) {
			c.clear(r)
		}
	}
	for _, rg := range unicode.Cf.R16 {
		for r := rune(rg.Lo); r <= rune(rg.Hi); r += rune(rg.Stride) {
			if textnorm.Invisible(r) {
				c.clear(r)
			}
		}
	}
	for _, r := range "\t\n \u00a0\u202f" {
		c.set(int(r))
	}
}

// Uncovered returns the first character of s that the family cannot
// print, and its byte offset; ok is false when there is none.
func (f *Family) Uncovered(s string) (r rune, at int, ok bool) {
	c := f.cover
	for i := 0; i < len(s); {
		r, w := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, w = utf8.DecodeRuneInString(s[i:])
		}
		if c != nil && !c.has(r) || c == nil && !f.Covers(r) {
			return r, i, true
		}
		i += w
	}
	return 0, 0, false
}

// Unprintable describes the first character of s the family cannot
// print, in French, quoting the text around it so that the coordinator
// can find it: « caractère « 🏥 » (U+1F3E5) impossible à imprimer avec la
// police Carlito : « Agglo 🏥 du Pays » ; attendu … ». ok is false when
// every character is printable.
func (f *Family) Unprintable(s string) (msg string, ok bool) {
	r, at, ok := f.Uncovered(s)
	if !ok {
		return "", false
	}
	return fmt.Sprintf("caractère %s impossible à imprimer avec la police %s : « %s » ; attendu un caractère que la police contient (lettres latines, chiffres, ponctuation)",
		textnorm.Quote(r), f.Name, textnorm.Escape(excerpt(s, at, 20))), true
}

// excerpt returns the text of s within about n characters of the
// character at byte offset at, whole words only, on one line, with an
// ellipsis where it was cut.
func excerpt(s string, at, n int) string {
	_, w := utf8.DecodeRuneInString(s[at:])
	start, end := at, at+w
	for k := 0; k < n && start > 0; k++ {
		_, w := utf8.DecodeLastRuneInString(s[:start])
		start -= w
	}
	for k := 0; k < n && end < len(s); k++ {
		_, w := utf8.DecodeRuneInString(s[end:])
		end += w
	}
	head, tail := s[start:at], s[at+w:end]
	if i := strings.IndexByte(head, ' '); start > 0 && i >= 0 {
		head = head[i+1:]
	}
	if i := strings.LastIndexByte(tail, ' '); end < len(s) && i >= 0 {
		tail = tail[:i]
	}
	out := strings.Join(strings.Fields(head+s[at:at+w]+tail), " ")
	if start > 0 {
		out = "…" + out
	}
	if end < len(s) {
		out += "…"
	}
	return out
}
