package fonts

import (
	"sync"

	"github.com/go-pdf/fpdf"

	"github.com/contrat-local-sante/cls/internal/doc"
)

// Measurer gives the width of text set in a family. It caches widths per
// style and string at a unit size, since the same words recur throughout a
// contract.
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

// NewMeasurer prepares a measurer for the family.
func NewMeasurer(f *Family) *Measurer {
	p := fpdf.New("P", "mm", "A4", "")
	for _, st := range []doc.Style{0, doc.Bold, doc.Italic, doc.Bold | doc.Italic} {
		p.AddUTF8FontFromBytes(f.Name, StyleCode(st), f.Faces[st])
	}
	return &Measurer{pdf: p, name: f.Name, cache: map[key]float64{}}
}

// Width returns the width in mm of s set in style at size points.
func (m *Measurer) Width(s string, style doc.Style, size float64) float64 {
	m.mu.Lock()
	defer m.mu.Unlock()
	k := key{style & (doc.Bold | doc.Italic), s}
	w, ok := m.cache[k]
	if !ok {
		m.pdf.SetFont(m.name, StyleCode(k.style), 100)
		w = m.pdf.GetStringWidth(s) / 100
		m.cache[k] = w
	}
	return w * size
}
