package pdfwrite

import (
	"bytes"
	"testing"

	"github.com/contrat-local-sante/cls/internal/doc"
	"github.com/contrat-local-sante/cls/internal/layout"
)

// TestReleasePages: with ReleasePages the writer drops each page's items
// once drawn, and writes the very same bytes; without, the pages keep
// them for whoever reads the layout after.
func TestReleasePages(t *testing.T) {
	two := func() *layout.Result {
		text := func(s string, y float64) doc.Item { return doc.Text{X: 20, Y: y, Text: s, Size: 11} }
		return &layout.Result{Pages: []layout.Page{{Items: []doc.Item{text("un", 30)}}, {Items: []doc.Item{text("deux", 40)}}}}
	}
	opt := options(t)
	kept, released := two(), two()
	a, err := Write(kept, opt)
	if err != nil {
		t.Fatal(err)
	}
	opt.ReleasePages = true
	b, err := Write(released, opt)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Error("releasing the pages changed the PDF")
	}
	for i := range 2 {
		if len(kept.Pages[i].Items) != 1 || released.Pages[i].Items != nil {
			t.Errorf("page %d: kept %d items, released %d", i+1, len(kept.Pages[i].Items), len(released.Pages[i].Items))
		}
	}
	if len(released.Pages) != 2 {
		t.Errorf("%d pages left", len(released.Pages))
	}
}
