package fonts

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/go-pdf/fpdf"

	"github.com/contrat-local-sante/cls/internal/doc"
)

// FuzzFace damages a real face at random places: reading and checking it
// must never panic; a face accepted is measured, and given to fpdf,
// without a crash (AddTo turns fpdf's panics into the face's error).
func FuzzFace(f *testing.F) {
	good, err := os.ReadFile(filepath.Join(fontsDir, shipped.Regular))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(uint32(0), uint32(0), byte(0))
	f.Add(uint32(12), uint32(4), byte(0xff))      // the table directory
	f.Add(uint32(300), uint32(64), byte(0x80))    // early tables
	f.Add(uint32(90000), uint32(512), byte(0x7f)) // glyph data
	f.Fuzz(func(t *testing.T, at, n uint32, v byte) {
		b := append([]byte(nil), good...)
		for i := int(at % uint32(len(b))); i < len(b) && n > 0; i, n = i+1, n-1 {
			b[i] ^= v
		}
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "f.ttf"), b, 0o644); err != nil {
			t.Fatal(err)
		}
		fam := &Family{Name: "F", Faces: map[doc.Style][]byte{}, Files: map[doc.Style]string{}}
		lf := fam.loadFace(dir, "f.ttf", Files{}, 0)
		if lf.err != nil {
			return
		}
		lf.widths.measure("Contrat Local de Santé 72 812 — l’État \uFFFD\x00")
		for _, st := range Styles {
			fam.Faces[st], fam.Files[st] = lf.bytes, lf.path
		}
		fam.AddTo(fpdf.New("P", "mm", "A4", ""))
	})
}
