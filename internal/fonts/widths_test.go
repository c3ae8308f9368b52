package fonts

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/go-pdf/fpdf"
)

// TestWidthsAsFpdf measures every character of the Basic Multilingual
// Plane, one by one, with the widths read by Load and with fpdf, which
// prints them: they must agree for every face, the shipped ones and the
// TrueType files the machine has (other character maps, other units per
// em, glyphs beyond the metrics).
func TestWidthsAsFpdf(t *testing.T) {
	faces := []string{}
	for _, f := range []string{shipped.Regular, shipped.Bold, shipped.Italic, shipped.BoldItalic} {
		faces = append(faces, filepath.Join(fontsDir, f))
	}
	others, _ := filepath.Glob("/usr/share/fonts/truetype/*/*.ttf")
	if len(others) > 12 {
		others = others[:12]
	}
	faces = append(faces, others...)
	for _, path := range faces {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		tt, flt := parseTTF(b)
		if flt != nil {
			t.Logf("%s: %v (not a face Load accepts)", path, flt)
			continue
		}
		glyphs, _ := u16(tt.tables["maxp"], 4)
		m, ok := glyphMap(tt.tables["cmap"], glyphs)
		if !ok {
			continue
		}
		w, ok := faceWidths(tt, m)
		if !ok {
			t.Errorf("%s: no widths", path)
			continue
		}
		pdf := fpdf.New("P", "mm", "A4", "")
		pdf.AddUTF8FontFromBytes("f", "", append([]byte(nil), b...))
		pdf.SetFont("f", "", 100)
		if pdf.Err() {
			t.Fatalf("%s: %v", path, pdf.Error())
		}
		bad := 0
		for r := rune(1); r <= 0xFFFF; r++ {
			if r >= 0xD800 && r <= 0xDFFF {
				continue
			}
			s := string(r)
			if got, want := w.measure(s), pdf.GetStringSymbolWidth(s); got != want {
				if bad++; bad <= 5 {
					t.Errorf("%s: U+%04X measures %d, fpdf %d", filepath.Base(path), r, got, want)
				}
			}
		}
		s := "Contrat Local de Santé — Lisieux Normandie, 72 812 habitants ; l’ARS et l’État. \uFFFF\U0001F3E5\x00"
		if got, want := float64(w.measure(s))*(100/pointsToMM)/1000/100, pdf.GetStringWidth(bmp(s))/100; got != want {
			t.Errorf("%s: a sentence measures %v mm, fpdf %v mm", filepath.Base(path), got, want)
		}
	}
}

// bmp is what fpdf can measure: its width table panics beyond U+FFFF.
func bmp(s string) string {
	out := []rune{}
	for _, r := range s {
		out = append(out, min(r, 0xFFFF))
	}
	return string(out)
}
