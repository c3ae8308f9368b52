package pdfwrite

import (
	"bytes"
	"testing"

	"github.com/contrat-local-sante/cls/internal/doc"
)

// TestWriteLeavesTheFacesAlone: fpdf's subsetter writes into the font
// bytes it is given; the family's faces, which a long-running process
// keeps for the next build and whose hashes the manifest records, must
// come out of a write as they went in.
func TestWriteLeavesTheFacesAlone(t *testing.T) {
	res, opt := sample(t)
	before := map[doc.Style][]byte{}
	for st, b := range opt.Family.Faces {
		before[st] = bytes.Clone(b)
	}
	first, err := Write(res, opt)
	if err != nil {
		t.Fatal(err)
	}
	for st, b := range opt.Family.Faces {
		if !bytes.Equal(b, before[st]) {
			t.Errorf("face %d changed by the write", st)
		}
	}
	second, err := Write(res, opt)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first, second) {
		t.Error("a second write with the same family differs")
	}
}
