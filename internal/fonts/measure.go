package fonts

import (
	"fmt"
	"strings"
	"sync"

	"github.com/go-pdf/fpdf"

	"github.com/contrat-local-sante/cls/internal/doc"
)

// Measurer gives the width of text set in a family. It caches widths per
// style and string at a unit size, since the same words recur throughout a
// contract. It is safe for concurrent use.
type Measurer struct {
	mu    sync.Mutex
	pdf   *fpdf.Fpdf
	name  string
	cache map[key]float64
}

type key struct {
	style doc.Style
	s     string
}

// NewMeasurer returns the family's measurer. Load made it while checking
// the faces, so it is shared by everyone measuring with the family.
func NewMeasurer(f *Family) *Measurer {
	if f.measurer != nil {
		return f.measurer
	}
	m, err := newMeasurer(f)
	if err != nil { // a family not made by Load, with a bad face: measure nothing
		return &Measurer{pdf: fpdf.New("P", "mm", "A4", ""), name: f.Name, cache: map[key]float64{}}
	}
	return m
}

// newMeasurer parses the four faces with fpdf, as the writer will. fpdf
// panics on some damaged files that the checks of Load let through; the
// panic becomes an error naming the file.
func newMeasurer(f *Family) (m *Measurer, err error) {
	p := fpdf.New("P", "mm", "A4", "")
	var st doc.Style
	defer func() {
		if r := recover(); r != nil {
			m, err = nil, unreadable(f, st)
		}
	}()
	for _, st = range Styles {
		p.AddUTF8FontFromBytes(f.Name, StyleCode(st), f.Faces[st])
		if p.SetFont(f.Name, StyleCode(st), 10); p.Err() {
			return nil, unreadable(f, st)
		}
	}
	return &Measurer{pdf: p, name: f.Name, cache: map[key]float64{}}, nil
}

func unreadable(f *Family, st doc.Style) error {
	return fmt.Errorf("%s : %s (polices.%s dans cls.yaml) ; attendu %s", shown(f.Files[st]), damaged.what, styleKey(st), damaged.want)
}

// styleKey is the cls.yaml key of a style's face, under polices.
func styleKey(st doc.Style) string {
	switch st & (doc.Bold | doc.Italic) {
	case doc.Bold:
		return "gras"
	case doc.Italic:
		return "italique"
	case doc.Bold | doc.Italic:
		return "gras_italique"
	}
	return "regulier"
}

// Width returns the width in mm of s set in style at size points.
func (m *Measurer) Width(s string, style doc.Style, size float64) float64 {
	m.mu.Lock()
	defer m.mu.Unlock()
	k := key{style & (doc.Bold | doc.Italic), s}
	w, ok := m.cache[k]
	if !ok {
		m.pdf.SetFont(m.name, StyleCode(k.style), 100)
		w = m.pdf.GetStringWidth(bmp(s)) / 100
		m.cache[k] = w
	}
	return w * size
}

// bmp replaces the characters beyond U+FFFF, which fpdf's width table
// cannot index (U+10000 makes it panic), by U+FFFF, which it measures as a
// missing glyph. Such text is refused before it is printed; it only has
// to be measured without a crash on the way.
func bmp(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0xF0 {
			return strings.Map(func(r rune) rune { return min(r, 0xFFFF) }, s)
		}
	}
	return s
}
