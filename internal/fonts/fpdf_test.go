package fonts

import (
	"bytes"
	"strings"
	"testing"

	"github.com/go-pdf/fpdf"

	"github.com/contrat-local-sante/cls/internal/doc"
)

// TestAddToNamesTheFace: a face fpdf panics on (here one damaged after
// Load checked it) is an error naming its file and key, not a crash.
func TestAddToNamesTheFace(t *testing.T) {
	f := loadShipped(t)
	kept := bytes.Clone(f.Faces[doc.Italic])
	if err := f.AddTo(fpdf.New("P", "mm", "A4", "")); err != nil {
		t.Fatalf("shipped faces: %v", err)
	}
	if !bytes.Equal(f.Faces[doc.Italic], kept) {
		t.Error("AddTo changed the family's bytes")
	}
	f.Faces[doc.Italic] = f.Faces[doc.Italic][:4000]
	err := f.AddTo(fpdf.New("P", "mm", "A4", ""))
	if err == nil || !strings.Contains(err.Error(), "Carlito-Italic.ttf : police illisible (fichier tronqué ou endommagé) (polices.italique dans cls.yaml)") {
		t.Errorf("damaged face: %v", err)
	}
}
