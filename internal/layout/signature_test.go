package layout

import (
	"strings"
	"testing"

	"github.com/contrat-local-sante/cls/internal/doc"
)

// pageOf returns the page (from 1) where a word is first drawn, 0 if none.
func pageOf(res *Result, word string) int {
	for i, p := range res.Pages {
		for _, it := range p.Items {
			if tx, ok := it.(doc.Text); ok && strings.Contains(tx.Text, word) {
				return i + 1
			}
		}
	}
	return 0
}

func signatures() doc.SignaturePage {
	return doc.SignaturePage{Groups: []doc.SignatureGroup{{Title: "Les signataires :", Columns: 2, People: []doc.Person{
		{Name: "Alice SIGNATAIRE", Title: "Présidente"},
		{Name: "Bernard SIGNATAIRE", Title: "Directeur général"},
	}}}}
}

// The place and date (« À Cambremer, le 10 juillet 2025 ») must open the
// signature page, never be left alone at the foot of the page before it,
// wherever the text before it ends.
func TestPlaceAndDateStayWithTheSignatureBoxes(t *testing.T) {
	filler := para(strings.Repeat("Les signataires s'engagent à exécuter le présent contrat. ", 4))
	place := para("À Cambremer, le 10 juillet 2025")
	exercised := false
	for n := 1; n <= 40; n++ {
		var blocks []doc.Block
		for range n {
			blocks = append(blocks, filler)
		}
		alone := layoutBlocks(t, append(blocks, place)...)
		res := layoutBlocks(t, append(blocks, place, signatures())...)
		checkMargins(t, res)
		at, boxes := pageOf(res, "Cambremer"), pageOf(res, "Alice")
		if at != boxes {
			t.Fatalf("%d paragraphs: place and date on page %d, signature boxes on page %d", n, at, boxes)
		}
		if pageOf(alone, "Cambremer") < at {
			exercised = true // without the boxes it would have stayed at the foot of the page before
		}
	}
	if !exercised {
		t.Fatal("no case where the place and date moved to the signature page: the test proves nothing")
	}
}

// A long paragraph before the signature page is body text, not a place and
// date: it stays where it falls rather than leaving most of a page empty.
func TestLongParagraphBeforeSignaturesStays(t *testing.T) {
	long := para(strings.Repeat("Texte du contrat qui précède les signatures sans être un lieu ni une date. ", 110) + "FIN")
	res := layoutBlocks(t, long, signatures())
	if got := pageOf(res, "FIN"); got != 1 {
		t.Errorf("long paragraph ends on page %d, want 1 (not carried to the signature page)", got)
	}
	if got := pageOf(res, "Alice"); got != 2 {
		t.Errorf("signature boxes on page %d, want 2", got)
	}
}
