package pdfwrite

import (
	"github.com/go-pdf/fpdf"

	"github.com/contrat-local-sante/cls/internal/doc"
	"github.com/contrat-local-sante/cls/internal/fonts"
)

// pen sets fpdf's drawing state — the font, the colours, the line
// width — telling fpdf only of changes. fpdf writes every setting into
// the page, even of the value already set (« BT /F1 10.50 Tf ET » for
// each SetFont), and wraps each word whose colour differs from the fill
// colour in « q 0.098 g … Q »: a word each, which made half the page
// contents. Text is painted with the fill colour, so the pen makes the
// fill colour the text's before drawing text, and fpdf needs no wrap.
//
// What the pen set stays the page's state: fpdf sets it again at the top
// of each page, and the only saved states (q … Q: rotated text, images)
// are opened after it was set, so each Q returns to it.
type pen struct {
	pdf    *fpdf.Fpdf
	family string
	font   setting[fontKey]
	txt    setting[doc.Color] // fpdf's text colour
	fil    setting[doc.Color]
	str    setting[doc.Color]
	width  setting[float64]
}

type fontKey struct {
	style doc.Style
	size  float64
}

// setting is a value last given to fpdf, if any.
type setting[T comparable] struct {
	v  T
	ok bool
}

// change records v and tells whether fpdf must be told of it.
func (s *setting[T]) change(v T) bool {
	if s.ok && s.v == v {
		return false
	}
	s.v, s.ok = v, true
	return true
}

// text sets the font and colour of the text drawn next.
func (p *pen) text(style doc.Style, size float64, c doc.Color) {
	style &= doc.Bold | doc.Italic
	if p.font.change(fontKey{style, size}) {
		p.pdf.SetFont(p.family, fonts.StyleCode(style), size)
	}
	p.fill(c)
	if p.txt.change(c) {
		p.pdf.SetTextColor(int(c.R), int(c.G), int(c.B))
	}
}

// fill sets the colour shapes are filled with.
func (p *pen) fill(c doc.Color) {
	if p.fil.change(c) {
		p.pdf.SetFillColor(int(c.R), int(c.G), int(c.B))
	}
}

// stroke sets the colour and width lines are drawn with.
func (p *pen) stroke(c doc.Color, width float64) {
	if p.str.change(c) {
		p.pdf.SetDrawColor(int(c.R), int(c.G), int(c.B))
	}
	if p.width.change(width) {
		p.pdf.SetLineWidth(width)
	}
}

// paint sets the fill and stroke of a shape and returns fpdf's style
// string for them ("F", "D", "FD"), empty when neither is set.
func (p *pen) paint(fill, stroke *doc.Color, width float64) string {
	style := ""
	if fill != nil {
		p.fill(*fill)
		style += "F"
	}
	if stroke != nil {
		p.stroke(*stroke, width)
		style += "D"
	}
	return style
}
