package layout

import (
	"testing"

	"github.com/contrat-local-sante/cls/internal/doc"
)

// TestPageGuard: a document that would run past MaxPages stops with an
// error naming the section where it happened, not thousands of pages.
func TestPageGuard(t *testing.T) {
	defer func(n int) { MaxPages = n }(MaxPages)
	MaxPages = 20
	blocks := []doc.Block{doc.Heading{Level: 1, Text: []doc.Inline{{Text: "Préambule"}}}, para("court")}
	blocks = append(blocks, doc.Heading{Level: 1, Text: []doc.Inline{{Text: "Diagnostic"}}})
	for i := 0; i < 30; i++ {
		blocks = append(blocks, doc.PageBreak{}, para("une page de plus"))
	}
	blocks = append(blocks, doc.Heading{Level: 1, Text: []doc.Inline{{Text: "Sigles"}}})
	_, err := Layout(&doc.Document{Blocks: blocks}, testGeometry(), DefaultTheme(), fixedMeasurer{})
	want := "mise en page : le document dépasse 20 pages (atteint dans la section « Diagnostic ») ; attendu un contrat de quelques centaines de pages : un modèle ou un classeur produit-il trop de texte ?"
	if err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
	MaxPages = 40
	if _, err := Layout(&doc.Document{Blocks: blocks}, testGeometry(), DefaultTheme(), fixedMeasurer{}); err != nil {
		t.Errorf("31 pages under a guard of 40: %v", err)
	}
}
