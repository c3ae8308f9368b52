package pdfwrite

import (
	"github.com/go-pdf/fpdf"

	"github.com/contrat-local-sante/cls/internal/doc"
	"github.com/contrat-local-sante/cls/internal/fonts"
)

// textPen sets the font and colour of the text drawn next, telling fpdf
// only of changes. fpdf writes a font selection (« BT /F1 10.50 Tf ET »)
// into the page for every SetFont, even of the font already set, and
// formats the colour for every SetTextColor: a word each, a fifth of the
// page contents and a third of the drawing's time. The font set stays
// the page's state: fpdf sets it again at the top of each page, and the
// only saved states (q … Q, around rotated or coloured text) are opened
// after it was set, so each Q returns to it.
type textPen struct {
	pdf    *fpdf.Fpdf
	family string
	ok     bool // a font and a colour have been set
	style  doc.Style
	size   float64
	color  doc.Color
}

func (p *textPen) set(style doc.Style, size float64, c doc.Color) {
	style &= doc.Bold | doc.Italic
	if !p.ok || style != p.style || size != p.size {
		p.pdf.SetFont(p.family, fonts.StyleCode(style), size)
	}
	if !p.ok || c != p.color {
		p.pdf.SetTextColor(int(c.R), int(c.G), int(c.B))
	}
	p.ok, p.style, p.size, p.color = true, style, size, c
}
