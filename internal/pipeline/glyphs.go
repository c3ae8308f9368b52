package pipeline

import (
	"fmt"

	"github.com/contrat-local-sante/cls/internal/diag"
	"github.com/contrat-local-sante/cls/internal/doc"
	"github.com/contrat-local-sante/cls/internal/fonts"
)

// unprintable is the safety net after composition: every text of the
// composed document that the family cannot print, one error per
// character, with the kind of place, the section and the text around it.
// The readers refuse such characters where they are typed (cell, template
// line, cls.yaml key); this catches text that reached the document by a
// path nobody anticipated, so that it is never printed as an empty box
// nor crashes the writer.
func unprintable(d *doc.Document, fam *fonts.Family) diag.List {
	var probs diag.List
	seen := map[rune]bool{}
	section := ""
	d.Texts(func(kind, text string) {
		if kind == "titre" {
			section = text
		}
		r, _, bad := fam.Uncovered(text)
		if !bad || seen[r] {
			return
		}
		seen[r] = true
		msg, _ := fam.Unprintable(text)
		where := "document composé, " + kind
		if section != "" && kind != "titre" {
			where += fmt.Sprintf(" (section « %s »)", section)
		}
		probs.Errorf("", "", "", "%s : %s", where, msg)
	})
	return probs
}
