package compose

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/contrat-local-sante/cls/internal/chart"
	"github.com/contrat-local-sante/cls/internal/doc"
	"github.com/contrat-local-sante/cls/internal/model"
)

// words returns the letters-and-digits words of s, to compare what goes in
// with what comes out whatever the Markdown markup.
func words(s string) map[string]int {
	out := map[string]int{}
	for _, w := range strings.FieldsFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9')
	}) {
		out[w]++
	}
	return out
}

func blockText(bs []doc.Block) string {
	var b strings.Builder
	var walk func([]doc.Block)
	walk = func(bs []doc.Block) {
		for _, x := range bs {
			switch v := x.(type) {
			case doc.Paragraph:
				b.WriteString(doc.PlainText(v.Text) + " ")
			case doc.Heading:
				b.WriteString(doc.PlainText(v.Text) + " ")
			case doc.List:
				for _, it := range v.Items {
					walk(it.Blocks)
				}
			case doc.Table:
				for _, r := range v.Rows {
					for _, c := range r.Cells {
						walk(c.Blocks)
					}
				}
			}
		}
	}
	walk(bs)
	return b.String()
}

// FuzzCellBlocks feeds random cell texts to the cell reader: it must not
// panic, and every plain word must come out.
func FuzzCellBlocks(f *testing.F) {
	for _, s := range []string{"", "- a\n  - b\n- c", "1. Feuille\n+ 16 %", "**gras** et *italique*", "https://exemple.fr/a_b", "| a | b |\n|---|---|\n| 1 | 2 |", "> cité", "```\ncode\n```", "\x00\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		bs := cellBlocks(s)
		// emphasis marks join what they surround: compare without them
		unmark := strings.NewReplacer("*", "", "_", "")
		got := words(unmark.Replace(blockText(bs)))
		for w, n := range words(unmark.Replace(s)) {
			// markup may swallow a code fence's info word or an HTML tag name;
			// plain words of 3 letters or more must survive
			if len(w) >= 3 && !strings.ContainsAny(s, "`<&\\[") && got[w] < n {
				t.Fatalf("word %q lost from %q: got %q", w, s, blockText(bs))
			}
		}
	})
}

// FuzzTemplate runs random templates: errors are reported, never a panic,
// and nothing outside the contract's data is reachable.
func FuzzTemplate(f *testing.F) {
	for _, s := range []string{"# T\n\n{{ .Territoire.Nom }}", "{{ puces .Acteurs \"\" \"\" }}", "```cls\nfigure gouvernance\n```", "{{ range .Signataires }}- {{ .Nom }}\n{{ end }}", "{{ donnee \"x\" \"y\" \"z\" }}", "```cls\nsigles\n```\n```cls\nsynthese\n```"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c := contract(model.Template{Name: "01.md", Path: "templates/01.md", Text: s})
		c.Sigles = []model.Sigle{{Sigle: "ARS", Definition: "Agence"}}
		d, _ := Compose(c, runeMeasurer{}, chart.Fonts{})
		if d == nil {
			t.Fatal("no document")
		}
	})
}
