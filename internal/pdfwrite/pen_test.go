package pdfwrite

import (
	"bytes"
	"testing"

	"github.com/contrat-local-sante/cls/internal/doc"
)

// TestPenSetsOnlyChanges: forty words of one style, a tinted box among
// them, words of a second colour and size: the page says each font and
// colour once per change, and wraps no word in a saved state (« q … Q »)
// to colour it: text is painted with the fill colour, which the pen sets.
func TestPenSetsOnlyChanges(t *testing.T) {
	ink, tint, red := doc.Color{R: 25, G: 25, B: 25}, doc.Color{R: 236, G: 241, B: 247}, doc.Color{R: 200}
	var items []doc.Item
	for i := range 40 {
		items = append(items, doc.Text{X: 20 + float64(i%8)*20, Y: 30 + float64(i/8)*6, Text: "mot", Size: 10.5, Color: ink})
		if i == 20 {
			items = append(items, doc.Rect{X: 20, Y: 80, W: 100, H: 10, Fill: &tint})
		}
	}
	for i := range 5 {
		items = append(items, doc.Text{X: 20 + float64(i)*20, Y: 100, Text: "note", Size: 9, Color: red, Style: doc.Italic})
	}
	pdf, err := Write(page(items...), options(t))
	if err != nil {
		t.Fatal(err)
	}
	_, contents, _, _, _ := streamsByKind(t, pdf)
	if err := contents[0].Decode(); err != nil {
		t.Fatal(err)
	}
	c := contents[0].Content
	// fonts: fpdf's own at the top of the page, then the two styles
	if n := bytes.Count(c, []byte(" Tf ET")); n > 3 {
		t.Errorf("%d font selections for 2 fonts:\n%s", n, c)
	}
	// fills: the ink, the tint, the ink again, the red (after fpdf's
	// own black at the top of the page)
	for fill, want := range map[string]int{"0.098 g": 2, "0.925 0.945 0.969 rg": 1, "0.784 0.000 0.000 rg": 1} {
		if n := bytes.Count(c, []byte(fill+"\n")); n != want {
			t.Errorf("fill « %s » set %d times, want %d:\n%s", fill, n, want, c)
		}
	}
	if bytes.Contains(c, []byte("q ")) || bytes.Count(c, []byte(" Tj ET")) != 45 {
		t.Errorf("words wrapped in saved states, or words missing:\n%s", c)
	}
	if i, j := bytes.Index(c, []byte("0.925 0.945 0.969 rg")), bytes.LastIndex(c, []byte("0.098 g")); i < 0 || j < i {
		t.Errorf("the words after the box are not set back to their colour:\n%s", c)
	}
}
