// Package layout turns a doc.Document into pages of positioned drawing
// items: it breaks text into lines, paginates, repeats table headers, keeps
// headings with what follows, and fills in the sommaire with the pages the
// headings landed on. It draws nothing itself; pdfwrite does.
package layout

import "github.com/contrat-local-sante/cls/internal/doc"

// ptMM converts points to millimetres.
const ptMM = 25.4 / 72

// Geometry is the page format, in millimetres, with the body font size in
// points.
type Geometry struct {
	PageW, PageH             float64
	Top, Bottom, Left, Right float64
	BodySize                 float64
}

// A4 returns portrait A4 with the given margins.
func A4(top, bottom, left, right, body float64) Geometry {
	return Geometry{PageW: 210, PageH: 297, Top: top, Bottom: bottom, Left: left, Right: right, BodySize: body}
}

// Width is the width of the text column.
func (g Geometry) Width() float64 { return g.PageW - g.Left - g.Right }

// bodyBottom is the lowest y that content may reach.
func (g Geometry) bodyBottom() float64 { return g.PageH - g.Bottom }

// Theme holds the colours and sizes of the document's styles.
type Theme struct {
	Text       doc.Color
	Accent     doc.Color // headings, rules
	Muted      doc.Color // header, footer, captions
	TableHead  doc.Color // shaded header cells
	TableLabel doc.Color // shaded label cells
	Border     doc.Color
}

// DefaultTheme is a sober blue theme that stays legible in greyscale.
func DefaultTheme() Theme {
	return Theme{
		Text:       doc.Color{R: 25, G: 25, B: 25},
		Accent:     doc.Color{R: 31, G: 78, B: 121},
		Muted:      doc.Color{R: 90, G: 90, B: 90},
		TableHead:  doc.Color{R: 214, G: 225, B: 238},
		TableLabel: doc.Color{R: 236, G: 241, B: 247},
		Border:     doc.Color{R: 120, G: 120, B: 120},
	}
}

// Measurer measures text widths in mm.
type Measurer interface {
	Width(s string, style doc.Style, size float64) float64
}
