package layout

import (
	"testing"

	"github.com/contrat-local-sante/cls/internal/doc"
	"github.com/contrat-local-sante/cls/internal/theme"
)

// themed lays blocks out in the shipped theme changed by a theme file.
func themed(t *testing.T, src string, blocks ...doc.Block) *Result {
	t.Helper()
	th, probs := theme.Parse([]byte(src), "templates/theme.yaml", theme.Defaults())
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	res, err := Layout(&doc.Document{Blocks: blocks}, testGeometry(), th, fixedMeasurer{})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// drawn finds the text item s and the rectangles drawn on its page.
func drawn(t *testing.T, res *Result, s string) (doc.Text, []doc.Rect) {
	t.Helper()
	for _, p := range res.Pages {
		var rects []doc.Rect
		var found *doc.Text
		for _, it := range p.Items {
			switch v := it.(type) {
			case doc.Text:
				if v.Text == s {
					found = &v
				}
			case doc.Rect:
				rects = append(rects, v)
			}
		}
		if found != nil {
			return *found, rects
		}
	}
	t.Fatalf("%q not drawn", s)
	return doc.Text{}, nil
}

// A territory's theme.yaml that changes the accent, the label cells'
// shade and the fiche tables' size changes what is drawn: the heading's
// colour, the label cell's fill, the cells' type size. The roles in the
// tree are resolved by the layout, never written in compose.
func TestThemeChangesDrawnItems(t *testing.T) {
	blocks := []doc.Block{
		doc.Heading{Level: 1, Text: []doc.Inline{{Text: "Titre"}}},
		doc.Table{Widths: []float64{1, 3}, Role: doc.RoleFicheTable, Rows: []doc.Row{{Cells: []doc.Cell{
			{Role: doc.RoleLabel, Blocks: []doc.Block{doc.Paragraph{Text: []doc.Inline{{Text: "Porteur"}}}}},
			{Blocks: []doc.Block{doc.Paragraph{Text: []doc.Inline{{Text: "Mairie"}}}}},
		}}}},
		doc.Paragraph{Role: doc.RoleNote, Text: []doc.Inline{{Text: "mention"}}},
	}
	shipped := theme.Defaults()
	before := themed(t, "", blocks...)
	h, _ := drawn(t, before, "Titre")
	label, rects := drawn(t, before, "Porteur")
	note, _ := drawn(t, before, "mention")
	if h.Color != shipped.Accent || label.Size != 9.5 || note.Size != 7.5 || !hasFill(rects, shipped.TableLabel) {
		t.Fatalf("shipped theme: heading %v, label %v pt, note %v pt, fills %v", h.Color, label.Size, note.Size, rects)
	}

	after := themed(t, "couleurs:\n  accent: \"#AA0000\"\n  libelle_tableau: \"#00AA00\"\ntailles:\n  tableau_fiche: 12\n  mention: corps - 2\n", blocks...)
	h, _ = drawn(t, after, "Titre")
	label, rects = drawn(t, after, "Porteur")
	cell, _ := drawn(t, after, "Mairie")
	note, _ = drawn(t, after, "mention")
	if h.Color != (doc.Color{R: 0xAA}) {
		t.Errorf("heading drawn in %v, want the theme's accent #AA0000", h.Color)
	}
	if !hasFill(rects, doc.Color{G: 0xAA}) || hasFill(rects, shipped.TableLabel) {
		t.Errorf("label cell fills %v, want the theme's #00AA00", rects)
	}
	if label.Size != 12 || cell.Size != 12 {
		t.Errorf("fiche table cells in %v and %v pt, want 12", label.Size, cell.Size)
	}
	if note.Size != 8.5 {
		t.Errorf("note in %v pt, want the body's 10.5 less 2", note.Size)
	}
}

// An état's cell takes its fill and its text colour from the theme.
func TestThemeStateCell(t *testing.T) {
	tb := doc.Table{Widths: []float64{1}, Rows: []doc.Row{{Cells: []doc.Cell{
		{Role: doc.RoleState, State: "realisee", Blocks: []doc.Block{doc.Paragraph{Text: []doc.Inline{{Text: "réalisée"}}}}},
	}}}}
	res := themed(t, "etats:\n  realisee: {fond: \"#102030\", texte: \"#FFEE00\"}\n", tb)
	txt, rects := drawn(t, res, "réalisée")
	if txt.Color != (doc.Color{R: 0xFF, G: 0xEE}) || !hasFill(rects, doc.Color{R: 0x10, G: 0x20, B: 0x30}) {
		t.Errorf("état drawn in %v on %v", txt.Color, rects)
	}
}

func hasFill(rects []doc.Rect, c doc.Color) bool {
	for _, r := range rects {
		if r.Fill != nil && *r.Fill == c {
			return true
		}
	}
	return false
}
