package fonts

import "github.com/contrat-local-sante/cls/internal/doc"

// Measurer gives the width of text set in a family, as the PDF writer
// will print it (widths.go): the sum of its characters' widths, read from
// two arrays, which is cheaper than a cache of the words (a map, and a
// lock around it) was. It only reads, so it is safe for concurrent use.
type Measurer struct {
	widths [4]*widths // by faceIndex; nil: a face not read, measured as empty
}

// NewMeasurer returns the family's measurer. Load made it while reading
// the faces, so it is shared by everyone measuring with the family.
func NewMeasurer(f *Family) *Measurer {
	if f.measurer != nil {
		return f.measurer
	}
	return newMeasurer(f) // a family not made by Load: it measures nothing
}

func newMeasurer(f *Family) *Measurer {
	return &Measurer{widths: f.widths}
}

// pointsToMM and the order of the operations in Width are fpdf's, so
// that a width is the very float fpdf's GetStringWidth gives at 100 pt,
// divided by 100: the layout's line breaks and positions, and so the PDF's
// bytes, do not depend on who measured.
const pointsToMM = 72.0 / 25.4

// Width returns the width in mm of s set in style at size points.
func (m *Measurer) Width(s string, style doc.Style, size float64) float64 {
	f := m.widths[faceIndex(style)]
	if f == nil {
		return 0
	}
	return float64(f.measure(s)) * (100 / pointsToMM) / 1000 / 100 * size
}
