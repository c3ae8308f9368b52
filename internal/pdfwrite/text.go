package pdfwrite

import (
	"fmt"
	"strings"
	"unicode/utf16"

	"github.com/contrat-local-sante/cls/internal/doc"
	"github.com/contrat-local-sante/cls/internal/fonts"
	"github.com/contrat-local-sante/cls/internal/layout"
)

// utf16BE encodes s as a PDF text string: UTF-16BE after a byte order
// mark, characters beyond U+FFFF as surrogate pairs, invalid UTF-8 as
// U+FFFD. For the Basic Multilingual Plane it gives the same bytes as
// fpdf's encoder, which is used nowhere else for this reason.
func utf16BE(s string) string {
	var b strings.Builder
	b.Grow(2 + 2*len(s))
	b.WriteString("\xfe\xff")
	for _, r := range s { // invalid bytes arrive as utf8.RuneError
		for _, u := range utf16.AppendRune(nil, r) {
			b.WriteByte(byte(u >> 8))
			b.WriteByte(byte(u))
		}
	}
	return b.String()
}

// printablePage checks every text page n draws against the family: a
// character it cannot print is an error naming the page and quoting the
// text around it.
func printablePage(p layout.Page, n int, fam *fonts.Family) error {
	for _, it := range p.Items {
		t, ok := it.(doc.Text)
		if !ok {
			continue
		}
		if msg, bad := fam.Unprintable(t.Text); bad {
			return fmt.Errorf("écriture du PDF, page %d : %s", n, msg)
		}
	}
	return nil
}
