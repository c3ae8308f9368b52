package compose

import (
	"strings"
	"testing"

	"github.com/contrat-local-sante/cls/internal/chart"
	"github.com/contrat-local-sante/cls/internal/doc"
	"github.com/contrat-local-sante/cls/internal/model"
)

// paragraphs returns the plain text of every paragraph, in order,
// list items included.
func paragraphs(bs []doc.Block) []string {
	var out []string
	for _, b := range bs {
		switch v := b.(type) {
		case doc.Paragraph:
			out = append(out, doc.PlainText(v.Text))
		case doc.List:
			for _, it := range v.Items {
				out = append(out, paragraphs(it.Blocks)...)
			}
		}
	}
	return out
}

// TestAngleBracketsPrintAsTyped: a contract has no HTML, so what looks like
// it — a name between angle brackets, a tag, a comment, a block — prints
// exactly as typed instead of vanishing.
func TestAngleBracketsPrintAsTyped(t *testing.T) {
	text := "# Contacts\n\nÉcrire à <Jean Dupont> en <b>gras</b> <!-- note -->.\n\n<div>\nbloc entier\n</div>\n\n<Jean Dupont>\n\n<!-- note seule -->\n\n<!--\nnote sur\ndeux lignes -->\n\nVoir <https://exemple.fr/cls> et a < b > c.\n"
	d, probs := Compose(contract(model.Template{Name: "01.md", Path: "templates/01.md", Text: text}), runeMeasurer{}, chart.Fonts{})
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	got := paragraphs(d.Blocks)
	want := []string{
		"Écrire à <Jean Dupont> en <b>gras</b> <!-- note -->.",
		"<div> bloc entier </div>",
		"<Jean Dupont>",
		"<!-- note seule -->",
		"<!-- note sur deux lignes -->",
		"Voir https://exemple.fr/cls et a < b > c.",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("paragraphs:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// the autolink stays a link
	linked := false
	for _, b := range d.Blocks {
		if p, ok := b.(doc.Paragraph); ok {
			for _, in := range p.Text {
				linked = linked || in.Link == "https://exemple.fr/cls" && in.Text == "https://exemple.fr/cls"
			}
		}
	}
	if !linked {
		t.Error("<https://…> is no longer a link")
	}
}

func TestAngleBracketsInACell(t *testing.T) {
	got := paragraphs(cellBlocks("<Jean Dupont>\nContact : <Jean Dupont>, <b>gras</b> <!-- note -->\n- <div> puce\n<div>"))
	want := []string{"<Jean Dupont>", "Contact\u00a0: <Jean Dupont>, <b>gras</b> <!-- note -->", "<div> puce", "<div>"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("cell paragraphs:\n%q\nwant:\n%q", got, want)
	}
}
